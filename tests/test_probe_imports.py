"""`kiosk probe` loads only what the attached phones need (issue: a whole probe process was mostly imports)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from device_probes.sim.android import AndroidSimulator
from device_probes.sim.ios import IosSimulator

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("kiosk.ledger", "kiosk.grading", "kiosk.export", "kiosk.counter", "adbutils", "pymobiledevice3", "PySide6")
PROBE_AND_REPORT_MODULES = (
    "import json, sys\n"
    "from kiosk.cli import main\n"
    "status = main(['probe', '--json'])\n"
    "print(json.dumps({'status': status, 'loaded': sorted({name for name in sys.modules"
    f" if name in {HEAVY!r} or name.split('.')[0] in {HEAVY!r}}})}}), file=sys.stderr)\n"
)


def loaded_by_probe(env: dict[str, str]) -> tuple[list[dict], dict]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE_AND_REPORT_MODULES], env={**os.environ, **env},
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["status"] == 0, done.stderr
    return json.loads(done.stdout), {name.split(".")[0] if name.split(".")[0] != "kiosk" else name
                                     for name in report["loaded"]}


def test_importing_the_command_line_loads_no_ledger_grading_export_or_phone_library():
    code = f"import sys, kiosk.cli; print(sorted(n for n in sys.modules if n in {HEAVY!r} or n.split('.')[0] in {HEAVY!r}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


@pytest.fixture(scope="module")
def android_only():
    with IosSimulator() as ios, AndroidSimulator() as android:
        android.plug("pixel8_frp")
        yield {**ios.env, **android.env}


@pytest.fixture(scope="module")
def iphone_only():
    with IosSimulator() as ios, AndroidSimulator() as android:
        ios.plug("iphone_se3_findmy_off")
        yield {**ios.env, **android.env}


def test_an_android_phone_alone_loads_neither_pymobiledevice3_nor_adbutils(android_only, tmp_path):
    phones, loaded = loaded_by_probe({**android_only, "KIOSK_DATA_DIR": str(tmp_path)})
    assert [facts["model_code"] for facts in phones] == ["Pixel 8"]
    assert loaded == set()


def test_an_iphone_alone_loads_pymobiledevice3_but_not_adbutils(iphone_only, tmp_path):
    phones, loaded = loaded_by_probe({**iphone_only, "KIOSK_DATA_DIR": str(tmp_path)})
    assert [facts["model_code"] for facts in phones] == ["iPhone14,6"]
    assert loaded == {"pymobiledevice3"}


PROBE_THEN_USE_THE_DEFERRED_MODULES = (
    "import json, os, sys\n"
    "from kiosk.cli import main\n"
    "finders_before = list(sys.meta_path)\n"
    "status = main(['probe', '--json'])\n"
    "def lazy(): return sorted(name for name in ('psutil', 'requests') if type(sys.modules[name]).__name__ != 'module')\n"
    "report = {'status': status, 'lazy_after_probe': lazy(), 'finders_restored': sys.meta_path == finders_before}\n"
    "psutil, requests = sys.modules['psutil'], sys.modules['requests']  # no import statement: it would load them\n"
    "report['used'] = {'psutil': psutil.Process().pid == os.getpid(), 'requests': requests.Session.__name__,\n"
    "                  'requests.adapters': type(requests.adapters.HTTPAdapter()).__name__}\n"
    "report['lazy_after_use'] = lazy()\n"
    "print(json.dumps(report), file=sys.stderr)\n"
)


def test_an_iphone_probe_leaves_requests_and_psutil_to_load_on_first_use(iphone_only, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE_THEN_USE_THE_DEFERRED_MODULES],
        env={**os.environ, **iphone_only, "KIOSK_DATA_DIR": str(tmp_path)},
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    [facts] = json.loads(done.stdout)
    assert report["status"] == 0, done.stderr
    # The lockdown session and both services the probe starts worked as usual.
    assert facts["state"] == "ready" and facts["battery"] and facts["managed"]["state"] != "unknown"
    assert report["lazy_after_probe"] == ["psutil", "requests"]
    assert report["finders_restored"]
    assert report["used"] == {"psutil": True, "requests": "Session", "requests.adapters": "HTTPAdapter"}
    assert report["lazy_after_use"] == []
