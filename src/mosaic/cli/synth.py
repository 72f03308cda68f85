"""``mosaic synth``: a synthetic graph of N triples, for benchmarks, written to a file or loaded into the store."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
import pyoxigraph as ox

from mosaic import settings
from mosaic.graph.formats import RdfFormat, rdf_format
from mosaic.graph.store import open_store
from mosaic.graph.vocab import PREFIXES
from mosaic.synth import MIN_TRIPLES, synthesize, with_bounds

__all__ = ["synth", "parse_count"]

_SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}
_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)", re.IGNORECASE)
_STREAMED = ("trig", "nquads")  # formats written quad by quad that keep the claims' graphs


def parse_count(text: str) -> int:
    """A number of triples as people write it: ``20000``, ``20_000``, ``100k``, ``1M``, ``2.5M``.

    >>> parse_count("100k"), parse_count("1M"), parse_count("2.5m"), parse_count("20_000")
    (100000, 1000000, 2500000, 20000)
    """
    match = _COUNT.fullmatch(text.strip().replace("_", "").replace(",", ""))
    if not match:
        raise ValueError(f"{text!r} is not a number of triples: write 20000, 100k, 1M or 10M")
    return round(float(match.group(1)) * _SUFFIXES[match.group(2).lower()])


class _Count(click.ParamType[int, int | str]):
    name = "N"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_count(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


@click.command()
@click.option("--triples", "-n", type=_Count(), required=True,
              help=f"How many triples to generate: 20000, 100k, 1M, 10M … (at least {MIN_TRIPLES}).")
@click.option("--seed", type=int, default=1, show_default=True, help="The same N and seed give the same bytes.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write, its format from its suffix: .trig (the default) or .nq. "
                   "Without it, TriG goes to standard output (unless --load is given).")
@click.option("--load", "load_store", is_flag=True,
              help="Also build the store from the generated graph, replacing its content, with date bounds "
                   "added as `mosaic load` adds them — but WITHOUT validating it against the shapes and "
                   "without deriving reading caveats, for speed (the generator's output is tested to conform).")
@click.option("--store", "store_location", default=lambda: settings.get("store"), show_default="$MOSAIC_STORE",
              help="The store --load builds: a directory for the embedded store.")
def synth(triples: int, seed: int, output: Path | None, load_store: bool, store_location: str) -> None:
    """Generate a synthetic Mosaic graph of about N triples, for benchmarks and scaling tests.

    Persons with name forms in several scripts, factions, missions and posts, records with uncertain
    dates, archival references and translations, reports with informants, events and reporting
    conditions — every statement in a claim with its source, and every slug starting with synth-.
    The graph is streamed, so 10M triples never sit in memory.
    """
    if triples < MIN_TRIPLES:
        raise click.BadParameter(f"ask for at least {MIN_TRIPLES} triples", param_hint="--triples")
    fmt = _format(output)
    if output is not None or not load_store:
        started = time.perf_counter()
        written = _write(synthesize(triples, seed), output, fmt)
        _report(f"Generated {written:,} triples (seed {seed}) into {output or 'standard output'}", started, written)
    if load_store:
        started = time.perf_counter()
        quads = ox.parse(path=str(output), format=fmt.engine) if output else synthesize(triples, seed)
        store = open_store(store_location, create=True)
        store.replace(with_bounds(quads))
        _report(f"Loaded {len(store):,} quads into {store_location} (not validated, no caveats derived)",
                started, len(store))


def _format(output: Path | None) -> RdfFormat:
    if output is None or not output.suffix:
        return rdf_format("trig")
    try:
        fmt = rdf_format(output.suffix)
    except ValueError:
        fmt = None
    if fmt is None or fmt.name not in _STREAMED:
        raise click.BadParameter(f"write .trig or .nq, not {output.suffix}", param_hint="--output")
    return fmt


def _write(quads: Iterable[ox.Quad], output: Path | None, fmt: RdfFormat) -> int:
    counted = _Counter(quads)
    if output is None:
        ox.serialize(counted, sys.stdout.buffer, format=fmt.engine, prefixes=PREFIXES)
    else:
        ox.serialize(counted, str(output), format=fmt.engine, prefixes=PREFIXES)
    return counted.count


class _Counter:
    """Passes quads on, counting them."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.quads, self.count = quads, 0

    def __iter__(self) -> Iterator[ox.Quad]:
        for quad in self.quads:
            self.count += 1
            yield quad


def _report(what: str, started: float, count: int) -> None:
    took = time.perf_counter() - started
    click.echo(f"{what} in {took:.1f} s ({count / max(took, 1e-9):,.0f} a second).", err=True)
