"""Start-up cost: the iPhone probe loads the lockdown client late (DESIGN §3)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_probe_leaves_the_lockdown_client_unloaded():
    code = (
        "import sys, device_probes.ios\n"
        "print([name for name in ('pymobiledevice3.lockdown', 'pymobiledevice3.services.diagnostics')"
        " if name in sys.modules])"
    )
    assert run_python(code) == "[]"
