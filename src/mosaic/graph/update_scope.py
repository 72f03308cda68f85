"""What a SPARQL Update may change, read from its text before it runs.

An update is a change like a load: the store validates what it touched and keeps its default graph
(the merge of the claims' named graphs) true. Both cost what the change touches only if the graphs
it writes are known beforehand, so the text is parsed (by rdflib's SPARQL parser) for them:

- a write into the default graph is refused: every statement is made in a claim's named graph, and
  the default graph is their merge, written by the store alone;
- ``graphs`` is the set of named graphs the update may change, or None when the text cannot say
  (a ``GRAPH ?g`` template, ``CLEAR ALL``): then the whole store is checked;
- ``names_dataset`` tells whether the text has USING, USING NAMED or WITH, which a request's
  ``using-graph-uri`` and ``using-named-graph-uri`` may not be combined with (SPARQL 1.1 Protocol 2.2.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.term import URIRef

from mosaic.errors import QueryError
from mosaic.graph.sparql import BASE, Dataset, blank_opaque
from mosaic.graph.vocab import PREFIXES

__all__ = ["Scope", "scope", "with_dataset"]

_DEFAULT_WRITE = ("This update writes the default graph, which is the merge of the claims' named graphs and is "
                  "kept by the store: make each statement in the named graph of the claim that makes it "
                  "(INSERT DATA { GRAPH <claim> { … } }), and retract it there.")
_WHERE = re.compile(r"(?<![\w:?$-])WHERE(?![\w:-])", re.IGNORECASE)
_DELETE_WHERE = re.compile(r"(?<![\w:?$-])DELETE\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Scope:
    """The named graphs an update may change (None: it cannot be told), and whether it names a dataset."""

    graphs: frozenset[str] | None
    names_dataset: bool


def scope(update: str) -> Scope:
    """What ``update`` may change. QueryError if it would write the default graph; a text rdflib cannot
    parse is left to the engine to judge, with the whole store to check."""
    try:
        operations = translateUpdate(parseUpdate(update), base=BASE, initNs=PREFIXES).algebra
    except Exception:  # noqa: BLE001 -- rdflib raises many kinds; the engine gives the real message
        return Scope(None, bool(re.search(r"(?<![\w:?$-])(USING|WITH)(?![\w:-])", blank_opaque(update), re.I)))
    graphs: set[str] | None = set()
    for operation in operations:
        written = _written(operation)
        graphs = None if graphs is None or written is None else graphs | written
    return Scope(None if graphs is None else frozenset(graphs),
                 any(op.name == "Modify" and (_field(op, "using") or _field(op, "withClause")) for op in operations))


def _written(operation: Any) -> set[str] | None:
    """The named graphs one operation may write (None: any); QueryError for the default graph."""
    name = operation.name
    if name in ("InsertData", "DeleteData", "DeleteWhere"):
        return _template(operation, None)
    if name == "Modify":
        parts = [_template(clause, _field(operation, "withClause")) for clause in (_field(operation, "delete"),
                                                                                _field(operation, "insert")) if clause]
        return None if any(part is None for part in parts) else set().union(*parts)  # type: ignore[arg-type]
    if name in ("Clear", "Drop", "Create", "Load"):
        return _graph(_field(operation, "graphiri"))
    if name in ("Add", "Copy", "Move"):
        source, target = operation.graph
        moved = _graph(source) if name == "Move" and source != "DEFAULT" else set()
        written = _graph(target)
        return None if moved is None or written is None else moved | written
    return None


def _field(value: Any, key: str) -> Any:
    """A part of rdflib's parsed update, or None (its own ``get`` answers a missing key with the key)."""
    return dict.get(value, key)


def _template(clause: Any, default: URIRef | None) -> set[str] | None:
    """The graphs of a template's quads (and of its triples, which go to ``default``, the WITH graph)."""
    if _field(clause, "triples") and default is None:
        raise QueryError(_DEFAULT_WRITE)
    names = list((_field(clause, "quads") or {}).keys()) + ([default] if _field(clause, "triples") else [])
    if any(not isinstance(graph, URIRef) for graph in names):
        return None  # GRAPH ?g: which graphs depends on the data
    return {str(graph) for graph in names}


def _graph(name: object) -> set[str] | None:
    """The graph a graph-management operation names: one IRI, the default graph (refused), or all (None)."""
    if name is None or name == "DEFAULT":
        raise QueryError(_DEFAULT_WRITE)
    return {str(name)} if isinstance(name, URIRef) else None


def with_dataset(update: str, dataset: Dataset) -> str:
    """``update`` with the request's ``using-graph-uri`` and ``using-named-graph-uri`` written as USING
    clauses before the WHERE of each operation that has one (DELETE WHERE has no dataset)."""
    if not dataset.given:
        return update
    clauses = " ".join([f"USING <{g}>" for g in dataset.default_graphs] +
                       [f"USING NAMED <{g}>" for g in dataset.named_graphs]) + " "
    blanked, depth, cuts = blank_opaque(update), 0, []
    for position, character in enumerate(blanked):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth == 0 and _WHERE.match(blanked, position) and not _DELETE_WHERE.search(blanked[:position]):
            cuts.append(position)
    for position in reversed(cuts):
        update = update[:position] + clauses + update[position:]
    return update
