"""Uncertain dates get the calendar bounds a historian means, and bad values a clear error."""

from __future__ import annotations

from datetime import date

import pytest

from mosaic.dates import bounds, parse_written
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


# --- dates as written -> EDTF (the conventions table of data/README.md) ---------------------------


@pytest.mark.parametrize(("written", "edtf"), [
    ("July 24, 1956", "1956-07-24"),
    ("8 August 1960", "1960-08-08"),
    ("Sept. 13, 1954", "1954-09-13"),
    ("May 1956", "1956-05"),
    ("March, 1949", "1949-03"),
    ("May of 1967", "1967-05"),
    ("1956 August", "1956-08"),
    ("mid-November 1945", "1945-11"),
    ("1966", "1966"),
    ("In 1994", "1994"),
    ("spring of 1954", "1954-21"),
    ("In the fall of 1955", "1955-23"),
    ("autumn 1955", "1955-23"),
    ("winter 1955", "1955-24"),
    ("early 1954", "1954-40"),
    ("the first half of 1954", "1954-40"),
    ("late 1954", "1954-41"),
    ("by the end of 1954", "1954-41"),
    ("mid-1954", "1954-05/1954-08"),
    ("the middle of 1954", "1954-05/1954-08"),
    ("from 1964 to 1967", "1964/1967"),
    ("Between 2009 and 2014", "2009/2014"),
    ("1904–1905", "1904/1905"),
    ("late 1954 and early 1955", "1954-41/1955-40"),
    ("from late 1962 to the fall of 1964", "1962-41/1964-23"),
    ("from the fall of 1956", "1956-23/.."),
    ("From mid-1954", "1954-05/.."),
    ("Since 2017", "2017/.."),
    ("until late 1954", "../1954-41"),
    ("until at least 1956", "../1956"),
    ("[1995-2001]", "[1995..2001]"),
    ("undated [1955]", "1955?"),
    ("26–27.XI.1957", "1957-11-26/1957-11-27"),
    ("May 7–8, 1956", "1956-05-07/1956-05-08"),
    ("the 1960s", "196X"),
    ("the early 1990s", "1990~/1993~"),
    ("the mid-1990s", "1993~/1996~"),
    ("the late 1960s", "1966~/1969~"),
    ("Starting in the early 2000s", "2000~/.."),
    ("c. 1955", "1955~"),
    ("1956-07-24", "1956-07-24"),
    ("1955-23", "1955-23"),
])
def test_dates_as_written_become_edtf(written: str, edtf: str) -> None:
    assert parse_written(written) == edtf
    bounds(edtf)  # and the value is one the loader can bound


@pytest.mark.parametrize("written", ["undated", "Mya 1956", "May", "February 30, 1956", "31.XIII.1957",
                                     "sometime in 1956", "from 1967 to 1964", "", "12"])
def test_what_is_not_a_date_gives_none_rather_than_a_guess(written: str) -> None:
    assert parse_written(written) is None


@pytest.mark.parametrize(("written", "earliest", "latest"), [
    ("the early 1990s", date(1990, 1, 1), date(1993, 12, 31)),
    ("the mid-1990s", date(1993, 1, 1), date(1996, 12, 31)),
    ("the late 1960s", date(1966, 1, 1), date(1969, 12, 31)),
    ("the 1960s", date(1960, 1, 1), date(1969, 12, 31)),
])
def test_early_mid_and_late_stay_in_the_bounds_of_a_decade(written: str, earliest: date, latest: date) -> None:
    """"the late 1960s" is not the whole decade: a record of 1961 must not sort or filter as one of it."""
    edtf = parse_written(written)
    assert edtf is not None and bounds(edtf) == (earliest, latest)
