"""A mission's reporting: whom it and its diplomats reported on, with who informed them, and apart from
it their reports on the mission's own conditions (as the reporting network keeps them apart)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Identifier

from mosaic.graph.vocab import MOSAIC
from mosaic.web.pages.common import Line, Section, iri_ref, select
from mosaic.web.pages.context import Context
from mosaic.web.pages.sections import comma_joined, titled

__all__ = ["MISSIONS", "Reported", "reported_by", "mentioned", "reporting_sections"]

MISSIONS = {str(MOSAIC.Embassy), str(MOSAIC.Legation), str(MOSAIC.DiplomaticMission)}
_REPORTED = """
    SELECT ?record ?part ?value ?claim WHERE {{
      {{ SELECT DISTINCT ?record WHERE {{
          {{ ?record rico:hasAuthor {mission} }}
          UNION {{ ?membership org:member ?diplomat ; org:organization {mission} . ?record rico:hasAuthor ?diplomat }}
      }} }}
      {{ GRAPH ?claim {{ ?record rico:hasAuthor ?value }} BIND ("by" AS ?part) }}
      UNION {{ GRAPH ?claim {{ ?record mosaic:interlocutor ?value }} BIND ("informants" AS ?part) }}
      UNION {{ GRAPH ?claim {{ ?report mosaic:inDocument ?record ; mosaic:informant ?value }}
               BIND ("informants" AS ?part) }}
      UNION {{ GRAPH ?claim {{ ?record rico:hasOrHadSubject ?value }} BIND ("about" AS ?part) }}
      UNION {{ GRAPH ?claim {{ ?report mosaic:inDocument ?record ; mosaic:about ?value }} BIND ("about" AS ?part) }}
      ?claim a mosaic:Claim .
    }}"""


@dataclass
class Reported:
    """One record by a mission or its diplomats: its authors, informants and subjects, and the claims saying so."""

    parts: dict[str, list[Identifier]] = field(default_factory=lambda: {"by": [], "informants": [], "about": []})
    claims: set[str] = field(default_factory=set)


def reported_by(mission: str) -> dict[str, Reported]:
    """The records by the mission or its diplomats, with their authors, informants and subjects."""
    reported: dict[str, Reported] = {}
    for row in select(_REPORTED.format(mission=iri_ref(mission))):
        entry = reported.setdefault(str(row["record"]), Reported())
        values = entry.parts[str(row["part"])]
        if row["value"] not in values:
            values.append(row["value"])
        entry.claims.add(str(row["claim"]))
    return reported


def mentioned(reported: dict[str, Reported]) -> tuple[set[str], set[str]]:
    """What the records of ``reported`` name, to be labelled, and the claims that say so, to be cited."""
    iris = set(reported) | {str(v) for e in reported.values() for vs in e.parts.values() for v in vs}
    return iris, {c for e in reported.values() for c in e.claims}


def reporting_sections(mission: str, reported: dict[str, Reported], context: Context) -> list[Section]:
    """What the mission and its diplomats reported on others, with who informed them, and apart from it
    their reports on the mission's own conditions (as the reporting network keeps them apart)."""
    on_others = [(r, e) for r, e in reported.items()
                 if e.parts["informants"] or any(str(v) != mission for v in e.parts["about"])]
    on_itself = [(r, e) for r, e in reported.items() if URIRef(mission) in e.parts["about"]]
    return [Section("Whom it and its diplomats reported on, and who informed them",
                    ("Record", "Date (as written)", "Written by", "Informed by", "About"),
                    _reported_lines(on_others, context, mission, ("by", "informants", "about"))),
            Section("Its reports on its own conditions", ("Record", "Date (as written)", "Written by"),
                    _reported_lines(on_itself, context, mission, ("by",)))]


def _reported_lines(records: list[tuple[str, Reported]], context: Context, mission: str,
                    parts: tuple[str, ...]) -> list[Line]:
    """A line per record, earliest first: title, date, then the ``parts`` asked for (never the mission
    itself among what it is about), citing every claim that gives one of them."""
    lines = []
    for record, entry in records:
        title, date = titled(URIRef(record), context)
        named = [comma_joined([context.shown(v) for v in entry.parts[part] if str(v) != mission or part == "by"])
                 for part in parts]
        cites = [context.cites[c] for c in sorted(entry.claims) if c in context.cites]
        lines.append(Line(((title,), (date,), *named), cites, (context.earliest(record), title.text)))
    return sorted(lines, key=lambda line: line.order)
