"""RDF answers: the formats a graph is offered in, and an rdflib graph answered in the one the client
accepts. The endpoint (CONSTRUCT, DESCRIBE, its service description), the resources (VoID) and the
entity pages (their download links) all offer the same formats."""

from __future__ import annotations

from flask import Response, request
from rdflib import Graph

from mosaic.graph.formats import media_type, negotiate
from mosaic.web.errors import error_response

__all__ = ["GRAPH_FORMATS", "rdf_response", "content_type"]

GRAPH_FORMATS = ["turtle", "ntriples", "jsonld", "rdfxml"]
_RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def content_type(fmt: str) -> str:
    """The Content-Type of an answer in ``fmt``: its media type, in UTF-8 (JSON-LD is UTF-8 by definition)."""
    kind = media_type(fmt)
    return f"{kind}; charset=utf-8" if fmt != "jsonld" else kind


def rdf_response(graph: Graph) -> Response:
    """An rdflib graph in the RDF format the client accepts (Turtle by default), or 406."""
    fmt = negotiate(request.accept_mimetypes, request.args.getlist("format"), GRAPH_FORMATS)
    if fmt is None:
        return error_response(406, f"This resource is available as: {', '.join(map(media_type, GRAPH_FORMATS))}.")
    return Response(graph.serialize(format=_RDFLIB_FORMAT[fmt]), content_type=content_type(fmt))
