"""Mosaic in front of an external SPARQL 1.1 Query + Update server: a real Oxigraph server on
127.0.0.1 holds the graph, and every feature — load, endpoint, pages, networks, caveats, imports,
updates — works through it and answers as it does over the embedded store."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
import pytest
from conftest import TEST_DATA, claimed, running_server
from SPARQLWrapper import JSON, SPARQLWrapper

from mosaic.analysis.caveats import caveats_for
from mosaic.analysis.network import Period, build
from mosaic.graph.store import Store
from mosaic.graph.store.remote import RemoteStore

TOKEN = "external-store-test-token"
PERSONS = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person }"
RECORDS = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a rico:Record }"
HUNGARIAN_REPORT = "https://w3id.org/mosaic/id/document/hungary-report-1953-12-22"


IMPORTS = tempfile.mkdtemp(prefix="mosaic-test-imports-")  # not the checkout's .mosaic/: a reused port would
# bring an earlier run's imports into this module's store
atexit.register(shutil.rmtree, IMPORTS, True)


def mosaic(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mosaic", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "MOSAIC_IMPORTS": IMPORTS})


@pytest.fixture(scope="module")
def loaded(oxigraph: str) -> str:
    """The external store, loaded by `mosaic load --store URL` exactly as the embedded one is."""
    result = mosaic("load", "--store", oxigraph)
    assert result.returncode == 0, result.stderr
    return oxigraph


@pytest.fixture(scope="module")
def mosaic_server(loaded: str) -> Iterator[str]:
    """`server.py --store URL`: Mosaic's endpoint and pages served from the external store."""
    with running_server(loaded, update_token=TOKEN, query_timeout="3") as base:  # type: ignore[arg-type]
        yield base


def _count(endpoint: str, query: str) -> int:
    client = SPARQLWrapper(endpoint)
    client.setQuery("PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX rico: <https://www.ica.org/standards/RiC/ontology#>"
                    + query)
    client.setReturnFormat(JSON)
    return int(client.query().convert()["results"]["bindings"][0]["n"]["value"])  # type: ignore[index]


def test_load_puts_the_same_graph_in_the_external_store(loaded: str, loaded_store: Store) -> None:
    external = RemoteStore(loaded)
    assert len(external) == len(loaded_store)
    assert _blank_nodes_masked(external.quads()) == _blank_nodes_masked(loaded_store.quads())


def _blank_nodes_masked(quads: Iterable[ox.Quad]) -> Counter[tuple[str, ...]]:
    """The quads with every blank node written alike (each store names them its own way)."""
    def show(term: object) -> str:
        return "_:b" if isinstance(term, ox.BlankNode) else str(term)

    return Counter(tuple(show(term) for term in quad) for quad in quads)


def test_the_endpoint_answers_from_the_external_store(mosaic_server: str, loaded_store: Store) -> None:
    expected = int(loaded_store.select(PERSONS)[0]["n"])
    assert expected > 50
    assert _count(mosaic_server + "/sparql", PERSONS) == expected


def test_entity_pages_and_dumps_come_from_the_external_store(mosaic_server: str) -> None:
    request = urllib.request.Request(mosaic_server + "/id/document/hungary-report-1953-12-22",
                                     headers={"Accept": "text/html"})
    with urllib.request.urlopen(request) as response:
        page = response.read().decode("utf-8")
    assert "How to read this source" in page and "North Korean leadership quarantines" in page
    with urllib.request.urlopen(mosaic_server + "/dump?format=nt") as response:
        assert HUNGARIAN_REPORT in response.read().decode("utf-8")


def test_networks_and_caveats_match_the_embedded_store(mosaic_server: str, loaded: str, loaded_store: Store) -> None:
    external = RemoteStore(loaded)
    for kind in ("reporting", "information", "co-mention", "affiliation"):
        here, there = build(loaded_store, kind), build(external, kind)
        assert set(there.edges) == set(here.edges) and len(here.edges) > 0, kind
    with urllib.request.urlopen(mosaic_server + "/network.json?kind=information&from=1955&to=1956") as response:
        links = {(link["source"], link["target"]) for link in json.load(response)["links"]}
    assert links == set(build(loaded_store, "information", Period.parse("1955", "1956")).edges)
    assert caveats_for(external, HUNGARIAN_REPORT) == caveats_for(loaded_store, HUNGARIAN_REPORT)
    assert len(caveats_for(external, HUNGARIAN_REPORT)) >= 2


def test_the_name_authority_resolves_over_the_external_store(mosaic_server: str) -> None:
    with urllib.request.urlopen(mosaic_server + "/resolve?name=" + urllib.parse.quote("Ким Ир Сен")) as response:
        candidates = json.load(response)["candidates"]
    assert candidates[0]["iri"].endswith("/person/kim-il-sung")


def test_imports_write_to_the_external_store(loaded: str, mosaic_server: str) -> None:
    before = _count(loaded, RECORDS)
    result = mosaic("import", "citations", str(TEST_DATA / "import" / "citations-wrapped.txt"), "--load",
                    "--store", loaded)
    assert result.returncode == 0, result.stderr
    assert _count(loaded, RECORDS) > before
    assert _count(mosaic_server + "/sparql", RECORDS) == _count(loaded, RECORDS)


def test_updates_through_mosaic_reach_the_external_store(mosaic_server: str, loaded: str) -> None:
    update = claimed('<https://w3id.org/mosaic/id/person/test-external> a foaf:Person ; skos:prefLabel "Test"@en',
                     "test-external")
    request = urllib.request.Request(mosaic_server + "/sparql", data=update.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-update",
                                              "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request) as response:
        assert response.status in (200, 204)
    assert RemoteStore(loaded).ask("ASK { <https://w3id.org/mosaic/id/person/test-external> a foaf:Person }")


def test_a_query_the_external_store_cannot_finish_in_time_is_answered_503(mosaic_server: str) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(mosaic_server + "/sparql?query=" + urllib.parse.quote(runaway), timeout=60)
    assert caught.value.code == 503
    assert time.monotonic() - started < 10
    assert "within 3 s" in caught.value.read().decode("utf-8")
