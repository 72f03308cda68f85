"""Measures of who mattered in a reporting network: pure functions on networkx graphs.

Tables come back as pandas DataFrames indexed by node, ready for a notebook, a CSV file or Gephi.
Edge weights count records, so they are strengths: weighted degree and PageRank use them, while
betweenness counts hops (a weight is no distance).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import networkx as nx
import pandas as pd

__all__ = ["metrics", "centralities", "betweenness_sources", "brokerage", "communities", "k_core", "ego", "compare",
           "Comparison", "ROLES"]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


# Exact betweenness takes a breadth-first search from every node: a few seconds at a thousand nodes,
# a minute for the 7,393 of the reporting network at a million triples. Larger networks are measured
# from a sample of source nodes (Brandes and Pich), 1.6 s there, and the table says so.
EXACT_BETWEENNESS_NODES = 1000
SAMPLED_SOURCES = 200


def betweenness_sources(graph: nx.Graph, sample: int | None = None) -> int | None:
    """How many source nodes betweenness is measured from: None for all of them (exact), which is the
    choice up to 1,000 nodes, and 200 beyond; ``sample`` overrides it (0: exact however large)."""
    if sample is None:
        sample = SAMPLED_SOURCES if len(graph) > EXACT_BETWEENNESS_NODES else 0
    return min(sample, len(graph)) if 0 < sample < len(graph) else None


def centralities(graph: nx.Graph, betweenness_sample: int | None = None, seed: int = 0) -> pd.DataFrame:
    """Betweenness, PageRank and Louvain community of each node: what a drawing of the network needs.
    ``attrs["betweenness_sources"]`` is how many nodes betweenness was measured from (None: all)."""
    sources = betweenness_sources(graph, betweenness_sample)
    table = pd.DataFrame(index=pd.Index(list(graph.nodes), name="node"))
    table["betweenness"] = pd.Series(nx.betweenness_centrality(graph, k=sources, seed=seed))
    table["pagerank"] = pd.Series(nx.pagerank(graph, weight="weight")) if len(graph) else pd.Series(dtype=float)
    table["community"] = pd.Series({n: i for i, group in enumerate(communities(graph, seed)) for n in group})
    table.attrs["betweenness_sources"] = sources
    return table


def metrics(graph: nx.Graph, betweenness_sample: int | None = None, seed: int = 0) -> pd.DataFrame:
    """One row per node: degrees, betweenness, PageRank, hubs and authorities, brokerage, core and community.

    Betweenness is exact up to 1,000 nodes and estimated from 200 source nodes beyond, unless
    ``betweenness_sample`` says how many (0: exact); ``attrs["betweenness_sources"]`` tells which.
    """
    table = pd.DataFrame(index=pd.Index(list(graph.nodes), name="node"))
    for attribute in ("label", "kind", "group"):
        table[attribute] = [graph.nodes[n].get(attribute, "") for n in graph.nodes]
    if graph.is_directed():
        table["in_degree"] = pd.Series(dict(graph.in_degree()))
        table["out_degree"] = pd.Series(dict(graph.out_degree()))
        table["weighted_in"] = pd.Series(dict(graph.in_degree(weight="weight")))
        table["weighted_out"] = pd.Series(dict(graph.out_degree(weight="weight")))
    else:
        table["degree"] = pd.Series(dict(graph.degree()))
        table["weighted_degree"] = pd.Series(dict(graph.degree(weight="weight")))
    measured = centralities(graph, betweenness_sample, seed)
    table["betweenness"], table["pagerank"] = measured["betweenness"], measured["pagerank"]
    if graph.is_directed():
        hubs, authorities = _hits(graph)
        table["hub"], table["authority"] = pd.Series(hubs), pd.Series(authorities)
    table["brokerage"] = brokerage(graph).sum(axis=1) if len(graph) else 0
    table["core"] = pd.Series(nx.core_number(_simple(graph))) if len(graph) else 0
    table["community"] = measured["community"]
    table.attrs.update(measured.attrs)
    return table


def _hits(graph: nx.DiGraph) -> tuple[dict[str, float], dict[str, float]]:
    """Hub and authority scores, on the network without self-loops (a mission reporting on itself
    would make the scores degenerate); zero where they are undefined."""
    plain = nx.DiGraph(graph)
    plain.remove_edges_from(list(nx.selfloop_edges(plain)))
    if plain.number_of_edges() == 0:
        zeros = dict.fromkeys(graph.nodes, 0.0)
        return zeros, dict(zeros)
    hubs, authorities = nx.hits(plain, max_iter=1000, normalized=True)  # dividing by the sum fixes the sign
    return _normalised(hubs), _normalised(authorities)


def _normalised(scores: dict[str, float]) -> dict[str, float]:
    """Scores clipped at zero (the solver's float noise) and scaled back to sum to one."""
    clipped = {node: max(value, 0.0) for node, value in scores.items()}
    total = sum(clipped.values()) or 1.0
    return {node: value / total for node, value in clipped.items()}


def _simple(graph: nx.Graph) -> nx.Graph:
    """The undirected graph without self-loops, which k-cores are defined on."""
    simple = nx.Graph(graph.to_undirected(as_view=False))
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    return simple


def brokerage(graph: nx.Graph, attribute: str = "group") -> pd.DataFrame:
    """Gould and Fernandez's brokerage roles: for each node, how often it stands on a path a → it → c
    whose ends are not tied directly, classed by the groups of a, it and c:

    coordinator (all one group), itinerant (a and c in one group, the broker in another),
    representative (a with the broker, c elsewhere), gatekeeper (c with the broker, a elsewhere),
    liaison (all three different). An undirected tie counts in both directions.
    """
    directed = graph if graph.is_directed() else graph.to_directed()
    counts = {node: dict.fromkeys(ROLES, 0) for node in directed.nodes}
    group = {node: directed.nodes[node].get(attribute) for node in directed.nodes}
    for broker in directed.nodes:
        sources = [a for a in directed.predecessors(broker) if a != broker]
        targets = [c for c in directed.successors(broker) if c != broker]
        for a, c in product(sources, targets):
            if a != c and not directed.has_edge(a, c):
                counts[broker][_role(group[a], group[broker], group[c])] += 1
    return pd.DataFrame.from_dict(counts, orient="index", columns=list(ROLES)).rename_axis("node")


def _role(source: object, broker: object, target: object) -> str:
    if source == broker == target:
        return "coordinator"
    if source == target:
        return "itinerant"
    if source == broker:
        return "representative"
    if broker == target:
        return "gatekeeper"
    return "liaison"


def communities(graph: nx.Graph, seed: int = 0) -> list[set[str]]:
    """Louvain communities of the undirected network (weighted), largest first; fixed seed, stable result."""
    if graph.number_of_edges() == 0:
        return [{node} for node in graph.nodes]
    found = nx.community.louvain_communities(graph.to_undirected(as_view=True), weight="weight", seed=seed)
    return sorted(found, key=lambda group: (-len(group), sorted(group)))


def k_core(graph: nx.Graph, k: int | None = None) -> nx.Graph:
    """The k-core (the main core if ``k`` is None) as a subgraph of the network, edges kept as they are."""
    core = nx.k_core(_simple(graph), k=k)
    return graph.subgraph(core.nodes).copy()


def ego(graph: nx.Graph, node: str, depth: int = 1) -> nx.Graph:
    """Everyone within ``depth`` ties of ``node``, whichever way the ties point."""
    if node not in graph:
        raise KeyError(f"{node} is not in this network")
    return nx.ego_graph(graph, node, radius=depth, undirected=True)


@dataclass
class Comparison:
    """What changed between two networks (say, two periods): nodes, edges and measures."""

    nodes: pd.DataFrame
    edges: pd.DataFrame

    def appeared(self) -> list[str]:
        return list(self.nodes.index[self.nodes["change"] == "appeared"])

    def vanished(self) -> list[str]:
        return list(self.nodes.index[self.nodes["change"] == "vanished"])

    def vanished_edges(self) -> list[tuple[str, str]]:
        rows = self.edges[self.edges["change"] == "vanished"]
        return list(zip(rows["source"], rows["target"], strict=True))

    def appeared_edges(self) -> list[tuple[str, str]]:
        rows = self.edges[self.edges["change"] == "appeared"]
        return list(zip(rows["source"], rows["target"], strict=True))


def compare(before: nx.Graph, after: nx.Graph, measures: tuple[str, ...] = ("pagerank", "betweenness")) -> Comparison:
    """Nodes and edges that appeared or vanished from ``before`` to ``after``, and how each measure moved."""
    first, second = metrics(before), metrics(after)
    nodes = pd.DataFrame(index=pd.Index(sorted(set(before) | set(after)), name="node"))
    nodes["label"] = [(after.nodes[n] if n in after else before.nodes[n]).get("label", n) for n in nodes.index]
    nodes["change"] = [_change(n in before, n in after) for n in nodes.index]
    degree = "in_degree" if before.is_directed() else "degree"
    for measure in (degree, *measures):
        nodes[f"{measure}_before"] = first[measure].reindex(nodes.index).fillna(0)
        nodes[f"{measure}_after"] = second[measure].reindex(nodes.index).fillna(0)
        nodes[f"{measure}_change"] = nodes[f"{measure}_after"] - nodes[f"{measure}_before"]
    pairs = sorted(set(before.edges) | set(after.edges))
    edges = pd.DataFrame({
        "source": [u for u, _ in pairs], "target": [v for _, v in pairs],
        "weight_before": [before.edges[p]["weight"] if before.has_edge(*p) else 0 for p in pairs],
        "weight_after": [after.edges[p]["weight"] if after.has_edge(*p) else 0 for p in pairs],
        "change": [_change(before.has_edge(*p), after.has_edge(*p)) for p in pairs],
    })
    return Comparison(nodes, edges)


def _change(before: bool, after: bool) -> str:
    return "kept" if before and after else ("appeared" if after else "vanished")
