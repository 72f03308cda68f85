"""The SPARQL 1.1 Protocol at /sparql: queries by GET and POST, updates by POST with the token.

Read-only by default. A query may not reach other servers through SERVICE (nor an update through
LOAD) unless the server allows those endpoints, so the endpoint cannot be used to forge requests.
Every query runs in a worker under the time limit.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from flask import Flask, Response, abort, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID
from werkzeug.datastructures import MultiDict

from mosaic.graph.formats import RESULT_FORMATS, media_type, negotiate
from mosaic.graph.sparql import capped, is_update, nesting_depth, query_form, remote_targets
from mosaic.graph.store import Dataset
from mosaic.graph.update_scope import scope, with_dataset
from mosaic.web.errors import error_response
from mosaic.web.pages.query import render_query_page
from mosaic.web.rdf import GRAPH_FORMATS, content_type, rdf_response
from mosaic.web.state import config, workers

__all__ = ["init_app"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
_FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
                "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
                "rdfxml": "RDF_XML"}


_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")


@dataclass(frozen=True)
class Operation:
    """What a request asks for: a query or an update, its text, its dataset, and the formats it names."""

    kind: str
    text: str
    dataset: Dataset
    formats: list[str]


def _read_operation() -> Operation | None:
    """The operation of the request, per the protocol's three ways of sending one; None if there is none."""
    formats = request.args.getlist("format")
    if request.method == "GET":
        if "update" in request.args:
            abort(405, description="Updates must be sent by POST, never by GET.", valid_methods=["POST"])
        text, kind, values = request.args.get("query"), "query", request.args
    elif request.mimetype == "application/x-www-form-urlencoded":
        values, formats = request.form, request.values.getlist("format")  # a form may name it, or the URL
        if "query" in values and "update" in values:
            abort(400, description="Send either a query or an update, not both.")
        kind = "update" if "update" in values else "query"
        text = values.get(kind)
    elif request.mimetype in ("application/sparql-query", "application/sparql-update"):
        kind = "query" if request.mimetype.endswith("query") else "update"
        text, values = request.get_data(as_text=True), request.args
    else:
        abort(415, description="Send a query as application/sparql-query, an update as application/sparql-update, "
                               "or either as an application/x-www-form-urlencoded form.")
    if _count(kind) > 1:
        abort(400, description=f"Send one {kind}: this request carries {_count(kind)} (SPARQL 1.1 Protocol).")
    if text is None:
        return None
    default, named = ("default-graph-uri", "named-graph-uri") if kind == "query" else \
        ("using-graph-uri", "using-named-graph-uri")
    return Operation(kind, text, Dataset(_graph_iris(values, default), _graph_iris(values, named)), formats)


def _count(kind: str) -> int:
    """How many times the request gives a ``query`` or ``update``: in the URL, in a form, or as the body."""
    given = len(request.args.getlist(kind))
    if request.mimetype == "application/x-www-form-urlencoded":
        given += len(request.form.getlist(kind))
    elif request.mimetype == f"application/sparql-{kind}" and request.method == "POST":
        given += 1
    return given


def _graph_iris(values: MultiDict[str, str], parameter: str) -> tuple[str, ...]:
    """The graph IRIs of a dataset parameter; empty ones are left out, and anything else must be an IRI."""
    iris = tuple(value for value in values.getlist(parameter) if value)
    for iri in iris:
        if not _ABSOLUTE_IRI.match(iri):
            abort(400, description=f"{parameter} must be an absolute IRI, such as "
                                   f"https://w3id.org/mosaic/graph/derived; {iri!r} is not.")
    return iris


MAX_NESTING = 100  # levels of ( { [ a query may nest; the engine's parser crashes far deeper


def sparql() -> Response:
    operation = _read_operation()
    if operation is None:
        return _description_or_page()
    _refuse_oversized(operation.text)
    _refuse_unallowed_remotes(operation.text)
    return _update(operation) if operation.kind == "update" else _query(operation)


def _refuse_oversized(text: str) -> None:
    """Refuse what would cost the server more than any honest question needs."""
    if len(text) > config().max_query_length:
        abort(413, description=f"The {('update' if is_update(text) else 'query')} is {len(text):,} characters long; "
                               f"this server accepts at most {config().max_query_length:,} (MOSAIC_MAX_QUERY_LENGTH).")
    if nesting_depth(text) > MAX_NESTING:
        abort(400, description=f"The query nests brackets, braces or parentheses more than {MAX_NESTING} levels "
                               "deep; write it flatter.")


def _query(operation: Operation) -> Response:
    if is_update(operation.text):
        abort(400, description="This is a SPARQL Update, not a query: POST it as 'update'.")
    form = query_form(operation.text) or "select"
    offered = GRAPH_FORMATS if form in ("construct", "describe") else list(RESULT_FORMATS)
    fmt = negotiate(request.accept_mimetypes, operation.formats, offered)
    if fmt is None:
        return error_response(406, f"Cannot answer a {form.upper()} query in the format asked for. It can be "
                                   f"answered as: {', '.join(media_type(name) for name in offered)}.")
    text = operation.text
    limit = config().max_rows
    if limit and form == "select":
        text = capped(text, limit)
    body = workers().call("results", text, fmt, operation.dataset)
    response = Response(body, content_type=content_type(fmt))
    if limit and form == "select":
        response.headers["X-Mosaic-Row-Limit"] = str(limit)
    return response


def _update(operation: Operation) -> Response:
    token = config().update_token
    if not token:
        abort(403, description="This endpoint is read-only: SPARQL Update is refused. An administrator can allow "
                               "updates by starting the server with an update token (MOSAIC_UPDATE_TOKEN).")
    given = request.headers.get("Authorization", "")
    if not given.startswith("Bearer "):
        response = error_response(401, "SPARQL Update needs the server's update token: send it as "
                                       "'Authorization: Bearer <token>'.")
        response.headers["WWW-Authenticate"] = 'Bearer realm="mosaic"'
        return response
    if not hmac.compare_digest(given.removeprefix("Bearer ").encode(), token.encode()):
        abort(403, description="The update token is wrong.")
    if operation.dataset.given and scope(operation.text).names_dataset:
        abort(400, description="The update names its dataset (USING, USING NAMED or WITH) and the request names one "
                               "too (using-graph-uri, using-named-graph-uri): name it once.")
    workers().call("update", with_dataset(operation.text, operation.dataset))
    return Response(status=204)


def _refuse_unallowed_remotes(text: str) -> None:
    """Refuse SERVICE and LOAD to endpoints the server does not allow (none unless configured)."""
    allowed = config().federation
    for target in remote_targets(text):
        if "*" in allowed or (target and any(target.startswith(prefix) for prefix in allowed)):
            continue
        where = target or "an endpoint named by a variable"
        abort(403, description=f"SERVICE and LOAD may not reach {where} from this server. Federation is off unless "
                               f"an administrator allows endpoints (MOSAIC_FEDERATION).")


def _description_or_page() -> Response:
    """GET /sparql without a query: the query page for a browser, the service description for a client."""
    if request.accept_mimetypes.best_match(["text/html", *map(media_type, GRAPH_FORMATS)]) == "text/html":
        return render_query_page()
    return rdf_response(service_description())


def service_description() -> Graph:
    """The W3C SPARQL 1.1 Service Description of this endpoint."""
    graph = Graph(bind_namespaces="none")
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service, endpoint = BNode(), URIRef(request.url_root + "sparql")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if config().update_token:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in [*RESULT_FORMATS, *GRAPH_FORMATS]:
        graph.add((service, SD.resultFormat, FORMATS_NS[_FORMAT_IRIS[fmt]]))
    dataset, default_graph = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, RDF.type, VOID.Dataset))
    graph.add((default_graph, VOID.sparqlEndpoint, endpoint))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
               URIRef(request.url_root + ".well-known/void")))
    graph.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
               Literal(f"Read-only unless updates are allowed; each query may run {config().query_timeout:g} s.")))
    return graph


def init_app(app: Flask) -> None:
    app.add_url_rule("/sparql", view_func=sparql, methods=["GET", "POST"])
