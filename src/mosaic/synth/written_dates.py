"""Dates as the synthetic sources write them, each with its EDTF value: as uncertain as the curated data's.

A record is dated to the day in most styles the bloc archives use (``March 5, 1957``, ``5.III.1957``),
or only to a month, a season, half a year, a year, "undated [1957]" or "c. 1957"; a report covers a
period; a post or a membership runs from one year to another, open at one end or given in months.
"""

from __future__ import annotations

import calendar
import random

from mosaic.synth.tables import MONTHS, ROMAN, SEASONS

__all__ = ["record_date", "period_date", "membership_period"]

Written = tuple[str, str]  # (as written, EDTF)


def record_date(rng: random.Random, year: int, kind: str) -> Written:
    """When a record of ``kind`` was written in ``year`` (events are dated the same way)."""
    month = rng.randint(1, 12)
    if kind == "political-report" or (kind == "embassy-report" and rng.random() < 0.3):
        return period_date(rng, year, month)
    roll = rng.random()
    if roll < 0.62:
        return _day_date(rng, year, month)
    if roll < 0.78:
        return f"{MONTHS[month]} {year}", f"{year}-{month:02d}"
    if roll < 0.83:
        season, code = rng.choice(SEASONS)
        return f"{season} of {year}", f"{year}-{code}"
    if roll < 0.88:
        return (f"first half of {year}", f"{year}-40") if rng.random() < 0.5 else (f"late {year}", f"{year}-41")
    if roll < 0.94:
        return str(year), str(year)
    if roll < 0.97:
        return f"undated [{year}]", f"{year}?"
    return f"c. {year}", f"{year}~"


def _day_date(rng: random.Random, year: int, month: int) -> Written:
    """A day, written in the American, the Roman-numeral or the European style."""
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    style = rng.random()
    written = f"{MONTHS[month]} {day}, {year}" if style < 0.7 else f"{day}.{ROMAN[month]}.{year}" \
        if style < 0.85 else f"{day} {MONTHS[month]} {year}"
    return written, f"{year}-{month:02d}-{day:02d}"


def period_date(rng: random.Random, year: int, month: int) -> Written:
    """A report on a period: a span of days, a whole year, or the middle of one."""
    roll = rng.random()
    if roll < 0.5:
        last = min(month + rng.randint(0, 2), 12)
        end = calendar.monthrange(year, last)[1]
        return (f"1 {MONTHS[month]} {year} to {end} {MONTHS[last]} {year}",
                f"{year}-{month:02d}-01/{year}-{last:02d}-{end:02d}")
    if roll < 0.8:
        return str(year), str(year)
    return f"mid-{year}", f"{year}-05/{year}-08"


def membership_period(rng: random.Random, start: int, end: int) -> Written:
    """A post or membership from ``start`` to ``end``, as a source gives it (open-ended or in months at times)."""
    roll = rng.random()
    if start == end:
        return f"in {start}", str(start)
    if roll < 0.5:
        return f"from {start} to {end}", f"{start}/{end}"
    if roll < 0.65:
        return f"from {start}", f"{start}/.."
    if roll < 0.8:
        return f"until late {end}", f"../{end}-41"
    first, last = rng.randint(1, 12), rng.randint(1, 12)
    return f"from {MONTHS[first]} {start} to {MONTHS[last]} {end}", f"{start}-{first:02d}/{end}-{last:02d}"
