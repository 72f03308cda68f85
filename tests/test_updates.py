"""Updates through the endpoint are changes like loads: validated against the shapes by what they touch,
refused whole with the report when they break them, kept out of the default graph (the merge of the
claims), and read as the SPARQL 1.1 Protocol says (one update per request; using-graph-uri)."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import claimed, running_server

from mosaic.graph.store import EmbeddedStore

TOKEN = "an-update-token"
CLAIM = "https://w3id.org/mosaic/id/claim/test-using"


@pytest.fixture(scope="module")
def server(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    copy = tmp_path_factory.mktemp("updates") / "store"
    shutil.copytree(store_path, copy, symlinks=True)
    with running_server(copy, update_token=TOKEN) as base:
        yield base


def _post(base: str, form: list[tuple[str, str]]) -> tuple[int, str]:
    request = urllib.request.Request(f"{base}/sparql", data=urllib.parse.urlencode(form).encode("utf-8"),
                                     headers={"Authorization": f"Bearer {TOKEN}", "Accept": "text/plain",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _ask(base: str, query: str) -> bool:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return bool(json.loads(response.read())["boolean"])


def _count(base: str, query: str) -> int:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def test_an_update_that_breaks_the_shapes_is_refused_with_the_report(server: str) -> None:
    status, body = _post(server, [("update", claimed("person:test-nameless a foaf:Person", "test-nameless"))])
    assert status == 422
    for part in ("focus node: person:test-nameless", "path: skos:prefLabel", "shape: shape:PersonShape",
                 "A person needs a name"):
        assert part in body
    assert not _ask(server, "ASK { GRAPH ?g { person:test-nameless ?p ?o } }"), "nothing of it was written"


def test_an_update_of_an_undescribed_claim_is_refused(server: str) -> None:
    status, body = _post(server, [("update", 'INSERT DATA { GRAPH <urn:x:g> { person:nam-il skos:altLabel "X"@en } }')])
    assert status == 422 and "focus node: <urn:x:g>" in body and "prov:wasDerivedFrom" in body
    assert not _ask(server, 'ASK { person:nam-il skos:altLabel "X"@en }')


def test_an_update_may_not_write_the_default_graph(server: str) -> None:
    status, body = _post(server, [("update", 'INSERT DATA { person:nam-il skos:altLabel "Y"@en }')])
    assert status == 400 and "default graph" in body and "GRAPH <claim>" in body
    assert not _ask(server, 'ASK { person:nam-il skos:altLabel "Y"@en }')


def test_two_updates_in_one_request_are_refused_and_neither_runs(server: str) -> None:
    first = claimed('person:nam-il skos:altLabel "First"@en', "test-first")
    second = claimed('person:nam-il skos:altLabel "Second"@en', "test-second")
    status, body = _post(server, [("update", first), ("update", second)])
    assert status == 400 and "carries 2" in body
    assert not _ask(server, 'ASK { person:nam-il skos:altLabel ?name FILTER (?name IN ("First"@en, "Second"@en)) }')


def test_two_queries_in_one_request_are_refused(server: str) -> None:
    url = f"{server}/sparql?" + urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK { ?s ?p ?o }")])
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=30)
    refused.value.close()
    assert refused.value.code == 400


def test_a_valid_update_is_applied_once_and_can_be_retracted(server: str) -> None:
    update = claimed('person:nam-il skos:altLabel "Nam Il (an update)"@en', "test-valid")
    assert _post(server, [("update", update)])[0] == 204
    assert _count(server, 'SELECT (COUNT(*) AS ?n) { person:nam-il skos:altLabel "Nam Il (an update)"@en }') == 1
    retract = 'DELETE DATA { GRAPH claim:test-valid { person:nam-il skos:altLabel "Nam Il (an update)"@en } }'
    assert _post(server, [("update", retract)])[0] == 204
    assert not _ask(server, 'ASK { person:nam-il skos:altLabel "Nam Il (an update)"@en }')


def test_using_graph_uri_names_the_graphs_the_where_clause_reads(server: str) -> None:
    assert _post(server, [("update", claimed('person:nam-il skos:altLabel "Nam Il (using)"@en', "test-using"))])[0] == 204
    copy = f"INSERT {{ GRAPH <{CLAIM}> {{ person:nam-il skos:altLabel ?name }} }} WHERE {{ person:nam-il skos:prefLabel|skos:altLabel ?name }}"
    count = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{CLAIM}> {{ person:nam-il skos:altLabel ?name }} }}"
    assert _post(server, [("update", copy), ("using-graph-uri", CLAIM)])[0] == 204
    assert _count(server, count) == 1, "the WHERE clause read only the claim's own graph"
    assert _post(server, [("update", copy)])[0] == 204
    assert _count(server, count) > 1, "without it, the WHERE clause reads the merge of every claim"


def test_a_dataset_in_both_the_request_and_the_update_is_refused(server: str) -> None:
    update = f"DELETE {{ GRAPH <{CLAIM}> {{ ?s ?p ?o }} }} USING <{CLAIM}> WHERE {{ ?s ?p ?o }}"
    status, body = _post(server, [("update", update), ("using-graph-uri", CLAIM)])
    assert status == 400 and "name it once" in body


def test_relative_iris_in_an_update_resolve_against_mosaic_s_base(tmp_path: Path) -> None:
    store = EmbeddedStore(None)
    store.update("INSERT DATA { GRAPH <id/claim/test-relative> { <id/person/x> a <urn:y> } }")
    assert store.ask("ASK { GRAPH <https://w3id.org/mosaic/id/claim/test-relative> "
                     "{ <https://w3id.org/mosaic/id/person/x> a <urn:y> } }")


def test_using_named_graph_uri_names_the_graphs_graph_reads(server: str) -> None:
    assert _post(server, [("update", claimed('person:nam-il skos:altLabel "Nam Il (named)"@en', "test-named"))])[0] == 204
    claim = "https://w3id.org/mosaic/id/claim/test-named"
    copy = (f"INSERT {{ GRAPH <{claim}> {{ person:nam-il skos:altLabel ?name }} }} "
            "WHERE { GRAPH ?g { person:nam-il skos:prefLabel ?name } }")
    count = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{claim}> {{ person:nam-il skos:altLabel ?name }} }}"
    assert _post(server, [("update", copy), ("using-named-graph-uri", claim)])[0] == 204
    assert _count(server, count) == 1, "GRAPH ?g read only the claim's own graph, which names no preferred label"
    assert _post(server, [("update", copy)])[0] == 204
    assert _count(server, count) > 1, "without it, GRAPH ?g reads every claim"
