"""RDF and SPARQL-results formats in one table each, and reading and writing RDF with them.

One row per format (name, media type, file extension) so that the CLI, the exports and later the
HTTP endpoint all choose formats the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset

from mosaic.graph.vocab import PREFIXES

if TYPE_CHECKING:
    from werkzeug.datastructures import MIMEAccept

__all__ = ["RdfFormat", "RDF_FORMATS", "RESULT_FORMATS", "rdf_format", "serialize", "jsonld_context",
           "media_type", "negotiate"]


@dataclass(frozen=True)
class RdfFormat:
    name: str
    media_type: str
    extension: str
    engine: ox.RdfFormat
    keeps_graphs: bool


RDF_FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in [
        RdfFormat("turtle", "text/turtle", "ttl", ox.RdfFormat.TURTLE, False),
        RdfFormat("ntriples", "application/n-triples", "nt", ox.RdfFormat.N_TRIPLES, False),
        RdfFormat("rdfxml", "application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML, False),
        RdfFormat("nquads", "application/n-quads", "nq", ox.RdfFormat.N_QUADS, True),
        RdfFormat("trig", "application/trig", "trig", ox.RdfFormat.TRIG, True),
        RdfFormat("jsonld", "application/ld+json", "jsonld", ox.RdfFormat.JSON_LD, True),
    ]
}

# SPARQL SELECT/ASK result formats: name -> (media type, engine format)
RESULT_FORMATS: dict[str, tuple[str, ox.QueryResultsFormat]] = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}


def rdf_format(name_or_extension: str) -> RdfFormat:
    """The format named ``name_or_extension`` (``turtle`` or ``ttl``); ValueError lists the known ones."""
    key = name_or_extension.lower().lstrip(".")
    for fmt in RDF_FORMATS.values():
        if key in (fmt.name, fmt.extension):
            return fmt
    raise ValueError(f"unknown RDF format {name_or_extension!r}; known: {', '.join(RDF_FORMATS)}")


def serialize(quads: Iterable[ox.Quad], fmt: RdfFormat) -> bytes:
    """``quads`` in ``fmt``: graph names kept where the format can hold them, else merged."""
    if fmt.name == "jsonld":
        return _jsonld(quads)
    items: Iterable[ox.Quad] | Iterable[ox.Triple] = quads if fmt.keeps_graphs else _triples(quads)
    return ox.serialize(items, format=fmt.engine, prefixes=PREFIXES)


def _triples(quads: Iterable[ox.Quad]) -> Iterable[ox.Triple]:
    seen: set[ox.Triple] = set()
    for quad in quads:
        if quad.triple not in seen:
            seen.add(quad.triple)
            yield quad.triple


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context Mosaic publishes (ontology/context.jsonld): its prefixes."""
    return dict(PREFIXES)


def _jsonld(quads: Iterable[ox.Quad]) -> bytes:
    """Compacted JSON-LD with Mosaic's context; named graphs kept (rdflib compacts, pyoxigraph cannot)."""
    dataset = Dataset()
    dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    text = dataset.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return json.dumps(json.loads(text), ensure_ascii=False, indent=1).encode("utf-8")


# Other media types clients send for the same formats (SPARQLWrapper, browsers, curl users).
ALIASES: dict[str, str] = {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",
    "application/x-json+ld": "jsonld",
    "text/n3": "turtle",
    "text/rdf+n3": "turtle",
}


def media_type(name: str) -> str:
    """The media type of a result or RDF format name."""
    return RESULT_FORMATS[name][0] if name in RESULT_FORMATS else RDF_FORMATS[name].media_type


# Names clients use in a ``format`` parameter for the same formats (SPARQLWrapper sends n3, json-ld, rdf+xml).
NAMES: dict[str, str] = {"n3": "turtle", "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples",
                         "json-ld": "jsonld", "rdf+xml": "rdfxml", "rdf": "rdfxml"}
# A results format asked for a graph answer: the RDF format of the same family.
_FOR_GRAPHS = {"xml": "rdfxml", "json": "jsonld"}


def negotiate(accept: MIMEAccept, requested: Sequence[str], offered: list[str]) -> str | None:
    """Which of the ``offered`` format names to answer with, or None if the client accepts none.

    A ``format`` parameter (a name such as ``csv`` or a media type; the first one understood wins)
    overrides the Accept header; otherwise the Accept header decides, q-values included; no Accept
    header (or only */*) means the first offer.
    """
    asked = [value.strip().lower() for value in requested if value.strip()]
    if asked:
        return next((name for name in map(lambda key: _format_name(key, offered), asked) if name), None)
    if not accept or accept.best == "*/*" and len(accept) == 1:
        return offered[0]
    candidates = {media_type(name): name for name in offered}  # on equal quality, the first offer wins
    candidates.update({alias: name for alias, name in ALIASES.items() if name in offered and alias not in candidates})
    best = accept.best_match(list(candidates), default=None)
    return candidates[best] if best else None


def _format_name(key: str, offered: list[str]) -> str | None:
    name = key if key in offered else NAMES.get(key) or ALIASES.get(key) or _by_media_type(key) or key
    name = _FOR_GRAPHS.get(name, name) if name not in offered else name
    return name if name in offered else None


def _by_media_type(key: str) -> str | None:
    for name in [*RESULT_FORMATS, *RDF_FORMATS]:
        if media_type(name) == key:
            return name
    return None
