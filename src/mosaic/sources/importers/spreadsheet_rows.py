"""The columns of each kind of spreadsheet, and the reading of its rows: every cell checked on its own.

What a spreadsheet's cells name in the graph is checked where the rows become claims
(:mod:`mosaic.sources.importers.spreadsheet`, which documents the columns for the people who fill
them in); here only what a cell says by itself: a date that parses, a whole line number, a language
tag, an IRI that is written as one. A reader thus learns of every bad cell before anything is imported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mosaic.errors import MosaicError
from mosaic.graph.dates import parse_written
from mosaic.graph.vocab import PREFIXES

__all__ = ["Column", "COLUMNS", "EVIDENCE", "Row", "RowError", "BadRows", "read", "columns_of", "is_iri", "wilson_id",
           "membership_period"]

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
    return None if wilson_id(value) else \
        f"{value!r} is not a Wilson Center document id (a number, as in …/document/113371)"


def _iri(value: str) -> str | None:
    return None if is_iri(value) else f"{value!r} is not an IRI: write person:… , doc:… or <https://…>"


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


def read(path: Path, kind: str) -> tuple[list[Row], list[RowError]]:
    """The good rows of the spreadsheet at ``path``, and what is wrong with the others.

    A caller imports nothing when there are errors, unless it means to skip the bad rows.
    """
    columns = columns_of(kind)
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


def columns_of(kind: str) -> list[Column]:
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
    elif kind == "membership" and not errors and row.get("from") and row.get("to") and not membership_period(row):
        errors.append(RowError(row.number, "to", f"{row.get('to')!r} is before {row.get('from')!r}"))
    return errors


def is_iri(value: str) -> bool:
    if value.startswith("<") and value.endswith(">") or re.match(r"https?://\S+$", value):
        return True
    prefix, colon, local = value.partition(":")
    return bool(colon) and prefix in PREFIXES and bool(re.fullmatch(r"[\w.-]+", local))


def wilson_id(value: str) -> str | None:
    match = re.fullmatch(r"(?:(?:https?://)?digitalarchive\.wilsoncenter\.org/document/)?(\d+)/?", value)
    return match[1] if match else None


def membership_period(row: Row) -> tuple[str, str] | None:
    """The membership's period as written and in EDTF, from its 'during', or its 'from' and 'to' cells."""
    start, end = row.get("from"), row.get("to")
    written = row.get("during") or (f"from {start} to {end}" if start and end else
                                    f"from {start}" if start else f"until {end}")
    edtf = parse_written(written)
    return (written, edtf) if edtf else None

