"""Networks written as files: GEXF (with time intervals for Gephi's timeline), GraphML, node-link
JSON, and CSV/JSON tables of nodes and edges.

GEXF and GraphML hold only plain values, so lists (the records behind an edge, its dates as written)
are joined with "; "; ``start`` and ``end`` (ISO dates) become GEXF time intervals.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd

__all__ = ["FILE_FORMATS", "write", "node_link", "edge_table"]

FILE_FORMATS = ("gexf", "graphml", "json")


def _flat(graph: nx.Graph) -> nx.Graph:
    """A copy with every attribute a plain value: lists joined, empty values dropped."""
    flat = graph.copy()
    for _, data in [*flat.nodes(data=True), *((None, d) for *_, d in flat.edges(data=True))]:
        for key, value in list(data.items()):
            if isinstance(value, list | tuple | set):
                data[key] = "; ".join(map(str, value))
            elif value is None:
                del data[key]
    flat.graph = {k: str(v) for k, v in graph.graph.items()}
    return flat


def write(graph: nx.Graph, path: Path, fmt: str | None = None) -> None:
    """Write ``graph`` to ``path`` in ``fmt`` (gexf, graphml, json), by default the path's suffix."""
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt == "gexf":
        nx.write_gexf(_flat(graph), path)
    elif fmt == "graphml":
        nx.write_graphml(_flat(graph), path)
    elif fmt == "json":
        path.write_text(json.dumps(node_link(graph), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        raise ValueError(f"unknown network file format {fmt!r}; known: {', '.join(FILE_FORMATS)}")


def node_link(graph: nx.Graph) -> dict[str, object]:
    """The network as node-link JSON data (what d3, Cytoscape and the /network page read)."""
    return nx.node_link_data(graph, edges="links")  # type: ignore[no-any-return]


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per edge: source, target, their labels, weight, dates as written and the records."""
    rows = [{"source": u, "source_label": graph.nodes[u].get("label", u), "target": v,
             "target_label": graph.nodes[v].get("label", v), "weight": d.get("weight", 1),
             "start": d.get("start", ""), "end": d.get("end", ""), "dates": "; ".join(d.get("dates", [])),
             "records": " ".join(d.get("records", []))} for u, v, d in graph.edges(data=True)]
    return pd.DataFrame(rows, columns=["source", "source_label", "target", "target_label", "weight", "start", "end",
                                       "dates", "records"])
