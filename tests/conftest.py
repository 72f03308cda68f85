"""Shared fixtures: the project's folders, and a store loaded once from the real curated data."""

from __future__ import annotations

from pathlib import Path

import pytest

from mosaic.load import load
from mosaic.store import EmbeddedStore, Store

ROOT = Path(__file__).resolve().parents[1]
DATA, ONTOLOGY, SHAPES = ROOT / "data", ROOT / "ontology", ROOT / "shapes"
TEST_DATA = ROOT / "tests" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """An on-disk store built from data/ exactly as `mosaic load` builds it."""
    store = EmbeddedStore(tmp_path_factory.mktemp("store") / "store")
    load(store, DATA, ONTOLOGY, SHAPES)
    return store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding the conforming base graph of tests/data/good."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "base.trig").write_bytes((TEST_DATA / "good" / "base.trig").read_bytes())
    return folder
