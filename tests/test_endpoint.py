"""The SPARQL 1.1 Protocol, tested as users meet it: a real server on 127.0.0.1, SPARQLWrapper and raw HTTP."""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from conftest import claimed, running_server
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, VOID
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

NAM_IL = "https://w3id.org/mosaic/id/person/nam-il"
SELECT = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name WHERE { <https://w3id.org/mosaic/id/person/nam-il> skos:prefLabel ?name }"""
ASK = "ASK { <https://w3id.org/mosaic/id/person/nam-il> ?p ?o }"
CONSTRUCT = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?p skos:prefLabel ?n } WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; skos:prefLabel ?n }"""
DESCRIBE = f"DESCRIBE <{NAM_IL}>"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def client(base: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    wrapper = SPARQLWrapper(base + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    if method != "GET":
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED if method == "form" else POSTDIRECTLY)
    return wrapper


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, Message, str]:
    """Status, headers (names case-insensitive) and body of one request."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def get(base: str, path: str, accept: str = "*/*", **params: str) -> tuple[int, Message, str]:
    query = "?" + urllib.parse.urlencode(params) if params else ""
    return http(base + path + query, headers={"Accept": accept})


# --- every result format and query form, through SPARQLWrapper ---------------------------------

@pytest.mark.parametrize("method", ["GET", "form", "direct"])
def test_select_as_json_by_each_protocol_method(live_server: str, method: str) -> None:
    result = client(live_server, SELECT, JSON, method).queryAndConvert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["Nam Il"]


def test_select_as_xml(live_server: str) -> None:
    document = client(live_server, SELECT, XML).queryAndConvert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == ["Nam Il"]


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_select_as_csv_and_tsv(live_server: str, fmt: str, delimiter: str) -> None:
    text = client(live_server, SELECT, fmt).queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0][0].lstrip("?") == "name" and rows[1][0].strip('"') in ("Nam Il", '"Nam Il"@en', "Nam Il@en")


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask_in_json_and_xml(live_server: str, fmt: str) -> None:
    answer = client(live_server, ASK, fmt).queryAndConvert()
    truth = answer["boolean"] if fmt == JSON else answer.getElementsByTagName("boolean")[0].firstChild.data == "true"
    assert truth is True


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
@pytest.mark.parametrize(("fmt", "syntax"), [(TURTLE, "turtle"), (N3, "turtle"), (JSONLD, "json-ld"), (RDFXML, "xml")])
def test_graph_results_in_each_rdf_format(live_server: str, query: str, fmt: str, syntax: str) -> None:
    result = client(live_server, query, fmt).query()
    body = result.response.read()
    graph = Graph().parse(data=body, format=syntax)
    assert (URIRef(NAM_IL), None, None) in graph
    assert len(graph) >= (50 if query == CONSTRUCT else 3)


def test_graph_results_as_n_triples(live_server: str) -> None:
    status, headers, body = get(live_server, "/sparql", "application/n-triples", query=CONSTRUCT)
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) >= 50


def test_the_format_parameter_overrides_the_accept_header(live_server: str) -> None:
    status, headers, body = get(live_server, "/sparql", "application/sparql-results+json", query=SELECT, format="csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and "Nam Il" in body


@pytest.mark.parametrize("where", ["form", "url of a form", "url of a direct POST"])
def test_a_post_may_name_its_format_in_the_form_or_the_url(live_server: str, where: str) -> None:
    """SPARQLWrapper names the format in the form it POSTs; others put it in the URL."""
    url, body, content_type = live_server + "/sparql", urllib.parse.urlencode({"query": SELECT}), \
        "application/x-www-form-urlencoded"
    if where == "form":
        body += "&format=csv"
    else:
        url += "?format=csv"
    if where == "url of a direct POST":
        body, content_type = SELECT, "application/sparql-query"
    status, headers, text = http(url, body.encode(), {"Content-Type": content_type,
                                                      "Accept": "application/sparql-results+json"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and "Nam Il" in text


def test_q_values_choose_the_format(live_server: str) -> None:
    accept = "application/sparql-results+json;q=0.4, text/tab-separated-values;q=0.9"
    status, headers, _ = get(live_server, "/sparql", accept, query=SELECT)
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")


# --- the protocol's error cases, by raw HTTP ----------------------------------------------------

def test_a_malformed_query_is_400_with_the_parsers_message(live_server: str) -> None:
    status, _, body = get(live_server, "/sparql", "application/sparql-results+json", query="SELECT ?x WHERE { ?x")
    assert status == 400 and "malformed SPARQL" in body and "line 1, column 21: expected one of" in body


def test_an_unacceptable_accept_header_is_406(live_server: str) -> None:
    status, _, body = get(live_server, "/sparql", "image/png", query=SELECT)
    assert status == 406 and "application/sparql-results+json" in body


def test_a_wrong_method_is_405(live_server: str) -> None:
    status, headers, _ = http(live_server + "/sparql", data=b"x", method="PUT")
    assert status == 405 and "POST" in headers.get("Allow", "")
    assert get(live_server, "/sparql", update="CLEAR ALL")[0] == 405


def test_an_unknown_body_type_is_415(live_server: str) -> None:
    status, _, body = http(live_server + "/sparql", data=SELECT.encode(), headers={"Content-Type": "text/plain"})
    assert status == 415 and "application/sparql-query" in body


def test_default_and_named_graph_uris_choose_the_dataset(live_server: str) -> None:
    claim = "https://w3id.org/mosaic/id/claim/article-notes-L123"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    everything = json.loads(get(live_server, "/sparql", query=count)[2])["results"]["bindings"][0]["n"]["value"]
    one = json.loads(get(live_server, "/sparql", query=count, **{"default-graph-uri": claim})[2])
    assert 10 < int(one["results"]["bindings"][0]["n"]["value"]) < int(everything)
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = json.loads(get(live_server, "/sparql", query=graphs, **{"named-graph-uri": claim})[2])
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [claim]


# --- safe by default --------------------------------------------------------------------------

def test_updates_are_refused_without_a_configured_token(live_server: str) -> None:
    status, _, body = http(live_server + "/sparql", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                           headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and "read-only" in body
    assert get(live_server, "/sparql", query="ASK { <urn:a> ?p ?o }", accept="application/json")[2].count("false") == 1


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } }",
    "select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",  # keywords in any case
    "SELECT * WHERE { SeRvIcE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_service_to_other_servers_is_refused(live_server: str, query: str) -> None:
    status, _, body = get(live_server, "/sparql", "application/sparql-results+json", query=query)
    assert status == 403 and "SERVICE and LOAD may not reach" in body


def test_a_runaway_query_is_stopped_while_others_are_answered(live_server: str) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["status"], _, outcome["body"] = get(live_server, "/sparql", "application/sparql-results+json",
                                                    query=RUNAWAY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(1)
    started = time.monotonic()
    status, _, body = get(live_server, "/sparql", "application/sparql-results+json", query=ASK)
    assert status == 200 and '"boolean":true' in body.replace(" ", "")
    assert time.monotonic() - started < 1
    thread.join()
    assert outcome["status"] == 503 and "time limit of 5 s" in str(outcome["body"])
    assert float(outcome["seconds"]) < 5 + 2  # type: ignore[arg-type]
    assert get(live_server, "/sparql", query=ASK)[0] == 200  # still serving


def test_cors_is_allowed_for_get(live_server: str) -> None:
    _, headers, _ = get(live_server, "/sparql", query=ASK)
    assert headers["Access-Control-Allow-Origin"] == "*"


@pytest.fixture(scope="module")
def writable_server(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a copy of the store that accepts updates with a token, and caps rows at 3."""
    copy = tmp_path_factory.mktemp("writable") / "store"
    shutil.copytree(store_path, copy, symlinks=True)
    with running_server(copy, update_token="s3cret-token", max_rows="3") as base:
        yield base


def test_updates_need_the_token(writable_server: str) -> None:
    update = claimed('person:nam-il skos:altLabel "Nam Il (an update)"@en').encode("utf-8")
    kind = {"Content-Type": "application/sparql-update"}
    status, headers, _ = http(writable_server + "/sparql", data=update, headers=kind)
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
    assert http(writable_server + "/sparql", data=update, headers={**kind, "Authorization": "Bearer nope"})[0] == 403
    assert http(writable_server + "/sparql", data=update,
                headers={**kind, "Authorization": "Bearer s3cret-token"})[0] == 204
    asked = get(writable_server, "/sparql", query='ASK { person:nam-il skos:altLabel "Nam Il (an update)"@en }')
    assert '"boolean":true' in asked[2].replace(" ", "")


def _void_triples(base: str) -> int:
    graph = Graph().parse(data=get(base, "/.well-known/void", "text/turtle")[2], format="turtle")
    return int(graph.value(graph.value(None, RDF.type, VOID.Dataset), VOID.triples))


def test_void_counts_again_after_an_update(writable_server: str) -> None:
    """VoID's counts are kept between requests (they cost seconds at a million triples), and counted
    again once a change has made a new generation."""
    before = _void_triples(writable_server)
    assert _void_triples(writable_server) == before
    update = claimed('person:nam-il skos:altLabel "Nam Il (v1)"@en , "Nam Il (v2)"@en', "void-test").encode("utf-8")
    assert http(writable_server + "/sparql", data=update, headers={
        "Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret-token"})[0] == 204
    assert _void_triples(writable_server) == before + 2 + 4  # the two names, and the claim's four statements


def test_load_from_outside_is_refused_even_with_the_token(writable_server: str) -> None:
    status, _, body = http(writable_server + "/sparql", data=b"update=LOAD+%3Chttp%3A%2F%2F127.0.0.1%3A9%2Fx.ttl%3E",
                           headers={"Content-Type": "application/x-www-form-urlencoded",
                                    "Authorization": "Bearer s3cret-token"})
    assert status == 403 and "SERVICE and LOAD may not reach http://127.0.0.1:9/x.ttl" in body


def test_an_optional_row_limit_caps_select_answers(writable_server: str) -> None:
    status, headers, body = get(writable_server, "/sparql", "application/sparql-results+json",
                                query="SELECT ?s WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> }")
    assert status == 200 and headers["X-Mosaic-Row-Limit"] == "3"
    assert len(json.loads(body)["results"]["bindings"]) == 3


# --- descriptions and linked data --------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"


def test_the_service_description(live_server: str) -> None:
    status, _, body = get(live_server, "/sparql", "text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    service = graph.value(None, RDF.type, URIRef(SD + "Service"))
    assert status == 200 and service is not None
    assert graph.value(service, URIRef(SD + "endpoint")) == URIRef(live_server + "/sparql")
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in graph
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in graph


def test_void_describes_the_dataset_and_its_dumps_download(live_server: str) -> None:
    graph = Graph().parse(data=get(live_server, "/.well-known/void", "text/turtle")[2], format="turtle")
    dataset = graph.value(None, RDF.type, VOID.Dataset)
    assert int(graph.value(dataset, VOID.triples)) > 5000
    assert int(graph.value(dataset, VOID.entities)) > 300 and int(graph.value(dataset, VOID.classes)) > 15
    assert graph.value(dataset, URIRef("http://purl.org/dc/terms/license")) is not None
    dumps = sorted(str(d) for d in graph.objects(dataset, VOID.dataDump))
    assert len(dumps) == 6
    for dump in dumps:
        status, _, body = http(dump)
        syntax = {"trig": "trig", "nq": "nquads", "ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
        from rdflib import Dataset

        parsed = Dataset().parse(data=body, format=syntax[dump.rsplit(".", 1)[1]])
        assert status == 200 and len(parsed) > 5000, dump


@pytest.mark.parametrize(("path", "accept", "syntax"), [
    ("/id/person/nam-il", "text/turtle", "turtle"),
    ("/id/person/nam-il", "application/ld+json", "json-ld"),
    ("/id/person/nam-il", "application/n-triples", "nt"),
    ("/id/person/nam-il.ttl", "*/*", "turtle"),
    ("/id/person/nam-il.jsonld", "*/*", "json-ld"),
    ("/id/person/nam-il.nt", "*/*", "nt"),
])
def test_entity_iris_dereference_to_rdf(live_server: str, path: str, accept: str, syntax: str) -> None:
    status, _, body = get(live_server, path, accept)
    graph = Graph().parse(data=body, format=syntax)
    assert status == 200 and (URIRef(NAM_IL), None, None) in graph


def test_a_claim_iri_dereferences_too(live_server: str) -> None:
    status, _, body = get(live_server, "/id/claim/article-notes-L123.ttl")
    assert status == 200 and "note 10" in body


@pytest.mark.parametrize("path", ["/id/person/nobody-at-all", "/id/../../etc/passwd", "/id/person/..%2F..%2Fsecret",
                                  "/dump/..%2F..%2Fetc%2Fpasswd", "/static/..%2F..%2Fcli.py"])
def test_unknown_and_traversing_paths_are_404(live_server: str, path: str) -> None:
    assert get(live_server, path)[0] == 404


def test_the_server_builds_its_store_from_the_data_when_there_is_none(tmp_path: Path) -> None:
    with running_server(tmp_path / "new-store") as base:
        status, _, body = get(base, "/sparql", "application/sparql-results+json", query=SELECT)
    assert status == 200 and "Nam Il" in body
    assert (tmp_path / "new-store" / "current").is_symlink()
