"""The ``mosaic`` command: thin wrappers that parse options, call the library and print the result.

Exit codes: 0 success; 1 the graph does not conform to the shapes; 2 any other error (bad input,
unreadable file, malformed query), with a message on standard error that says what and where.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from mosaic import settings
from mosaic.analysis.stats import per_class, per_source
from mosaic.cli.tables import render
from mosaic.errors import LoadError, MosaicError, ShapeViolation
from mosaic.graph.formats import RDF_FORMATS, RESULT_FORMATS, rdf_format, serialize
from mosaic.graph.sparql import query_form
from mosaic.graph.store import Store, open_store

F = TypeVar("F", bound=Callable[..., object])


def _path_option(name: str, help_text: str) -> Callable[[F], F]:
    return click.option(f"--{name}", default=lambda: settings.get(name), show_default=f"${settings.SETTINGS[name].env}",
                        type=click.Path(path_type=Path), help=help_text)


store_option = click.option("--store", "store_location", default=lambda: settings.get("store"),
                            show_default="$MOSAIC_STORE", help="The store: a directory for the embedded store, or an external SPARQL endpoint's URL.")


_INPUTS = {"data": "*.trig", "ontology": "*.ttl", "shapes": "*.ttl"}  # what each folder must hold


def _require(verb: str, **folders: Path) -> None:
    """Refuse to build or check a graph from nothing: a missing or empty folder loads 0 quads, which
    conform, and an install that lacked the curated graph once reported success that way."""
    for name, folder in folders.items():
        if folder.is_file() or any(folder.glob(_INPUTS[name])):  # a file: `mosaic load --data-file`
            continue
        state = f"holds no {_INPUTS[name]} files" if folder.is_dir() else "does not exist"
        raise LoadError(str(folder), None, None, f"nothing to {verb}: the {name} folder {state}; point --{name} "
                        f"or ${settings.SETTINGS[name].env} at a folder of {_INPUTS[name]} files")


def _progress(message: str) -> None:
    click.echo(f"[{time.strftime('%H:%M:%S')}] {message}", err=True)


class LazyGroup(click.Group):
    """A group whose larger commands are imported only when run (or listed), so that a quick
    `mosaic query` does not first import networkx, pandas and pySHACL."""

    lazy = {"network": "mosaic.cli.network:network", "import": "mosaic.cli.importers:import_group",
            "resolve": "mosaic.cli.names:resolve", "names": "mosaic.cli.names:names",
            "caveats": "mosaic.cli.caveats:caveats", "coverage": "mosaic.cli.coverage:coverage",
            "synth": "mosaic.cli.synth:synth"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.lazy:
            return super().get_command(ctx, name)
        module, _, attribute = self.lazy[name].partition(":")
        return getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]


@click.group(cls=LazyGroup)
@click.version_option(package_name="mosaic")
def cli() -> None:
    """Mosaic: a knowledge graph of Cold War reporting on North Korea, every fact with its source."""


@cli.command()
@_path_option("data", "Folder of curated TriG files.")
@_path_option("ontology", "Folder of the ontology's Turtle files.")
@_path_option("shapes", "Folder of the SHACL shapes.")
@click.option("--data-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="One RDF file (TriG or N-Quads, e.g. from `mosaic synth`) to load instead of the data folder.")
@store_option
def load(data: Path, ontology: Path, shapes: Path, data_file: Path | None, store_location: str) -> None:
    """Build the store from data/ (all or nothing).

    Every file is parsed and the whole graph validated before the store is replaced.
    """
    started = time.perf_counter()
    _require("load", data=data_file or data, ontology=ontology, shapes=shapes)
    store = open_store(store_location, create=True)
    from mosaic.graph.load import imports_folder
    from mosaic.graph.load import load as load_graph

    imports = imports_folder(store_location)
    if data_file and any(imports.glob("*.trig")):
        click.echo(f"Note: the imports kept in {imports} are not part of this load (--data-file reads that one file); "
                   "a `mosaic load` without --data-file brings them back.", err=True)
    report = load_graph(store, data_file or data, ontology, shapes, progress=_progress,
                        imports_dir=None if data_file else imports)
    took = time.perf_counter() - started
    click.echo(f"Loaded {len(store)} quads into {store_location} in {took:.1f} s "
               f"({report.count('Warning')} warnings, {report.count('Info')} notes; see `mosaic validate`).")


@cli.command()
@_path_option("data", "Folder of curated TriG files.")
@_path_option("ontology", "Folder of the ontology's Turtle files.")
@_path_option("shapes", "Folder of the SHACL shapes.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", help="Report format.")
@click.option("--store", "store_location", default=None,
              help="Check what this store holds now (a directory or an endpoint's URL) instead of data/.")
def validate(data: Path, ontology: Path, shapes: Path, output: str, store_location: str | None) -> None:
    """Check data/ (or a store) against the SHACL shapes.

    Exit code 1 if anything violates a shape; warnings and notes are reported but pass.
    """
    from mosaic.graph.load import build, sources
    from mosaic.graph.store import EmbeddedStore
    from mosaic.graph.validation.engine import validate_store

    if store_location:
        _require("check", shapes=shapes)
        report = validate_store(open_store(store_location), shapes)
    else:
        _require("check", data=data, ontology=ontology, shapes=shapes)
        report = build(EmbeddedStore.scratch(), sources(data, ontology), shapes)
    click.echo(report.as_json() if output == "json" else report.text())
    sys.exit(0 if report.conforms else 1)


@cli.command()
@click.argument("text", required=False)
@click.option("-f", "--file", "query_file", type=click.File(encoding="utf-8"), help="Read the query from a file.")
@click.option("--format", "output", type=click.Choice(["table", *RESULT_FORMATS, *RDF_FORMATS]), default="table",
              help="table, csv, tsv, json or xml for SELECT/ASK; an RDF format for CONSTRUCT/DESCRIBE.")
@store_option
def query(text: str | None, query_file: click.utils.LazyFile | None, output: str, store_location: str) -> None:
    """Run a SPARQL query on the store.

    The prefixes of the README (person:, doc:, mosaic:, rico: …) are declared for you.
    """
    sparql = query_file.read() if query_file else text
    if sparql is None:
        raise click.UsageError("give a query as an argument or with --file")
    if not sparql.strip():
        where = f" in {query_file.name}" if query_file else ""
        raise click.UsageError(f"the query{where} is empty: write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    click.echo(_answer(open_store(store_location), sparql, output), nl=False)


def _answer(store: Store, sparql: str, output: str) -> str:
    form = query_form(sparql)
    if form in ("construct", "describe"):
        if output not in ("table", *RDF_FORMATS):
            raise click.UsageError(f"a {form.upper()} result is a graph: write it as {', '.join(RDF_FORMATS)}, "
                                   f"not {output}")
        return store.results(sparql, rdf_format("turtle" if output == "table" else output).name).decode("utf-8")
    if form == "ask" and output == "table":
        return f"{str(store.ask(sparql)).lower()}\n"
    if output == "table":
        return render(store.select(sparql)) + "\n"
    if output not in RESULT_FORMATS:
        raise click.UsageError(f"a {form or 'SELECT'} result cannot be written as {output}")
    return store.results(sparql, output).decode("utf-8")


@cli.command()
@click.option("--format", "output", type=click.Choice(list(RDF_FORMATS)), default="trig", show_default=True,
              help="trig, nquads and jsonld keep the claim graphs (provenance); the others merge them.")
@click.option("-o", "--output-file", type=click.Path(path_type=Path), help="Write here instead of standard output.")
@store_option
def export(output: str, output_file: Path | None, store_location: str) -> None:
    """Write the whole graph in an RDF format."""
    data = serialize(open_store(store_location).quads(), RDF_FORMATS[output])
    if output_file:
        output_file.write_bytes(data)
        click.echo(f"Wrote {len(data)} bytes to {output_file}.", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@cli.command()
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", help="Output format.")
@store_option
def stats(output: str, store_location: str) -> None:
    """Count entities per class and per source."""
    store = open_store(store_location)
    classes, sources = per_class(store), per_source(store)
    if output == "json":
        as_data = lambda rows: [{k: str(v) for k, v in row.items()} for row in rows]  # noqa: E731
        click.echo(json.dumps({"quads": len(store), "classes": as_data(classes), "sources": as_data(sources)}, indent=1))
        return
    click.echo(f"{len(store)} quads\n\nEntities per class\n{render(classes)}\n\nStatements per source\n{render(sources)}")


@cli.command()
@click.option("--host", default=lambda: settings.get("host"), show_default="$MOSAIC_HOST", help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=lambda: int(settings.get("port")),
              show_default="$MOSAIC_PORT", help="Port to listen on.")
@click.option("--query-timeout", type=float, default=None, help="Seconds a query may run [$MOSAIC_QUERY_TIMEOUT].")
@click.option("--max-rows", type=int, default=None,
              help="Most rows per SELECT answer, 0 for no limit [$MOSAIC_MAX_ROWS].")
@click.option("--workers", type=int, default=None, help="Query worker processes [$MOSAIC_WORKERS].")
@click.option("--threads", type=int, default=lambda: int(settings.get("threads")), show_default="$MOSAIC_THREADS",
              help="Request threads.")
@_path_option("data", "Folder of curated TriG files, loaded first if the store is empty.")
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
        _require("build", data=data, ontology=ontology, shapes=shapes)
        _progress(f"the store at {store_location} is empty: building it from {data}")
        load_graph(graph, data, ontology, shapes, progress=_progress,
                   imports_dir=imports_folder(store_location))
    run(host, port, threads, store=store_location, query_timeout=query_timeout, max_rows=max_rows,
        workers=workers)


def main() -> None:
    """Run the CLI, turning Mosaic's errors into a clear message and exit code instead of a traceback."""
    try:
        cli.main(standalone_mode=False)
    except ShapeViolation as error:
        click.echo(error.report.text(), err=True)
        click.echo("Nothing was loaded: the store is as it was.", err=True)
        sys.exit(1)
    except MosaicError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(2)
    except OSError as error:  # a file that cannot be read or written: a missing folder, no permission, a full disk
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"Error: {where}{error.strerror or error}", err=True)
        sys.exit(2)
