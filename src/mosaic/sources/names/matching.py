"""Whether two written names are the same name, with a score and the reason in words.

The decision is the phonetic key's (:mod:`mosaic.sources.names.keys`): two names are the same when some
reading of each has the same key. Different syllables, or a different number of them, make
different names however alike the letters look: Kim Il is not Kim Il Sung, Pak Ch'ang-ok is not Pak
Kŭm-ch'ŏl. The letters only break ties, through the score:

- same key: ``0.9 − 0.05 × cost + 0.1 × likeness``, where cost counts the less likely readings it
  took (ch as h, j as y, given name first …) and likeness is how alike the two spellings are
  (difflib's ratio, 1 for the same letters). So 1.0 for the same spelling, 0.9–1.0 for another
  transliteration, down to :data:`MIN_SCORE` (0.7) for one that took several unusual readings.
- different keys: at most 0.6, for the share of syllables the closest readings have in common.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from anyascii import anyascii

from mosaic.sources.names.keys import Reading, readings, show

__all__ = ["Match", "match", "MIN_SCORE", "likeness", "same_key_score", "shared_reading"]

MIN_SCORE = 0.7  # below this, two names are different, and the resolver returns nothing


@dataclass(frozen=True)
class Match:
    """The verdict on two written names."""

    same: bool
    score: float  # in [0, 1]
    why: str

    def as_json(self) -> dict[str, object]:
        return {"same": self.same, "score": self.score, "why": self.why}


def match(a: str, b: str) -> Match:
    """Whether ``a`` and ``b`` are written forms of the same name.

    >>> match("Kim Il Sung", "Ким Ир Сен").same
    True
    >>> match("Kim Il", "Kim Il Sung").same
    False
    """
    ours, theirs = readings(a), readings(b)
    if not ours or not theirs:
        empty = a if not ours else b
        return Match(False, 0.0, f"{empty!r} has no letters to read as a name")
    shared = shared_reading(ours, theirs)
    if shared is None:
        return _different(ours[0], theirs[0])
    first, second = shared
    score = same_key_score(a, b, first.cost + second.cost)
    notes = "; ".join(dict.fromkeys(first.notes + second.notes))
    why = f"same phonetic key {show(first.key)}" + (f" ({notes})" if notes else "")
    return Match(score >= MIN_SCORE, score, why)


def shared_reading(ours: list[Reading], theirs: list[Reading]) -> tuple[Reading, Reading] | None:
    """The cheapest pair of readings, one of each name, with the same key; None if there is none."""
    by_key = {r.key: r for r in theirs}
    pairs = [(r, by_key[r.key]) for r in ours if r.key in by_key]
    return min(pairs, key=lambda p: p[0].cost + p[1].cost, default=None)


def same_key_score(a: str, b: str, cost: int) -> float:
    """The score of two spellings with the same key, read at ``cost`` (see the module's docstring)."""
    return round(max(0.0, min(1.0, 0.9 - 0.05 * cost + 0.1 * likeness(a, b))), 3)


def likeness(a: str, b: str) -> float:
    """How alike two spellings are letter by letter, in [0, 1], whatever the order of their words."""
    return difflib.SequenceMatcher(None, _letters(a), _letters(b)).ratio()


def _letters(name: str) -> str:
    return " ".join(sorted(anyascii(name).lower().replace("-", " ").split()))


def _different(ours: Reading, theirs: Reading) -> Match:
    common = difflib.SequenceMatcher(None, ours.key, theirs.key).ratio()
    if len(ours.key) != len(theirs.key):
        why = f"different number of syllables: {show(ours.key)} against {show(theirs.key)}"
    else:
        why = f"different syllables: {show(ours.key)} against {show(theirs.key)}"
    return Match(False, round(0.6 * common, 3), why)
