"""The core stays Qt-free: kiosk/ and device_probes/ work without PySide6."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ("kiosk", "device_probes")


def imported_modules(path: Path):
    """Modules imported when the file is loaded (a function's lazy import is not)."""
    pending = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pending.extend(ast.iter_child_nodes(node))


def test_no_core_module_imports_qt_or_the_ui():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for package in CORE_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in ("PySide6", "shiboken6", "ui")
    ]
    assert offenders == []


def test_device_probes_does_not_import_the_core():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "device_probes").rglob("*.py")
        if any(module.split(".")[0] == "kiosk" for module in imported_modules(path))
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
