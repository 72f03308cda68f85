"""Uncertain dates: from an EDTF value to the earliest and latest calendar days it can mean.

The bounds let SPARQL filter by range and still catch "fall 1955" or "[1995..2001]". They are the
EDTF value's strict bounds (the ``edtf`` package's fuzzy bounds are far wider than a historian
means). Open ends ("1956-23/..") have no bound on that side.

``parse_written`` reads a date as a source writes it ("July 24, 1956", "spring of 1954",
"26–27.XI.1957") into EDTF by the conventions of data/README.md. It is strict on purpose: the
``edtf`` package's own text parser drops words it does not know ("Mya 1956" becomes 1956), and an
importer must say so instead.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from functools import cache

from edtf import parse_edtf, struct_time_to_date

from mosaic.errors import DateError

__all__ = ["bounds", "parse_written"]

_OPEN = {"", ".."}


@cache
def bounds(value: str) -> tuple[date | None, date | None]:
    """``(earliest, latest)`` of an EDTF value; None for an open end. Raises DateError if unreadable.

    Cached, and plain forms (a year, month or day, a season or half year) are read directly: the
    edtf package parses with pyparsing at some milliseconds a value, too slow for a large graph.
    """
    value = value.strip()
    if "/" in value and not value.startswith(("[", "{")):
        start, _, end = value.partition("/")
        return _side(start, value)[0], _side(end, value)[1]
    return _parse(value, value)


def _side(part: str, whole: str) -> tuple[date | None, date | None]:
    return (None, None) if part in _OPEN else _parse(part, whole)


def _parse(part: str, whole: str) -> tuple[date, date]:
    return _plain(part) or _edtf(part, whole)


_PLAIN = re.compile(r"(\d{4})(?:[?~]|-(\d{2})(?:-(\d{2}))?)?")
_MONTHS_OF = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12), 40: (1, 6), 41: (7, 12)}  # seasons, halves


def _plain(part: str) -> tuple[date, date] | None:
    """The bounds of a plain form, as the edtf package gives them, or None for anything else."""
    match = _PLAIN.fullmatch(part)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    try:
        if day:
            return date(year, month, day), date(year, month, day)
        first, last = _MONTHS_OF.get(month, (month, month)) if month else (1, 12)
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    except ValueError:  # no such month or day: let the edtf package say why
        return None


def _edtf(part: str, whole: str) -> tuple[date, date]:
    try:
        parsed = parse_edtf(part)
        return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())
    except Exception as error:  # the edtf package raises several unrelated types on bad input
        raise DateError(f"{whole!r} is not a date in EDTF ({error})") from error


# --- dates as written ------------------------------------------------------------------------

_MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")], 1) for name in names}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11,
          "xii": 12}
_SEASONS = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}

_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?P<year>\d{4})"
_DAYS = r"(?P<day>\d{1,2})(?:\s*[–-]\s*(?P<last>\d{1,2}))?"
_EDTF_CHARS = re.compile(r"[0-9X?~%./\[\]-]+")

Span = tuple[str, str]  # the first and the last EDTF value a written date can mean (equal for one value)


def parse_written(text: str) -> str | None:
    """The EDTF value of a date as written, or None when it is undated or not a date Mosaic can read.

    Follows the conventions table of data/README.md, and reads a little more of what the sources write:
    "undated [1955]" (a year supplied by an editor) is ``1955?``; "26–27.XI.1957" (Roman month) is
    ``1957-11-26/1957-11-27``; "c. 1955" is ``1955~``; a value already in EDTF is kept.

    Examples
    --------
    >>> parse_written("July 24, 1956"), parse_written("March, 1949"), parse_written("May 1956")
    ('1956-07-24', '1949-03', '1956-05')
    >>> parse_written("spring of 1954"), parse_written("late 1954"), parse_written("from 1964 to 1967")
    ('1954-21', '1954-41', '1964/1967')
    >>> parse_written("undated [1955]"), parse_written("undated"), parse_written("Mya 1956")
    ('1955?', None, None)
    """
    cleaned = re.sub(r"\s+", " ", text.replace("—", "–")).strip().rstrip(".,;").lower()
    bracketed = re.fullmatch(r"(?:undated\s*)?\[(.+)\]", cleaned)
    if bracketed and not re.fullmatch(r"\d{4}\s*[–-]\s*\d{4}", bracketed.group(1)):
        value = _simple(bracketed.group(1))
        return _checked(value + "?" if value else None)
    return _checked(_interval(cleaned))


def _checked(value: str | None) -> str | None:
    """``value`` if it is EDTF with bounds in order, else None."""
    if value is None:
        return None
    try:
        earliest, latest = bounds(value)
    except DateError:
        return None
    return value if earliest is None or latest is None or earliest <= latest else None


def _interval(text: str) -> str | None:
    """Periods with two ends, one open end, or one of a set; else a single date or span."""
    if match := re.fullmatch(r"\[(\d{4})\s*[–-]\s*(\d{4})\]", text):
        return f"[{match.group(1)}..{match.group(2)}]"
    for pattern in (r"(?:from|between) (.+?) (?:to|and|until|till) (.+)", r"(?:the period )?(.+?) to (.+)",
                    r"(\d{4})\s*[–-]\s*(\d{4})", r"(.+?) and (.+)"):
        if (match := re.fullmatch(pattern, text)) and (first := _span(match.group(1))) and \
                (last := _span(match.group(2))):
            return f"{first[0]}/{last[1]}"
    if match := re.fullmatch(r"(?:from|since|starting in|starting from|beginning in) (.+)", text):
        return f"{start[0]}/.." if (start := _span(match.group(1))) else None
    if match := re.fullmatch(r"(?:until|till|up to)(?: at least)? (.+)", text):
        return f"../{end[1]}" if (end := _span(match.group(1))) else None
    span = _span(text)
    return None if span is None else span[0] if span[0] == span[1] else f"{span[0]}/{span[1]}"


def _span(text: str) -> Span | None:
    """One written date, which may still mean a short span (mid-1954, 26–27.XI.1957)."""
    text = re.sub(r"^(?:in|during|throughout) ", "", text.strip())
    if match := re.fullmatch(r"(?:mid-?\s?|the middle of )" + _YEAR, text):
        return f"{match['year']}-05", f"{match['year']}-08"
    if match := re.fullmatch(r"(?:the )?(?P<part>early|mid-?|late) ?(?P<decade>\d{3})0s", text):
        return _decade_part(match["decade"], match["part"].rstrip("-"))
    if match := re.fullmatch(_DAYS + r"\.(?P<roman>[ivx]+)\." + _YEAR, text):
        return _days(match["year"], _ROMAN.get(match["roman"]), match["day"], match["last"])
    if match := re.fullmatch(_MONTH + r" " + _DAYS + r",? " + _YEAR, text):
        return _days(match["year"], _MONTHS.get(match["month"]), match["day"], match["last"])
    if match := re.fullmatch(r"(?P<day>\d{1,2}) " + _MONTH + r",? " + _YEAR, text):
        return _days(match["year"], _MONTHS.get(match["month"]), match["day"], None)
    value = _simple(text)
    return (value, value) if value else None


# Years of a decade that "early", "mid" and "late" mean (0-9): EDTF has no word for a part of a decade
# (its sub-year groupings, 21-41, divide a year), so a part is an interval of approximate years, which
# keeps the part in the bounds and says with "~" that its ends are not sharp. The parts overlap on
# purpose: "the early 1990s" and "the mid-1990s" may both mean 1993.
_DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}


def _decade_part(decade: str, part: str) -> Span:
    """"the early 1990s" as ``("1990~", "1993~")``: the approximate first and last year of that part."""
    first, last = _DECADE_PARTS[part]
    return f"{decade}{first}~", f"{decade}{last}~"


def _days(year: str, month: int | None, day: str, last: str | None) -> Span | None:
    try:
        first = date(int(year), month or 0, int(day))
        final = date(int(year), month or 0, int(last)) if last else first
    except ValueError:
        return None
    return first.isoformat(), final.isoformat()


def _simple(text: str) -> str | None:
    """A date that is one EDTF value: a year, month, season, half year or decade, maybe approximate."""
    text = text.strip()
    if match := re.fullmatch(r"(?:c\.|ca\.|circa|about|around) ?(.+)", text):
        return value + "~" if (value := _simple(match.group(1))) and value[-1] not in "?~" else None
    if text.endswith("?"):
        return value + "?" if (value := _simple(text[:-1])) and value[-1] not in "?~" else None
    for pattern, build in _SIMPLE:
        if (match := re.fullmatch(pattern, text)) and (value := build(match)):
            return value
    return text.upper() if _EDTF_CHARS.fullmatch(text.upper()) and _is_edtf(text.upper()) else None


def _month(match: re.Match[str]) -> str | None:
    number = _MONTHS.get(match["month"])
    return f"{match['year']}-{number:02d}" if number else None


_SIMPLE: list[tuple[str, Callable[[re.Match[str]], str | None]]] = [
    (r"(?:mid-?\s?)?" + _MONTH + r",? (?:of )?" + _YEAR, _month),
    (_YEAR + r" " + _MONTH, _month),
    (r"(?:the )?(?P<season>spring|summer|fall|autumn|winter),? (?:of )?" + _YEAR,
     lambda m: f"{m['year']}-{_SEASONS[m['season']]}"),
    (r"(?:early|(?:the )?first half of) " + _YEAR, lambda m: f"{m['year']}-40"),
    (r"(?:late|(?:the )?second half of|(?:by )?the end of) " + _YEAR, lambda m: f"{m['year']}-41"),
    (r"(?:the )?(?P<decade>\d{3})0s", lambda m: f"{m['decade']}X"),
    (_YEAR, lambda m: m["year"]),
]


def _is_edtf(value: str) -> bool:
    try:
        bounds(value)
    except DateError:
        return False
    return True
