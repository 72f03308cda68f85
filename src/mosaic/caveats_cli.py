"""``mosaic caveats DOC``: how to read one record — the conditions that apply or may apply, and why."""

from __future__ import annotations

import json

import click

from mosaic import settings
from mosaic.caveats import caveats_for
from mosaic.remote import source
from mosaic.vocab import compact, expand


@click.command()
@click.argument("record")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL endpoint instead of the store.")
@click.option("--store", "store_location", default=lambda: settings.get("store"), show_default="$MOSAIC_STORE")
def caveats(record: str, as_json: bool, endpoint: str | None, store_location: str) -> None:
    """How to read a record (doc:…): the caveats that apply, and the passage each rests on."""
    iri = expand(record)
    rows = caveats_for(source(endpoint, store_location), iri)
    found = [{"condition": str(r["condition"]), "label": str(r["label"]), "kinds": str(r["kinds"]).split(", "),
              "applicability": str(r["applicability"]).rsplit("/", 1)[-1], "why": str(r["why"]),
              "rule": str(r["rule"]), "rule_title": str(r["ruleTitle"]), "source": str(r.get("source", "")),
              "locator": str(r.get("locator", "")), "quote": str(r.get("quote", ""))} for r in rows]
    if as_json:
        click.echo(json.dumps({"record": iri, "caveats": found}, ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo(f"No caveat is recorded for {compact(iri)}.")
    for caveat in found:
        click.echo(f"* {caveat['applicability'].replace('-', ' ')}: {caveat['label']}\n  {caveat['why']}\n"
                   f"  rule: {caveat['rule_title']}; source: {compact(caveat['source'])}, {caveat['locator']}")
        if caveat["quote"]:
            click.echo(f"  “{caveat['quote']}”")
