"""Blank nodes that two claims write alike are one node.

A record's date or archival reference is written as a blank node in every claim that gives it: two
footnotes citing the same memorandum each say ``mosaic:date [ mosaic:asWritten "May 7, 1956" … ]``.
Merged, those are two dates that say the same, and every query joining through them answered each
row twice. A blank node that another claim writes under the same subject and property, with the same
description, is the same value: this module finds such twins and makes them one node, which each
claim keeps stating in its own graph (a blank node may be shared by the graphs of one dataset).

Only twins are looked for (a join on subject and property across graphs), so a graph without any
costs one query; a node whose description itself holds a blank node is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from mosaic.graph.store import EmbeddedStore

__all__ = ["join_twins"]

_CANDIDATES = """
    SELECT DISTINCT ?first ?firstGraph ?second ?secondGraph WHERE {{
        {restrict}
        GRAPH ?secondGraph {{ ?s ?p ?second FILTER (isBlank(?second)) }}
        GRAPH ?firstGraph {{ ?s ?p ?first }}
        FILTER (isBlank(?first) && ?firstGraph != ?secondGraph)
    }}"""


def join_twins(store: EmbeddedStore, graphs: Iterable[str] | None = None) -> int:
    """Make each blank node of ``graphs`` (all, if None) that has a twin in another graph that twin;
    return how many were joined."""
    restrict = "" if graphs is None else "VALUES ?secondGraph { " + " ".join(f"<{g}>" for g in graphs) + " }"
    chosen: dict[tuple[str, str], ox.BlankNode] = {}  # (node, graph) → the node it becomes
    removed: list[ox.Quad] = []
    added: list[ox.Quad] = []
    for first, first_graph, second, second_graph in store.solutions(_CANDIDATES.format(restrict=restrict)):
        if (second.value, second_graph.value) in chosen or (graphs is None and first.value > second.value):
            continue  # already joined, or the pair's other order joins it (each pair counts once)
        target = chosen.get((first.value, first_graph.value), first)
        described = _description(store, second, second_graph)
        if target == second or described is None or described != _description(store, first, first_graph):
            continue
        chosen[(second.value, second_graph.value)] = target
        removed += _mentions(store, second, second_graph)
        added += [_renamed(q, second, target) for q in _mentions(store, second, second_graph)]
    store.rewrite(removed, added)
    return len(chosen)


def _description(store: EmbeddedStore, node: ox.BlankNode, graph: ox.NamedNode) -> frozenset[tuple[str, str]] | None:
    """What ``graph`` says of ``node``: its properties and values (None if a value is a blank node)."""
    pairs = [(q.predicate, q.object) for q in store.match(node, None, None, graph)]
    if not pairs or any(isinstance(value, ox.BlankNode) for _, value in pairs):
        return None
    return frozenset((str(predicate), str(value)) for predicate, value in pairs)


def _mentions(store: EmbeddedStore, node: ox.BlankNode, graph: ox.NamedNode) -> list[ox.Quad]:
    return [*store.match(node, None, None, graph), *store.match(None, None, node, graph)]


def _renamed(quad: ox.Quad, old: ox.BlankNode, new: ox.BlankNode) -> ox.Quad:
    subject = new if quad.subject == old else quad.subject
    value = new if quad.object == old else quad.object
    return ox.Quad(subject, quad.predicate, value, quad.graph_name)
