"""The layout holds: imports flow down the layers (cli and web over the analyses, the sources and
synth, over the graph), no two modules or packages import each other, no module imports the package
it belongs to, and no module grows past about 400 lines (docs/architecture.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from conftest import ROOT

SRC = ROOT / "src" / "mosaic"
MOST_LINES = 420  # "about 400"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("mosaic", exclude_type_checking_imports=True)


def test_the_import_contracts_are_kept() -> None:
    """import-linter's contracts in pyproject.toml: the layers, and no cycle between siblings at any depth."""
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_no_module_imports_its_own_package_back(graph: grimp.ImportGraph) -> None:
    """A package's __init__ may use its modules; a module that used its package back would close a circle."""
    circles = [(module, package) for module in graph.modules for package in _ancestors(module)
               if graph.direct_import_exists(importer=module, imported=package)]
    assert not circles


def test_no_two_modules_import_each_other(graph: grimp.ImportGraph) -> None:
    pairs = {tuple(sorted((a, b))) for a in graph.modules for b in graph.find_modules_directly_imported_by(a)
             if graph.direct_import_exists(importer=b, imported=a)}
    assert not pairs


def test_no_module_is_over_about_400_lines() -> None:
    long = {str(path.relative_to(SRC)): lines for path in SRC.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES}
    assert not long


def _ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def test_the_behaviour_script_tells_same_from_different(tmp_path: Path) -> None:
    """scripts/same_behaviour.py compare (docs/architecture.md): 0 for the same outputs, 1 otherwise."""
    for side, text in (("before", "same"), ("after", "same"), ("changed", "other")):
        (tmp_path / side / "cli").mkdir(parents=True)
        (tmp_path / side / "cli" / "stats").write_text(text, encoding="utf-8")
    script = [sys.executable, str(ROOT / "scripts" / "same_behaviour.py"), "compare"]
    same = subprocess.run([*script, str(tmp_path / "before"), str(tmp_path / "after")], capture_output=True, text=True)
    assert same.returncode == 0 and "0 differ" in same.stdout
    changed = subprocess.run([*script, str(tmp_path / "before"), str(tmp_path / "changed")], capture_output=True,
                             text=True)
    assert changed.returncode == 1 and "differs: cli/stats" in changed.stdout
