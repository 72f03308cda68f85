"""A load is all or nothing: a broken file anywhere leaves the store exactly as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import DATA, ONTOLOGY, SHAPES, TEST_DATA

from mosaic.errors import LoadError, ShapeViolation
from mosaic.graph.dates import bounds
from mosaic.graph.derived import DERIVED_GRAPH
from mosaic.graph.load import build, load, sources
from mosaic.graph.store import EmbeddedStore


def _snapshot(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store.quads()}


@pytest.fixture
def store(tmp_path: Path, data_dir: Path) -> EmbeddedStore:
    built = EmbeddedStore(tmp_path / "store")
    load(built, data_dir, ONTOLOGY, SHAPES)
    return built


def _add_bad(data_dir: Path, fixture: str) -> Path:
    target = data_dir / f"zz-{fixture}.trig"
    target.write_bytes((TEST_DATA / "bad" / f"{fixture}.trig").read_bytes())
    return target


def test_load_builds_the_graph_with_computed_date_bounds(store: EmbeddedStore) -> None:
    rows = store.select("""SELECT ?earliest ?latest WHERE {
        doc:test-memo mosaic:date [ mosaic:earliest ?earliest ; mosaic:latest ?latest ] }""")
    assert [(str(r["earliest"]), str(r["latest"])) for r in rows] == [("1954-07-01", "1954-12-31")]


def test_an_open_ended_period_has_no_latest_bound(store: EmbeddedStore) -> None:
    rows = store.select("SELECT ?e ?l WHERE { [] org:memberDuring ?t . ?t mosaic:earliest ?e OPTIONAL { ?t mosaic:latest ?l } }")
    assert [(str(r["e"]), r.get("l")) for r in rows] == [("1956-09-01", None)]


def test_a_syntax_error_names_file_and_line_and_changes_nothing(store: EmbeddedStore, data_dir: Path) -> None:
    before = _snapshot(store)
    bad = _add_bad(data_dir, "syntax-error")
    with pytest.raises(LoadError) as error:
        load(store, data_dir, ONTOLOGY, SHAPES)
    assert (error.value.file, error.value.line) == (str(bad), 34)
    assert f"{bad}, line 34" in str(error.value)
    assert _snapshot(store) == before


def test_a_shape_violation_names_node_and_shape_and_changes_nothing(store: EmbeddedStore, data_dir: Path) -> None:
    before = _snapshot(store)
    bad = _add_bad(data_dir, "mission-no-sending-state")
    with pytest.raises(ShapeViolation) as error:
        load(store, data_dir, ONTOLOGY, SHAPES)
    message = str(error.value)
    assert "mission:test-stateless" in message and "shape:MissionShape" in message
    assert "mosaic:sendingState" in message and f"{bad}:34" in message
    assert _snapshot(store) == before


def test_a_graph_that_will_be_refused_has_its_data_written_but_not_its_derived_graph(data_dir: Path) -> None:
    """The derived graph is handed over for writing only once the graph conforms."""
    _add_bad(data_dir, "mission-no-sending-state")
    kept: list[str | None] = []
    report = build(EmbeddedStore.scratch(), sources(data_dir, ONTOLOGY), SHAPES,
                   keep=lambda work, graph: kept.append(graph))
    assert not report.conforms and kept == [None]
    assert build(EmbeddedStore.scratch(), sources(DATA, ONTOLOGY), SHAPES,
                 keep=lambda work, graph: kept.append(graph)).conforms and kept[1:] == [None, DERIVED_GRAPH]


def test_a_store_reopened_from_disk_after_a_failed_load_is_unchanged(tmp_path: Path, data_dir: Path) -> None:
    first = EmbeddedStore(tmp_path / "own")
    load(first, data_dir, ONTOLOGY, SHAPES)
    before = _snapshot(first)
    _add_bad(data_dir, "claim-no-source")
    assert _fails_to_load(first, data_dir) == ShapeViolation
    del first
    gc.collect()  # the engine releases its lock on the directory only when the object is gone
    assert _snapshot(EmbeddedStore(tmp_path / "own")) == before


def _fails_to_load(store: EmbeddedStore, data_dir: Path) -> type[Exception] | None:
    """The error type of a load, caught here so that no traceback keeps the store open."""
    try:
        load(store, data_dir, ONTOLOGY, SHAPES)
    except (LoadError, ShapeViolation) as error:
        return type(error)
    return None


def test_an_unreadable_date_is_a_load_error_with_its_line(store: EmbeddedStore, data_dir: Path) -> None:
    bad = _add_bad(data_dir, "bad-edtf")
    with pytest.raises(LoadError) as error:
        load(store, data_dir, ONTOLOGY, SHAPES)
    assert error.value.file == str(bad) and error.value.line == 34
    assert "'autumn 56' is not a date in EDTF" in str(error.value)


def test_reloading_replaces_rather_than_adds(tmp_path: Path, store: EmbeddedStore, data_dir: Path) -> None:
    count = len(store)
    load(store, data_dir, ONTOLOGY, SHAPES)
    assert len(store) == count
    generations = sorted(p.name for p in (tmp_path / "store").glob("gen-*"))
    assert len(generations) == 2  # the current one and the one before, which readers may still use
    assert (tmp_path / "store" / "current").resolve().name == generations[-1]


def test_the_generation_on_disk_holds_the_graph_checked_in_memory(store: EmbeddedStore, data_dir: Path) -> None:
    """The disk is written by a second thread from the engine's dump of the graph checked in memory:
    the same quads in the same graphs, and every blank time span keeps its bounds beside its value."""
    checked = EmbeddedStore.scratch()
    assert build(checked, sources(data_dir, ONTOLOGY), SHAPES).conforms
    per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    named = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER (!isBlank(?s) && !isBlank(?o)) }"
    assert sorted(map(str, store.select_text(per_graph))) == sorted(map(str, checked.select_text(per_graph)))
    assert sorted(map(str, store.select_text(named))) == sorted(map(str, checked.select_text(named)))
    spans = store.select_text("""SELECT ?value ?earliest ?latest WHERE { GRAPH ?g { ?span mosaic:edtf ?value
        OPTIONAL { ?span mosaic:earliest ?earliest } OPTIONAL { ?span mosaic:latest ?latest } } FILTER (isBlank(?span)) }""")
    assert len(spans) >= 4
    for span in spans:
        expected = tuple(day.isoformat() if day else None for day in bounds(span["value"]))
        assert (span.get("earliest"), span.get("latest")) == expected, span
