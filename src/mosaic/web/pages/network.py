"""The interactive network view at /network, and the network data it draws at /network.json.

Both take the filters of ``mosaic network``: kind, from, to; and ``top``, how many of the most
central nodes to keep (the page draws 300 unless told otherwise, the JSON gives all). The data is
node-link JSON with each node's measures, so the page can size nodes by PageRank and colour them by
faction or mission. Only the measures it carries are computed, and betweenness is estimated in a
large network (see mosaic.analysis.measures); ``graph.betweenness_sources`` says from how many nodes (null: exact).

So that the page answers a question, not only draws it, the JSON also describes the records behind
the edges and nodes it gives (``records``: title, dates, authors, informants, what each is about),
unless there are more than ``DESCRIBED_RECORDS`` of them (then ``graph.records_described`` is false).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
from flask import Response, abort, jsonify, request

from mosaic.analysis.measures import centralities
from mosaic.analysis.network import CAVEAT_POLICIES, KINDS, Period, build, describe_records
from mosaic.analysis.network_files import node_link
from mosaic.errors import DateError, PeriodError
from mosaic.graph.iris import local_path
from mosaic.web.pages.common import render_page
from mosaic.web.state import queries

__all__ = ["network_page", "network_data"]


def _filters() -> tuple[str, Period, str]:
    kind = request.args.get("kind", "reporting")
    if kind not in KINDS:
        abort(400, description=f"Unknown network {kind!r}: choose one of {', '.join(KINDS)}.")
    caveats = request.args.get("caveats", "keep")
    if caveats not in CAVEAT_POLICIES:
        abort(400, description=f"caveats is one of {', '.join(CAVEAT_POLICIES)}.")
    try:
        return kind, Period.parse(request.args.get("from") or None, request.args.get("to") or None), caveats
    except PeriodError as error:
        abort(400, description=f"from and to: {error}.")
    except DateError as error:
        abort(400, description=f"A period bound is not a date: {error}. Write dates like 1956, 1956-09 or 1956-09-15.")


DRAWN_NODES = 300  # the page draws at most this many nodes: a browser lays out 7,000 (1M triples) for minutes
DESCRIBED_RECORDS = 2000  # the page lists the records behind what it draws up to this many


def _top() -> int | None:
    """How many nodes to keep (``top``), the most central first; None keeps them all."""
    text = request.args.get("top", "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        abort(400, description=f"top is a number of nodes, at least 1: {text!r}.")
    return int(text)


def _most_central(graph: nx.Graph, table: pd.DataFrame, top: int | None) -> nx.Graph:
    """The ``top`` nodes of highest PageRank (in the whole network; ties by IRI) and the edges among them."""
    if top is None or top >= len(graph):
        return graph
    ranked = sorted(graph.nodes, key=lambda node: (-table.at[node, "pagerank"], node))
    return graph.subgraph(ranked[:top])


def network_data() -> Response:
    """GET /network.json?kind=&from=&to=&top=: the network as node-link JSON, measures on the nodes;
    with ``top``, only its most central nodes (by PageRank) and the edges among them."""
    kind, period, caveats = _filters()
    top = _top()
    whole = build(queries(), kind, period, caveats)
    table = centralities(whole)
    graph = _most_central(whole, table, top)  # a view: the measures written on its nodes go to whole's
    for node in graph.nodes:
        row = table.loc[node]
        graph.nodes[node].update({"pagerank": float(row["pagerank"]), "betweenness": float(row["betweenness"]),
                                  "community": int(row["community"]), "href": local_path(node) or node})
    data = node_link(graph)
    records = _records_behind(graph)
    described = len(records) <= DESCRIBED_RECORDS
    data["records"] = describe_records(queries(), records) if described else {}
    data["graph"] = {"network": kind, "period": str(period), "caveats": caveats, "directed": graph.is_directed(),
                     "betweenness_sources": table.attrs["betweenness_sources"], "top": top,
                     "nodes_in_network": whole.number_of_nodes(), "edges_in_network": whole.number_of_edges(),
                     "records_described": described}
    return jsonify(data)


def _records_behind(graph: nx.Graph) -> list[str]:
    """The records behind the edges of ``graph``, and those its nodes keep (reports on own conditions)."""
    found = {record for *_, data in graph.edges(data=True) for record in data.get("records", [])}
    found |= {record for _, data in graph.nodes(data=True) for record in data.get("own_conditions", [])}
    return sorted(found)


def network_page() -> Response:
    """GET /network: the interactive view, with the same filters as the command line."""
    kind, period, caveats = _filters()
    top = _top() or DRAWN_NODES
    return render_page("network.html", kinds=KINDS, kind=kind, start=request.args.get("from", ""),
                       end=request.args.get("to", ""), period=str(period), policies=CAVEAT_POLICIES, caveats=caveats,
                       top=top)

