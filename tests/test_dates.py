"""Uncertain dates get the calendar bounds a historian means, and bad values a clear error."""

from __future__ import annotations

from datetime import date

import pytest

from mosaic.dates import bounds
from mosaic.errors import DateError


@pytest.mark.parametrize(("edtf", "earliest", "latest"), [
    ("1956-07-24", date(1956, 7, 24), date(1956, 7, 24)),
    ("1956-05", date(1956, 5, 1), date(1956, 5, 31)),
    ("1955-23", date(1955, 9, 1), date(1955, 11, 30)),      # fall of 1955
    ("1954-41", date(1954, 7, 1), date(1954, 12, 31)),      # late (second half of) 1954
    ("[1995..2001]", date(1995, 1, 1), date(2001, 12, 31)),
    ("1964/1967", date(1964, 1, 1), date(1967, 12, 31)),
    ("1962-41/1964-23", date(1962, 7, 1), date(1964, 11, 30)),
    ("1956-23/..", date(1956, 9, 1), None),
    ("../1954-08", None, date(1954, 8, 31)),
])
def test_bounds(edtf: str, earliest: date | None, latest: date | None) -> None:
    assert bounds(edtf) == (earliest, latest)


@pytest.mark.parametrize("bad", ["autumn 1955", "1955-13-40", "", "1954-41~"])
def test_unreadable_values_raise_a_date_error_naming_them(bad: str) -> None:
    with pytest.raises(DateError, match="is not a date in EDTF"):
        bounds(bad)
