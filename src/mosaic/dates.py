"""Uncertain dates: from an EDTF value to the earliest and latest calendar days it can mean.

The bounds let SPARQL filter by range and still catch "fall 1955" or "[1995..2001]". They are the
EDTF value's strict bounds (the ``edtf`` package's fuzzy bounds are far wider than a historian
means). Open ends ("1956-23/..") have no bound on that side.
"""

from __future__ import annotations

from datetime import date

from edtf import parse_edtf, struct_time_to_date

from mosaic.errors import DateError

__all__ = ["bounds"]

_OPEN = {"", ".."}


def bounds(value: str) -> tuple[date | None, date | None]:
    """``(earliest, latest)`` of an EDTF value; None for an open end. Raises DateError if unreadable."""
    value = value.strip()
    if "/" in value and not value.startswith(("[", "{")):
        start, _, end = value.partition("/")
        return _side(start, value)[0], _side(end, value)[1]
    return _parse(value, value)


def _side(part: str, whole: str) -> tuple[date | None, date | None]:
    return (None, None) if part in _OPEN else _parse(part, whole)


def _parse(part: str, whole: str) -> tuple[date, date]:
    try:
        parsed = parse_edtf(part)
        return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())
    except Exception as error:  # the edtf package raises several unrelated types on bad input
        raise DateError(f"{whole!r} is not a date in EDTF ({error})") from error
