"""How to read a source: caveats derived for every record from the reporting conditions, by rules
kept as SPARQL CONSTRUCT queries in rules/ (not in Python), and asked for per record.

The rules run over the whole graph whenever it changes (see mosaic.derived), and their results are
stored in one graph, ``graph/derived``, so that caveats are queryable in SPARQL like everything else
and always match the data they come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from mosaic.settings import project_root
from mosaic.store import Rows, Selects
from mosaic.vocab import GRAPH_BASE, MOSAIC, PREFIXES

__all__ = ["DERIVED_GRAPH", "Rule", "rules", "describe", "caveats_for", "RULE_BASE"]

DERIVED_GRAPH = GRAPH_BASE + "derived"
RULE_BASE = PREFIXES["rule"]
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"


@dataclass(frozen=True)
class Rule:
    """One rule: its name (the file's stem), its title and explanation (the file's leading comments), its query."""

    name: str
    title: str
    explanation: str
    query: str

    @property
    def iri(self) -> str:
        return RULE_BASE + self.name


def rules(folder: Path | None = None) -> list[Rule]:
    """The rules in ``folder`` (rules/ of this checkout), in name order."""
    found = []
    for path in sorted((folder or project_root() / "rules").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        title = comments[0].removeprefix("Title:").strip() if comments else path.stem
        found.append(Rule(path.stem, title, " ".join(comments[1:]), text))
    return found


def describe(rule: Rule) -> list[ox.Triple]:
    """The rule as data: its title, explanation and file, so a reader can see why a caveat is there."""
    subject = ox.NamedNode(rule.iri)
    return [ox.Triple(subject, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(str(MOSAIC.Rule))),
            ox.Triple(subject, ox.NamedNode(_RDFS + "label"), ox.Literal(rule.title, language="en")),
            ox.Triple(subject, ox.NamedNode(_RDFS + "comment"), ox.Literal(rule.explanation, language="en")),
            ox.Triple(subject, ox.NamedNode(PREFIXES["dcterms"] + "source"), ox.Literal(f"rules/{rule.name}.rq"))]


def caveats_for(store: Selects, record: str) -> Rows:
    """The caveats of one record: condition, whether it applies, why, the rule, and the passage it rests on."""
    return store.select(f"""
        SELECT ?caveat ?condition (SAMPLE(?conditionLabel) AS ?label) (GROUP_CONCAT(DISTINCT ?kindName; separator=", ") AS ?kinds)
               (SAMPLE(?applies) AS ?applicability) (SAMPLE(?reason) AS ?why) (SAMPLE(?ruleOf) AS ?rule)
               (SAMPLE(?title) AS ?ruleTitle) (SAMPLE(?from) AS ?source) (SAMPLE(?where) AS ?locator)
               (SAMPLE(?quoted) AS ?quote) WHERE {{
            ?caveat mosaic:caveatFor <{record}> ; mosaic:basedOn ?condition ; mosaic:applicability ?applies ;
                    mosaic:why ?reason ; mosaic:derivedBy ?ruleOf .
            ?condition skos:prefLabel ?conditionLabel ; mosaic:conditionKind ?kind .
            BIND (STRAFTER(STR(?kind), "/vocab/condition/") AS ?kindName)
            ?ruleOf rdfs:label ?title .
            OPTIONAL {{
                GRAPH ?claim {{ ?condition mosaic:conditionKind ?anyKind }}
                ?claim prov:wasDerivedFrom ?from ; mosaic:locator ?where .
                OPTIONAL {{ ?claim mosaic:quote ?quoted }}
            }}
        }} GROUP BY ?caveat ?condition ORDER BY ?applicability ?label""")
