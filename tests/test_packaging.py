"""Mosaic as a user installs it: a wheel built from this checkout, installed into a fresh virtualenv
outside it, builds the curated graph and answers a query; and a build from nothing fails loudly.

The wheel is built offline (no build isolation, with the setuptools of the test dependencies) from a
copy of the checkout, so that no stale build/ folder of the checkout slips old files into it. The
fresh virtualenv gets only the wheel; the dependencies come from this one's site-packages through a
.pth file, which adds the folder but not the editable install's own .pth (so the checkout stays out).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

from mosaic.graph.load import load
from mosaic.graph.store import EmbeddedStore

NAMES = "SELECT ?name WHERE { person:kim-il-sung skos:prefLabel ?name } ORDER BY ?name"
NOT_SHIPPED = shutil.ignore_patterns(".git", ".venv", ".mosaic", "build", "dist", "*.egg-info", "__pycache__",
                                     ".pytest_cache", "tests", "bench", "docs")


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def _build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SHIPPED)
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w",
                tmp_path / "dist", source, cwd=tmp_path)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return next((tmp_path / "dist").glob("mosaic-*.whl"))


def _fresh_venv(tmp_path: Path, wheel: Path) -> Path:
    """A new virtualenv holding the wheel, and this one's dependencies (not its editable Mosaic)."""
    venv = tmp_path / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=tmp_path).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel,
                    cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return venv


@dataclass(frozen=True)
class Installed:
    """A fresh virtualenv holding the wheel, a working folder outside the checkout, an environment with
    no MOSAIC_* setting (nothing points the installed Mosaic back at the checkout), and the copy of the
    checkout the wheel was built from."""

    venv: Path
    work: Path
    env: dict[str, str]
    source: Path

    def mosaic(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run(self.venv / "bin" / "mosaic", *args, cwd=self.work, env=self.env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp_path = tmp_path_factory.mktemp("wheel")
    venv = _fresh_venv(tmp_path, _build_wheel(tmp_path))
    (tmp_path / "work").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOSAIC_", "PYTHON", "VIRTUAL_ENV"))}
    return Installed(venv, tmp_path / "work", env, tmp_path / "source")


@pytest.fixture(scope="module")
def shipped_graph(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    """The graph this checkout's Mosaic builds from the files the wheel was built from (not from data/
    itself, which may have changed since the copy was made)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("shipped") / "store")
    load(store, *(installed.source / folder for folder in ("data", "ontology", "shapes")))
    return store


def test_the_installed_package_is_the_wheel_with_the_curated_graph_inside(installed: Installed) -> None:
    where = run(installed.venv / "bin" / "python", "-c", "import mosaic.settings as s; print(s.__file__); "
                "print(s.get('data')); print(s.get('shapes'))", cwd=installed.work, env=installed.env)
    assert where.returncode == 0, where.stderr
    module, data, shapes = where.stdout.split()
    assert all(Path(p).is_relative_to(installed.venv) for p in (module, data, shapes)), where.stdout
    shipped = sorted(p.name for p in (installed.source / "data").glob("*.trig"))
    assert sorted(p.name for p in Path(data).glob("*.trig")) == shipped and len(shipped) >= 5


def test_an_installed_mosaic_loads_the_curated_graph_and_answers(installed: Installed,
                                                                 shipped_graph: EmbeddedStore) -> None:
    loaded = installed.mosaic("load")
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert f"Loaded {len(shipped_graph)} quads" in loaded.stdout and len(shipped_graph) > 5000, loaded.stdout
    assert (installed.work / ".mosaic" / "store" / "current").exists()
    answer = installed.mosaic("query", NAMES, "--format", "json")
    assert answer.returncode == 0, answer.stderr
    names = [row["name"]["value"] for row in json.loads(answer.stdout)["results"]["bindings"]]
    assert names == [str(row["name"]) for row in shipped_graph.select(NAMES)] and names
    checked = installed.mosaic("validate")
    assert checked.returncode == 0 and "Conforms" in checked.stdout, checked.stdout[-2000:]


def test_pyproject_lists_every_folder_of_the_package() -> None:
    """The packages are listed by hand (to map data/ … into the package): a new subpackage must be added."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    package = ROOT / "src" / "mosaic"
    folders = {"mosaic." + ".".join(folder.relative_to(package).parts) for folder in package.rglob("*")
               if folder.is_dir() and folder.name != "__pycache__" and any(f.is_file() for f in folder.iterdir())}
    assert folders | {"mosaic"} <= listed
    assert listed - folders - {"mosaic"} == {"mosaic.data", "mosaic.ontology", "mosaic.shapes", "mosaic.rules"}


def mosaic(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, "-m", "mosaic", *args, cwd=tmp_path)


@pytest.mark.parametrize("command", ["load", "validate"])
@pytest.mark.parametrize("folder", ["empty", "missing"])
def test_nothing_to_build_from_is_an_error_that_names_the_folder(tmp_path: Path, command: str, folder: str) -> None:
    data = tmp_path / "data"
    if folder == "empty":
        data.mkdir()
    store = ["--store", tmp_path / "store"] if command == "load" else []
    result = mosaic(tmp_path, command, "--data", data, *store)
    assert result.returncode == 2, result.stdout + result.stderr
    state = "holds no *.trig files" if folder == "empty" else "does not exist"
    assert f"{data}: nothing to " in result.stderr and f"the data folder {state}" in result.stderr, result.stderr
    assert "Loaded" not in result.stdout and "Conforms" not in result.stdout
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("command", ["load", "validate", "validate --store"])
def test_no_shapes_is_an_error(tmp_path: Path, store_path: Path, command: str) -> None:
    (tmp_path / "shapes").mkdir()
    store = {"load": ["--store", tmp_path / "store"], "validate": [], "validate --store": ["--store", store_path]}
    result = mosaic(tmp_path, command.split()[0], "--shapes", tmp_path / "shapes", *store[command])
    assert result.returncode == 2, result.stdout + result.stderr
    assert "the shapes folder holds no *.ttl files" in result.stderr and "$MOSAIC_SHAPES" in result.stderr
