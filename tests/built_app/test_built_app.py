"""The built program, not only the source: build with PyInstaller, then run what a shop runs.

Every run must leave stderr empty: a frozen app that misses a file or a module
usually still starts, and says so only there. The build takes about half a
minute, so it runs with the rest of the suite. (This folder is not called
"build": pytest does not look into folders of that name.)
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from device_probes.sim.phones import SimulatedPhones

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 600
RUN_TIMEOUT_S = 120
#: Parts of Qt the app never uses, which a careless spec or a new dependency would drag in.
UNUSED_QT_LIBRARIES = ("Qml", "Quick", "WebEngine", "Multimedia", "Pdf", "3D", "Designer")


@pytest.fixture(scope="module")
def bundle():
    """The one-folder build, made once for this module and removed after it (it is ~200 MB)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-build-") as folder:
        dist, work = Path(folder) / "dist", Path(folder) / "work"
        done = subprocess.run([sys.executable, "build_spec/build.py", "--dist", str(dist), "--work", str(work)],
                              cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
        assert done.returncode == 0, f"the build failed:\n{done.stdout}\n{done.stderr}"
        yield dist / "kiosk"


def run_built(bundle: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the built program away from the checkout, so it can only use what the bundle holds."""
    environment = {name: value for name, value in (env or os.environ).items()
                   if name not in ("QT_QPA_PLATFORM", "PYTHONPATH")}
    with tempfile.TemporaryDirectory(prefix="kiosk-run-") as elsewhere:
        environment["KIOSK_DATA_DIR"] = elsewhere
        done = subprocess.run([str(bundle / "kiosk"), *arguments], cwd=elsewhere, env=environment,
                              capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert done.stderr.splitlines() == [], f"unexpected stderr from kiosk {' '.join(arguments)}:\n{done.stderr}"
    assert done.returncode == 0
    return done


def test_the_built_app_passes_its_selftest(bundle):
    done = run_built(bundle, "selftest")
    assert done.stdout.startswith("kiosk selftest: passed in ")


def test_the_built_app_prints_its_help(bundle):
    done = run_built(bundle, "--help")
    assert "selftest" in done.stdout


def test_the_built_app_reads_both_kinds_of_phone(bundle):
    with SimulatedPhones() as phones:
        serials = {phones.plug("ios", "iphone_se3_findmy_off"), phones.plug("android", "pixel8_frp")}
        done = run_built(bundle, "probe", "--json", env=os.environ | phones.env)
    read = {facts["serial"]: facts for facts in json.loads(done.stdout)}
    assert set(read) == serials
    assert {facts["state"] for facts in read.values()} == {"ready"}
    # The iPhone's battery comes from the diagnostics service, loaded only on first use.
    assert all(facts["imei"] and facts["battery"] for facts in read.values())


def test_the_bundle_holds_the_data_at_package_paths_and_no_unused_qt(bundle):
    internal = bundle / "_internal"
    for data in ("resources/policy.json", "resources/carriers.json", "resources/style.qss",
                 "resources/translations/kiosk_ja.qm", "device_probes/sim/ios/profiles/iphone15_dual_sim.json",
                 "device_probes/sim/android/profiles/galaxy_s21.json", "pymobiledevice3/resources/notifications.txt"):
        assert (internal / data).is_file(), data
    assert os.access(internal / "adbutils" / "binaries" / ("adb.exe" if sys.platform == "win32" else "adb"), os.X_OK)
    qt_modules = {path.name.split(".")[0] for path in (internal / "PySide6").glob("Qt*.*")}
    assert qt_modules == {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}
    qt_libraries = [path.name for path in (internal / "PySide6" / "Qt" / "lib").iterdir()]
    assert not [name for name in qt_libraries if any(unused in name for unused in UNUSED_QT_LIBRARIES)]
    assert not (internal / "numpy").exists()
