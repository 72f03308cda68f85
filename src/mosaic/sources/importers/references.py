"""Archives and archival references, as citations and spreadsheet cells write them.

Both importers name where an original is kept ("RGANI, Fond 5, Opis 28, Delo 410, Listy 301–303";
"MOL, XIX-J-1-k Korea, 9. doboz, 18/g"). Reading that is one job with its own tables (the archives
the texts name, their seats, the labels of reference parts), so it lives apart from the reading of
whole citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["ARCHIVES", "SEATS", "Archive", "Reference", "Holding", "parse_holding"]

# Archives the texts name, by abbreviation, with the full name only where the article gives one
# (the line of ../shared/seeds/001_… that gives it); None where it gives only the abbreviation.
ARCHIVES: dict[str, str | None] = {
    "RGANI": "Russian State Archive of Contemporary History",  # line 25
    "RGASPI": "Russian State Archive of Contemporary Political History",  # line 141
    "AVPRF": "Archive of the Foreign Relations of the Russian Federation",  # line 141
    "TsAMO": "Central Archive of the Ministry of Defense",  # line 141
    "NARA II": "US National Archives and Records Administration",  # line 144
    "AMAE": "Archive of the Romanian Ministry of Foreign Affairs",  # line 150
    "GARF": "State Archive of the Russian Federation",  # line 201
    "APRF": "Archive of the President of the Russian Federation",  # line 219
    "MOL": None, "KA": None, "SAPMO-BA": None, "AQPPSH": None,
}
# Cities a citation may name right after an archive ("SAPMO-BA, Berlin"): the archive's seat, not a part.
SEATS = {"Berlin", "Moscow", "Budapest", "Warsaw", "Bucharest", "Prague", "Sofia", "Tirana", "Ulaanbaatar",
         "Beijing", "Pyongyang", "Seoul", "Washington", "College Park"}


@dataclass(frozen=True)
class Archive:
    """A holding archive as the citation writes it, with its abbreviation and full name where known."""

    as_written: str
    acronym: str | None = None
    full_name: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {"as_written": self.as_written, "acronym": self.acronym, "full_name": self.full_name}


@dataclass(frozen=True)
class Reference:
    """An archival reference as written (``raw``, from the archive on) and its parts by ontology name."""

    raw: str
    parts: dict[str, str | list[str]]

    def as_json(self) -> dict[str, str | list[str]]:
        return {"raw": self.raw, **self.parts}


@dataclass
class Holding:
    """Where a citation says the original is: an archive and reference, or a private collection."""

    archive: Archive | None = None
    reference: Reference | None = None
    collection: str | None = None
    head: str = ""  # words before the archive (an unquoted title)
    errors: list[str] = field(default_factory=list)


_ARCHIVE_NAME = r"(?:[A-Z][\w’'.-]*|of|the|and|for|in)(?:\s+(?:[A-Z][\w’'.-]*|of|the|and|for|in))*"
_KNOWN = "|".join(re.escape(a) for a in sorted(ARCHIVES, key=len, reverse=True))
_LABELS: list[tuple[str, str]] = [  # part of a reference, and how citations label it (longest first)
    ("fond", r"Fond|fond|F\.|f\."),
    ("opis", r"Opis|opis|Op\.|op\.|dans"),
    ("delo", r"Delo|delo|Dela|dela|D\.|d\.|kh/n"),
    ("papka", r"Papka|papka|p\."),
    ("listy", r"Listy|listy|List|list|ll\.|l\.|L\.|pp\.|khuu"),
    ("recordGroup", r"Record Group|RG"),
    ("year", r"Year:?|V\."),
    ("issues", r"Issues:?|Issue:?"),
    ("country", r"Country:"),
]
_PLURAL = {"dela", "Dela", "Listy", "listy", "ll.", "pp."}  # these labels take lists: "dela 717, 718, and 721"
_UNLABELLED: list[tuple[str, str]] = [
    ("box", r"(?P<value>\d+)\.\s*doboz"),
    ("folder", r"\d+/[A-Za-z]"),
    ("registryNumber", r"\d+/\s?(?:\d+/)?\d{4}"),
    ("dossier", r"D\.?\s?\d+"),
    ("signature", r".*/.*"),
]


def parse_holding(text: str) -> Holding:
    """The archive and the archival reference in ``text`` ("RGANI, Fond 5, Opis 28, Delo 410, …").

    Examples
    --------
    >>> holding = parse_holding("MOL, XIX-J-1-k Korea, 9. doboz, 18/g, 00303/1954")
    >>> holding.archive.acronym, holding.reference.parts
    ('MOL', {'series': 'XIX-J-1-k Korea', 'box': '9', 'folder': '18/g', 'registryNumber': '00303/1954'})
    """
    text = text.strip(" .,;")
    if not text:
        return Holding()
    if private := re.fullmatch(r"(?:from\s+)?(?:the\s+)?((?:personal|private)\s+(?:collection|papers)\s+of\s+.+)",
                               text, re.IGNORECASE):
        return Holding(collection=private[1], errors=[f"no archive: {private[1]!r} is a private collection"])
    parts = [p for p in re.split(r"\s*[;,]\s*", text) if p]
    for index, part in enumerate(parts):
        archive, leftover = _archive(part, first=index == 0)
        if archive:
            return _after_archive(text, parts, index, archive, leftover)
    reference = _reference(text, parts)
    if reference is None:
        return Holding(errors=[f"no archive or archival reference in {text!r}"])
    return Holding(reference=reference, errors=_reference_errors(reference))


def _after_archive(text: str, parts: list[str], index: int, archive: Archive, leftover: str | None) -> Holding:
    rest = ([leftover] if leftover else []) + parts[index + 1:]
    if rest and rest[0] in SEATS:
        archive = Archive(f"{archive.as_written}, {rest[0]}", archive.acronym, archive.full_name)
        rest = rest[1:]
    head = ", ".join(parts[:index])
    raw = text[text.find(parts[index], len(head)):]
    reference = _reference(raw, rest, needs_label=False) if rest else None
    return Holding(archive, reference, head=head, errors=_reference_errors(reference) if reference else [])


def _archive(part: str, first: bool) -> tuple[Archive | None, str | None]:
    """The archive ``part`` names, and what follows it in the same part ("RGANI Fond 5")."""
    named = re.fullmatch(rf"(?P<name>{_ARCHIVE_NAME})\s*\((?P<acronym>[^()]+)\)", part)
    if named and ("Archiv" in named["name"] or named["acronym"] in ARCHIVES):
        return Archive(part, named["acronym"], named["name"]), None
    if known := re.fullmatch(rf"(?P<acronym>{_KNOWN})(?:\s+(?P<rest>.+))?", part):
        return Archive(known["acronym"], known["acronym"], ARCHIVES[known["acronym"]]), known["rest"]
    if re.fullmatch(_ARCHIVE_NAME, part) and re.search(r"\bArchiv", part):
        return Archive(part, None, part), None
    if first and re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z-]*", part):
        return Archive(part, part, None), None
    return None, None


def _reference(raw: str, parts: list[str], needs_label: bool = True) -> Reference | None:
    """The parts of a reference; None when ``needs_label`` and no part carries a label (not a reference).

    Unlabelled parts before the first recognised one are the series ("XIX-J-1-k Korea", "DY 30");
    a label with no value takes the next part ("Listy, pp.108–110"); a plural label takes the
    numbers after it ("dela 717, 718, and 721"); what is left is kept as written (otherPart).
    """
    found: dict[str, str | list[str]] = {}
    other: list[str] = []
    papka_unsure = any(re.match(r"pa\.", p) for p in parts)
    labelled, leading = False, True
    pending: tuple[str, str] | None = None
    plural: str | None = None
    for part in parts:
        if plural and re.fullmatch(r"(?:and\s+)?\d+\w*", part):
            found[plural] = f"{found[plural]}, {part}"
            continue
        key, value, label = _part(part, papka_unsure)
        if pending and (key == pending[0] or key is None and re.fullmatch(r"\d[\w–-]*", part)):
            key, label, pending = pending[0], pending[1], None
        elif pending:
            other.append(pending[1])
            pending = None
        if key and label and not value:
            pending, labelled = (key, label), True
            continue
        labelled |= label is not None or key == "box"
        plural = key if label in _PLURAL else None
        if key is None and leading:
            found["series"] = f"{found['series']}, {part}" if "series" in found else part
            continue
        leading = False
        if key is None or key in found:
            other.append(part)
        else:
            found[key] = value
    if pending:
        other.append(pending[1])
    if needs_label and not labelled:
        return None
    if other:
        found["otherPart"] = other
    return Reference(raw, found)


def _part(part: str, papka_unsure: bool) -> tuple[str | None, str, str | None]:
    """(part name, value, label) of one part; (None, part, None) when it is not recognised."""
    for key, labels in _LABELS:
        if key == "papka" and papka_unsure:
            continue
        match = re.fullmatch(rf"(?P<label>{labels})(?:\s+|(?<=\.)(?=\d)|$)(?P<value>.*)", part)
        if match and (key == "country" or re.match(r"\d|$", match["value"])):
            return key, match["value"].strip(), match["label"]
    for key, pattern in _UNLABELLED:
        if match := re.fullmatch(pattern, part):
            return key, match.groupdict().get("value") or part, None
    return None, part, None


def _reference_errors(reference: Reference) -> list[str]:
    errors = []
    if other := reference.parts.get("otherPart"):
        errors.append("reference parts not understood, kept as written: " + ", ".join(repr(p) for p in other))
        if any(re.match(r"pa\.", p) for p in other) and any(re.match(r"p\.", p) for p in other):
            errors.append("'p.' and 'pa.' could each be the papka: neither taken as one")
    return errors
