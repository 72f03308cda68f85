"""The derived graph kept beside the data: the who-reported-on-whom tally equals counting at query
time, after a load, an import and an update through the endpoint; and a change made in a draft is
all or nothing."""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import claimed, running_server

from mosaic.errors import QueryError
from mosaic.graph.derived import DERIVED_GRAPH, TALLY, derive, refresh
from mosaic.graph.load import add
from mosaic.graph.store import EmbeddedStore, Store
from mosaic.graph.vocab import MOSAIC, PREFIXES

COUNTED = """
SELECT ?reporter ?subject (COUNT(DISTINCT ?record) AS ?records) WHERE {
  { ?record rico:hasAuthor ?reporter ; rico:hasOrHadSubject ?subject . }
  UNION { ?report mosaic:inDocument ?record ; mosaic:reporter ?reporter ; mosaic:about ?subject . }
} GROUP BY ?reporter ?subject"""
TALLIED = """
SELECT ?reporter ?subject ?records WHERE {
  ?tally mosaic:tallyReporter ?reporter ; mosaic:tallySubject ?subject ; mosaic:recordCount ?records .
}"""
TOKEN = "derived-test-token"
SOVIET_EMBASSY = "https://w3id.org/mosaic/id/mission/ussr-embassy-pyongyang"
NEW_RECORD = "https://w3id.org/mosaic/id/document/test-derived-report"
NEW_SUBJECT = "https://w3id.org/mosaic/id/person/kim-il-sung"


def update(store: Store, sparql: str) -> None:
    """A change made as the store's writers make one, without the shapes: the data, then the derived graph."""
    with store.draft() as draft:
        draft.update(sparql)
        refresh(draft)


def pairs(store: Store, query: str) -> dict[tuple[str, str], int]:
    return {(str(r["reporter"]), str(r["subject"])): int(r["records"]) for r in store.select(query)}


@pytest.fixture
def own_store(store_path: Path, tmp_path: Path) -> EmbeddedStore:
    copy = tmp_path / "store"
    shutil.copytree(store_path, copy, symlinks=True)
    return EmbeddedStore(copy)


def test_the_tally_equals_counting_at_query_time(loaded_store: Store) -> None:
    tallied = pairs(loaded_store, TALLIED)
    assert len(tallied) > 20
    assert tallied == pairs(loaded_store, COUNTED)
    assert "GROUP BY" in TALLY


def test_the_tally_follows_an_import(own_store: EmbeddedStore) -> None:
    before = pairs(own_store, TALLIED).get((SOVIET_EMBASSY, NEW_SUBJECT), 0)
    claim = "https://w3id.org/mosaic/id/claim/test-derived-import"
    record = ox.NamedNode(NEW_RECORD)
    rico = "https://www.ica.org/standards/RiC/ontology#"
    graph = ox.NamedNode(claim)
    quads = [ox.Quad(record, ox.NamedNode(rico + "hasAuthor"), ox.NamedNode(SOVIET_EMBASSY), graph),
             ox.Quad(record, ox.NamedNode(rico + "hasOrHadSubject"), ox.NamedNode(NEW_SUBJECT), graph)]
    quads += _claim_description(own_store, claim)
    add(own_store, {claim: quads}, Path("shapes"))
    assert pairs(own_store, TALLIED)[(SOVIET_EMBASSY, NEW_SUBJECT)] == before + 1
    assert pairs(own_store, TALLIED) == pairs(own_store, COUNTED)


def _claim_description(store: Store, claim: str) -> list[ox.Quad]:
    """A claim described like an existing one (same source and kind of statement), in its own graph."""
    row = store.select("SELECT ?source WHERE { ?c a mosaic:Claim ; prov:wasDerivedFrom ?source } LIMIT 1")[0]
    graph, node = ox.NamedNode(claim), ox.NamedNode(claim)
    return [ox.Quad(node, ox.NamedNode(str(MOSAIC.locator)), ox.Literal("l.1"), graph),
            ox.Quad(node, ox.NamedNode(str(MOSAIC.evidence)), ox.NamedNode(PREFIXES["evidence"] + "stated"), graph),
            ox.Quad(node, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), ox.NamedNode(str(row["source"])),
                    graph)]


def test_the_tally_follows_an_update_through_the_endpoint(own_store: EmbeddedStore) -> None:
    assert own_store.root is not None
    before = pairs(own_store, TALLIED).get((SOVIET_EMBASSY, NEW_SUBJECT), 0)
    update = claimed(f'<{NEW_RECORD}> a rico:Record ; dcterms:title "A test report"@en ; '
                     f"rico:hasAuthor <{SOVIET_EMBASSY}> ; rico:hasOrHadSubject <{NEW_SUBJECT}>", "test-derived")
    with running_server(own_store.root, update_token=TOKEN) as base:
        request = urllib.request.Request(base + "/sparql", data=update.encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/sparql-update",
                                                  "Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request) as response:
            assert response.status in (200, 204)
    assert pairs(own_store, TALLIED)[(SOVIET_EMBASSY, NEW_SUBJECT)] == before + 1
    assert pairs(own_store, TALLIED) == pairs(own_store, COUNTED)


@pytest.mark.parametrize("on_disk", [True, False], ids=["on disk", "in memory"])
def test_a_draft_that_fails_changes_nothing(tmp_path: Path, on_disk: bool) -> None:
    store = EmbeddedStore(tmp_path / "store" if on_disk else None)
    store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    generation = store.generation
    with pytest.raises(QueryError):
        with store.draft() as draft:
            draft.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:d> } }")
            draft.update("this is not SPARQL")
    assert {q.object.value for q in store.quads()} == {"urn:c"}
    assert store.generation == generation
    with store.draft() as draft:
        draft.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:d> } }")
    assert {q.object.value for q in store.quads()} == {"urn:c", "urn:d"}


def test_the_tally_ranks_the_busiest_pairs_as_ordering_the_count_would(loaded_store: Store) -> None:
    ordered = loaded_store.select(COUNTED + " ORDER BY DESC(?records) ?reporter ?subject LIMIT 15")
    ranked = loaded_store.select("""SELECT ?reporter ?subject ?records WHERE {
        ?tally mosaic:tallyRank ?rank ; mosaic:tallyReporter ?reporter ; mosaic:tallySubject ?subject ;
               mosaic:recordCount ?records . FILTER (?rank <= 15) } ORDER BY ?rank""")
    assert [tuple(map(str, r.values())) for r in ranked] == [tuple(map(str, r.values())) for r in ordered]
    assert int(ranked[0]["records"]) > int(ranked[-1]["records"])


def test_the_derived_graph_is_about_named_things_only(own_store: EmbeddedStore) -> None:
    """The engine relabels blank nodes as it loads the derived graph, so nothing derived may point at a
    blank node of the data: a record or a subject with no IRI gets no judgement and no tally."""
    update(own_store, f"""INSERT DATA {{ GRAPH <urn:test:blank> {{
        _:record a rico:Record ; rico:hasAuthor <{SOVIET_EMBASSY}> ; rico:hasOrHadSubject <{NEW_SUBJECT}>, _:person .
        <{NEW_RECORD}> a rico:Record ; rico:hasAuthor <{SOVIET_EMBASSY}> ; rico:hasOrHadSubject _:person . }} }}""")
    assert own_store.ask(f"ASK {{ <{NEW_RECORD}> mosaic:firstHand ?judged }}")  # the named record is judged
    assert not own_store.ask(f"ASK {{ GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} FILTER (isBlank(?s) || isBlank(?o)) }}")
    named = {pair: n for pair, n in pairs(own_store, COUNTED).items() if all(p.startswith("https://") for p in pair)}
    assert pairs(own_store, TALLIED) == named


def test_the_derived_graph_does_not_feed_the_rules(own_store: EmbeddedStore) -> None:
    """A change derives while the old derived graph is still in the draft: the rules must read the data only."""
    data_only = EmbeddedStore.scratch()
    data_only.bulk_add(q for q in own_store.quads() if q.graph_name.value != DERIVED_GRAPH)  # type: ignore[union-attr]
    assert len(data_only) < len(own_store)
    assert set(derive(data_only).splitlines()) == set(derive(own_store).splitlines())


def test_a_change_rewrites_only_what_it_changed_and_ends_as_a_full_derivation(own_store: EmbeddedStore,
                                                                              tmp_path: Path) -> None:
    """After an update, which writes the difference between the old derived graph and the new, the
    derived graph is exactly what deriving from scratch gives."""
    update(own_store, f"""INSERT DATA {{ GRAPH <urn:test:change> {{
        <{NEW_RECORD}> a rico:Record ; rico:hasAuthor <{SOVIET_EMBASSY}> ; rico:hasOrHadSubject <{NEW_SUBJECT}> . }} }}""")
    derived = own_store.snapshot(tmp_path / "derived.nt", DERIVED_GRAPH).path.read_bytes()
    assert set(derived.splitlines()) == set(derive(own_store).splitlines())
    assert pairs(own_store, TALLIED) == pairs(own_store, COUNTED)


def test_a_literal_that_looks_like_a_blank_node_does_not_make_a_change_rewrite_everything(
        own_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a stale statement with a real blank node makes a change rewrite the whole derived graph."""
    with own_store.draft() as draft:
        draft.update(f"INSERT DATA {{ GRAPH <{DERIVED_GRAPH}> {{ <urn:test:s> <urn:test:p> \"no _:blank here\" }} }}")

    def rewrite_all(self: EmbeddedStore, graphs: object) -> None:
        raise AssertionError("the whole derived graph was rewritten")

    monkeypatch.setattr(EmbeddedStore, "write_graphs", rewrite_all)
    update(own_store, f"INSERT DATA {{ GRAPH <urn:test:change> {{ <{NEW_RECORD}> a rico:Record }} }}")
    assert not own_store.ask(f"ASK {{ GRAPH <{DERIVED_GRAPH}> {{ <urn:test:s> ?p ?o }} }}")  # stale, so deleted


def test_changes_in_a_row_each_find_the_generation_before_whole(own_store: EmbeddedStore) -> None:
    """A draft's writer is closed before its generation becomes current, even if the caller keeps the
    draft: left open, it went on compacting and deleted files the next reader of the generation needed."""
    before = len(own_store)
    for number in range(1, 4):
        with own_store.draft() as draft:  # ``draft`` outlives the block, as a caller's variable does
            draft.update(f"INSERT DATA {{ GRAPH <urn:test:g> {{ <urn:test:s> <urn:test:p> {number} }} }}")
        assert len(own_store) == before + number
