"""A load keeps its snapshots beside the new generation, and readers make their in-memory copy from them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from conftest import ONTOLOGY, SHAPES, wait_for

from mosaic.graph.derived import DERIVED_GRAPH
from mosaic.graph.load import load
from mosaic.graph.store import EmbeddedStore
from mosaic.graph.store.merge import is_named
from mosaic.graph.store.snapshots import load_snapshot

PLANTED = b'<urn:planted> <urn:p> "only in the snapshot" <urn:g> .\n'
PLANTED_TRIPLE = b'<urn:planted> <urn:p> "only in the snapshot" .\n'


def _loaded(tmp_path: Path, data_dir: Path) -> tuple[EmbeddedStore, Path]:
    store = EmbeddedStore(tmp_path / "store")
    load(store, data_dir, ONTOLOGY, SHAPES)
    assert store.generation is not None
    return store, tmp_path / "store" / ("snapshot-" + store.generation.removeprefix("gen-"))


def _unlabelled(quads: Iterable[ox.Quad]) -> list[str]:
    """The quads with every blank node written as [], to compare copies whose blank nodes were relabelled."""
    return sorted(" ".join("[]" if isinstance(term, ox.BlankNode) else str(term) for term in quad) for quad in quads)


def _copy_of(root: Path) -> EmbeddedStore:
    reader = EmbeddedStore(root, in_memory=True)
    reader.ask("ASK {}")  # starts the copy
    wait_for(reader.in_memory_now)
    return reader


def test_a_load_keeps_the_snapshots_the_readers_copy_is_made_from(tmp_path: Path, data_dir: Path) -> None:
    store, folder = _loaded(tmp_path, data_dir)
    parts = json.loads((folder / "manifest.json").read_text())
    # the merge of the data's named graphs, then the derived graph: both into the copy's default graph
    assert [(part["graph"], part["default"]) for part in parts] == [(None, True), (DERIVED_GRAPH, True)]
    copy = ox.Store()
    assert load_snapshot(folder, copy)
    assert not any(filter(is_named, copy)), "the copy holds the merge alone"
    merged = EmbeddedStore(None, copy)
    assert merged.select("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == \
        store.select("SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }")
    with open(folder / parts[0]["file"], "ab") as planted:  # a mark only the snapshot has
        planted.write(PLANTED_TRIPLE)
    reader = _copy_of(tmp_path / "store")
    assert reader.ask("ASK { <urn:planted> ?p ?o }"), "queries without named graphs read the copy"
    assert not reader.ask("ASK { GRAPH ?g { ?s ?p ?o } FILTER (?s = <urn:planted>) }"), "GRAPH reads the disk"
    assert not store.ask("ASK { <urn:planted> ?p ?o }")


def test_an_unsealed_snapshot_is_never_read(tmp_path: Path, data_dir: Path) -> None:
    """A snapshot whose manifest was never written (a killed load) is ignored: the copy is read from the store."""
    store, folder = _loaded(tmp_path, data_dir)
    parts = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").unlink()
    with open(folder / parts[0]["file"], "ab") as planted:
        planted.write(PLANTED)
    copy = _copy_of(tmp_path / "store")
    assert not copy.ask("ASK { GRAPH ?g { <urn:planted> ?p ?o } }") and len(copy) == len(store)


def test_a_generation_changed_by_an_update_has_no_snapshot(tmp_path: Path, data_dir: Path) -> None:
    store, _ = _loaded(tmp_path, data_dir)
    store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    assert store.generation is not None
    assert not (tmp_path / "store" / ("snapshot-" + store.generation.removeprefix("gen-"))).exists()
    assert _copy_of(tmp_path / "store").ask("ASK { <urn:a> <urn:b> <urn:c> }")


def test_snapshots_go_with_their_generations(tmp_path: Path, data_dir: Path) -> None:
    for _ in range(3):
        _loaded(tmp_path, data_dir)
    root = tmp_path / "store"
    generations = sorted(p.name.removeprefix("gen-") for p in root.glob("gen-*"))
    assert sorted(p.name.removeprefix("snapshot-") for p in root.glob("snapshot-*")) == generations
    assert len(generations) == 2


def test_a_draft_written_otherwise_than_by_snapshots_keeps_none(tmp_path: Path, data_dir: Path) -> None:
    """A snapshot must tell the whole generation: a fresh draft also written by other means keeps none."""
    store = EmbeddedStore(tmp_path / "store")
    with store.draft(fresh=True) as draft:
        draft.load_file(data_dir / "base.trig", "urn:test:file")
    assert store.generation is not None
    assert not (tmp_path / "store" / ("snapshot-" + store.generation.removeprefix("gen-"))).exists()
    assert _copy_of(tmp_path / "store").ask("ASK { GRAPH <urn:test:file> { ?s ?p ?o } }")
