"""The README's Layout section names what is in the tree, and only that."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Packages whose every module the layout names.
DESCRIBED_MODULES = ("kiosk", "device_probes")


def layout_text() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Layout\n\n```\n", 1)[1].split("```", 1)[0]


def named_paths(layout: str) -> list[Path]:
    """Every path in the layout: a top-level entry, or one indented three spaces under the entry above it
    (lines indented further continue a description)."""
    paths, parent = [], ROOT
    for line in layout.splitlines():
        match = re.match(r"^( {3})?(\S+)", line)
        if not match:
            continue
        name = match.group(2)
        if not match.group(1):
            parent = ROOT / name.rstrip("/")
            paths.append(parent)
        else:
            paths.append(parent / name.rstrip("/"))
    return paths


def test_every_path_in_the_layout_exists():
    missing = [str(path.relative_to(ROOT)) for path in named_paths(layout_text()) if not path.exists()]
    assert missing == []


def test_every_top_level_folder_and_core_module_is_in_the_layout():
    layout = layout_text()
    named = set(named_paths(layout))
    folders = {path for path in ROOT.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    folders |= {ROOT / name for name in ("resources", "build_spec", "tests", "bench", "docs")}
    assert sorted(str(path.relative_to(ROOT)) for path in folders - named) == []
    for package in DESCRIBED_MODULES:
        for module in (ROOT / package).glob("*.py"):
            if module.name not in ("__init__.py", "__main__.py"):
                assert module.name in layout, f"{package}/{module.name} is not in the README's layout"
