"""``mosaic network …``: build a network from the store or an endpoint, and measure, compare, draw or export it."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import networkx as nx
import pandas as pd

from mosaic import settings
from mosaic.analysis.measures import EXACT_BETWEENNESS_NODES, SAMPLED_SOURCES, brokerage, compare, ego, metrics
from mosaic.analysis.network import CAVEAT_POLICIES, KINDS, Period, build
from mosaic.analysis.network_files import FILE_FORMATS, edge_table, write
from mosaic.cli.tables import render_frame
from mosaic.errors import DateError
from mosaic.graph.store import source
from mosaic.graph.vocab import expand

F = TypeVar("F", bound=Callable[..., Any])


def network_options(function: F) -> F:
    """The options every network command shares (which network, from where, for which period); the
    command is called with the network built from them as ``graph``, and its own options."""
    @functools.wraps(function)
    def with_network(kind: str, start: str | None, end: str | None, caveats: str, endpoint: str | None,
                     store_location: str, **options: Any) -> Any:
        period = _period(lambda: Period.parse(start, end), "--from/--to")
        graph = build(source(endpoint, store_location), kind, period, caveats)
        return function(graph, **options)

    for option in reversed([
        click.argument("kind", type=click.Choice(KINDS)),
        click.option("--from", "start", metavar="DATE", help="Keep what may date from this day on (1956-09, 1955 …)."),
        click.option("--to", "end", metavar="DATE", help="Keep what may date up to this day (1956-08, 1960 …)."),
        click.option("--caveats", type=click.Choice(CAVEAT_POLICIES), default="keep", show_default=True,
                     help="Second-hand reports written under isolation: keep, drop, or weight as half a record."),
        click.option("--endpoint", metavar="URL", help="Query this SPARQL endpoint instead of the store."),
        click.option("--store", "store_location", default=lambda: settings.get("store"), show_default="$MOSAIC_STORE",
                     help="The store to query: a directory, or an external SPARQL endpoint's URL."),
    ]):
        with_network = option(with_network)
    return with_network  # type: ignore[return-value]


def _period(read: Callable[[], Period], options: str) -> Period:
    """The period the options give; an unreadable date or a period that ends before it starts names them."""
    try:
        return read()
    except DateError as error:
        raise click.BadParameter(str(error), param_hint=options) from error


def _emit(frame: pd.DataFrame, output: str, output_file: Path | None) -> None:
    text = {"table": lambda: render_frame(frame) + "\n", "csv": lambda: frame.to_csv(),
            "json": lambda: frame.reset_index().to_json(orient="records", force_ascii=False, indent=1) + "\n"}[output]()
    if output_file:
        output_file.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(frame)} rows to {output_file}.", err=True)
    else:
        click.echo(text, nl=False)


table_format = click.option("--format", "output", type=click.Choice(["table", "csv", "json"]), default="table",
                            help="A table for the terminal, or CSV or JSON.")
output_file = click.option("-o", "--output-file", type=click.Path(path_type=Path), help="Write here.")


@click.group()
def network() -> None:
    """Who reported on whom: networks, their measures and changes."""


@network.command("metrics")
@network_options
@click.option("--sort", default="pagerank", show_default=True, help="Column to sort by, largest first.")
@click.option("--top", type=click.IntRange(min=0), default=0, help="Show only this many rows (0: all).")
@click.option("--betweenness-sample", type=click.IntRange(min=0), default=None, metavar="N",
              help=f"Estimate betweenness from N source nodes; 0: exact. [default: exact up to "
                   f"{EXACT_BETWEENNESS_NODES:,} nodes, else {SAMPLED_SOURCES}]")
@table_format
@output_file
def metrics_command(graph: nx.Graph, sort: str, top: int, betweenness_sample: int | None, output: str,
                    output_file: Path | None) -> None:
    """Degrees, betweenness, PageRank, hubs, brokerage, cores and communities."""
    table = metrics(graph, betweenness_sample)
    sources = table.attrs["betweenness_sources"]
    if sources is not None:
        click.echo(f"Betweenness is estimated from {sources:,} of the {len(graph):,} nodes "
                   "(--betweenness-sample 0 for the exact value).", err=True)
    if sort not in table.columns:
        raise click.BadParameter(f"choose one of: {', '.join(table.columns)}", param_hint="--sort")
    table = table.sort_values(sort, ascending=False)
    _emit(table.head(top) if top else table, output, output_file)


@network.command("edges")
@network_options
@table_format
@output_file
def edges_command(graph: nx.Graph, output: str, output_file: Path | None) -> None:
    """The edges with their weights, dates and the records behind them; in the reporting network, how each
    ties its ends (subject, informant), and apart from them the missions' reports on their own conditions."""
    _emit(_edges(graph).set_index("source"), output, output_file)
    for node, records in sorted(nx.get_node_attributes(graph, "own_conditions").items()):
        click.echo(f"On its own mission's conditions (no edge), by {graph.nodes[node].get('label', node)}: "
                   f"{' '.join(records)}", err=True)


def _edges(graph: nx.Graph) -> pd.DataFrame:
    """The edge table, with each edge's relation where the network gives one (the reporting network)."""
    table = edge_table(graph)
    relations = [data.get("relation") for *_, data in graph.edges(data=True)]
    if any(relations):
        table.insert(4, "relation", ["; ".join(r or []) for r in relations])
    return table


@network.command("brokerage")
@network_options
@table_format
@output_file
def brokerage_command(graph: nx.Graph, output: str, output_file: Path | None) -> None:
    """Who bridges factions or missions (Gould and Fernandez's brokerage roles)."""
    roles = brokerage(graph)
    roles.insert(0, "label", [graph.nodes[n].get("label", n) for n in roles.index])
    _emit(roles[roles.drop(columns="label").sum(axis=1) > 0], output, output_file)


@network.command("export")
@network_options
@click.option("--format", "fmt", type=click.Choice(FILE_FORMATS), help="File format [default: the file's suffix].")
@click.option("-o", "--output-file", type=click.Path(path_type=Path), required=True, help="The file to write.")
def export_command(graph: nx.Graph, fmt: str | None, output_file: Path) -> None:
    """Write the network as GEXF (with time for Gephi), GraphML or node-link JSON."""
    chosen = fmt or output_file.suffix.lstrip(".").lower()
    if chosen not in FILE_FORMATS:
        raise click.BadParameter(f"cannot tell a network file format from {output_file.name!r}: name the file "
                                 f"{', '.join('.' + f for f in FILE_FORMATS)}, or give --format", param_hint="-o")
    write(graph, output_file, chosen)
    click.echo(f"Wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {output_file}.", err=True)


@network.command("plot")
@network_options
@click.option("--size-by", default="pagerank", show_default=True, help="The measure that sizes the nodes.")
@click.option("--colour-by", default="group", show_default=True, help="The node attribute that colours them.")
@click.option("-o", "--output-file", type=click.Path(path_type=Path), required=True, help="A .png or .svg file.")
def plot_command(graph: nx.Graph, size_by: str, colour_by: str, output_file: Path) -> None:
    """Draw the network to a PNG or SVG file."""
    from matplotlib.backend_bases import FigureCanvasBase

    from mosaic.analysis.plot import plot

    pictures = FigureCanvasBase.get_supported_filetypes()
    if output_file.suffix.lstrip(".").lower() not in pictures:
        raise click.BadParameter(f"cannot draw to {output_file.name!r}: name a .png or .svg file (also "
                                 f"{', '.join('.' + s for s in sorted(pictures) if s not in ('png', 'svg'))})",
                                 param_hint="-o")
    table = metrics(graph)
    if size_by not in table.columns:
        raise click.BadParameter(f"choose one of: {', '.join(table.columns)}", param_hint="--size-by")
    title = f"{graph.graph['network']} network, {graph.graph['period']}; node size: {size_by}"
    plot(graph, table, output_file, size_by=size_by, colour_by=colour_by, title=title)
    click.echo(f"Drew {graph.number_of_nodes()} nodes to {output_file}.", err=True)


@network.command("compare")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--first", required=True, metavar="FROM/TO", help="The first period, e.g. 1953-07/1956-08.")
@click.option("--second", required=True, metavar="FROM/TO", help="The second period, e.g. 1956-09/1960-12.")
@click.option("--endpoint", metavar="URL", help="Query this SPARQL endpoint instead of the store.")
@click.option("--store", "store_location", default=lambda: settings.get("store"), show_default="$MOSAIC_STORE")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table")
def compare_command(kind: str, first: str, second: str, endpoint: str | None, store_location: str,
                    output: str) -> None:
    """What appeared and vanished between two periods, and how each measure moved."""
    periods = [_period(lambda: Period.from_interval(interval), option)
               for interval, option in ((first, "--first"), (second, "--second"))]
    graph = source(endpoint, store_location)
    change = compare(*(build(graph, kind, period) for period in periods))
    moved = change.nodes[change.nodes["change"] != "kept"]
    edges = change.edges[change.edges["change"] != "kept"].set_index("source")
    if output == "json":
        click.echo(json.dumps({"first": first, "second": second,
                               "nodes": json.loads(change.nodes.reset_index().to_json(orient="records")),
                               "edges": json.loads(change.edges.to_json(orient="records"))}, indent=1))
        return
    click.echo(f"{kind} network, {first} → {second}\n\nNodes that appeared or vanished\n{render_frame(moved)}\n\n"
               f"Edges that appeared or vanished\n{render_frame(edges)}\n\nEvery node\n{render_frame(change.nodes)}")


@network.command("ego")
@network_options
@click.argument("node")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="How many ties away.")
@table_format
@output_file
def ego_command(graph: nx.Graph, node: str, depth: int, output: str, output_file: Path | None) -> None:
    """The network around one person or mission (person:nam-il …), to a depth."""
    try:
        around = ego(graph, expand(node), depth)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="NODE") from error
    _emit(_edges(around).set_index("source"), output, output_file)
