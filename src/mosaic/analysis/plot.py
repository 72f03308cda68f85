"""A picture of a network: node size by a measure, colour by group (faction or mission), readable labels."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen: draw to files

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402

__all__ = ["plot"]


def plot(graph: nx.Graph, table: pd.DataFrame, path: Path, size_by: str = "pagerank", colour_by: str = "group",
         title: str = "") -> None:
    """Draw ``graph`` to ``path`` (PNG or SVG, by suffix), sizing nodes by the column ``size_by`` of ``table``."""
    if size_by not in table.columns:
        raise ValueError(f"cannot size nodes by {size_by!r}; choose one of: {', '.join(table.columns)}")
    figure, axes = plt.subplots(figsize=(14, 10))
    layout = nx.spring_layout(graph, seed=7, k=1.5 / max(len(graph), 1) ** 0.5, weight="weight")
    groups = sorted({str(graph.nodes[n].get(colour_by, "")) for n in graph.nodes})
    palette = plt.get_cmap("tab20")
    colour = {group: palette(i % 20) for i, group in enumerate(groups)}
    values = table[size_by].reindex(list(graph.nodes)).fillna(0).astype(float)
    span = (values.max() - values.min()) or 1.0
    sizes = [200 + 1800 * (v - values.min()) / span for v in values]
    arrows = {"arrows": True, "arrowsize": 12} if graph.is_directed() else {"arrows": False}
    nx.draw_networkx_edges(graph, layout, ax=axes, alpha=0.35, node_size=sizes, **arrows,
                           width=[0.8 + 0.6 * d.get("weight", 1) for *_, d in graph.edges(data=True)])
    nx.draw_networkx_nodes(graph, layout, ax=axes, node_size=sizes, edgecolors="#333333", linewidths=0.6,
                           node_color=[colour[str(graph.nodes[n].get(colour_by, ""))] for n in graph.nodes])
    nx.draw_networkx_labels(graph, layout, ax=axes, font_size=8,
                            labels={n: _short(graph.nodes[n].get("label", n)) for n in graph.nodes},
                            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.7, "pad": 0.5})
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=9, color=colour[g], label=g) for g in groups]
    axes.legend(handles=handles, title=colour_by, loc="lower left", fontsize=8, frameon=False)
    axes.set_title(title or f"node size: {size_by}", fontsize=12)
    axes.axis("off")
    figure.tight_layout()
    figure.savefig(path, dpi=150 if path.suffix.lower() == ".png" else None)
    plt.close(figure)


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
