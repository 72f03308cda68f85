"""The sections about records: a record's citation, its archival reference part by part, its
translations and how to read it (the caveats the rules derive); the claims citing a source; and the
records and events any entity stands in (by, about, informed by, addressed to, translated by …)."""

from __future__ import annotations

from urllib.parse import urlencode

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV
from rdflib.term import Identifier

from mosaic.graph.iris import local_path
from mosaic.graph.vocab import MOSAIC, RICO, compact
from mosaic.web.pages.common import Cell, Cite, Line, Section, Shown, href_of, iri_ref
from mosaic.web.pages.context import Context
from mosaic.web.pages.facts import Fact, Facts, as_written
from mosaic.web.pages.sections import comma_joined, description_sections, fact_lines, merged_lines, titled
from mosaic.web.state import queries

__all__ = ["record_sections", "involvement_sections", "reading_section", "source_section"]

_RECORD_FIELDS = [  # what a citation of a record is made of, in the order a historian writes it
    (DCTERMS.title, "Title"), (MOSAIC.date, "Date"), (RICO.hasDocumentaryFormType, "Kind"),
    (RICO.hasAuthor, "Author"), (MOSAIC.recipient, "Recipient"), (RICO.hasOrHadHolder, "Held by"),
    (MOSAIC.archivalReference, "Archival reference"), (RICO.isOrWasIncludedIn, "Part of"),
    (MOSAIC.status, "Status"), (DCTERMS.language, "Language"), (MOSAIC.citedIn, "Cited in"),
]
_RECORD_PEOPLE = [
    (MOSAIC.interlocutor, "Interlocutor"), (RICO.hasOrHadSubject, "Subject"),
    (MOSAIC.obtainedBy, "Obtained by"), (MOSAIC.obtainedFor, "Obtained for"),
]
_RECORD_ROLES = [  # how a person or body can stand to a record, as (property, heading of the page's list)
    (RICO.hasAuthor, "Records by {}"), (RICO.hasOrHadSubject, "Records about {}"),
    (MOSAIC.interlocutor, "Records informed by {} (as interlocutor)"),
    (MOSAIC.recipient, "Records addressed to {}"), (MOSAIC.obtainedBy, "Records obtained by {}"),
    (MOSAIC.compiledBy, "Collections compiled by {}"),
]


def record_sections(facts: Facts, context: Context) -> list[Section]:
    references = [f for f in facts.outgoing if f.predicate == MOSAIC.archivalReference]
    citation = _field_lines(facts, _RECORD_FIELDS, context)
    people = _field_lines(facts, _RECORD_PEOPLE, context)
    translations = [f for f in facts.take(PROV.wasDerivedFrom, incoming=True) if f.details]
    return [
        Section("Citation", ("Field", "As the sources give it"), citation),
        Section("Archival reference, part by part", ("Reference", "Part", "Value"), _part_lines(references, context)),
        *description_sections(facts, context),
        Section("Persons and bodies in it, and who obtained it", ("How", "Who or what"), people),
        Section("Translations", ("Translation", "Translated by", "Wilson Center id", "Page"),
                fact_lines(translations, context, lambda f: _translation_cells(f, context))),
    ]


def _field_lines(facts: Facts, fields: list[tuple[URIRef, str]], context: Context) -> list[Line]:
    """A (field, value) line for each fact with one of the fields' properties, in the fields' order."""
    lines = []
    for rank, (predicate, name) in enumerate(fields):
        for fact in facts.take(predicate):
            value = context.shown(fact.value, fact)
            lines.append(Line(((Shown(name),), (value,)), [context.cited(fact)], (f"{rank:03d}", value.text)))
    return sorted(merged_lines(lines), key=lambda line: line.order)


def _part_lines(references: list[Fact], context: Context) -> list[Line]:
    """Each archival reference split into its parts, in the order the reference as written gives them."""
    lines = []
    for reference in references:
        written = as_written(reference.value, reference) or ""
        parts = [(p, v) for p, values in reference.details.items() if str(p) in context.parts for v in values]
        for predicate, value in sorted(parts, key=lambda part: _position(written, str(part[1]))):
            cells = ((Shown(written),), (context.shown(predicate),), (context.shown(value),))
            lines.append(Line(cells, [context.cited(reference)]))
    return merged_lines(lines)


def _position(text: str, part: str) -> int:
    at = text.find(part)
    return at if at >= 0 else len(text)


def _translation_cells(fact: Fact, context: Context) -> tuple[Cell, ...]:
    def cell(predicate: URIRef) -> Cell:
        return comma_joined([context.shown(v) for v in fact.detail(predicate)])

    return ((_translation_shown(fact.value, fact, context),), cell(MOSAIC.translatedBy),
            cell(MOSAIC.wilsonCenterId), cell(FOAF.page))


def _translation_shown(term: Identifier, fact: Fact, context: Context) -> Shown:
    ids = fact.detail(MOSAIC.wilsonCenterId)
    shown = context.shown(term)
    return Shown(f"Wilson Center {ids[0]}" if ids else shown.text, shown.href, shown.hint)


def involvement_sections(facts: Facts, context: Context, pronouns: tuple[str, str]) -> list[Section]:
    """The records and events an entity stands in: by, about, informed by, addressed to, translated by …"""
    subject, pronoun = pronouns
    sections = []
    for predicate, heading in _RECORD_ROLES:
        records = facts.take(predicate, incoming=True)
        sections.append(Section(heading.format(pronoun), ("Record", "Date (as written)"),
                                _record_lines(records, context)))
    translated = facts.take(MOSAIC.translatedBy, incoming=True)
    sections.append(Section(f"Records translated by {pronoun}", ("Record", "Date (as written)", "Translation"),
                            fact_lines(translated, context, lambda f: _translated_cells(f, context),
                                       order=lambda f: _translated_order(f, context))))
    events = facts.take(MOSAIC.participant, incoming=True)
    sections.append(Section(f"Events {subject} took part in", ("Event", "Date (as written)"),
                            _record_lines(events, context)))
    return sections


def _record_lines(facts: list[Fact], context: Context) -> list[Line]:
    """Records (or events) as title and date, earliest first."""
    return fact_lines(facts, context, lambda f: titled(f.value, context),
                      order=lambda f: (context.earliest(str(f.value)), context.shown(f.value).text))


def _translated_cells(fact: Fact, context: Context) -> tuple[Cell, ...]:
    originals = fact.detail(PROV.wasDerivedFrom)
    record: tuple[Shown, Shown] = titled(originals[0], context) if originals else (Shown("?"), Shown(""))
    return (record[0],), (record[1],), (_translation_shown(fact.value, fact, context),)


def _translated_order(fact: Fact, context: Context) -> tuple[str, ...]:
    originals = fact.detail(PROV.wasDerivedFrom)
    return (context.earliest(str(originals[0])) if originals else "9999", str(fact.value))


def reading_section(iri: str, context: Context) -> Section:
    """How to read this source: the caveats the rules derive for the record, each with its passage."""
    from mosaic.analysis.caveats import caveats_for

    lines = []
    for row in caveats_for(queries(), iri):
        applies = str(row["applicability"]).endswith("/applies")
        source = context.sources.get(str(row.get("source", "")))
        cite = Cite(str(row.get("locator", source.short if source else "source")), href_of(str(row.get("source", ""))),
                    str(row["quote"]) if "quote" in row else None, None, str(row["ruleTitle"]))
        condition = str(row["condition"])
        lines.append(Line(((Shown(str(row["label"]), local_path(condition), compact(condition)),),
                           (Shown("applies" if applies else "may apply", style="" if applies else "muted"),),
                           (Shown(str(row["why"])),)), [cite]))
    note = () if lines else (Shown("No reporting condition the sources describe is known to apply to this record."),)
    return Section("How to read this source", ("Condition", "Applies?", "Why"), lines, note)


def source_section(iri: str, context: Context) -> Section:
    source = context.sources[iri]
    query = f"""# Title: What the {source.short} says, statement by statement
SELECT ?locator ?subject ?property ?value WHERE {{
  ?claim prov:wasDerivedFrom {iri_ref(iri)} ; mosaic:line ?line ; mosaic:locator ?locator .
  GRAPH ?claim {{ ?subject ?property ?value }}
}}
ORDER BY ?line ?subject ?property
"""
    note = (Shown(f"{source.claims} claims cite this source."),
            Shown("List every statement it supports", "/?" + urlencode({"query": query})))
    return Section("Claims citing this source", (), [], note)
