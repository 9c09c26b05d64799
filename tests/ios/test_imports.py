"""Start-up cost and layering: device_probes stays Qt-free and loads the lockdown client late."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_device_probes_never_imports_pyside6():
    # With PySide6 blocked, any import of it raises and the run fails.
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import device_probes.ios, device_probes.ios.devices, device_probes.ios.mapping\n"
        "import device_probes.sim.ios, device_probes.sim.ios.__main__\n"
        "import pymobiledevice3.lockdown, pymobiledevice3.services.diagnostics\n"
        "print('ok')"
    )
    assert run_python(code) == "ok"


def test_importing_the_probe_leaves_the_lockdown_client_unloaded():
    code = (
        "import sys, device_probes.ios\n"
        "print([name for name in ('pymobiledevice3.lockdown', 'pymobiledevice3.services.diagnostics')"
        " if name in sys.modules])"
    )
    assert run_python(code) == "[]"
