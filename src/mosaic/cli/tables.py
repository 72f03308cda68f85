"""Query rows as a readable text table for the terminal, IRIs shortened to their prefixes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from mosaic.graph.store import Rows
from mosaic.graph.vocab import compact

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["render", "render_frame", "cell"]

MAX_WIDTH = 60


def cell(term: Identifier | None) -> str:
    """How one value reads in a table: IRIs compacted, literals as their text, long values cut."""
    if term is None:
        return ""
    text = compact(str(term)) if isinstance(term, URIRef) else str(term)
    if isinstance(term, Literal) and term.language:
        text += f"@{term.language}"
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


def render(rows: Rows) -> str:
    """An aligned table with a header, a rule, one line per row and a count."""
    columns = rows.columns
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()  # noqa: E731
    body = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(body + [f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def render_frame(frame: pd.DataFrame) -> str:
    """A DataFrame (index included) as the same readable table: IRIs compacted, numbers to 4 digits."""
    table = frame.reset_index()
    columns = [str(c) for c in table.columns]
    rows = Rows(columns, ({c: _value(v) for c, v in zip(columns, values, strict=True)}
                          for values in table.itertuples(index=False)))
    return render(rows)


def _value(value: object) -> URIRef | Literal:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return URIRef(value)
    if isinstance(value, float):
        return Literal(f"{value:.4g}")
    return Literal(str(value))
