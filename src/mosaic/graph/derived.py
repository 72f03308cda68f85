"""What Mosaic computes from the data and keeps beside it, in one graph, ``graph/derived``: the reading
caveats (the rules in rules/) and the who-reported-on-whom tally.

Both are recomputed inside every change (a load, an import, a SPARQL Update through the endpoint),
on the draft the change is made in, so they are made current together with the data and can never
disagree with it. Asking who reported on whom then reads a few thousand counted pairs instead of
grouping every record of the archive at query time.

The derived graph is written out as N-Triples and loaded back by the engine, which gives every blank
node of a load a fresh label; so what it derives is about named things (IRIs) only, and is named by
IRIs itself (the caveats' and the tallies'), which also lets a change rewrite only what it changed.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD

from mosaic.graph.rules import DERIVED_GRAPH, describe, rules
from mosaic.graph.store import EmbeddedStore, Store
from mosaic.graph.store.snapshots import Snapshot
from mosaic.graph.vocab import ID_BASE, MOSAIC

__all__ = ["DERIVED_GRAPH", "REPORTING_PAIRS", "TALLY", "derive", "derive_quads", "tally", "tally_iri", "refresh"]

# The reporting network's edges (see mosaic.analysis.network), counted: one tally per reporter and subject,
# whatever their kinds (the network keeps the persons, missions and factions among them).
REPORTING_PAIRS = """{ ?record rico:hasAuthor ?source ; rico:hasOrHadSubject ?target . }
    UNION { ?report mosaic:inDocument ?record ; mosaic:reporter ?source ; mosaic:about ?target . }"""
TALLY = f"""SELECT ?source ?target (COUNT(DISTINCT ?record) AS ?records) WHERE {{ {REPORTING_PAIRS}
    FILTER (isIRI(?source) && isIRI(?target)) }} GROUP BY ?source ?target"""


def derive(store: Store, folder: Path | None = None) -> bytes:
    """The derived graph for the data in ``store``, as N-Triples: every rule's caveats, each rule
    described, and the tally. The engine writes the rules' results itself, so no Python object is
    made per derived triple (there are hundreds of thousands at a million triples of data)."""
    parts = []
    for rule in rules(folder):
        parts.append(ox.serialize(describe(rule), format=ox.RdfFormat.N_TRIPLES))
        parts.append(store.results(rule.query, "ntriples"))
    return b"".join(parts) + tally(store)


def tally(store: Store) -> bytes:
    """The tallies as N-Triples, each with its rank among all (1: most records; ties by reporter and
    subject), so that "the busiest pairs" is a lookup of ranks 1 to N rather than a sort of every tally.
    A tally's IRI is made from its reporter and subject, so it stays the same from one change to the
    next, and a change rewrites only the tallies whose count or rank it changed."""
    counted = sorted((-int(row["records"]), row["source"], row["target"]) for row in store.select_text(TALLY))
    lines = []
    for rank, (negative, source, target) in enumerate(counted, 1):
        node = f"<{tally_iri(source, target)}>"
        lines += [f"{node} <{RDF.type}> <{MOSAIC.ReportingTally}> .", f"{node} <{MOSAIC.tallyReporter}> <{source}> .",
                  f"{node} <{MOSAIC.tallySubject}> <{target}> .",
                  f'{node} <{MOSAIC.recordCount}> "{-negative}"^^<{XSD.integer}> .',
                  f'{node} <{MOSAIC.tallyRank}> "{rank}"^^<{XSD.integer}> .']
    return "\n".join(lines + [""]).encode("utf-8")


def tally_iri(reporter: str, subject: str) -> str:
    """The IRI of the tally of ``reporter`` reporting on ``subject``."""
    return f"{ID_BASE}tally/{hashlib.sha256(f'{reporter} {subject}'.encode()).hexdigest()[:24]}"


def derive_quads(quads: list[ox.Quad], folder: Path | None = None) -> list[ox.Quad]:
    """The derived graph for quads not in a store (a data folder being validated)."""
    engine = EmbeddedStore.scratch()
    engine.bulk_add(q for q in quads if not (isinstance(q.graph_name, ox.NamedNode)
                                             and q.graph_name.value == DERIVED_GRAPH))
    graph = ox.NamedNode(DERIVED_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(derive(engine, folder), format=ox.RdfFormat.N_TRIPLES)]


def refresh(draft: EmbeddedStore) -> None:
    """Recompute the derived graph of a draft from its data (call it before the draft is committed),
    writing only what changed: an import into a million triples changes a few hundred of the 450,000
    derived statements, and deleting all of them from the disk alone took 10 s.

    The rules read only the data (tests/test_derived.py checks that the derived graph does not feed
    them), so they may run while the old derived graph is still there. Lines of the old graph and the
    new are compared as the engine writes them; a statement written two ways is deleted and added
    again, which costs time, never correctness.
    """
    derived = derive(draft)
    with tempfile.TemporaryDirectory(prefix="mosaic-derived-") as spool:
        added = _remove_stale(draft, derived, Path(spool) / "old.nt")
        if added:
            (Path(spool) / "new.nt").write_bytes(added)
            draft.restore(Snapshot(Path(spool) / "new.nt", DERIVED_GRAPH))


def _remove_stale(draft: EmbeddedStore, derived: bytes, spool: Path) -> bytes:
    """Delete from the draft's derived graph what ``derived`` no longer says; return what it lacks."""
    old = set(draft.snapshot(spool, DERIVED_GRAPH).path.read_bytes().splitlines())
    if not old:  # a load: everything is new, and at 1M triples the sets would cost 300 MB
        return derived
    new = set(derived.splitlines())
    stale, fresh = old - new, new - old
    if _has_blank_nodes(stale):  # DELETE DATA cannot name them (older stores kept blank tallies)
        draft.write_graphs({DERIVED_GRAPH: []})
        stale, fresh = set(), new
    if stale:
        graph = ox.NamedNode(DERIVED_GRAPH)
        draft.rewrite([ox.Quad(t.subject, t.predicate, t.object, graph)
                      for t in ox.parse(b"\n".join(sorted(stale)), format=ox.RdfFormat.N_TRIPLES)], [])
    return b"\n".join(sorted(fresh)) + b"\n" if fresh else b""


def _has_blank_nodes(lines: set[bytes]) -> bool:
    """Whether any of the N-Triples ``lines`` has a blank node; a literal that only contains "_:" has none."""
    if not any(b"_:" in line for line in lines):
        return False
    triples = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
    return any(isinstance(term, ox.BlankNode) for triple in triples for term in (triple.subject, triple.object))
