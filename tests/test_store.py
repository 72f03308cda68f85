"""The embedded store: updates and loads write a new generation and swap it in whole, or not at all."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import wait_for

from mosaic.errors import QueryError, StoreError
from mosaic.graph.store import Dataset, EmbeddedStore, open_store
from mosaic.web.workers import QueryWorkers

A = ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("1"), ox.NamedNode("urn:g1"))
B = ox.Quad(ox.NamedNode("urn:b"), ox.NamedNode("urn:p"), ox.Literal("2"), ox.NamedNode("urn:g2"))


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    built = EmbeddedStore(tmp_path / "store")
    built.replace([A, B])
    return built


def test_the_default_graph_is_the_union_of_the_named_graphs(store: EmbeddedStore) -> None:
    assert len(store.select("SELECT * WHERE { ?s ?p ?o }")) == 2
    only_g1 = store.results("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "csv", Dataset(default_graphs=("urn:g1",)))
    assert only_g1.decode().splitlines()[1:] == ["urn:a,urn:p,1"]


def test_an_update_is_seen_by_a_reader_opened_before_it(store: EmbeddedStore, tmp_path: Path) -> None:
    reader = EmbeddedStore(tmp_path / "store")
    assert len(reader) == 2
    store.update("INSERT DATA { GRAPH <urn:g3> { <urn:c> <urn:p> 3 } }")
    assert len(reader) == 3  # the reader follows the swap to the new generation


def test_a_failed_update_changes_nothing(store: EmbeddedStore) -> None:
    generation = store.generation
    with pytest.raises(QueryError, match="malformed SPARQL Update"):
        store.update("INSERT DATA { GRAPH <urn:g3> { <urn:c> ")
    assert store.generation == generation and len(store) == 2
    assert [p.name for p in store.root.glob("gen-*")] == [generation]  # type: ignore[union-attr]


def test_writes_keep_at_most_two_generations(store: EmbeddedStore) -> None:
    for number in range(3):
        store.update(f"INSERT DATA {{ GRAPH <urn:g> {{ <urn:x{number}> <urn:p> {number} }} }}")
    assert len(list(store.root.glob("gen-*"))) == 2  # type: ignore[union-attr]
    assert len(store) == 5


def test_opening_a_store_that_was_never_built_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="build it with `mosaic load`"):
        open_store(str(tmp_path / "none"))


def test_writing_graphs_replaces_only_those_graphs(store: EmbeddedStore) -> None:
    c = ox.Quad(ox.NamedNode("urn:c"), ox.NamedNode("urn:p"), ox.Literal("3"), ox.NamedNode("urn:g3"))
    store.write_graphs({"urn:g1": [], "urn:g3": [c]})
    assert {q.graph_name.value for q in store.quads()} == {"urn:g2", "urn:g3"}  # g1 dropped, g2 kept, g3 added


def test_a_store_in_memory_answers_from_its_copy_and_follows_every_change(tmp_path: Path) -> None:
    """Queries read the disk until the in-memory copy is made, then the copy; a change is seen at once."""
    writer = EmbeddedStore(tmp_path / "store")
    writer.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }")
    reader = EmbeddedStore(tmp_path / "store", in_memory=True)
    assert reader.ask("ASK { <urn:a> <urn:b> 1 }")  # from the disk, or the copy if it is already made
    wait_for(reader.in_memory_now)
    assert reader.ask("ASK { <urn:a> <urn:b> 1 }")
    writer.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 2 } }")
    assert not reader.in_memory_now()
    assert reader.ask("ASK { <urn:a> <urn:b> 2 }")  # the new generation, read from disk meanwhile
    wait_for(reader.in_memory_now)
    assert reader.ask("ASK { <urn:a> <urn:b> 2 }") and len(reader) == 2


def test_a_query_worker_says_whether_it_answers_from_memory(store: EmbeddedStore) -> None:
    """What benchmarks wait for before they time queries: a worker with a copy says so once it is made."""
    on_disk, in_memory = QueryWorkers(store.root, 1, 30), QueryWorkers(store.root, 1, 30, in_memory=True)
    try:
        wait_for(lambda: in_memory.call("answers_from_memory"))
        assert not on_disk.call("answers_from_memory")
    finally:
        on_disk.close()
        in_memory.close()


def test_rows_as_text_are_the_rows_with_their_terms_written_plainly(tmp_path: Path) -> None:
    """select_text, which the networks read, gives what str() gives of select's terms, or absent."""
    store = EmbeddedStore(tmp_path / "store")
    date = ox.Literal("1956-08-30", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    store.replace([A, ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:q"), date, ox.NamedNode("urn:g1")),
                   ox.Quad(ox.BlankNode("b1"), ox.NamedNode("urn:p"), ox.Literal("Пак", language="ru"), ox.NamedNode("urn:g1"))])
    query = "SELECT ?s ?p ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?missing } } ORDER BY ?s ?p"
    assert store.select_text(query) == [{name: str(term) for name, term in row.items()} for row in store.select(query)]
    assert {"s": "urn:a", "p": "urn:q", "o": "1956-08-30"} in store.select_text(query)
