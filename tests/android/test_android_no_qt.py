"""device_probes must work without Qt: the CLI and the core use it headless."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_android_probe_and_simulator_import_without_pyside6():
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import device_probes.android, device_probes.sim.android, device_probes.sim.android.__main__\n"
        "assert not [name for name in sys.modules if name.startswith('PySide6') and sys.modules[name]]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=REPO)
