"""Spreadsheets (CSV) of persons, documents, events or memberships, into claim graphs.

Each row is one claim: it must cite the record its facts come from (``source``: ``doc:…``, an
IRI, or the record's title) and where in it (``locator``). The columns of each kind are in
``COLUMNS`` and in the templates of examples/templates/, which hold rows taken from data/:

========== ==================================================================================
person     id, name*, language, alt_names, description
document   id, title*, date, kind, author, recipient, archive, reference, wilson_id,
           translated_by, obtained_by, language
event      id, name*, date, kind, participants, place, description
membership person*, organisation*, role*, from, to, during
every kind source*, locator*, line, evidence, quote
========== ==================================================================================

(* required.) Cells that list several values separate them with ";". A cell that names an entity
may give its IRI (``person:nam-il``, ``<https://…>``); otherwise a name is placed on a person by
the name authority (``link``), or becomes a new person. Dates are written as in the sources
("July 24, 1956", "spring of 1954"); ``kind``, ``role`` and ``evidence`` take the names of
ontology/vocabularies.ttl.

Nothing is imported from a spreadsheet with a bad row unless bad rows are skipped: ``read``
checks each cell (with the columns, in :mod:`mosaic.sources.importers.spreadsheet_rows`),
``to_graphs`` what the cells name in the graph; ``convert`` does both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mosaic.graph.dates import parse_written
from mosaic.graph.store import Selects
from mosaic.graph.vocab import compact, expand
from mosaic.sources.importers.citations import Citation, guess_kind
from mosaic.sources.importers.graph import Entities, Graphs, Known, claim_iri, short_slug, text
from mosaic.sources.importers.records import RecordWriter
from mosaic.sources.importers.references import parse_holding
from mosaic.sources.importers.spreadsheet_rows import (
    COLUMNS,
    BadRows,
    Column,
    Row,
    RowError,
    columns_of,
    is_iri,
    membership_period,
    read,
    wilson_id,
)

__all__ = ["Column", "COLUMNS", "Row", "RowError", "BadRows", "read", "to_graphs", "convert"]

Link = Callable[[str], str | None]
CLAIM_PATTERN = r"-R\d+"


def to_graphs(rows: list[Row], kind: str, source_name: str, existing: Selects,
              link: Link = lambda name: None, *, skip_bad: bool = False, reserved: Collection[str] = (),
              unread: Collection[RowError] = ()) -> tuple[dict[str, list[ox.Quad]], list[str]]:
    """The claim graphs of ``rows`` (``claim:<source_name>-R<row>``) and their file graph, and a report.

    Raises BadRows, and returns nothing, when a row names what the graph does not hold (a source,
    an organisation, a kind or role); with ``skip_bad`` such rows are left out and listed. ``unread``
    are the errors ``read`` found in the rows it left out: they are listed and counted as skipped too,
    so the report's count is of the whole spreadsheet, not of the rows that got this far.
    """
    columns_of(kind)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", source_name):
        raise ValueError(f"malformed import name {source_name!r}: use lowercase words joined by hyphens")
    known = Known.for_import(existing, source_name, CLAIM_PATTERN, reserved)
    graphs = Graphs()
    importer = _Importer(known, graphs, RecordWriter(known, graphs, Entities(known, graphs, link), cited=False),
                         source_name)
    bad: list[RowError] = []
    for row in rows:
        problems = importer.check(row, kind)
        if problems:
            bad += problems
            continue
        importer.write(row, kind)
    if bad and not skip_bad:
        raise BadRows(bad)
    stale = graphs.drop_stale(known)
    skipped = sorted([*unread, *bad], key=lambda error: error.row)
    report = [f"skipped: {error}" for error in skipped] + importer.writer.report
    report += [f"dropped {compact(g)}: the spreadsheet no longer makes it" for g in stale]
    total = len(rows) + len({e.row for e in unread})
    report.append(f"{total} rows: {total - len({e.row for e in skipped})} imported, "
                  f"{len({e.row for e in skipped})} skipped")
    return graphs.quads, report


def convert(path: Path, kind: str, source_name: str, existing: Selects, link: Link = lambda name: None, *,
            skip_bad: bool = False) -> tuple[dict[str, list[ox.Quad]], list[str]]:
    """``read`` then ``to_graphs``: nothing unless every row is good, or the good rows with ``skip_bad``."""
    rows, errors = read(path, kind)
    if errors and (not skip_bad or not rows):
        raise BadRows(errors)
    return to_graphs(rows, kind, source_name, existing, link, skip_bad=skip_bad, unread=errors)


@dataclass
class _Importer:
    known: Known
    graphs: Graphs
    writer: RecordWriter
    source_name: str
    resolved: dict[tuple[int, str], str] = field(default_factory=dict)

    @property
    def entities(self) -> Entities:
        return self.writer.entities

    # --- checking what the cells name --------------------------------------------------------------

    def check(self, row: Row, kind: str) -> list[RowError]:
        """What the row names that the graph does not hold; resolved names are kept for ``write``."""
        checks: list[tuple[str, Callable[[str], str | None], str]] = [("source", self._source, "")]
        checks += {
            "person": [("id", lambda v: self._existing(v, "foaf:Person"), "a person")],
            "document": [("id", lambda v: self._existing(v, "rico:Record"), "a record"),
                         ("kind", lambda v: self.known.concept("kind:scheme", v), "a kind of document")],
            "event": [("id", lambda v: self._existing(v, "mosaic:Event"), "an event"),
                      ("kind", lambda v: self.known.concept("eventkind:scheme", v), "a kind of event"),
                      ("place", lambda v: self._existing(v, "mosaic:Place") if is_iri(v) else v, "a place")],
            "membership": [("organisation", self._organisation, "an organisation"),
                           ("role", lambda v: self.known.concept("role:scheme", v), "a role")],
        }[kind]
        errors = []
        for column, resolve, what in checks:
            if value := row.get(column):
                found = resolve(value)
                if found:
                    self.resolved[(row.number, column)] = found
                else:
                    errors.append(RowError(row.number, column, self._unknown(column, value, what)))
        for column in ("author", "recipient", "participants", "person"):
            errors += [RowError(row.number, column, f"{value!r} is not in the graph")
                       for value in row.values(column) if is_iri(value) and not self._any(value)]
        return errors

    def _unknown(self, column: str, value: str, what: str) -> str:
        if column == "source":
            return f"no record of the graph is {value!r}: cite doc:…, <IRI>, or a record's exact title"
        return f"{value!r} is not {what} of the graph" + (" (see ontology/vocabularies.ttl)"
                                                          if column in ("kind", "role") else "")

    def _source(self, value: str) -> str | None:
        if is_iri(value):
            return self._existing(value, "rico:Record")
        found = self.known.named("rico:Record", [value])
        return found[0] if len(found) == 1 else None

    def _existing(self, value: str, cls: str) -> str | None:
        iri = expand(value)
        return iri if self.known.exists(iri, cls) else None

    def _any(self, value: str) -> bool:
        return self.known.taken(expand(value))

    def _organisation(self, value: str) -> str | None:
        if is_iri(value):
            return self._existing(value, "org:Organization")
        found = self.known.named("org:Organization", [value])
        return found[0] if len(found) == 1 else None

    # --- writing -----------------------------------------------------------------------------------

    def write(self, row: Row, kind: str) -> None:
        claim = claim_iri(f"{self.source_name}-R{row.number}")
        line = int(row.get("line")) if row.get("line") else None
        self.graphs.describe_claim(self.source_name, claim, self.resolved[(row.number, "source")],
                                   row.get("locator"), line, row.get("evidence") or "stated", row.get("quote"))
        where = f"row {row.number}"
        {"person": self._person, "document": self._document, "event": self._event,
         "membership": self._membership}[kind](row, claim, where)

    def _agent(self, value: str, graph: str, where: str) -> str:
        return expand(value) if is_iri(value) else self.entities.person(value, graph, where)

    def _person(self, row: Row, graph: str, where: str) -> None:
        language, name = row.get("language") or "en", row.get("name")
        if iri := self.resolved.get((row.number, "id")):
            self.entities.declare(iri, graph, "foaf:Person", name, language)  # if only an earlier import did
            self.writer.report.append(f"{where}: {compact(iri)} updated")
        else:
            iri = self.entities.person(name, graph, where, language)
        self.entities.name(graph, iri, name, language)
        for form in row.values("alt_names"):
            name, _, tag = form.rpartition("@") if "@" in form else (form, "", language)
            self.entities.name(graph, iri, name.strip(), tag.strip(), preferred=False)
        if row.get("description"):
            self.graphs.add(graph, iri, "dcterms:description", text(row.get("description"), "en"))

    def _document(self, row: Row, graph: str, where: str) -> None:
        citation = self._citation(row, where)
        record = self.writer.document(citation, graph, where, self.resolved.get((row.number, "id")))
        for value in row.values("author"):
            self.graphs.add(graph, record, "rico:hasAuthor", self._agent(value, graph, where))
        for value in row.values("recipient"):
            self.graphs.add(graph, record, "mosaic:recipient", self._agent(value, graph, where))
        if row.get("language"):
            self.graphs.add(graph, record, "dcterms:language", text(row.get("language")))

    def _citation(self, row: Row, where: str) -> Citation:
        """The document row as a citation, so that it is written as citations are."""
        holding = parse_holding(", ".join(v for v in (row.get("archive"), row.get("reference")) if v))
        wilson = wilson_id(row.get("wilson_id")) if row.get("wilson_id") else None
        kind = self.resolved.get((row.number, "kind"))
        title = row.get("title") or None
        citation = Citation(text="", title=title, date=row.get("date") or None,
                            edtf=parse_written(row.get("date")) if row.get("date") else None,
                            archive=holding.archive, reference=holding.reference, collection=holding.collection,
                            obtained_by=row.values("obtained_by"), translated_by=row.values("translated_by"),
                            document_id=wilson, kind=kind.rsplit("/", 1)[1] if kind else guess_kind(title or ""),
                            url=f"https://digitalarchive.wilsoncenter.org/document/{wilson}" if wilson else None,
                            digital_archive=bool(wilson))
        if not kind and citation.kind:
            self.writer.report.append(f"{where}: kind {citation.kind!r} guessed from the title")
        for problem in holding.errors:
            self.writer.report.append(f"{where}: {problem}")
        return citation

    def _event(self, row: Row, graph: str, where: str) -> None:
        iri = self.resolved.get((row.number, "id")) or self._earlier(graph, "mosaic:Event", row.get("name"))
        how = "updated" if iri else "created"
        iri = iri or self.known.mint("event", short_slug(row.get("name")))
        self.writer.report.append(f"{where}: {compact(iri)} {how}")
        self.graphs.add(graph, iri, "rdf:type", "mosaic:Event")
        self.entities.name(graph, iri, row.get("name"), "en")
        if concept := self.resolved.get((row.number, "kind")):
            self.graphs.add(graph, iri, "mosaic:eventKind", concept)
        self._span(row.get("date"), graph, iri, "mosaic:date")
        for value in row.values("participants"):
            self.graphs.add(graph, iri, "mosaic:participant", self._agent(value, graph, where))
        if place := self.resolved.get((row.number, "place")):
            if not is_iri(row.get("place")):
                place = self.entities.named_thing("mosaic:Place", "place", [place], graph, where, label=place,
                                                  what="place")
            self.graphs.add(graph, iri, "mosaic:place", place)
        if row.get("description"):
            self.graphs.add(graph, iri, "dcterms:description", text(row.get("description"), "en"))

    def _earlier(self, graph: str, cls: str, name: str) -> str | None:
        """What an earlier import of this spreadsheet made at this row under the same name."""
        if graph not in self.known.ours:
            return None
        same = [iri for iri in self.known.in_graph(graph, cls) if name in {row["n"] for row in self.known.select(
            f"SELECT ?n WHERE {{ GRAPH <{graph}> {{ <{iri}> skos:prefLabel|skos:altLabel ?n }} }}")}]
        return same[0] if len(same) == 1 else None

    def _membership(self, row: Row, graph: str, where: str) -> None:
        membership = ox.BlankNode()
        self.graphs.add(graph, membership, "rdf:type", "org:Membership")
        self.graphs.add(graph, membership, "org:member", self._agent(row.get("person"), graph, where))
        self.graphs.add(graph, membership, "org:organization", self.resolved[(row.number, "organisation")])
        self.graphs.add(graph, membership, "org:role", self.resolved[(row.number, "role")])
        if any(row.get(c) for c in ("from", "to", "during")) and (period := membership_period(row)):
            self.graphs.time_span(graph, membership, "org:memberDuring", *period)
        organisation = compact(self.resolved[(row.number, "organisation")])
        self.writer.report.append(f"{where}: membership of {row.get('person')!r} in {organisation}")

    def _span(self, written: str, graph: str, subject: str, predicate: str) -> None:
        if written and (edtf := parse_written(written)):
            self.graphs.time_span(graph, subject, predicate, written, edtf)
