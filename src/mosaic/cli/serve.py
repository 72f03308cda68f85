"""The ``serve`` command: the SPARQL endpoint and the pages, building the store first if it is empty."""

from __future__ import annotations

from pathlib import Path

import click

from mosaic import settings
from mosaic.cli.options import path_option, progress, require_inputs, store_option
from mosaic.graph.store import open_store

__all__ = ["serve"]


@click.command()
@click.option("--host", default=lambda: settings.get("host"), show_default="$MOSAIC_HOST", help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=lambda: int(settings.get("port")),
              show_default="$MOSAIC_PORT", help="Port to listen on.")
@click.option("--query-timeout", type=float, default=None, help="Seconds a query may run [$MOSAIC_QUERY_TIMEOUT].")
@click.option("--max-rows", type=int, default=None,
              help="Most rows per SELECT answer, 0 for no limit [$MOSAIC_MAX_ROWS].")
@click.option("--workers", type=int, default=None, help="Query worker processes [$MOSAIC_WORKERS].")
@click.option("--threads", type=int, default=lambda: int(settings.get("threads")), show_default="$MOSAIC_THREADS",
              help="Request threads.")
@path_option("data", "Folder of curated TriG files, loaded first if the store is empty.")
@store_option
def serve(host: str, port: int, query_timeout: float | None, max_rows: int | None, workers: int | None,
          threads: int, data: Path, store_location: str) -> None:
    """Serve the SPARQL endpoint and the pages.

    Builds the store from data/ first if there is none. Updates are refused unless
    MOSAIC_UPDATE_TOKEN is set; SERVICE and LOAD unless MOSAIC_FEDERATION allows them.
    """
    from mosaic.graph.load import imports_folder
    from mosaic.graph.load import load as load_graph
    from mosaic.web.server import run

    graph = open_store(store_location, create=True)
    if graph.is_empty():
        ontology, shapes = Path(settings.get("ontology")), Path(settings.get("shapes"))
        require_inputs("build", data=data, ontology=ontology, shapes=shapes)
        progress(f"the store at {store_location} is empty: building it from {data}")
        load_graph(graph, data, ontology, shapes, progress=progress,
                   imports_dir=imports_folder(store_location))
    run(host, port, threads, store=store_location, query_timeout=query_timeout, max_rows=max_rows,
        workers=workers)


