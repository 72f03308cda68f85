"""``mosaic caveats DOC``: how to read one record — the conditions that apply or may apply, and why."""

from __future__ import annotations

import json
import re

import click

from mosaic import settings
from mosaic.analysis.caveats import caveats_for
from mosaic.errors import MosaicError
from mosaic.graph.store import Store, source
from mosaic.graph.vocab import RICO, compact, expand

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+")  # what a SPARQL IRI may hold


@click.command()
@click.argument("record")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL endpoint instead of the store.")
@click.option("--store", "store_location", default=lambda: settings.get("store"), show_default="$MOSAIC_STORE")
def caveats(record: str, as_json: bool, endpoint: str | None, store_location: str) -> None:
    """How to read a record (doc:…): the caveats that apply, and the passage each rests on."""
    iri = expand(record)
    store = source(endpoint, store_location)
    _require_record(store, iri, record)
    rows = caveats_for(store, iri)
    found = [{"condition": str(r["condition"]), "label": str(r["label"]), "kinds": str(r["kinds"]).split(", "),
              "applicability": str(r["applicability"]).rsplit("/", 1)[-1], "why": str(r["why"]),
              "rule": str(r["rule"]), "rule_title": str(r["ruleTitle"]), "source": str(r.get("source", "")),
              "locator": str(r.get("locator", "")), "quote": str(r.get("quote", ""))} for r in rows]
    if as_json:
        click.echo(json.dumps({"record": iri, "caveats": found}, ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo(f"No caveats apply to {compact(iri)}: no rule finds a reporting condition that bears on it.")
    for caveat in found:
        click.echo(f"* {caveat['applicability'].replace('-', ' ')}: {caveat['label']}\n  {caveat['why']}\n"
                   f"  rule: {caveat['rule_title']}; source: {compact(caveat['source'])}, {caveat['locator']}")
        if caveat["quote"]:
            click.echo(f"  “{caveat['quote']}”")


def _require_record(store: Store, iri: str, given: str) -> None:
    """Refuse what is not a record of the graph: "no caveats" would read as "safe to read as it is"."""
    if not _IRI.fullmatch(iri):
        raise click.BadParameter(f"{given!r} is not a record's IRI: give doc:… or <https://…>", param_hint="RECORD")
    classes = {str(row["class"]) for row in store.select(f"SELECT DISTINCT ?class WHERE {{ <{iri}> a ?class }}")}
    if str(RICO.Record) in classes:
        return
    if classes:
        raise MosaicError(f"{compact(iri)} is not a record but a {', '.join(sorted(map(compact, classes)))}: "
                          "caveats are about records (doc:…)")
    raise MosaicError(f"there is no record {compact(iri)} in the graph: check its spelling, or find it with "
                      "`mosaic query 'SELECT ?record ?title { ?record a rico:Record ; dcterms:title ?title }'`")
