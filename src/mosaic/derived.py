"""What Mosaic computes from the data and keeps beside it, in one graph, ``graph/derived``: the reading
caveats (the rules in rules/) and the who-reported-on-whom tally.

Both are recomputed inside every change (a load, an import, a SPARQL Update through the endpoint),
on the draft the change is made in, so they are made current together with the data and can never
disagree with it. Asking who reported on whom then reads a few thousand counted pairs instead of
grouping every record of the archive at query time.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from mosaic.caveats import DERIVED_GRAPH, describe, rules
from mosaic.store import EmbeddedStore, Store
from mosaic.vocab import MOSAIC

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

__all__ = ["DERIVED_GRAPH", "REPORTING_PAIRS", "TALLY", "derive", "derive_quads", "tally", "refresh", "update"]

# The reporting network's edges (see mosaic.network), counted: one tally per reporter and subject,
# whatever their kinds (the network keeps the persons, missions and factions among them).
REPORTING_PAIRS = """{ ?record rico:hasAuthor ?source ; rico:hasOrHadSubject ?target . }
    UNION { ?report mosaic:inDocument ?record ; mosaic:reporter ?source ; mosaic:about ?target . }"""
TALLY = f"SELECT ?source ?target (COUNT(DISTINCT ?record) AS ?records) WHERE {{ {REPORTING_PAIRS} }} GROUP BY ?source ?target"
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def derive(store: Store, folder: Path | None = None) -> list[ox.Quad]:
    """The derived graph for the data in ``store``: every rule's caveats, each rule described, and the tally."""
    graph = ox.NamedNode(DERIVED_GRAPH)
    derived: list[ox.Quad] = []
    for rule in rules(folder):
        derived += describe(rule, graph)
        derived += _constructed(store, rule.query, graph)
    return derived + tally(store, graph)


def _constructed(store: Store, query: str, graph: ox.NamedNode) -> list[ox.Quad]:
    triples = ox.parse(store.results(query, "ntriples"), format=ox.RdfFormat.N_TRIPLES)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]


def tally(store: Store, graph: ox.NamedNode) -> list[ox.Quad]:
    """The tallies, each with its rank among all (1: most records; ties by reporter and subject IRI),
    so that "the busiest pairs" is a lookup of ranks 1 to N rather than a sort of every tally."""
    counted = sorted(((-int(r["records"]), str(r["source"]), str(r["target"])) for r in store.select(TALLY)))
    quads = []
    for rank, (negative, source, target) in enumerate(counted, 1):
        node = ox.BlankNode()
        values = ((RDF_TYPE, ox.NamedNode(str(MOSAIC.ReportingTally))),
                  (ox.NamedNode(str(MOSAIC.tallyReporter)), ox.NamedNode(source)),
                  (ox.NamedNode(str(MOSAIC.tallySubject)), ox.NamedNode(target)),
                  (ox.NamedNode(str(MOSAIC.recordCount)), ox.Literal(str(-negative), datatype=_XSD_INTEGER)),
                  (ox.NamedNode(str(MOSAIC.tallyRank)), ox.Literal(str(rank), datatype=_XSD_INTEGER)))
        quads += [ox.Quad(node, predicate, value, graph) for predicate, value in values]
    return quads


def derive_quads(quads: list[ox.Quad], folder: Path | None = None) -> list[ox.Quad]:
    """The derived graph for quads not in a store (a data folder being validated)."""
    engine = EmbeddedStore(None)
    engine.bulk_add(q for q in quads if not (isinstance(q.graph_name, ox.NamedNode)
                                             and q.graph_name.value == DERIVED_GRAPH))
    return derive(engine, folder)


def refresh(draft: Store) -> None:
    """Recompute the derived graph of a draft from its data (call it before the draft is committed)."""
    draft.write_graphs({DERIVED_GRAPH: []})  # the old caveats must not feed the new ones
    draft.write_graphs({DERIVED_GRAPH: derive(draft)})


def update(store: Store, sparql: str) -> None:
    """Apply a SPARQL Update and recompute the derived graph, as one change."""
    with store.draft() as draft:
        draft.update(sparql)
        refresh(draft)
