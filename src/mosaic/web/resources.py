"""Linked data: every IRI under /id/ dereferences, the whole graph downloads, and the dataset
describes itself (VoID) — with content negotiation, and file suffixes for clients that cannot send
an Accept header.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, abort, request
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from mosaic.graph.formats import RDF_FORMATS, media_type, negotiate, serialize
from mosaic.graph.iris import iri_of_path, parse_iri
from mosaic.graph.vocab import ID_BASE, PREFIXES
from mosaic.settings import project_root
from mosaic.web.errors import error_response
from mosaic.web.pages.entity import render_entity
from mosaic.web.rdf import GRAPH_FORMATS, rdf_response
from mosaic.web.state import per_generation, store, workers

__all__ = ["init_app"]

_SUFFIXES = {f".{RDF_FORMATS[name].extension}": name for name in GRAPH_FORMATS}
_DUMP_FORMATS = ["trig", "nquads", "turtle", "ntriples", "jsonld", "rdfxml"]
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def entity(path: str) -> Response:
    """GET /id/<kind>/<slug>[.ttl|.jsonld|.nt|.rdf]: a page for browsers, RDF for clients."""
    suffix = next((s for s in _SUFFIXES if path.endswith(s)), "")
    iri = iri_of_path("/id/" + path.removesuffix(suffix))
    if parse_iri(iri) is None or not workers().call("ask", f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}"):
        abort(404, description=f"Nothing in the graph is called {iri}.")
    if suffix:
        fmt: str | None = _SUFFIXES[suffix]
    elif request.accept_mimetypes.best_match(["text/html", *map(media_type, GRAPH_FORMATS)]) == "text/html":
        return render_entity(iri)
    else:
        fmt = negotiate(request.accept_mimetypes, [], GRAPH_FORMATS)
    if fmt is None:
        return error_response(406, f"{iri} is available as HTML and as: {', '.join(map(media_type, GRAPH_FORMATS))}.")
    response = Response(workers().call("results", f"DESCRIBE <{iri}>", fmt), content_type=media_type(fmt))
    response.headers["Link"] = f'<{iri}>; rel="canonical"'
    return response


def dump(filename: str | None = None) -> Response:
    """The whole graph: /dump (negotiated) or /dump/mosaic.<ext>; TriG, N-Quads and JSON-LD keep the claims."""
    if filename:
        stem, _, extension = filename.rpartition(".")
        fmt = next((n for n in _DUMP_FORMATS if RDF_FORMATS[n].extension == extension), None)
        if stem != "mosaic" or fmt is None:
            abort(404, description=f"There is no dump called {filename}; try /dump/mosaic.trig or /dump/mosaic.ttl.")
    else:
        fmt = negotiate(request.accept_mimetypes, request.args.getlist("format"), _DUMP_FORMATS)
        if fmt is None:
            return error_response(406, f"The dump is available as: {', '.join(map(media_type, _DUMP_FORMATS))}.")
    response = Response(serialize(store().quads(), RDF_FORMATS[fmt]), content_type=media_type(fmt))
    response.headers["Content-Disposition"] = f'attachment; filename="mosaic.{RDF_FORMATS[fmt].extension}"'
    return response


def void() -> Response:
    """A VoID description of the dataset: size, classes, entities, licence, dumps and endpoint."""
    return rdf_response(void_description())


def _count() -> dict[str, int]:
    """The dataset's sizes as VoID gives them. They take 3.4 s to count at a million triples, so they
    are counted once per change of the graph."""
    counts = workers().call("select", """
        SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
               (COUNT(DISTINCT ?o) AS ?objects) WHERE { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }""")[0]
    classes = workers().call("select", "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }")[0]["n"]
    entities = workers().call("select", f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        ?s ?p ?o FILTER STRSTARTS(STR(?s), "{ID_BASE}") }}""")[0]["n"]
    return {**{name: int(value) for name, value in counts.items()}, "classes": int(classes), "entities": int(entities)}


def void_description() -> Graph:
    root = request.url_root
    counts = per_generation("void", _count)
    graph = Graph(bind_namespaces="none")
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    dataset = URIRef(root + ".well-known/void#mosaic")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("Mosaic: Cold War reporting on North Korea", lang="en")))
    graph.add((dataset, DCTERMS.license, LICENSE))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    graph.add((dataset, VOID.uriSpace, Literal(ID_BASE)))
    graph.add((dataset, VOID.exampleResource, URIRef(ID_BASE + "person/kim-il-sung")))
    for name in ("triples", "properties"):
        graph.add((dataset, VOID[name], Literal(counts[name], datatype=XSD.integer)))
    graph.add((dataset, VOID.distinctSubjects, Literal(counts["subjects"], datatype=XSD.integer)))
    graph.add((dataset, VOID.distinctObjects, Literal(counts["objects"], datatype=XSD.integer)))
    graph.add((dataset, VOID.classes, Literal(counts["classes"], datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(counts["entities"], datatype=XSD.integer)))
    for name in _DUMP_FORMATS:
        graph.add((dataset, VOID.dataDump, URIRef(f"{root}dump/mosaic.{RDF_FORMATS[name].extension}")))
    for prefix in ("mosaic", "rico", "prov", "org", "foaf", "skos", "dcterms", "time"):
        graph.add((dataset, VOID.vocabulary, URIRef(PREFIXES[prefix])))
    return graph


def context() -> Response:
    """The JSON-LD context Mosaic publishes for its exports."""
    text = (project_root() / "ontology" / "context.jsonld").read_text(encoding="utf-8")
    return Response(text, content_type="application/ld+json")


@lru_cache(maxsize=1)
def _api_description() -> str:
    return (Path(__file__).parent / "api" / "openapi.json").read_text(encoding="utf-8")


def openapi() -> Response:
    """The OpenAPI description of the HTTP API, naming this server as the one to call."""
    description = json.loads(_api_description())  # read once; a fresh copy per request for its servers
    description["servers"] = [{"url": request.url_root.rstrip("/")}]
    return Response(json.dumps(description, ensure_ascii=False), content_type="application/json")


def init_app(app: Flask) -> None:
    app.add_url_rule("/openapi.json", view_func=openapi)
    app.add_url_rule("/id/<path:path>", view_func=entity)
    app.add_url_rule("/dump", view_func=dump)
    app.add_url_rule("/dump/<filename>", view_func=dump)
    app.add_url_rule("/.well-known/void", view_func=void)
    app.add_url_rule("/context.jsonld", view_func=context)
