"""The core stays Qt-free: kiosk/ and device_probes/ work without PySide6, and never name the GUI."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ("kiosk", "device_probes")


FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "ui", "intake_kiosk")


def imported_modules(source: str):
    """Every module the source imports anywhere: at the top, in a function, in a class, under an ``if``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def imports_of(path: Path):
    return imported_modules(path.read_text(encoding="utf-8"))


def test_an_import_inside_a_function_counts():
    source = "def run_gui():\n    if True:\n        from ui.app import run\n\nclass A:\n    def f(self):\n        import PySide6.QtCore\n"
    assert set(imported_modules(source)) == {"ui.app", "PySide6.QtCore"}


def test_no_core_module_imports_qt_or_the_ui():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for package in CORE_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        for module in imports_of(path)
        if module.split(".")[0] in FORBIDDEN_IN_CORE
    ]
    assert offenders == []


def test_device_probes_does_not_import_the_core():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "device_probes").rglob("*.py")
        if any(module.split(".")[0] == "kiosk" for module in imports_of(path))
    ]
    assert offenders == []


def test_core_imports_with_pyside6_unavailable():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for package in CORE_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if path.name != "__main__.py"
    )
    script = "import sys, importlib\nsys.modules['PySide6'] = None\n" + "".join(
        f"importlib.import_module({name.removesuffix('.__init__')!r})\n" for name in modules
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
