"""The building blocks of an entity page's sections: lines that cite every claim giving them, the names
and descriptions every kind of entity has, and the facts no other section shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Identifier

from mosaic.web.pages.common import Cell, Line, Section, Shown
from mosaic.web.pages.context import Context, pretty_language
from mosaic.web.pages.facts import Fact, Facts, as_written

__all__ = ["fact_lines", "merged_lines", "comma_joined", "titled", "description_sections", "names_section",
           "other_sections"]

_NAME_FORMS = {SKOS.prefLabel: "preferred", SKOS.altLabel: "alternative", SKOS.hiddenLabel: "misprint"}
_LANGUAGES = {"en": "English", "ko": "Korean in Hangul", "ko-Latn-x-mr": "Korean, McCune–Reischauer",
              "ko-Latn-x-rr": "Korean, Revised Romanization", "ru-Latn": "Russian in Latin letters",
              "ru": "Russian", "hu": "Hungarian", "de": "German", "pl": "Polish", "ro": "Romanian", "sq": "Albanian",
              "zh": "Chinese", "mn": "Mongolian", "cs": "Czech", "bg": "Bulgarian"}


def fact_lines(facts: Iterable[Fact], context: Context, cells: Callable[[Fact], tuple[Cell | Shown, ...]],
               order: Callable[[Fact], tuple[str, ...]] | None = None) -> list[Line]:
    """One line per distinct row of cells, citing every claim that gives it, in ``order``."""
    lines = []
    for fact in facts:
        row = tuple(c if isinstance(c, tuple) else (c,) for c in cells(fact))
        lines.append(Line(row, [context.cited(fact)], order(fact) if order else tuple(p.text for c in row for p in c)))
    return sorted(merged_lines(lines), key=lambda line: line.order)


def merged_lines(lines: list[Line]) -> list[Line]:
    """Lines with the same cells made one, citing each passage once, in the order first met."""
    merged: dict[tuple[Cell, ...], Line] = {}
    for line in lines:
        kept = merged.setdefault(line.cells, Line(line.cells, [], line.order))
        for cite in line.cites:
            if all((c.text, c.href, c.flag) != (cite.text, cite.href, cite.flag) for c in kept.cites):
                kept.cites.append(cite)
    return list(merged.values())


def comma_joined(items: list[Shown]) -> Cell:
    joined: list[Shown] = []
    for item in items:
        if joined:
            joined.append(Shown(", ", style="sep"))
        joined.append(item)
    return tuple(joined)


def titled(term: Identifier, context: Context) -> tuple[Shown, Shown]:
    date = context.date(str(term)) if isinstance(term, URIRef) else None
    return context.shown(term), Shown(date or "undated", style="" if date else "muted")


def description_sections(facts: Facts, context: Context) -> list[Section]:
    lines = fact_lines(facts.take(DCTERMS.description), context, lambda f: (context.shown(f.value),))
    return [Section("What the sources say", ("Description",), lines)]


def names_section(facts: Facts, context: Context) -> Section:
    names = fact_lines(facts.take(*_NAME_FORMS), context, lambda f: _name_cells(f, context),
                       order=lambda f: (str(list(_NAME_FORMS).index(f.predicate)), _language(f.value), str(f.value)))
    return Section("Names", ("Name", "Form", "Language"), names)


def _language(term: Identifier) -> str:
    return pretty_language(term.language) if isinstance(term, Literal) and term.language else ""


def _name_cells(fact: Fact, context: Context) -> tuple[Shown, ...]:
    language = _language(fact.value)
    return (replace(context.shown(fact.value), badge=None), Shown(_NAME_FORMS[fact.predicate]),
            Shown(language or "none", hint=_LANGUAGES.get(language), style="" if language else "muted"))


def other_sections(facts: Facts, context: Context) -> list[Section]:
    """Everything not yet shown: outgoing facts as property and value, incoming ones as subject and property."""
    outgoing = fact_lines(facts.rest(incoming=False), context,
                          lambda f: (context.shown(f.predicate), _value_cell(f, context)))
    incoming = fact_lines(facts.rest(incoming=True), context,
                          lambda f: (_subject_cell(f, context), context.shown(f.predicate)),
                          order=lambda f: (context.shown(f.predicate).text, context.earliest(str(f.value)),
                                           context.shown(f.value).text))
    return [Section("Facts", ("Property", "Value"), outgoing),
            Section("Referred to by", ("What", "How"), incoming)]


def _value_cell(fact: Fact, context: Context) -> Cell:
    if isinstance(fact.value, BNode) and not as_written(fact.value, fact):
        return _node_cell(fact, context)
    return (context.shown(fact.value, fact),)


def _subject_cell(fact: Fact, context: Context) -> Cell:
    if isinstance(fact.value, BNode):
        return _node_cell(fact, context)
    shown = context.shown(fact.value)
    date = context.date(str(fact.value))
    return (shown, Shown(f"({date})", style="muted")) if date else (shown,)


def _node_cell(fact: Fact, context: Context) -> Cell:
    """A blank node shown through what it says: its type, then ``property: value`` pairs."""
    types = [context.shown(t) for t in fact.detail(RDF.type)]
    parts: list[Shown] = [Shown(t.text, style="kind") for t in types]
    for predicate, values in sorted(fact.details.items(), key=lambda item: context.shown(item[0]).text):
        if predicate == RDF.type:
            continue
        if parts:
            parts.append(Shown("; ", style="sep"))
        parts.append(Shown(context.shown(predicate).text + ":", style="prop"))
        parts += comma_joined([context.shown(v, fact) for v in values])
    return tuple(parts) or (Shown("(a node without a name)", style="muted"),)
