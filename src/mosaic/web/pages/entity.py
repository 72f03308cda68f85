"""The page of each entity, citing a source for every fact.

Beside each fact a page shows the passage it comes from ("article, note 10"), linked to the source. A
page costs five queries whatever the entity: its facts going out, its facts coming in, then in one go
the labels and dates of everything those mention, the citations of their claims, and the list of
sources for the header.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response
from rdflib.namespace import FOAF, RDF

from mosaic.graph.formats import RDF_FORMATS
from mosaic.graph.iris import local_path
from mosaic.graph.vocab import RICO, compact
from mosaic.web.pages.common import Line, Section, Shown, check_iri, html_page, sources_header
from mosaic.web.pages.context import Context
from mosaic.web.pages.facts import Facts
from mosaic.web.pages.missions import MISSIONS, mentioned, reported_by, reporting_sections
from mosaic.web.pages.people import members_section, posts_section
from mosaic.web.pages.records import involvement_sections, reading_section, record_sections, source_section
from mosaic.web.pages.sections import description_sections, fact_lines, names_section, other_sections
from mosaic.web.rdf import GRAPH_FORMATS

__all__ = ["EntityPage", "render_entity", "entity_page"]


@dataclass
class EntityPage:
    iri: str
    title: str
    types: list[Line]
    sections: list[Section]
    formats: list[Shown]
    sources: list[Shown]


def render_entity(iri: str) -> Response:
    """The page of the entity ``iri``, which the caller has found in the graph."""
    page = entity_page(iri)
    return html_page("entity.html", page=page, sources=page.sources)


def entity_page(iri: str) -> EntityPage:
    check_iri(iri)
    facts = Facts(iri)
    kinds = {str(f.value) for f in facts.outgoing if f.predicate == RDF.type}
    reported = reported_by(iri) if kinds & MISSIONS else {}
    context = Context.of(facts, *mentioned(reported))
    types = fact_lines(facts.take(RDF.type), context, lambda f: (context.shown(f.value),))
    if str(FOAF.Person) in kinds:
        sections = [names_section(facts, context), *description_sections(facts, context),
                    posts_section(facts, context)]
    elif str(RICO.Record) in kinds:
        sections = [reading_section(iri, context), *record_sections(facts, context), names_section(facts, context)]
    else:
        sections = [names_section(facts, context), *description_sections(facts, context),
                    members_section(facts, context)]
    if kinds & MISSIONS:
        sections += reporting_sections(iri, reported, context)
    sections += involvement_sections(facts, context, ("they", "them") if str(FOAF.Person) in kinds else ("it", "it"))
    sections += other_sections(facts, context)
    if iri in context.sources:
        sections.insert(1, source_section(iri, context))
    return EntityPage(iri, context.label(iri) or compact(iri), types, [s for s in sections if s.lines or s.note],
                      _formats(iri), sources_header(context.sources))


def _formats(iri: str) -> list[Shown]:
    path = local_path(iri) or ""
    names = {"turtle": "Turtle", "jsonld": "JSON-LD", "ntriples": "N-Triples", "rdfxml": "RDF/XML"}
    return [Shown(names.get(f, f), f"{path}.{RDF_FORMATS[f].extension}", RDF_FORMATS[f].media_type)
            for f in GRAPH_FORMATS]
