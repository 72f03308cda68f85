"""The pages people read: the query page, and a page for each entity that cites a source for every fact.

Every statement lives in the named graph of the claim that makes it, so a page asks for an entity's
facts with ``GRAPH ?claim { … }`` and shows beside each the passage it comes from ("article, note
10"), linked to the source. A page costs five queries whatever the entity: its facts going out, its
facts coming in, then in one go the labels and dates of everything those mention, the citations of
their claims, and the list of sources for the header.

Nothing from the data is ever marked safe: the templates escape every label, literal and IRI.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response, render_template, request
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS
from rdflib.term import Identifier

from mosaic.graph.formats import RDF_FORMATS
from mosaic.graph.iris import local_path
from mosaic.graph.store import Rows
from mosaic.graph.vocab import ID_BASE, MOSAIC, PREFIXES, RICO, compact
from mosaic.web import per_generation, queries, workers

__all__ = ["init_app", "render_query_page", "render_entity", "Example", "examples"]

EXAMPLES = Path(__file__).parent / "examples"
_NAME_FORMS = {SKOS.prefLabel: "preferred", SKOS.altLabel: "alternative", SKOS.hiddenLabel: "misprint"}
_LANGUAGES = {"en": "English", "ko": "Korean in Hangul", "ko-Latn-x-mr": "Korean, McCune–Reischauer",
              "ko-Latn-x-rr": "Korean, Revised Romanization", "ru-Latn": "Russian in Latin letters",
              "ru": "Russian", "hu": "Hungarian", "de": "German", "pl": "Polish", "ro": "Romanian", "sq": "Albanian",
              "zh": "Chinese", "mn": "Mongolian", "cs": "Czech", "bg": "Bulgarian"}
_FLAGGED = {PREFIXES["evidence"] + "implied": "implied", PREFIXES["rank"] + "deprecated": "deprecated"}
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
_MISSIONS = {str(MOSAIC.Embassy), str(MOSAIC.Legation), str(MOSAIC.DiplomaticMission)}
_RECORD_ROLES = [  # how a person or body can stand to a record, as (property, heading of the page's list)
    (RICO.hasAuthor, "Records by {}"), (RICO.hasOrHadSubject, "Records about {}"),
    (MOSAIC.interlocutor, "Records informed by {} (as interlocutor)"),
    (MOSAIC.recipient, "Records addressed to {}"), (MOSAIC.obtainedBy, "Records obtained by {}"),
    (MOSAIC.compiledBy, "Collections compiled by {}"),
]


def init_app(app: Flask) -> None:
    app.add_url_rule("/", endpoint="pages.query", view_func=render_query_page)


# --- what a page shows -------------------------------------------------------------------------


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


@dataclass
class EntityPage:
    iri: str
    title: str
    types: list[Line]
    sections: list[Section]
    formats: list[Shown]
    sources: list[Shown]


@dataclass(frozen=True)
class Example:
    """An example query of src/mosaic/web/examples: its file name, its title line, and its text."""

    name: str
    title: str
    text: str

    @property
    def href(self) -> str:
        return "/?" + urlencode({"query": self.text})


def examples() -> list[Example]:
    """The example queries, in the order of their file names; each file opens with ``# Title: …``."""
    found = []
    for path in sorted(EXAMPLES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.removeprefix("# Title:").strip() if first.startswith("# Title:") else path.stem
        found.append(Example(path.stem, title, text))
    return found


# --- the query page ----------------------------------------------------------------------------


def render_page(template: str, **context: object) -> Response:
    """Any page of the site: ``template`` rendered with the site header (the sources) filled in."""
    return _html(template, sources=_sources_header(_sources()), **context)


def render_query_page() -> Response:
    """The query page: a SPARQL editor, the examples, and a results table (filled in by query.js)."""
    known = examples()
    asked = request.args.get("query", "")
    query = asked or (known[0].text if known else "")
    return _html("query.html", examples=known, query=query, run_at_once=bool(asked),
                 downloads={f: "/sparql?" + urlencode({"query": query, "format": f}) for f in ("csv", "json")},
                 prefixes=json.dumps(PREFIXES), id_base=ID_BASE, local_base=local_path(ID_BASE),
                 sources=_sources_header(_sources()))


# --- an entity page ----------------------------------------------------------------------------


def render_entity(iri: str) -> Response:
    """The page of the entity ``iri``, which the caller has found in the graph."""
    page = entity_page(iri)
    return _html("entity.html", page=page, sources=page.sources)


def entity_page(iri: str) -> EntityPage:
    _check_iri(iri)
    facts = _Facts(iri)
    kinds = {str(f.value) for f in facts.outgoing if f.predicate == RDF.type}
    reported = _reported_by(iri) if kinds & _MISSIONS else {}
    context = _Context.of(facts, *_mentioned(reported))
    types = _lines(facts.take(RDF.type), context, lambda f: (context.shown(f.value),))
    if str(FOAF.Person) in kinds:
        sections = [_names(facts, context), *_descriptions(facts, context), _posts(facts, context)]
    elif str(RICO.Record) in kinds:
        sections = [_reading_section(iri, context), *_record_sections(facts, context), _names(facts, context)]
    else:
        sections = [_names(facts, context), *_descriptions(facts, context), _members(facts, context)]
    if kinds & _MISSIONS:
        sections += _mission_reporting(iri, reported, context)
    sections += _involvement(facts, context, ("they", "them") if str(FOAF.Person) in kinds else ("it", "it"))
    sections += _other_sections(facts, context)
    if iri in context.sources:
        sections.insert(1, _source_section(iri, context))
    return EntityPage(iri, context.label(iri) or compact(iri), types, [s for s in sections if s.lines or s.note],
                      _formats(iri), _sources_header(context.sources))


def _formats(iri: str) -> list[Shown]:
    from mosaic.web.endpoint import GRAPH_FORMATS

    path = local_path(iri) or ""
    names = {"turtle": "Turtle", "jsonld": "JSON-LD", "ntriples": "N-Triples", "rdfxml": "RDF/XML"}
    return [Shown(names.get(f, f), f"{path}.{RDF_FORMATS[f].extension}", RDF_FORMATS[f].media_type)
            for f in GRAPH_FORMATS]


# --- facts: the entity's statements, each with the claim graph it sits in -------------------------


@dataclass
class _Fact:
    """One statement about the entity: the other end of it, and (for a blank node) what the node says."""

    predicate: URIRef
    value: Identifier
    claim: str
    details: dict[URIRef, list[Identifier]] = field(default_factory=dict)
    written: dict[Identifier, str] = field(default_factory=dict)
    bounds: dict[Identifier, tuple[str, str]] = field(default_factory=dict)

    def detail(self, predicate: URIRef) -> list[Identifier]:
        return self.details.get(predicate, [])

    def when(self, predicate: URIRef) -> tuple[str, str]:
        """The bounds of the (first) date ``predicate`` gives, to sort by: never the date as written."""
        dates = self.detail(predicate)
        return self.bounds.get(dates[0], ("9999", "9999")) if dates else ("9999", "9999")


class _Facts:
    """The facts of one entity, outgoing and incoming; sections take what they show, the rest is listed."""

    def __init__(self, iri: str) -> None:
        self.iri = iri
        ref = f"<{iri}>"
        self.outgoing = _group(_select(_facts_query(f"{ref} ?p ?value", "isBlank(?value)")))
        detailed = f"(isBlank(?value) || ?p IN (mosaic:translatedBy, prov:wasDerivedFrom)) && !sameTerm(?dv, {ref})"
        self.incoming = _group(_select(_facts_query(f"?value ?p {ref}", detailed, "?claim a mosaic:Claim .")))
        self._taken: set[int] = set()

    def take(self, *predicates: URIRef, incoming: bool = False) -> list[_Fact]:
        """The facts with these predicates not yet shown, marked as shown."""
        found = [f for f in (self.incoming if incoming else self.outgoing)
                 if f.predicate in predicates and id(f) not in self._taken]
        self._taken.update(id(f) for f in found)
        return found

    def rest(self, incoming: bool) -> list[_Fact]:
        return [f for f in (self.incoming if incoming else self.outgoing) if id(f) not in self._taken]

    def all(self) -> list[_Fact]:
        return self.outgoing + self.incoming


def _facts_query(fact: str, detailed: str, where: str = "") -> str:
    """The statements ``fact`` (a triple pattern naming ?p and ?value) with their claims, and for those
    ``detailed`` keeps, the details of ?value (?dp ?dv, and ?written where ?dv is written out, with the
    bounds of a date, ?early and ?late, to sort by).

    Each OPTIONAL repeats the fact, so the engine finds its rows from the entity outwards: nested
    OPTIONALs with only ?value in common were evaluated over the whole graph, which took 1.1 s for a
    person's five statements at a million triples (0.001 s so), and 0.9 s for the 6,468 about them
    (0.24 s). The rows are the same: the details, then the written forms, join the fact they extend."""
    return f"""
        SELECT ?p ?value ?claim ?dp ?dv ?written ?early ?late WHERE {{
          GRAPH ?claim {{ {fact} }} {where}
          OPTIONAL {{ GRAPH ?claim {{ {fact} . ?value ?dp ?dv }} FILTER ({detailed}) }}
          OPTIONAL {{ GRAPH ?claim {{ {fact} . ?value ?dp ?dv . ?dv mosaic:asWritten ?written
                      OPTIONAL {{ ?dv mosaic:earliest ?early }} OPTIONAL {{ ?dv mosaic:latest ?late }} }}
                      FILTER ({detailed}) }}
        }}"""


def _group(rows: Rows) -> list[_Fact]:
    facts: dict[tuple[str, str, str], _Fact] = {}
    for row in rows:
        key = (str(row["p"]), row["value"].n3(), str(row["claim"]))
        fact = facts.setdefault(key, _Fact(URIRef(row["p"]), row["value"], str(row["claim"])))
        if "dp" in row:
            values = fact.details.setdefault(URIRef(row["dp"]), [])
            if row["dv"] not in values:
                values.append(row["dv"])
            if "written" in row:
                fact.written[row["dv"]] = str(row["written"])
                fact.bounds[row["dv"]] = (str(row.get("early", "")), str(row.get("late", "9999")))
    return list(facts.values())


# --- context: labels, dates and citations of everything a page mentions --------------------------


@dataclass(frozen=True)
class _Source:
    iri: str
    short: str
    label: str
    claims: int


@dataclass
class _Context:
    labels: dict[str, list[tuple[str, Literal]]]
    dates: dict[str, list[tuple[str, str, str]]]
    parts: set[str]
    cites: dict[str, Cite]
    sources: dict[str, _Source]

    @classmethod
    def of(cls, facts: _Facts, more_iris: set[str] | None = None, more_claims: set[str] | None = None) -> _Context:
        """The context of a page of ``facts``, and of other things it shows (``more_iris``, ``more_claims``),
        asked in one go."""
        iris = {facts.iri} | (more_iris or set())
        for fact in facts.all():
            iris.add(str(fact.predicate))
            for term in [fact.value, *fact.details, *(v for vs in fact.details.values() for v in vs)]:
                if isinstance(term, URIRef):
                    iris.add(str(term))
        claims = {f.claim for f in facts.all()} | (more_claims or set())
        labels: dict[str, list[tuple[str, Literal]]] = {}
        dates: dict[str, list[tuple[str, str, str]]] = {}
        parts: set[str] = set()
        for row in _describe(sorted(iris)):
            iri, key = str(row["s"]), str(row["key"])
            if key == "part":
                parts.add(iri)
            elif key == "date":
                dates.setdefault(iri, []).append((str(row["value"]), str(row.get("earliest", "")),
                                                  str(row.get("latest", ""))))
            elif isinstance(row["value"], Literal):
                labels.setdefault(iri, []).append((key, row["value"]))
        sources = _sources()
        return cls(labels, dates, parts, _cites(sorted(claims), sources), sources)

    def label(self, iri: str) -> str | None:
        """The best name of ``iri``: an English preferred label, else a title, else an ontology label."""
        found = self.labels.get(iri)
        return str(min(found, key=_label_rank)[1]) if found else None

    def date(self, iri: str) -> str | None:
        """The most precise date the sources give ``iri``, as written."""
        found = self.dates.get(iri)
        return min(found, key=_precision)[0] if found else None

    def earliest(self, iri: str) -> str:
        found = self.dates.get(iri)
        return min(found, key=_precision)[1] if found else "9999"

    def shown(self, term: Identifier, fact: _Fact | None = None) -> Shown:
        """How a page shows ``term``: a Mosaic IRI by its label, linked to its page; a literal by its text."""
        if isinstance(term, URIRef):
            iri = str(term)
            local = local_path(iri)
            if local:
                return Shown(self.label(iri) or compact(iri), local, compact(iri))
            label = self.label(iri)
            web = _is_web(iri) and not label and compact(iri).startswith("<")
            return Shown(label or (iri if web else compact(iri)), iri if web else None, iri, external=web)
        if isinstance(term, Literal):
            hint = compact(str(term.datatype)) if term.datatype else None
            language = _pretty_language(term.language) if term.language else None
            return Shown(str(term), hint=hint, lang=language, badge=language if language != "en" else None)
        written = _written(term, fact) if fact else None
        return Shown(written or "(a node without a name)", style="" if written else "muted")

    def cited(self, fact: _Fact) -> Cite:
        return self.cites.get(fact.claim) or Cite("no source", None, hint=f"stated in the graph {fact.claim}")


def _written(node: Identifier, fact: _Fact) -> str | None:
    """What a blank node (a date, a reference) says as written: the fact's own node, or one of its parts."""
    if node == fact.value and fact.detail(MOSAIC.asWritten):
        return str(fact.detail(MOSAIC.asWritten)[0])
    return fact.written.get(node)


def _label_rank(label: tuple[str, Literal]) -> tuple[str, int, int, str]:
    """Preferred labels before titles before ontology labels; English first; the fullest form first."""
    key, text = label
    language = (text.language or "").lower()
    return (key, 0 if language == "en" else 1 if not language else 2, -len(text), str(text))


def _precision(date: tuple[str, str, str]) -> tuple[int, str, str]:
    written, earliest, latest = date
    if not (earliest and latest):
        return (1 << 30, earliest, written)
    return (_days(latest) - _days(earliest), earliest, written)


def _days(iso: str) -> int:
    try:
        return datetime.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return 1 << 30


def _pretty_language(tag: str) -> str:
    """A language tag in its usual case (``ko-Latn-x-mr``): the store keeps tags in lower case."""
    parts, pretty, private = tag.split("-"), [], False
    for i, part in enumerate(parts):
        private = private or part.lower() == "x"
        if i == 0 or private:
            pretty.append(part.lower())
        elif len(part) == 4:
            pretty.append(part.title())
        elif len(part) == 2:
            pretty.append(part.upper())
        else:
            pretty.append(part.lower())
    return "-".join(pretty)


def _describe(iris: list[str]) -> Rows:
    """Labels, dates and reference-part status of ``iris``, one (subject, key, value) row each."""
    if not iris:
        return Rows([], [])
    values = " ".join(_ref(i) for i in iris)
    return _select(f"""
        SELECT ?s ?key ?value ?earliest ?latest WHERE {{
          VALUES ?s {{ {values} }}
          {{ ?s skos:prefLabel ?value BIND ("0" AS ?key) }}
          UNION {{ ?s dcterms:title ?value BIND ("1" AS ?key) }}
          UNION {{ ?s rdfs:label ?value BIND ("2" AS ?key) }}
          UNION {{ ?s mosaic:date ?d . ?d mosaic:asWritten ?value BIND ("date" AS ?key)
                   OPTIONAL {{ ?d mosaic:earliest ?earliest }} OPTIONAL {{ ?d mosaic:latest ?latest }} }}
          UNION {{ ?s rdfs:subPropertyOf+ mosaic:referencePart BIND ("part" AS ?key) }}
        }}""")


_VALUES_AT_ONCE = 500  # claims per query: from about 2,000 VALUES on, the engine joins them slowly


def _cites(claims: list[str], sources: dict[str, _Source]) -> dict[str, Cite]:
    """How each claim is cited. Asked of 500 claims at a time: the 3,516 claims of a busy person's page
    took 3.1 s in one query at a million triples (its 1,000 first took 0.005 s, its 2,000 first 1.8 s)."""
    rows = [row for start in range(0, len(claims), _VALUES_AT_ONCE) for row in _select(f"""
        SELECT ?claim ?source ?locator ?quote ?evidence ?rank WHERE {{
          VALUES ?claim {{ {" ".join(_ref(c) for c in claims[start:start + _VALUES_AT_ONCE])} }}
          ?claim a mosaic:Claim ; prov:wasDerivedFrom ?source .
          OPTIONAL {{ ?claim mosaic:locator ?locator }}
          OPTIONAL {{ ?claim mosaic:quote ?quote }}
          OPTIONAL {{ ?claim mosaic:evidence ?evidence }}
          OPTIONAL {{ ?claim mosaic:rank ?rank }}
        }}""")]
    cites = {}
    for row in rows:
        source = sources.get(str(row["source"]))
        short = source.short if source else compact(str(row["source"]))
        locator = str(row.get("locator", compact(str(row["claim"]))))
        text = locator if locator.lower().startswith(short.lower()) else f"{short}, {locator}"
        flags = [_FLAGGED[str(row[k])] for k in ("evidence", "rank") if str(row.get(k, "")) in _FLAGGED]
        cites[str(row["claim"])] = Cite(text, _href(str(row["source"])),
                                        str(row["quote"]) if "quote" in row else None, ", ".join(flags) or None)
    return cites


def _sources() -> dict[str, _Source]:
    """Every source a claim derives from, with a short name (the kind of document) and its claim count.
    Every page shows them, and counting them took 0.25 s at a million triples, so they are counted
    once per change of the graph."""
    return per_generation("sources", _count_sources)


def _count_sources() -> dict[str, _Source]:
    rows = _select("""
        SELECT ?source (SAMPLE(?k) AS ?kind) (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
          ?claim a mosaic:Claim ; prov:wasDerivedFrom ?source .
          OPTIONAL { ?source rico:hasDocumentaryFormType/skos:prefLabel ?k }
          OPTIONAL { ?source skos:prefLabel|dcterms:title ?l }
        } GROUP BY ?source ORDER BY ?source""")
    found = {}
    for row in rows:
        iri = str(row["source"])
        label = str(row.get("label", compact(iri)))
        found[iri] = _Source(iri, str(row.get("kind", label)), label, int(row["claims"]))
    return found


def _sources_header(sources: dict[str, _Source]) -> list[Shown]:
    return [Shown(s.short, _href(s.iri), f"{s.label} ({s.claims} claims)") for s in sources.values()]


def _href(iri: str) -> str | None:
    """Where a link to ``iri`` goes: its page here, the IRI itself if it is on the web, else nowhere."""
    return local_path(iri) or (iri if _is_web(iri) else None)


def _is_web(iri: str) -> bool:
    return iri.startswith(("http://", "https://"))


# --- sections ------------------------------------------------------------------------------------


def _lines(facts: Iterable[_Fact], context: _Context, cells: Callable[[_Fact], tuple[Cell | Shown, ...]],
           order: Callable[[_Fact], tuple[str, ...]] | None = None) -> list[Line]:
    """One line per distinct row of cells, citing every claim that gives it, in ``order``."""
    lines = []
    for fact in facts:
        row = tuple(c if isinstance(c, tuple) else (c,) for c in cells(fact))
        lines.append(Line(row, [context.cited(fact)], order(fact) if order else tuple(p.text for c in row for p in c)))
    return sorted(_merged(lines), key=lambda line: line.order)


def _merged(lines: list[Line]) -> list[Line]:
    """Lines with the same cells made one, citing each passage once, in the order first met."""
    merged: dict[tuple[Cell, ...], Line] = {}
    for line in lines:
        kept = merged.setdefault(line.cells, Line(line.cells, [], line.order))
        for cite in line.cites:
            if all((c.text, c.href, c.flag) != (cite.text, cite.href, cite.flag) for c in kept.cites):
                kept.cites.append(cite)
    return list(merged.values())


def _descriptions(facts: _Facts, context: _Context) -> list[Section]:
    lines = _lines(facts.take(DCTERMS.description), context, lambda f: (context.shown(f.value),))
    return [Section("What the sources say", ("Description",), lines)]


def _names(facts: _Facts, context: _Context) -> Section:
    names = _lines(facts.take(*_NAME_FORMS), context, lambda f: _name_cells(f, context),
                   order=lambda f: (str(list(_NAME_FORMS).index(f.predicate)), _language(f.value), str(f.value)))
    return Section("Names", ("Name", "Form", "Language"), names)


def _posts(facts: _Facts, context: _Context) -> Section:
    """A person's posts and memberships: org:Membership nodes whose member is the person."""
    posts = _lines(facts.take(ORG.member, incoming=True), context,
                   lambda f: _membership_cells(f, context, ORG.organization),
                   order=lambda f: (*f.when(ORG.memberDuring),
                                    *(context.shown(v).text for v in f.detail(ORG.organization)[:1])))
    return Section("Posts and memberships", ("Organisation", "Role", "When (as written)"), posts)


def _members(facts: _Facts, context: _Context) -> Section:
    """An organisation's members and staff: org:Membership nodes whose organisation it is."""
    members = [f for f in facts.take(ORG.organization, incoming=True) if f.detail(ORG.member)]
    lines = _lines(members, context, lambda f: _membership_cells(f, context, ORG.member),
                   order=lambda f: (*(context.shown(v).text for v in f.detail(ORG.member)[:1]),
                                    *f.when(ORG.memberDuring)))
    return Section("Members and posts", ("Who", "Role", "When (as written)"), lines)


def _involvement(facts: _Facts, context: _Context, pronouns: tuple[str, str]) -> list[Section]:
    """The records and events an entity stands in: by, about, informed by, addressed to, translated by …"""
    subject, pronoun = pronouns
    sections = []
    for predicate, heading in _RECORD_ROLES:
        records = facts.take(predicate, incoming=True)
        sections.append(Section(heading.format(pronoun), ("Record", "Date (as written)"),
                                _record_lines(records, context)))
    translated = facts.take(MOSAIC.translatedBy, incoming=True)
    sections.append(Section(f"Records translated by {pronoun}", ("Record", "Date (as written)", "Translation"),
                            _lines(translated, context, lambda f: _translated_cells(f, context),
                                   order=lambda f: _translated_order(f, context))))
    events = facts.take(MOSAIC.participant, incoming=True)
    sections.append(Section(f"Events {subject} took part in", ("Event", "Date (as written)"),
                            _record_lines(events, context)))
    return sections


# --- a mission's reporting: whom it and its diplomats reported on, and who informed them ----------

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
class _Reported:
    """One record by a mission or its diplomats: its authors, informants and subjects, and the claims saying so."""

    parts: dict[str, list[Identifier]] = field(default_factory=lambda: {"by": [], "informants": [], "about": []})
    claims: set[str] = field(default_factory=set)


def _reported_by(mission: str) -> dict[str, _Reported]:
    """The records by the mission or its diplomats, with their authors, informants and subjects."""
    reported: dict[str, _Reported] = {}
    for row in _select(_REPORTED.format(mission=_ref(mission))):
        entry = reported.setdefault(str(row["record"]), _Reported())
        values = entry.parts[str(row["part"])]
        if row["value"] not in values:
            values.append(row["value"])
        entry.claims.add(str(row["claim"]))
    return reported


def _mentioned(reported: dict[str, _Reported]) -> tuple[set[str], set[str]]:
    """What the records of ``reported`` name, to be labelled, and the claims that say so, to be cited."""
    iris = set(reported) | {str(v) for e in reported.values() for vs in e.parts.values() for v in vs}
    return iris, {c for e in reported.values() for c in e.claims}


def _mission_reporting(mission: str, reported: dict[str, _Reported], context: _Context) -> list[Section]:
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


def _reported_lines(records: list[tuple[str, _Reported]], context: _Context, mission: str,
                    parts: tuple[str, ...]) -> list[Line]:
    """A line per record, earliest first: title, date, then the ``parts`` asked for (never the mission
    itself among what it is about), citing every claim that gives one of them."""
    lines = []
    for record, entry in records:
        title, date = _titled(URIRef(record), context)
        named = [_joined([context.shown(v) for v in entry.parts[part] if str(v) != mission or part == "by"])
                 for part in parts]
        cites = [context.cites[c] for c in sorted(entry.claims) if c in context.cites]
        lines.append(Line(((title,), (date,), *named), cites, (context.earliest(record), title.text)))
    return sorted(lines, key=lambda line: line.order)


def _language(term: Identifier) -> str:
    return _pretty_language(term.language) if isinstance(term, Literal) and term.language else ""


def _name_cells(fact: _Fact, context: _Context) -> tuple[Shown, ...]:
    language = _language(fact.value)
    return (replace(context.shown(fact.value), badge=None), Shown(_NAME_FORMS[fact.predicate]),
            Shown(language or "none", hint=_LANGUAGES.get(language), style="" if language else "muted"))


def _membership_cells(fact: _Fact, context: _Context, other_end: URIRef) -> tuple[Cell, ...]:
    def cell(predicate: URIRef) -> Cell:
        return _joined([context.shown(v, fact) for v in fact.detail(predicate)])

    return cell(other_end), cell(ORG.role), cell(ORG.memberDuring)


def _record_lines(facts: list[_Fact], context: _Context) -> list[Line]:
    """Records (or events) as title and date, earliest first."""
    return _lines(facts, context, lambda f: _titled(f.value, context),
                  order=lambda f: (context.earliest(str(f.value)), context.shown(f.value).text))


def _titled(term: Identifier, context: _Context) -> tuple[Shown, Shown]:
    date = context.date(str(term)) if isinstance(term, URIRef) else None
    return context.shown(term), Shown(date or "undated", style="" if date else "muted")


def _translated_cells(fact: _Fact, context: _Context) -> tuple[Cell, ...]:
    originals = fact.detail(PROV.wasDerivedFrom)
    record: tuple[Shown, Shown] = _titled(originals[0], context) if originals else (Shown("?"), Shown(""))
    return (record[0],), (record[1],), (_translation_shown(fact.value, fact, context),)


def _translated_order(fact: _Fact, context: _Context) -> tuple[str, ...]:
    originals = fact.detail(PROV.wasDerivedFrom)
    return (context.earliest(str(originals[0])) if originals else "9999", str(fact.value))


def _translation_shown(term: Identifier, fact: _Fact, context: _Context) -> Shown:
    ids = fact.detail(MOSAIC.wilsonCenterId)
    shown = context.shown(term)
    return Shown(f"Wilson Center {ids[0]}" if ids else shown.text, shown.href, shown.hint)


def _record_sections(facts: _Facts, context: _Context) -> list[Section]:
    references = [f for f in facts.outgoing if f.predicate == MOSAIC.archivalReference]
    citation = _field_lines(facts, _RECORD_FIELDS, context)
    people = _field_lines(facts, _RECORD_PEOPLE, context)
    translations = [f for f in facts.take(PROV.wasDerivedFrom, incoming=True) if f.details]
    return [
        Section("Citation", ("Field", "As the sources give it"), citation),
        Section("Archival reference, part by part", ("Reference", "Part", "Value"), _part_lines(references, context)),
        *_descriptions(facts, context),
        Section("Persons and bodies in it, and who obtained it", ("How", "Who or what"), people),
        Section("Translations", ("Translation", "Translated by", "Wilson Center id", "Page"),
                _lines(translations, context, lambda f: _translation_cells(f, context))),
    ]


def _field_lines(facts: _Facts, fields: list[tuple[URIRef, str]], context: _Context) -> list[Line]:
    """A (field, value) line for each fact with one of the fields' properties, in the fields' order."""
    lines = []
    for rank, (predicate, name) in enumerate(fields):
        for fact in facts.take(predicate):
            value = context.shown(fact.value, fact)
            lines.append(Line(((Shown(name),), (value,)), [context.cited(fact)], (f"{rank:03d}", value.text)))
    return sorted(_merged(lines), key=lambda line: line.order)


def _part_lines(references: list[_Fact], context: _Context) -> list[Line]:
    """Each archival reference split into its parts, in the order the reference as written gives them."""
    lines = []
    for reference in references:
        written = _written(reference.value, reference) or ""
        parts = [(p, v) for p, values in reference.details.items() if str(p) in context.parts for v in values]
        for predicate, value in sorted(parts, key=lambda part: _position(written, str(part[1]))):
            cells = ((Shown(written),), (context.shown(predicate),), (context.shown(value),))
            lines.append(Line(cells, [context.cited(reference)]))
    return _merged(lines)


def _position(text: str, part: str) -> int:
    at = text.find(part)
    return at if at >= 0 else len(text)


def _translation_cells(fact: _Fact, context: _Context) -> tuple[Cell, ...]:
    def cell(predicate: URIRef) -> Cell:
        return _joined([context.shown(v) for v in fact.detail(predicate)])

    return ((_translation_shown(fact.value, fact, context),), cell(MOSAIC.translatedBy),
            cell(MOSAIC.wilsonCenterId), cell(FOAF.page))


def _other_sections(facts: _Facts, context: _Context) -> list[Section]:
    """Everything not yet shown: outgoing facts as property and value, incoming ones as subject and property."""
    outgoing = _lines(facts.rest(incoming=False), context,
                      lambda f: (context.shown(f.predicate), _value_cell(f, context)))
    incoming = _lines(facts.rest(incoming=True), context,
                      lambda f: (_subject_cell(f, context), context.shown(f.predicate)),
                      order=lambda f: (context.shown(f.predicate).text, context.earliest(str(f.value)),
                                       context.shown(f.value).text))
    return [Section("Facts", ("Property", "Value"), outgoing),
            Section("Referred to by", ("What", "How"), incoming)]


def _value_cell(fact: _Fact, context: _Context) -> Cell:
    if isinstance(fact.value, BNode) and not _written(fact.value, fact):
        return _node_cell(fact, context)
    return (context.shown(fact.value, fact),)


def _subject_cell(fact: _Fact, context: _Context) -> Cell:
    if isinstance(fact.value, BNode):
        return _node_cell(fact, context)
    shown = context.shown(fact.value)
    date = context.date(str(fact.value))
    return (shown, Shown(f"({date})", style="muted")) if date else (shown,)


def _node_cell(fact: _Fact, context: _Context) -> Cell:
    """A blank node shown through what it says: its type, then ``property: value`` pairs."""
    types = [context.shown(t) for t in fact.detail(RDF.type)]
    parts: list[Shown] = [Shown(t.text, style="kind") for t in types]
    for predicate, values in sorted(fact.details.items(), key=lambda item: context.shown(item[0]).text):
        if predicate == RDF.type:
            continue
        if parts:
            parts.append(Shown("; ", style="sep"))
        parts.append(Shown(context.shown(predicate).text + ":", style="prop"))
        parts += _joined([context.shown(v, fact) for v in values])
    return tuple(parts) or (Shown("(a node without a name)", style="muted"),)


def _joined(items: list[Shown]) -> Cell:
    joined: list[Shown] = []
    for item in items:
        if joined:
            joined.append(Shown(", ", style="sep"))
        joined.append(item)
    return tuple(joined)


def _reading_section(iri: str, context: _Context) -> Section:
    """How to read this source: the caveats the rules derive for the record, each with its passage."""
    from mosaic.analysis.caveats import caveats_for

    lines = []
    for row in caveats_for(queries(), iri):
        applies = str(row["applicability"]).endswith("/applies")
        source = context.sources.get(str(row.get("source", "")))
        cite = Cite(str(row.get("locator", source.short if source else "source")), _href(str(row.get("source", ""))),
                    str(row["quote"]) if "quote" in row else None, None, str(row["ruleTitle"]))
        condition = str(row["condition"])
        lines.append(Line(((Shown(str(row["label"]), local_path(condition), compact(condition)),),
                           (Shown("applies" if applies else "may apply", style="" if applies else "muted"),),
                           (Shown(str(row["why"])),)), [cite]))
    note = () if lines else (Shown("No reporting condition the sources describe is known to apply to this record."),)
    return Section("How to read this source", ("Condition", "Applies?", "Why"), lines, note)


def _source_section(iri: str, context: _Context) -> Section:
    source = context.sources[iri]
    query = f"""# Title: What the {source.short} says, statement by statement
SELECT ?locator ?subject ?property ?value WHERE {{
  ?claim prov:wasDerivedFrom {_ref(iri)} ; mosaic:line ?line ; mosaic:locator ?locator .
  GRAPH ?claim {{ ?subject ?property ?value }}
}}
ORDER BY ?line ?subject ?property
"""
    note = (Shown(f"{source.claims} claims cite this source."),
            Shown("List every statement it supports", "/?" + urlencode({"query": query})))
    return Section("Claims citing this source", (), [], note)


# --- plumbing ------------------------------------------------------------------------------------


def _select(query: str) -> Rows:
    return workers().call("select", query)  # type: ignore[no-any-return]


def _check_iri(iri: str) -> None:
    if any(c in iri for c in '<>"{}|^`\\ \n\t'):
        raise ValueError(f"not an IRI that can be written in a query: {iri!r}")


def _ref(iri: str) -> str:
    _check_iri(iri)
    return f"<{iri}>"


def _html(template: str, **context: object) -> Response:
    return Response(render_template(template, **context), mimetype="text/html")
