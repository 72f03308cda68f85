"""The scaffolding every page shares: what a page shows (a term as ``Shown``, the passage it comes from
as ``Cite``, the lines and sections of its tables), a page rendered with the site header, and that
header's list of sources, counted once per generation of the store; and the few helpers pages query
the graph through.

Nothing from the data is ever marked safe: the templates escape every label, literal and IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Response, render_template

from mosaic.graph.iris import local_path
from mosaic.graph.store import Rows
from mosaic.graph.vocab import compact
from mosaic.web.state import per_generation, workers

__all__ = ["Shown", "Cite", "Cell", "Line", "Section", "Source", "render_page", "html_page", "cited_sources",
           "sources_header", "href_of", "is_web", "select", "check_iri", "iri_ref"]


@dataclass(frozen=True)
class Shown:
    """A term as a page shows it: its text, where it links, and a hint for the title attribute."""

    text: str
    href: str | None = None
    hint: str | None = None
    lang: str | None = None
    badge: str | None = None
    style: str = ""
    external: bool = False


@dataclass(frozen=True)
class Cite:
    """The passage a fact comes from: "article, note 10", linked to the source, with its quotation."""

    text: str
    href: str | None
    quote: str | None = None
    flag: str | None = None
    hint: str | None = None


Cell = tuple[Shown, ...]


@dataclass
class Line:
    """A row of a table: its cells, and every passage that says so."""

    cells: tuple[Cell, ...]
    cites: list[Cite] = field(default_factory=list)
    order: tuple[str, ...] = ()


@dataclass
class Section:
    heading: str
    columns: tuple[str, ...]
    lines: list[Line]
    note: tuple[Shown, ...] = ()


def render_page(template: str, **context: object) -> Response:
    """Any page of the site: ``template`` rendered with the site header (the sources) filled in."""
    return html_page(template, sources=sources_header(cited_sources()), **context)


def html_page(template: str, **context: object) -> Response:
    return Response(render_template(template, **context), mimetype="text/html")


@dataclass(frozen=True)
class Source:
    iri: str
    short: str
    label: str
    claims: int


def cited_sources() -> dict[str, Source]:
    """Every source a claim derives from, with a short name (the kind of document) and its claim count.
    Every page shows them, and counting them took 0.25 s at a million triples, so they are counted
    once per change of the graph."""
    return per_generation("sources", _count_sources)


def _count_sources() -> dict[str, Source]:
    rows = select("""
        SELECT ?source (SAMPLE(?k) AS ?kind) (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
          ?claim a mosaic:Claim ; prov:wasDerivedFrom ?source .
          OPTIONAL { ?source rico:hasDocumentaryFormType/skos:prefLabel ?k }
          OPTIONAL { ?source skos:prefLabel|dcterms:title ?l }
       } GROUP BY ?source ORDER BY ?source""")
    found = {}
    for row in rows:
        iri = str(row["source"])
        label = str(row.get("label", compact(iri)))
        found[iri] = Source(iri, str(row.get("kind", label)), label, int(row["claims"]))
    return found


def sources_header(sources: dict[str, Source]) -> list[Shown]:
    return [Shown(s.short, href_of(s.iri), f"{s.label} ({s.claims} claims)") for s in sources.values()]


def href_of(iri: str) -> str | None:
    """Where a link to ``iri`` goes: its page here, the IRI itself if it is on the web, else nowhere."""
    return local_path(iri) or (iri if is_web(iri) else None)


def is_web(iri: str) -> bool:
    return iri.startswith(("http://", "https://"))


def select(query: str) -> Rows:
    return workers().call("select", query)  # type: ignore[no-any-return]


def check_iri(iri: str) -> None:
    if any(c in iri for c in '<>"{}|^`\\ \n\t'):
        raise ValueError(f"not an IRI that can be written in a query: {iri!r}")


def iri_ref(iri: str) -> str:
    check_iri(iri)
    return f"<{iri}>"
