"""The commands on the graph itself: ``load``, ``validate``, ``query``, ``export`` and ``stats``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from mosaic.analysis.stats import per_class, per_source
from mosaic.cli.options import path_option, progress, require_inputs, store_option
from mosaic.cli.tables import render
from mosaic.graph.formats import RDF_FORMATS, RESULT_FORMATS, rdf_format, serialize
from mosaic.graph.sparql import query_form
from mosaic.graph.store import Store, open_store

__all__ = ["load", "validate", "query", "export", "stats"]


@click.command()
@path_option("data", "Folder of curated TriG files.")
@path_option("ontology", "Folder of the ontology's Turtle files.")
@path_option("shapes", "Folder of the SHACL shapes.")
@click.option("--data-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="One RDF file (TriG or N-Quads, e.g. from `mosaic synth`) to load instead of the data folder.")
@store_option
def load(data: Path, ontology: Path, shapes: Path, data_file: Path | None, store_location: str) -> None:
    """Build the store from data/ (all or nothing).

    Every file is parsed and the whole graph validated before the store is replaced.
    """
    started = time.perf_counter()
    require_inputs("load", data=data_file or data, ontology=ontology, shapes=shapes)
    store = open_store(store_location, create=True)
    from mosaic.graph.load import imports_folder
    from mosaic.graph.load import load as load_graph

    imports = imports_folder(store_location)
    if data_file and any(imports.glob("*.trig")):
        click.echo(f"Note: the imports kept in {imports} are not part of this load (--data-file reads that one file); "
                   "a `mosaic load` without --data-file brings them back.", err=True)
    report = load_graph(store, data_file or data, ontology, shapes, progress=progress,
                        imports_dir=None if data_file else imports)
    took = time.perf_counter() - started
    click.echo(f"Loaded {len(store)} quads into {store_location} in {took:.1f} s "
               f"({report.count('Warning')} warnings, {report.count('Info')} notes; see `mosaic validate`).")


@click.command()
@path_option("data", "Folder of curated TriG files.")
@path_option("ontology", "Folder of the ontology's Turtle files.")
@path_option("shapes", "Folder of the SHACL shapes.")
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
        require_inputs("check", shapes=shapes)
        report = validate_store(open_store(store_location), shapes)
    else:
        require_inputs("check", data=data, ontology=ontology, shapes=shapes)
        report = build(EmbeddedStore.scratch(), sources(data, ontology), shapes)
    click.echo(report.as_json() if output == "json" else report.text())
    sys.exit(0 if report.conforms else 1)


@click.command()
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


@click.command()
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


@click.command()
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


