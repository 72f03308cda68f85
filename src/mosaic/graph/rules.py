"""The rules that derive, for every record, the caveats of how to read it from the reporting
conditions: kept as SPARQL CONSTRUCT queries in rules/ (not in Python), each described as data.

The rules run over the whole graph whenever it changes (see mosaic.graph.derived), and their results are
stored in one graph, ``graph/derived``, so that caveats are queryable in SPARQL like everything else
and always match the data they come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from mosaic.graph.vocab import GRAPH_BASE, MOSAIC, PREFIXES
from mosaic.settings import project_root

__all__ = ["DERIVED_GRAPH", "Rule", "rules", "describe", "RULE_BASE"]

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
