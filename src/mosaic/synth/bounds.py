"""The date bounds the loader adds, for a store built from synthetic quads without the loader."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache

import pyoxigraph as ox

from mosaic.graph.dates import bounds
from mosaic.synth.terms import XSD_DATE, M

__all__ = ["with_bounds"]


def with_bounds(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """``quads`` with mosaic:earliest and mosaic:latest after every EDTF value, in the same graph,
    as the loader adds them: for building a store without the loader."""
    edtf, earliest, latest = M["edtf"], M["earliest"], M["latest"]
    for quad in quads:
        yield quad
        if quad.predicate == edtf and isinstance(quad.object, ox.Literal):
            for predicate, day in zip((earliest, latest), _bounds(quad.object.value), strict=True):
                if day is not None:
                    yield ox.Quad(quad.subject, predicate, day, quad.graph_name)


@cache
def _bounds(value: str) -> tuple[ox.Literal | None, ox.Literal | None]:
    earliest, latest = bounds(value)
    return _day(earliest), _day(latest)


def _day(day: date | None) -> ox.Literal | None:
    return None if day is None else ox.Literal(day.isoformat(), datatype=XSD_DATE)
