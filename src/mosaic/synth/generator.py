"""The generator's plan: the cast first, then persons, then conditions, then records and events until the budget.

One ``random.Random(seed)`` feeds every maker in turn, so the output depends on the number of
triples and the seed alone. Units (the claims about one thing) are counted against the budget as
they are yielded, so the stream never holds more than one unit and stops within one record of it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pyoxigraph as ox

from mosaic.synth.cast import Cast, fixed_cast
from mosaic.synth.claims import Claims
from mosaic.synth.events import Events
from mosaic.synth.persons import Persons
from mosaic.synth.records import Records
from mosaic.synth.tables import STATES

__all__ = ["synthesize", "MIN_TRIPLES"]

MIN_TRIPLES = 2_000  # below this the fixed cast (states, missions, archives, factions) is most of the graph

_PERSON_SHARE = 0.22  # of what the cast leaves: persons, their name forms, posts and memberships
_EVENT_SHARE = 0.06  # of the records-and-events stream


def synthesize(triples: int, seed: int = 1) -> Iterator[ox.Quad]:
    """About ``triples`` quads of a synthetic Mosaic graph, the same for the same arguments.

    The stream stops before the first record that would pass ``triples``, so it holds between
    ``triples`` minus one record's worth (some 60 quads) and ``triples``. Claim descriptions are in
    ``GRAPH``; date bounds are not included (see :func:`with_bounds`).

    >>> quads = list(synthesize(3_000, seed=7))
    >>> 2_900 <= len(quads) <= 3_000
    True
    >>> quads == list(synthesize(3_000, seed=7))
    True
    """
    if triples < MIN_TRIPLES:
        raise ValueError(f"ask for at least {MIN_TRIPLES} triples (got {triples})")
    return _Synthesizer(triples, seed).quads()


class _Synthesizer:
    """Builds the graph unit by unit (a unit: the claims about one thing), counting quads against the budget."""

    def __init__(self, triples: int, seed: int) -> None:
        self.budget = triples
        self.count = 0
        self.rng = random.Random(seed)
        self.cast = Cast()
        self.claims = Claims(self.rng, sources=3 + triples // 250_000)
        self.persons = Persons(self.claims, self.cast)
        self.records = Records(self.claims, self.cast)
        self.events = Events(self.claims, self.cast, self.records)

    def quads(self) -> Iterator[ox.Quad]:
        for unit in fixed_cast(self.claims, self.cast):
            yield from self._take(unit)
        people_end = self.count + int(_PERSON_SHARE * (self.budget - self.count))
        while self.count < people_end or not self.cast.koreans:
            yield from self._take(self.persons.person())
        for _ in range(len(STATES) * 3 + self.budget // 200_000):
            yield from self._take(self.events.condition())
        while True:
            unit = self.events.event() if self.rng.random() < _EVENT_SHARE else self.records.record()
            if self.count + len(unit) > self.budget:
                return
            yield from self._take(unit)

    def _take(self, unit: list[ox.Quad]) -> list[ox.Quad]:
        self.count += len(unit)
        return unit
