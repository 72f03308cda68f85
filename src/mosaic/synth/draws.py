"""How the generator draws from its tables: populations with fixed weights, and picks skewed to the prominent."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

from mosaic.synth.tables import DIPLOMAT_ROLES, RECORD_KINDS, STATES, State

__all__ = ["Weighted", "pick", "STATE_DRAW", "ROLE_DRAW", "KIND_DRAW", "YEAR_DRAW"]

T = TypeVar("T")


class Weighted(Generic[T]):
    """A population to draw from with fixed weights (cumulative weights computed once)."""

    def __init__(self, pairs: Sequence[tuple[T, int]]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))

    def draw(self, rng: random.Random) -> T:
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


def pick(rng: random.Random, items: Sequence[T], skew: float = 1.0) -> T:
    """One item; with ``skew`` > 1 the first items (the prominent) are drawn far more often."""
    return items[int(len(items) * rng.random() ** skew)]


STATE_DRAW: Weighted[State] = Weighted([(state, state.weight) for state in STATES])
ROLE_DRAW: Weighted[str] = Weighted(DIPLOMAT_ROLES)
KIND_DRAW: Weighted[str] = Weighted(RECORD_KINDS)
# records cluster in the 1950s, as the opened archives do
YEAR_DRAW: Weighted[int] = Weighted([(year, 3 if 1953 <= year <= 1962 else 1) for year in range(1949, 1971)])
