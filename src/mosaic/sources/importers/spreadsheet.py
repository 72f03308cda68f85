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
checks each cell, ``to_graphs`` what the cells name in the graph; ``convert`` does both.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mosaic.errors import MosaicError
from mosaic.graph.dates import parse_written
from mosaic.graph.store import Selects
from mosaic.graph.vocab import PREFIXES, compact, expand
from mosaic.sources.importers.citations import Citation, guess_kind
from mosaic.sources.importers.graph import Entities, Graphs, Known, claim_iri, short_slug, text
from mosaic.sources.importers.records import RecordWriter
from mosaic.sources.importers.references import parse_holding

__all__ = ["Column", "COLUMNS", "Row", "RowError", "BadRows", "read", "to_graphs", "convert"]

Link = Callable[[str], str | None]
Check = Callable[[str], str | None]
EVIDENCE = ("stated", "cited", "quoted", "reported", "implied")


def _date(value: str) -> str | None:
    return None if value.lower() == "undated" or parse_written(value) else f"{value!r} is not a date"


def _whole(value: str) -> str | None:
    return None if value.isdigit() and int(value) > 0 else f"{value!r} is not a line number (a whole number)"


def _evidence(value: str) -> str | None:
    return None if value in EVIDENCE else f"{value!r} is not one of {', '.join(EVIDENCE)}"


def _language(value: str) -> str | None:
    return None if re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", value) else \
        f"{value!r} is not a language tag (en, ko, ko-Latn-x-mr, ru-Latn …)"


def _names(value: str) -> str | None:
    bad = [tag for one in value.split(";") if "@" in one and _language(tag := one.rsplit("@", 1)[1].strip())]
    return f"{bad[0]!r} is not a language tag (en, ko, ko-Latn-x-mr, ru-Latn …)" if bad else None


def _wilson(value: str) -> str | None:
    return None if _wilson_id(value) else \
        f"{value!r} is not a Wilson Center document id (a number, as in …/document/113371)"


def _iri(value: str) -> str | None:
    return None if _is_iri(value) else f"{value!r} is not an IRI: write person:… , doc:… or <https://…>"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str
    check: Check | None = None


_ID = "an entity of the graph this row adds to (person:…, doc:…, event:… or <IRI>); empty: found by name or new"
COMMON = [
    Column("source", True, "the record the row's facts come from: doc:…, <IRI>, or its title", None),
    Column("locator", True, "where in the source a reader finds it: 'note 10', 'p. 3', 'paragraph 2'"),
    Column("line", False, "the line of the source text, if it is one of the texts of the graph", _whole),
    Column("evidence", False, "how the source supports it: stated (default), cited, quoted, reported, implied",
           _evidence),
    Column("quote", False, "a short quotation from the source (a sentence at most)"),
]
COLUMNS: dict[str, list[Column]] = {
    "person": [
        Column("id", False, _ID, _iri),
        Column("name", True, "the name as the source writes it"),
        Column("language", False, "language tag of the name: en (default), ko, ko-Latn-x-mr, ru-Latn …",
               _language),
        Column("alt_names", False, "other forms, separated by ';', each with its tag: 'Kim Ir Sen@ru-Latn'", _names),
        Column("description", False, "who the person was, in a sentence (English)"),
    ],
    "document": [
        Column("id", False, _ID, _iri),
        Column("title", True, "the title as cited (or, for an untitled record, what stands for it)"),
        Column("date", False, "the date as written: 'July 24, 1956', 'spring of 1954', 'undated'", _date),
        Column("kind", False, "report, memorandum-of-conversation, letter … (empty: guessed from the title)"),
        Column("author", False, "persons or bodies, ';'-separated: names, or person:…/mission:…"),
        Column("recipient", False, "persons or bodies, ';'-separated: names, or person:…/body:…"),
        Column("archive", False, "the holding archive as written: 'RGANI', 'Polish Foreign Ministry Archive'"),
        Column("reference", False, "the archival reference as written: 'Fond 5, Opis 28, Delo 410, Listy 301–303'"),
        Column("wilson_id", False, "the Wilson Center Digital Archive document number (or its URL)", _wilson),
        Column("translated_by", False, "translators, ';'-separated"),
        Column("obtained_by", False, "who obtained the original from the archive, ';'-separated"),
        Column("language", False, "language of the original: ru, hu, pl, de …", _language),
    ],
    "event": [
        Column("id", False, _ID, _iri),
        Column("name", True, "a short name for the event"),
        Column("date", False, "the date or period as written: '1956 August', 'from 1964 to 1967'", _date),
        Column("kind", False, "plenum, purge, visit, meeting … (eventkind: in ontology/vocabularies.ttl)"),
        Column("participants", False, "persons or bodies, ';'-separated: names, or person:…/body:…"),
        Column("place", False, "where: a place's name, or place:…"),
        Column("description", False, "what happened, in a sentence (English)"),
    ],
    "membership": [
        Column("person", True, "the member: a name, or person:…"),
        Column("organisation", True, "the faction, mission or body: faction:…/mission:…/body:…, or its name"),
        Column("role", True, "member, ambassador, first-secretary … (role: in ontology/vocabularies.ttl)"),
        Column("from", False, "when it began, as written: '1964', 'the fall of 1956'", _date),
        Column("to", False, "when it ended, as written", _date),
        Column("during", False, "instead of from and to, the period as written: 'December 1953'", _date),
    ],
}
for _kind_columns in COLUMNS.values():
    _kind_columns.extend(COMMON)


@dataclass(frozen=True)
class RowError:
    """A bad row (or header, row 1): 1-based as a spreadsheet user counts, header first."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column!r}: {self.message}" if self.column else \
            f"row {self.row}: {self.message}"


class BadRows(MosaicError):
    """Rows that cannot be imported; nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(map(str, errors)) +
                         f"\nNothing imported: {len(errors)} problem(s). Fix the rows, or skip them.")


@dataclass(frozen=True)
class Row:
    """One data row: its number (the header is row 1) and its cells by column."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def values(self, column: str) -> list[str]:
        return [v.strip() for v in self.get(column).split(";") if v.strip()]


# --- reading ----------------------------------------------------------------------------------------


def read(path: Path, kind: str) -> tuple[list[Row], list[RowError]]:
    """The good rows of the spreadsheet at ``path``, and what is wrong with the others.

    A caller imports nothing when there are errors, unless it means to skip the bad rows.
    """
    columns = _columns(kind)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(1, None, "not UTF-8 text: save the spreadsheet as “CSV UTF-8”")]
    records = list(csv.reader(io.StringIO(content), _dialect(content)))
    if not records or not any(cell.strip() for cell in records[0]):
        return [], [RowError(1, None, "no header: the first row must name the columns")]
    header = [cell.strip() for cell in records[0]]
    if problems := _header_errors(header, columns, kind):
        return [], problems
    rows, errors = [], []
    for number, cells in enumerate(records[1:], 2):
        if not any(cell.strip() for cell in cells):
            continue
        row = Row(number, {name: cell.strip() for name, cell in zip(header, cells, strict=False)})
        found = _row_errors(row, cells, header, columns, kind)
        errors += found
        if not found:
            rows.append(row)
    return rows, errors


def _columns(kind: str) -> list[Column]:
    if kind not in COLUMNS:
        raise ValueError(f"unknown kind of spreadsheet {kind!r}; known: {', '.join(COLUMNS)}")
    return COLUMNS[kind]


def _dialect(content: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(content.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _header_errors(header: list[str], columns: list[Column], kind: str) -> list[RowError]:
    known = [c.name for c in columns]
    errors = [RowError(1, name, f"unknown column; a {kind} spreadsheet has: {', '.join(known)}")
              for name in header if name not in known]
    errors += [RowError(1, name, "the column appears twice") for name in sorted({n for n in header
                                                                                 if header.count(n) > 1})]
    errors += [RowError(1, c.name, "required column is missing") for c in columns
               if c.required and c.name not in header]
    return errors


def _row_errors(row: Row, cells: list[str], header: list[str], columns: list[Column], kind: str) -> list[RowError]:
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
        return [RowError(row.number, None, f"{len(cells)} cells but only {len(header)} columns")]
    errors = []
    for column in columns:
        value = row.get(column.name)
        if column.required and not value and not (kind == "document" and column.name == "title"):
            errors.append(RowError(row.number, column.name, "is empty; every row needs it"))
        elif value and column.check and (message := column.check(value)):
            errors.append(RowError(row.number, column.name, message))
    if kind == "document" and not row.get("title") and not row.get("reference"):
        errors.append(RowError(row.number, "title", "is empty: give the title as cited, or a reference"))
    if kind == "membership" and row.get("during") and (row.get("from") or row.get("to")):
        errors.append(RowError(row.number, "during", "give the period either in 'during' or in 'from' and 'to'"))
    elif kind == "membership" and not errors and row.get("from") and row.get("to") and not _period(row):
        errors.append(RowError(row.number, "to", f"{row.get('to')!r} is before {row.get('from')!r}"))
    return errors


def _is_iri(value: str) -> bool:
    if value.startswith("<") and value.endswith(">") or re.match(r"https?://\S+$", value):
        return True
    prefix, colon, local = value.partition(":")
    return bool(colon) and prefix in PREFIXES and bool(re.fullmatch(r"[\w.-]+", local))


def _wilson_id(value: str) -> str | None:
    match = re.fullmatch(r"(?:(?:https?://)?digitalarchive\.wilsoncenter\.org/document/)?(\d+)/?", value)
    return match[1] if match else None


def _period(row: Row) -> tuple[str, str] | None:
    """The membership's period as written and in EDTF, from its 'during', or its 'from' and 'to' cells."""
    start, end = row.get("from"), row.get("to")
    written = row.get("during") or (f"from {start} to {end}" if start and end else
                                    f"from {start}" if start else f"until {end}")
    edtf = parse_written(written)
    return (written, edtf) if edtf else None


# --- into the graph -----------------------------------------------------------------------------------

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
    _columns(kind)
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
                      ("place", lambda v: self._existing(v, "mosaic:Place") if _is_iri(v) else v, "a place")],
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
                       for value in row.values(column) if _is_iri(value) and not self._any(value)]
        return errors

    def _unknown(self, column: str, value: str, what: str) -> str:
        if column == "source":
            return f"no record of the graph is {value!r}: cite doc:…, <IRI>, or a record's exact title"
        return f"{value!r} is not {what} of the graph" + (" (see ontology/vocabularies.ttl)"
                                                          if column in ("kind", "role") else "")

    def _source(self, value: str) -> str | None:
        if _is_iri(value):
            return self._existing(value, "rico:Record")
        found = self.known.named("rico:Record", [value])
        return found[0] if len(found) == 1 else None

    def _existing(self, value: str, cls: str) -> str | None:
        iri = expand(value)
        return iri if self.known.exists(iri, cls) else None

    def _any(self, value: str) -> bool:
        return self.known.taken(expand(value))

    def _organisation(self, value: str) -> str | None:
        if _is_iri(value):
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
        return expand(value) if _is_iri(value) else self.entities.person(value, graph, where)

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
        wilson = _wilson_id(row.get("wilson_id")) if row.get("wilson_id") else None
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
            if not _is_iri(row.get("place")):
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
        if any(row.get(c) for c in ("from", "to", "during")) and (period := _period(row)):
            self.graphs.time_span(graph, membership, "org:memberDuring", *period)
        organisation = compact(self.resolved[(row.number, "organisation")])
        self.writer.report.append(f"{where}: membership of {row.get('person')!r} in {organisation}")

    def _span(self, written: str, graph: str, subject: str, predicate: str) -> None:
        if written and (edtf := parse_written(written)):
            self.graphs.time_span(graph, subject, predicate, written, edtf)
