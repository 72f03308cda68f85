"""``mosaic resolve`` and ``mosaic names …``: which person a written name stands for, across scripts
and transliterations."""

from __future__ import annotations

import json
import sys

import click

from mosaic import settings
from mosaic.graph.store import source


@click.command()
@click.argument("name")
@click.option("--limit", type=int, default=10, show_default=True, help="Most candidates to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--endpoint", metavar="URL", help="Resolve against this SPARQL endpoint instead of the store.")
@click.option("--store", "store_location", default=lambda: settings.get("store"), show_default="$MOSAIC_STORE")
def resolve(name: str, limit: int, as_json: bool, endpoint: str | None, store_location: str) -> None:
    """The persons a written name may stand for, ranked, with why."""
    from mosaic.sources.names import Resolver

    candidates = Resolver.from_store(source(endpoint, store_location)).resolve(name, limit=limit)
    if as_json:
        click.echo(json.dumps({"name": name, "candidates": [c.as_json() for c in candidates]}, ensure_ascii=False,
                              indent=1))
        return
    if not candidates:
        click.echo(f"No person of the graph matches {name!r}.")
    for rank, candidate in enumerate(candidates, 1):
        click.echo(f"{rank}. {candidate.label}  <{candidate.iri}>  score {candidate.score:.2f}\n   {candidate.reason}")


@click.group()
def names() -> None:
    """Compare written names and generate their forms in each system."""


@names.command()
@click.argument("first")
@click.argument("second")
@click.option("--json", "as_json", is_flag=True, help='Print {"same": …, "score": …, "why": …}.')
def match(first: str, second: str, as_json: bool) -> None:
    """Whether two written names are the same name: exit 0 if so, 1 if not."""
    from mosaic.sources.names import match as match_names

    result = match_names(first, second)
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        click.echo(f"{'same' if result.same else 'different'} {result.score:.2f}\n{result.why}")
    sys.exit(0 if result.same else 1)


@names.command()
@click.argument("hangul")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def variants(hangul: str, as_json: bool) -> None:
    """The forms of a Korean name (given in Hangul) in each romanization and transliteration."""
    from mosaic.sources.names import variants as name_variants

    try:
        forms = name_variants(hangul)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="HANGUL") from error
    if as_json:
        click.echo(json.dumps(forms, ensure_ascii=False, indent=1))
        return
    width = max(map(len, forms))
    for system, written in forms.items():
        click.echo(f"{system.ljust(width)}  {', '.join(written)}")
