"""The dataset a query reads: the default graph is the merge of the claim graphs (a set: each statement
once, whichever claims make it), GRAPH keeps the provenance, and FROM, FROM NAMED and the protocol's
dataset parameters name exactly the graphs they name (SPARQL 1.1 Query section 13, Protocol 2.1.4)."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, running_server

from mosaic.graph.derived import DERIVED_GRAPH
from mosaic.graph.load import load
from mosaic.graph.store import EmbeddedStore, Store
from mosaic.synth import synthesize

COUNT = "SELECT (COUNT(*) AS ?n) {where} WHERE {{ ?s ?p ?o }}"
DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"
README_QUERIES = re.findall(r"```sparql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
TWICE = """INSERT DATA { GRAPH <urn:claim:1> { <urn:x> <urn:p> "v" . <urn:x> <urn:q> "only one" }
                         GRAPH <urn:claim:2> { <urn:x> <urn:p> "v" } }"""


def _count(store: Store, query: str) -> int:
    return int(store.select(query)[0]["n"])


@pytest.fixture
def two_claims() -> EmbeddedStore:
    """A store where two claims state the same statement."""
    store = EmbeddedStore(None)
    store.update(TWICE)
    return store


def test_the_curated_default_graph_holds_each_statement_once(loaded_store: Store) -> None:
    counted = _count(loaded_store, COUNT.format(where=""))
    assert counted == _count(loaded_store, DISTINCT)
    bag = _count(loaded_store, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert bag > counted, "some statements are made by several claims: the test would prove nothing otherwise"


def test_a_generated_archive_default_graph_holds_each_statement_once(tmp_path: Path) -> None:
    data = tmp_path / "synth.nq"
    data.write_bytes(ox.serialize(synthesize(100_000, 1), format=ox.RdfFormat.N_QUADS))
    store = EmbeddedStore(tmp_path / "store")
    load(store, data, ROOT / "ontology", ROOT / "shapes")
    assert _count(store, COUNT.format(where="")) == _count(store, DISTINCT) > 100_000


@pytest.mark.parametrize("query", README_QUERIES, ids=[f"query{i}" for i in range(len(README_QUERIES))])
def test_the_readme_queries_give_no_duplicate_rows(loaded_store: Store, query: str) -> None:
    rows = [tuple(sorted(row.items())) for row in loaded_store.select(query)]
    assert rows and len(rows) == len(set(rows))


def test_a_statement_two_claims_make_is_seen_once_and_graph_finds_both(two_claims: EmbeddedStore) -> None:
    assert _count(two_claims, "SELECT (COUNT(*) AS ?n) { <urn:x> <urn:p> ?o }") == 1
    assert {str(r["g"]) for r in two_claims.select("SELECT ?g { GRAPH ?g { <urn:x> <urn:p> ?o } }")} == \
        {"urn:claim:1", "urn:claim:2"}


def test_the_merge_follows_deletions_from_one_claim_then_the_other(two_claims: EmbeddedStore) -> None:
    two_claims.update('DELETE DATA { GRAPH <urn:claim:1> { <urn:x> <urn:p> "v" } }', graphs=["urn:claim:1"])
    assert two_claims.ask('ASK { <urn:x> <urn:p> "v" }'), "claim 2 still makes it"
    two_claims.update('DELETE DATA { GRAPH <urn:claim:2> { <urn:x> <urn:p> "v" } }')  # graphs unknown
    assert not two_claims.ask('ASK { <urn:x> <urn:p> "v" }')
    two_claims.write_graphs({"urn:claim:1": []})
    assert not two_claims.ask("ASK { <urn:x> ?p ?o }") and len(two_claims) == 0


def test_a_draft_on_disk_keeps_the_merge_through_every_kind_of_write(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.update(TWICE)
    store.write_graphs({"urn:claim:3": [ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.Literal("v"),
                                                ox.NamedNode("urn:claim:3"))]})
    store.update("DROP GRAPH <urn:claim:1>")
    assert _count(store, COUNT.format(where="")) == _count(store, DISTINCT) == 1
    assert len(store) == 2 and {q.graph_name.value for q in store.quads()} == {"urn:claim:2", "urn:claim:3"}  # type: ignore[union-attr]


@pytest.mark.parametrize(("dataset", "expected"), [
    ("FROM <urn:nonexistent>", 0),
    ("FROM <urn:claim:1>", 2),
    ("FROM <urn:claim:1> FROM <urn:claim:2>", 2),  # merged: the shared statement once
    ("FROM <urn:claim:2>", 1),
    ("FROM NAMED <urn:claim:1>", 0),  # named graphs only: the default graph is empty
])
def test_from_names_the_default_graph(two_claims: EmbeddedStore, dataset: str, expected: int) -> None:
    assert _count(two_claims, COUNT.format(where=dataset)) == expected


def test_from_named_restricts_graph(two_claims: EmbeddedStore) -> None:
    rows = two_claims.select("SELECT ?g FROM NAMED <urn:claim:2> WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert [str(r["g"]) for r in rows] == ["urn:claim:2"]
    assert not two_claims.select("SELECT ?g FROM <urn:claim:1> WHERE { GRAPH ?g { ?s ?p ?o } }"), \
        "FROM without FROM NAMED: no named graphs"


def test_the_derived_graph_can_be_named(loaded_store: Store) -> None:
    derived = _count(loaded_store, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{DERIVED_GRAPH}> {{ ?s ?p ?o }} }}")
    assert 0 < derived == _count(loaded_store, COUNT.format(where=f"FROM <{DERIVED_GRAPH}>"))
    prefixed = "PREFIX g: <https://w3id.org/mosaic/graph/> " + COUNT.format(where="FROM g:derived")
    assert _count(loaded_store, prefixed) == derived, "a prefixed name"


def test_relative_iris_resolve_against_mosaic_s_base(loaded_store: Store) -> None:
    assert loaded_store.ask("ASK { <id/person/kim-il-sung> ?p ?o }")
    assert loaded_store.ask("BASE <https://w3id.org/mosaic/id/> ASK { <person/kim-il-sung> ?p ?o }")


# --- over HTTP ---------------------------------------------------------------------------------


def _get(base: str, **parameters: str | list[str]) -> tuple[int, bytes, dict[str, str]]:
    url = f"{base}/sparql?{urllib.parse.urlencode(parameters, doseq=True)}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def _n(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_the_protocol_names_the_dataset_and_overrides_from(live_server: str, loaded_store: Store) -> None:
    everything = _n(_get(live_server, query=COUNT.format(where=""))[1])
    assert everything == _count(loaded_store, DISTINCT)
    assert _n(_get(live_server, query=COUNT.format(where="FROM <urn:nonexistent>"))[1]) == 0
    derived = _n(_get(live_server, query=COUNT.format(where=f"FROM <{DERIVED_GRAPH}>"))[1])
    assert 0 < derived < everything
    given = _get(live_server, query=COUNT.format(where="FROM <urn:nonexistent>"), **{"default-graph-uri": DERIVED_GRAPH})
    assert _n(given[1]) == derived, "the request's dataset wins over the query's"
    only_named = _get(live_server, query=COUNT.format(where=""), **{"named-graph-uri": DERIVED_GRAPH})
    assert _n(only_named[1]) == 0, "named graphs only: an empty default graph"


def test_a_from_query_cannot_escape_the_row_limit(store_path: Path) -> None:
    query = f"SELECT ?s FROM <{DERIVED_GRAPH}> WHERE {{ ?s ?p ?o }}"
    with running_server(store_path, max_rows="3") as base:
        status, body, headers = _get(base, query=query)
    assert status == 200 and headers["X-Mosaic-Row-Limit"] == "3"
    assert len(json.loads(body)["results"]["bindings"]) == 3


def _entity(base: str, path: str) -> bytes:
    with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:
        return response.read()


def test_an_entity_s_rdf_states_each_triple_once_and_one_node_per_iri(live_server: str) -> None:
    """The memorandum two notes cite (each with its date and archival reference) is described once."""
    lines = [line for line in _entity(live_server, "/id/document/rgani-5-28-410-ll108-110.nt").decode().splitlines()
             if line.strip()]
    assert len(lines) == len(set(lines))
    dates = [line for line in lines if "/ontology#date> " in line or "mosaic/ontology/date> " in line]
    assert len(dates) == 1, dates
    document = json.loads(_entity(live_server, "/id/document/rgani-5-28-410-ll108-110.jsonld"))
    nodes = document if isinstance(document, list) else document.get("@graph", [document])
    ids = [node["@id"] for node in nodes if "@id" in node]
    assert len(ids) == len(set(ids))
