"""Wilson Center Digital Archive citations, in the forms the article's notes write them, read into their parts.

A citation gives a title in quotes, a date as written, the Digital Archive, the holding archive and
the archival reference, who obtained and who translated the document, and its URL::

    “Title,” July 24, 1956, History and Public Policy Program Digital Archive, RGANI, Fond 5,
    Opis 28, Delo 410, Listy 301–303. Obtained and translated for NKIDP by James F. Person.
    digitalarchive.wilsoncenter.org/document/113371.

The notes also write titles without quotes, give an author and a kind instead of a title
("Hungarian Embassy to the DPRK, Report, September 13, 1954, KA, …, cited in …"), cite files
with no title or date, and put several citations and some commentary in one note. ``parse``
reads each part it can and says in ``errors`` what it could not read or had to assume.
The archive and the reference are read by ``mosaic.sources.importers.references``; the records a
citation makes are written by ``mosaic.sources.importers.records``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mosaic.graph.dates import bounds, parse_written
from mosaic.sources.importers.references import Archive, Reference, parse_holding

__all__ = ["Citation", "split", "parse", "guess_kind"]

_URL = re.compile(r"(?:https?://)?digitalarchive\.wilsoncenter\.org/document/(?P<id>\d+)(?:/[^\s,;]*)?", re.IGNORECASE)
_SEE = re.compile(r"^See(?:\s+also)?(?:,?\s+for\s+example,?)?\s+", re.IGNORECASE)
_DATE = (r"(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:\s*[–-]\s*\d{1,2})?,?\s+\d{4}"
         r"|\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}"
         r"|\d{1,2}(?:[–-]\d{1,2})?\.[IVX]+\.\d{4}"
         r"|(?:[A-Za-z]+[ -])?[A-Za-z]+,?\s+(?:of\s+)?\d{4}"
         r"|mid-\d{4}|undated(?:\s*\[[^\]]*\])?|\[\d{4}(?:\s*[–-]\s*\d{4})?\]|\d{4}(?:\s*[–-]\s*\d{4})?)")
_DATE_END = r"(?=\s*(?:[,.;]|$))"
_DATE_AFTER_TITLE = re.compile(r"(?P<date>" + _DATE + r")" + _DATE_END)
_DATE_ANYWHERE = re.compile(r"(?:^|(?<=[,”\"])\s+)(?P<date>" + _DATE + r")" + _DATE_END)
_DIGITAL_ARCHIVE = re.compile(r"(?:^|,\s*)(?:History and Public Policy Program |Wilson Center )?Digital Archive"
                              r"(?=\s*(?:[,.;]|$))")
_CREDITS = re.compile(r"(?:^|[.,;]\s+)(?=(?:obtained|translated)\b)", re.IGNORECASE)
_CREDIT = re.compile(r"(?P<verb>obtained and translated|obtained|translated)(?:\s+for\s+(?P<for>.+?))?\s+by\s+"
                     r"(?P<names>.+?)(?=\s+and\s+(?:obtained|translated)\b|$)", re.IGNORECASE)
_CITED_IN = re.compile(r"(?:^|,\s*)cited in\s+", re.IGNORECASE)
_KIND_WORDS = re.compile(r"(?i)report|memorandum|letter|cable|telegram|notes?|information|protocol|agreement|"
                         r"diary|journal|record")
_KINDS: list[tuple[str, str]] = [  # first match wins: the most specific kinds come first
    ("memorandum-of-conversation", r"\bconversations?\b"),
    ("record-of-meeting", r"\bmeeting\b"),
    ("journal", r"\b(?:journal|diary)\b"),
    ("letter", r"\bletter\b"),
    ("cable", r"\b(?:cable|telegram)s?\b"),
    ("agreement", r"\bagreement\b"),
    ("protocol", r"\bprotocol\b"),
    ("political-report", r"\bpolitical report\b"),
    ("embassy-report", r"\breport\b.*\b(?:embassy|legation)\b|\b(?:embassy|legation)\b.*\breport\b"),
    ("report", r"\breport\b|\binformation on\b"),
    ("comment", r"\b(?:comment|commentary|remarks)\b"),
    ("memorandum", r"\bmemorandum\b"),
]


# --- what a citation holds ----------------------------------------------------------------------


@dataclass
class Citation:
    """One citation, parsed. ``titled`` is False when ``title`` is what stands in for a missing one."""

    text: str
    title: str | None = None
    titled: bool = True
    date: str | None = None
    edtf: str | None = None
    archive: Archive | None = None
    reference: Reference | None = None
    collection: str | None = None
    obtained_by: list[str] = field(default_factory=list)
    translated_by: list[str] = field(default_factory=list)
    obtained_for: str | None = None
    translated_for: str | None = None
    document_id: str | None = None
    url: str | None = None
    kind: str | None = None
    digital_archive: bool = False
    cited_in: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def importable(self) -> bool:
        """Whether it names a document that can be found again: a holder or a Wilson Center id."""
        return bool(self.archive or self.reference or self.collection or self.document_id)

    def bounds(self) -> tuple[str | None, str | None]:
        if not self.edtf:
            return None, None
        earliest, latest = bounds(self.edtf)
        return (earliest.isoformat() if earliest else None), (latest.isoformat() if latest else None)

    def as_json(self) -> dict[str, object]:
        earliest, latest = self.bounds()
        return {"title": self.title, "date": {"as_written": self.date, "edtf": self.edtf} if self.date else None,
                "earliest": earliest, "latest": latest,
                "archive": self.archive.as_json() if self.archive else None,
                "reference": self.reference.as_json() if self.reference else None,
                "obtained_by": list(self.obtained_by), "translated_by": list(self.translated_by),
                "document_id": self.document_id, "url": self.url, "kind": self.kind, "errors": list(self.errors)}


# --- finding the citations of a file --------------------------------------------------------------


def split(text: str) -> list[tuple[int, str]]:
    """The citations of a file, each with the line it starts on.

    One citation per line, unless the file separates paragraphs by blank lines and some paragraph
    is one citation broken over lines (a line inside it ends with neither a full stop nor a
    document URL): then one per paragraph. A line or paragraph may hold several citations (a note
    citing two documents): they are cut after each document URL and before "See also". Words
    before a "See" that opens a citation, and commentary after the last URL, are not citations.
    """
    lines = text.splitlines()
    if _wrapped(lines):
        units = _paragraphs(lines)
    else:
        units = [(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    return [piece for first, unit in units for piece in _pieces(first, unit)]


def _wrapped(lines: list[str]) -> bool:
    blocks = _paragraphs(lines)
    if len(blocks) < 2:
        return False
    return any(not re.search(r"(?:\.|document/\d+)\s*$", line)
               for _, block in blocks for line in block.split("\n")[:-1])


def _paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    blocks: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if blocks and number > 1 and lines[number - 2].strip():
            blocks[-1][1].append(line)
        else:
            blocks.append((number, [line]))
    return [(first, "\n".join(block)) for first, block in blocks]


def _pieces(first_line: int, unit: str) -> list[tuple[int, str]]:
    flat = unit.replace("\n", " ")
    cuts = sorted({m.end() for m in _URL.finditer(flat)} |
                  {m.start() for m in re.finditer(r"(?<=[.;])\s+See also\b", flat)})
    spans = list(zip([0, *cuts], [*cuts, len(flat)], strict=False))
    found: list[tuple[int, str]] = []
    for index, (start, end) in enumerate(spans):
        segment = flat[start:end]
        lead = _lead(segment)
        piece = re.sub(r"\s+", " ", segment[lead:]).strip()
        last_after_url = index == len(spans) - 1 and index > 0
        if not piece or (last_after_url and not re.search(r"[“\"]|" + _URL.pattern, piece)):
            continue
        found.append((first_line + unit[:start + lead].count("\n"), piece))
    return found


def _lead(segment: str) -> int:
    """Where the citation in ``segment`` begins: after joining words, and at a "See" that opens it."""
    start = re.match(r"[\s.,;]*(?:and\s+)?", segment)
    offset = start.end() if start else 0
    see = re.search(r"(?:^|(?<=[.;]\s))See\b", segment[offset:])
    return offset + see.start() if see else offset


# --- reading one citation -------------------------------------------------------------------------


def parse(text: str) -> Citation:
    """Every part of one citation that can be read; ``errors`` says what could not be, or was assumed.

    Examples
    --------
    >>> cited = parse("“Memorandum of Conversation with a Test Person,” May 1956, RGANI, Fond 5, "
    ...               "Opis 28, Delo 999, ll. 1–4. Translated by Test Translator. "
    ...               "digitalarchive.wilsoncenter.org/document/990001")
    >>> cited.title, cited.edtf, cited.reference.parts["listy"], cited.document_id
    ('Memorandum of Conversation with a Test Person', '1956-05', '1–4', '990001')
    >>> cited.translated_by, cited.kind
    (['Test Translator'], 'memorandum-of-conversation')
    >>> parse("A sentence that cites nothing.").errors[0]
    'nothing to import: no archive, archival reference or Wilson Center document id'
    """
    citation = Citation(text=text.strip())
    rest = _SEE.sub("", re.sub(r"\s+", " ", text).strip())
    rest = _take_url(citation, rest)
    rest = _take_title_and_date(citation, rest)
    rest = _take_credits(citation, rest)
    _take_holding(citation, rest)
    citation.kind = guess_kind(citation.title or "")
    _check(citation)
    return citation


def _take_url(citation: Citation, rest: str) -> str:
    urls = list(_URL.finditer(rest))
    if not urls:
        return rest
    url = urls[0]
    citation.document_id = url["id"]
    citation.url = f"https://digitalarchive.wilsoncenter.org/document/{url['id']}"
    if len(urls) > 1:
        citation.errors.append(f"several document URLs: took the first ({url['id']})")
    after = rest[url.end():].strip(" .,;")
    if after:
        citation.errors.append(f"text after the document URL not read: {after!r}")
    return rest[:url.start()].rstrip(" .,;")


def _take_title_and_date(citation: Citation, rest: str) -> str:
    if rest[:1] in "“\"" and (close := rest.find("”" if rest[0] == "“" else "\"", 1)) > 0:
        citation.title = _unpunctuate(rest[1:close])
        after = rest[close + 1:].lstrip(" ,")
        match = _DATE_AFTER_TITLE.match(after)
        if match:
            _set_date(citation, match["date"])
            return after[match.end():]
        return after
    for match in _DATE_ANYWHERE.finditer(rest):
        if parse_written(match["date"]) or match["date"].lower().startswith("undated"):
            _set_date(citation, match["date"])
            _unquoted_title(citation, rest[:match.start()].strip(" ,"))
            return rest[match.end():]
    return rest


def _unpunctuate(title: str) -> str:
    """A title without the comma or full stop that American style puts inside the closing quote."""
    title = title.strip()
    return title[:-1].rstrip() if title.endswith((",", ".")) else title


def _set_date(citation: Citation, written: str) -> None:
    citation.date = written
    citation.edtf = parse_written(written)
    if citation.edtf is None and not written.lower().startswith("undated"):
        citation.errors.append(f"{written!r} is not a date Mosaic can read")


def _unquoted_title(citation: Citation, head: str) -> None:
    if not head:
        return
    author, _, kind = head.rpartition(", ")
    if head.endswith("”") and "“" in head:
        citation.title = _unpunctuate(head[:-1]) + "”"
        citation.errors.append("title only partly in quotes: took all the words before the date")
    elif author and _KIND_WORDS.fullmatch(kind):
        citation.title, citation.titled = head, False
        citation.errors.append(f"no title: the citation gives the author ({author!r}) and the kind ({kind!r}) "
                               "instead; kept as a label")
    else:
        citation.title = head
        citation.errors.append("title not in quotes: took the words before the date")


def _take_credits(citation: Citation, rest: str) -> str:
    if digital := _DIGITAL_ARCHIVE.search(rest):
        citation.digital_archive = True
        rest = rest[:digital.start()] + rest[digital.end():]
    if credits := _CREDITS.search(rest):
        _read_credits(citation, rest[credits.end():].strip().rstrip(".,;"))
        rest = rest[:credits.start()]
    if cited := _CITED_IN.search(rest):
        citation.cited_in = rest[cited.end():].strip(" .")
        rest = rest[:cited.start()]
    return rest


def _read_credits(citation: Citation, credits: str) -> None:
    position = 0
    for match in _CREDIT.finditer(credits):
        if credits[position:match.start()].strip() not in ("", "and"):
            citation.errors.append(f"credits not read: {credits[position:match.start()].strip()!r}")
        names = [n.strip() for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match["names"]) if n.strip()]
        verb = match["verb"].lower()
        if "obtained" in verb:
            citation.obtained_by += names
            citation.obtained_for = match["for"]
        if "translated" in verb:
            citation.translated_by += names
            citation.translated_for = match["for"]
        position = match.end()
    if credits[position:].strip():
        citation.errors.append(f"credits not read: {credits[position:].strip()!r}")


def _take_holding(citation: Citation, rest: str) -> None:
    holding = parse_holding(rest)
    citation.archive, citation.reference, citation.collection = holding.archive, holding.reference, holding.collection
    citation.errors += holding.errors
    if holding.head and citation.title is None:
        citation.title = holding.head
        citation.errors.append("title not in quotes: took the words before the archive")
    elif holding.head:
        citation.errors.append(f"not read: {holding.head!r}")


def guess_kind(title: str) -> str | None:
    """The kind of document (a concept of kind: in ontology/vocabularies.ttl) a title names, if any."""
    return next((kind for kind, pattern in _KINDS if re.search(pattern, title, re.IGNORECASE)), None)


def _check(citation: Citation) -> None:
    problems = []
    if not citation.importable:
        problems.append("nothing to import: no archive, archival reference or Wilson Center document id")
    if citation.date is None:
        problems.append("no date")
    if citation.title is None:
        problems.append("no title")
    if citation.kind is None:
        problems.append("kind unknown: " + ("the title names no kind of document" if citation.title
                                            else "no title to tell it from"))
    if citation.importable and not citation.archive and not citation.collection:
        problems.append("no archive named")
    citation.errors = problems[:1] + citation.errors + problems[1:] if not citation.importable \
        else citation.errors + problems


# --- holdings: archive and reference --------------------------------------------------------------
