"""The default graph as the merge of the named graphs: a set, kept by the store beside the named graphs.

SPARQL's default graph over named graphs is their RDF merge (RDF 1.1 Concepts; SPARQL 1.1 Query,
section 13): a triple that two claims state is in it once. The engine's union default graph is a
bag instead (it repeats such a triple once per graph), so COUNT and every join over a triple that
several claims state came out multiplied. The store therefore keeps the merge itself, as the
engine's default graph, and each write brings the part of it that the write could change up to date:

- a write that knows its quads adds their triples (``with_merge``);
- a write that removes quads checks each of their triples against the named graphs (``sync``);
- a write that cannot say what it changed has the whole merge checked (``sync_all``, slow: a
  full pass over the store, 20 s at a million triples on disk).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

import pyoxigraph as ox

__all__ = ["DEFAULT", "with_merge", "sync", "sync_all", "keeps_merge", "write_merge", "is_named"]

DEFAULT = ox.DefaultGraph()
_SYNC_ALL = """
    DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;
    INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"""
_MERGE = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def is_named(quad: ox.Quad) -> bool:
    """Whether the quad is in a named graph (not in the default graph, which only mirrors them)."""
    return not isinstance(quad.graph_name, ox.DefaultGraph)


def with_merge(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, followed by its triple in the default graph. A quad in the default graph is refused:
    the default graph is the merge of the named graphs, and a statement needs a claim's graph."""
    for quad in quads:
        if not is_named(quad):
            raise ValueError(f"{quad.triple} is in the default graph; every statement must be in a named graph")
        yield quad
        yield ox.Quad(quad.subject, quad.predicate, quad.object, DEFAULT)


def sync(engine: ox.Store, triples: Iterable[ox.Triple]) -> None:
    """Make the default graph hold each of ``triples`` exactly when some named graph states it."""
    present, absent = [], []
    for triple in set(triples):
        quad = ox.Quad(triple.subject, triple.predicate, triple.object, DEFAULT)
        stated = any(is_named(q) for q in engine.quads_for_pattern(triple.subject, triple.predicate, triple.object))
        (present if stated else absent).append(quad)
    engine.extend(present)
    for quad in absent:
        engine.remove(quad)


def sync_all(engine: ox.Store) -> None:
    """Bring the whole default graph in line with the named graphs (for a change that cannot say what it did)."""
    engine.update(_SYNC_ALL)


def keeps_merge(engine: ox.Store) -> bool:
    """Whether the engine's default graph holds the merge: true of every store written since the merge
    was kept; a store written before holds its statements in named graphs only (or nothing at all)."""
    if next(iter(engine.quads_for_pattern(None, None, None, DEFAULT)), None) is not None:
        return True
    return next(iter(engine.quads_for_pattern(None, None, None, None)), None) is None


def write_merge(engine: ox.Store, output: IO[bytes]) -> None:
    """The merge of the engine's named graphs as N-Triples (a triple may repeat; a store keeps it once),
    appended to N-Quads of the same engine, so that blank nodes keep their labels across both. The
    engine writes it without holding the GIL."""
    engine.query(_MERGE).serialize(output=output, format=ox.RdfFormat.N_TRIPLES)
