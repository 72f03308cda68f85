"""``mosaic coverage``: records per mission per year, then the years a mission fell silent."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pandas as pd

from mosaic import settings
from mosaic.analysis.coverage import as_json, silences, year_columns
from mosaic.analysis.coverage import coverage as coverage_table
from mosaic.cli.network import output_file, table_format
from mosaic.cli.tables import render_frame
from mosaic.graph.store import source

__all__ = ["coverage"]



def _as_table(table: pd.DataFrame) -> str:
    """Both tables for the terminal; a zero count is left blank so the gaps stand out."""
    shown = table.copy()
    for column in [*year_columns(table), "undated"]:
        shown[column] = [n or "" for n in table[column]]
    gaps = silences(table).set_index("mission")
    return (f"Records per mission per year\n{render_frame(shown)}\n\n"
            f"Periods of silence: years with no record between a mission's first and last\n{render_frame(gaps)}\n")


def _as_csv(table: pd.DataFrame) -> str:
    """Two CSV blocks, counts then silences, separated by an empty line."""
    return table.to_csv() + "\n" + silences(table).to_csv(index=False)


_RENDER = {"table": _as_table, "csv": _as_csv,
           "json": lambda table: json.dumps(as_json(table), ensure_ascii=False, indent=1) + "\n"}


@click.command("coverage")
@click.option("--from-year", "start_year", type=int, metavar="YEAR",
              help="First year of the table [default: the first year any mission reports].")
@click.option("--to-year", "end_year", type=int, metavar="YEAR",
              help="Last year of the table [default: the last year any mission reports].")
@table_format
@output_file
@click.option("--endpoint", metavar="URL", help="Query this SPARQL endpoint instead of the store.")
@click.option("--store", "store_location", default=lambda: settings.get("store"), show_default="$MOSAIC_STORE",
              help="The embedded store to query.")
def coverage(start_year: int | None, end_year: int | None, output: str, output_file: Path | None,
                     endpoint: str | None, store_location: str) -> None:
    """Records per mission per year, and the years each mission is silent.

    A record counts for a mission when the mission, or someone holding a post in it, wrote it; in
    every year its date may fall in. Read a silence as a gap in the sources, not in events.
    """
    if start_year is not None and end_year is not None and start_year > end_year:
        raise click.BadParameter(f"{start_year} is after --to-year {end_year}", param_hint="--from-year")
    table = coverage_table(source(endpoint, store_location), start_year, end_year)
    text = _RENDER[output](table)
    if output_file:
        output_file.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(table)} missions over {len(year_columns(table))} years to {output_file}.", err=True)
    else:
        click.echo(text, nl=False)
