"""``mosaic import …``: citations and spreadsheets into the graph — printed, written as TriG, or loaded.

A load is all or nothing, like ``mosaic load``: the new graphs are validated together with the
whole graph first. Names are linked to the graph's persons through the name authority; names it
cannot place are reported.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pyoxigraph as ox

from mosaic import settings
from mosaic.errors import MosaicError
from mosaic.graph.iris import SlugRegistry, slugify
from mosaic.graph.load import add, imports_folder
from mosaic.graph.store import Store, open_store
from mosaic.sources.importers.graph import as_trig, kept

LINK_THRESHOLD = 0.9  # a name is linked to a person only when the authority is this sure


def _linker(store: Store) -> Callable[[str], str | None]:
    from mosaic.sources.names import Resolver

    resolver = Resolver.from_store(store)

    def link(name: str) -> str | None:
        best = resolver.resolve(name, limit=1)
        return best[0].iri if best and best[0].score >= LINK_THRESHOLD else None

    return link


def _finish(store: Store, graphs: dict[str, list[ox.Quad]], report: list[str], output: Path | None,
            keep: Path | None) -> None:
    """Print the report, then load the graphs and keep them as the file ``keep`` (if given), or write them."""
    for line in report:
        click.echo(line, err=True)
    if keep:
        with kept(keep, graphs):
            add(store, graphs, Path(settings.get("shapes")))
        click.echo(f"Loaded {sum(map(len, graphs.values()))} statements in {len(graphs)} graphs; kept in {keep}, "
                   "which `mosaic load` reads.", err=True)
        return
    text = as_trig(graphs)
    if output:
        output.write_bytes(text)
        click.echo(f"Wrote {sum(map(len, graphs.values()))} statements to {output}.", err=True)
    else:
        click.echo(text.decode("utf-8"), nl=False)


def _kept_as(store_location: str, source_name: str) -> Path:
    """The file an import into that store is kept as: one per import name, so importing again replaces it."""
    return imports_folder(store_location) / f"{source_name}.trig"


def _reserved() -> set[str]:
    """Every IRI the slug registry has ever given out: never minted again, even if unused now."""
    return SlugRegistry.read(Path(settings.get("data")) / "slugs.tsv").iris()


def _source_name(path: Path, name: str | None) -> str:
    return slugify(name or f"import-{path.stem}")


store_option = click.option("--store", "store_location", default=lambda: settings.get("store"),
                            show_default="$MOSAIC_STORE", help="The store to link against and load into.")
output_option = click.option("-o", "--output-file", type=click.Path(path_type=Path), help="Write the TriG here.")
load_option = click.option("--load", is_flag=True,
                           help="Load into the store, and keep the import for `mosaic load` (see $MOSAIC_IMPORTS).")
name_option = click.option("--name", help="Name of this import (its claims are named after it) [import-<file>].")


@click.group("import")
def import_group() -> None:
    """Bring citations and spreadsheets into the graph."""


@import_group.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Only parse: print one JSON object per citation.")
@output_option
@load_option
@name_option
@store_option
def citations(file: Path, as_json: bool, output_file: Path | None, load: bool, name: str | None,
              store_location: str) -> None:
    """Wilson Center Digital Archive citations, one per line or per paragraph."""
    from mosaic.sources.importers import citations as parser
    from mosaic.sources.importers.records import to_graphs

    found = [(line, parser.parse(text)) for line, text in parser.split(file.read_text(encoding="utf-8"))]
    if as_json:
        for line, citation in found:
            click.echo(json.dumps({"line": line, **citation.as_json()}, ensure_ascii=False))
    if not any(citation.importable for _, citation in found):
        raise MosaicError(f"nothing to import from {file}: " + (
            f"none of its {len(found)} citation(s) names an archive, an archival reference or a Wilson Center "
            "document id" if found else "it holds no citation"))
    if as_json:
        return
    store = open_store(store_location)
    source = _source_name(file, name)
    graphs, report = to_graphs(found, source, store, _linker(store), reserved=_reserved())
    _finish(store, graphs, report, output_file, _kept_as(store_location, source) if load else None)


@import_group.command("csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["person", "document", "event", "membership"]), required=True,
              help="What each row describes (see examples/templates/).")
@click.option("--skip-bad", is_flag=True, help="Import the good rows and list the bad ones.")
@output_option
@load_option
@name_option
@store_option
def csv_command(file: Path, kind: str, skip_bad: bool, output_file: Path | None, load: bool, name: str | None,
                store_location: str) -> None:
    """A spreadsheet (CSV) of persons, documents, events or memberships."""
    from mosaic.sources.importers import spreadsheet

    rows, problems = spreadsheet.read(file, kind)
    if problems and not skip_bad:
        for problem in problems:
            click.echo(f"{file}: {problem}", err=True)
        click.echo(f"Nothing imported: {len(problems)} bad row(s). Fix them, or use --skip-bad.", err=True)
        sys.exit(1)
    if not rows:
        raise MosaicError(f"nothing to import from {file}: " + ("; ".join(map(str, problems)) or "it has no rows"))
    store = open_store(store_location)
    source = _source_name(file, name)
    graphs, report = spreadsheet.to_graphs(rows, kind, source, store, _linker(store), skip_bad=skip_bad,
                                           reserved=_reserved(), unread=problems)
    _finish(store, graphs, report, output_file, _kept_as(store_location, source) if load else None)
