"""How much each diplomatic mission reported, year by year, and when it fell silent.

A gap in the records is not evidence that nothing happened: the mission may have been cut off, its
reports lost or not yet translated. The coverage table counts, per mission and year, the records
its own people wrote, so a reader sees where the graph is thin before arguing from its silence.

A record counts for a mission when the mission is its author, or when its author held a post in
the mission. The post's dates are not used: they say when a source attests the post, not how long
it was held, so checking them would hide records and invent silences. A record counts in every
year its date bounds may fall in, taking the widest bounds when sources date it differently; a
record with one open end counts in the year of the end it has; an undated record counts apart.

Built by SPARQL, so the table comes out the same from the store and from any endpoint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from itertools import pairwise

import pandas as pd

from mosaic.graph.store import Rows, Selects

__all__ = ["as_json", "coverage", "silences", "year_columns"]

_MISSION_CLASSES = "VALUES ?class { mosaic:Embassy mosaic:Legation mosaic:DiplomaticMission }"
_MISSIONS = f"""
    SELECT ?mission ?label ?state WHERE {{
        ?mission a ?class . {_MISSION_CLASSES}
        OPTIONAL {{ ?mission skos:prefLabel ?label FILTER (LANGMATCHES(LANG(?label), "en") || LANG(?label) = "") }}
        OPTIONAL {{ ?mission mosaic:sendingState/skos:prefLabel ?state
                   FILTER (LANGMATCHES(LANG(?state), "en") || LANG(?state) = "") }}
    }}"""
# Each way a record comes from a mission is a whole join of its own: with the record and mission
# patterns outside the UNION, the engine took 108 s over a million triples in memory (2.6 s on disk)
# for what the two branches find in 0.1 s each.
_RECORDS = f"""
    SELECT DISTINCT ?mission ?record ?earliest ?latest WHERE {{
        {{ ?record a rico:Record ; rico:hasAuthor ?mission . ?mission a ?class . {_MISSION_CLASSES} }}
        UNION {{ ?record a rico:Record ; rico:hasAuthor ?author . ?post org:member ?author ; org:organization ?mission .
                ?mission a ?class . {_MISSION_CLASSES} }}
        OPTIONAL {{ ?record mosaic:date ?d . OPTIONAL {{ ?d mosaic:earliest ?earliest }}
                   OPTIONAL {{ ?d mosaic:latest ?latest }} }}
    }}"""

Years = tuple[int, int] | None  # the first and last year a record may fall in; None when undated


def coverage(store: Selects, start_year: int | None = None, end_year: int | None = None) -> pd.DataFrame:
    """Records per mission per year, one row per mission (those with no records too, since their
    silence is worth seeing), with the columns ``label``, ``state``, one per year and ``undated``.

    The years run from the first to the last year any mission reports, unless ``start_year`` or
    ``end_year`` narrow or widen them; records outside the years are not counted in them.

    Examples
    --------
    >>> from mosaic.graph.store import Rows
    >>> class Two:
    ...     def select(self, query: str) -> Rows:
    ...         if "DISTINCT" not in query:
    ...             return Rows(["mission", "label"], [{"mission": "urn:m", "label": "M"}])
    ...         return Rows(["mission", "record", "earliest", "latest"], [
    ...             {"mission": "urn:m", "record": "urn:a", "earliest": "1953-12-01", "latest": "1954-01-31"},
    ...             {"mission": "urn:m", "record": "urn:b", "earliest": "1956-05-07", "latest": "1956-05-07"}])
    >>> coverage(Two()).loc["urn:m", [1953, 1954, 1955, 1956]].tolist()
    [1, 1, 0, 1]
    """
    if start_year is not None and end_year is not None and start_year > end_year:
        raise ValueError(f"the span {start_year}–{end_year} ends before it begins")
    spans = _record_years(store.select(_RECORDS))
    years = _years(spans, start_year, end_year)
    return _table(_missions(store.select(_MISSIONS)), _count(spans, years), years)


def _missions(rows: Rows) -> dict[str, tuple[str, str]]:
    """Label and sending state of every mission; the first in order when there are several, so it is stable."""
    found: dict[str, tuple[str, str]] = {}
    for row in rows:
        mission = str(row["mission"])
        label, state = found.get(mission, ("", ""))
        found[mission] = (_first(label, row.get("label")), _first(state, row.get("state")))
    return {m: (label or m.rsplit("/", 1)[-1], state) for m, (label, state) in found.items()}


def _first(kept: str, offered: object) -> str:
    if offered is None:
        return kept
    return min(kept, str(offered)) if kept else str(offered)


def _record_years(rows: Rows) -> dict[str, dict[str, Years]]:
    """Per mission, per record: the years its widest date bounds span."""
    bounds: dict[tuple[str, str], tuple[date | None, date | None]] = {}
    for row in rows:
        key = (str(row["mission"]), str(row["record"]))
        earliest, latest = bounds.get(key, (None, None))
        bounds[key] = (_widest(earliest, row.get("earliest"), min), _widest(latest, row.get("latest"), max))
    spans: dict[str, dict[str, Years]] = defaultdict(dict)
    for (mission, record), (earliest, latest) in bounds.items():
        first, last = earliest or latest, latest or earliest
        spans[mission][record] = (first.year, last.year) if first and last else None
    return spans


def _widest(kept: date | None, offered: object, pick: Callable[[date, date], date]) -> date | None:
    if offered is None:
        return kept
    day = date.fromisoformat(str(offered))
    return pick(kept, day) if kept else day


def _years(spans: dict[str, dict[str, Years]], start_year: int | None, end_year: int | None) -> range:
    """The table's years: the given span, an open end filled by the first or last year any mission reports."""
    dated = [span for records in spans.values() for span in records.values() if span]
    first = start_year if start_year is not None else min((s[0] for s in dated), default=end_year)
    last = end_year if end_year is not None else max((s[1] for s in dated), default=first)
    return range(0) if first is None or last is None else range(first, last + 1)


def _count(spans: dict[str, dict[str, Years]], years: range) -> dict[str, dict[int | str, int]]:
    counts: dict[str, dict[int | str, int]] = defaultdict(lambda: defaultdict(int))
    for mission, records in spans.items():
        for span in records.values():
            if span is None:
                counts[mission]["undated"] += 1
            for year in range(span[0], span[1] + 1) if span else ():
                if year in years:
                    counts[mission][year] += 1
    return counts


def _table(missions: dict[str, tuple[str, str]], counts: dict[str, dict[int | str, int]],
           years: range) -> pd.DataFrame:
    columns: list[int | str] = [*years, "undated"]
    rows = {m: {"label": label, "state": state, **{c: counts.get(m, {}).get(c, 0) for c in columns}}
            for m, (label, state) in missions.items()}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["label", "state", *columns])
    table = table.astype({c: "int64" for c in columns}).sort_values(["state", "label"], kind="stable")
    table.index.name = "mission"
    return table


def year_columns(table: pd.DataFrame) -> list[int]:
    """The year columns of a coverage table, in order."""
    return [c for c in table.columns if isinstance(c, int)]


def silences(table: pd.DataFrame) -> pd.DataFrame:
    """Each run of years with no record from a mission between the first and last year it reports:
    the periods a reader must not argue from. Columns ``mission``, ``label``, ``from_year``,
    ``to_year`` and ``years`` (how many years the silence lasts).

    Examples
    --------
    >>> table = pd.DataFrame({"label": ["M"], "state": ["S"], 1953: [2], 1954: [0], 1955: [0], 1956: [1]},
    ...                      index=pd.Index(["urn:m"], name="mission"))
    >>> silences(table).to_dict("records")
    [{'mission': 'urn:m', 'label': 'M', 'from_year': 1954, 'to_year': 1955, 'years': 2}]
    """
    runs = [(mission, row["label"], *run) for mission, row in table.iterrows()
            for run in _silent_runs([y for y in year_columns(table) if row[y] > 0])]
    frame = pd.DataFrame(runs, columns=["mission", "label", "from_year", "to_year"])
    frame["years"] = frame["to_year"] - frame["from_year"] + 1
    return frame.astype({"from_year": "int64", "to_year": "int64", "years": "int64"})


def _silent_runs(reporting: list[int]) -> list[tuple[int, int]]:
    """The gaps between consecutive reporting years, as (first silent year, last silent year)."""
    return [(before + 1, after - 1) for before, after in pairwise(reporting) if after - before > 1]


def as_json(table: pd.DataFrame) -> dict[str, object]:
    """The table and its silences as plain JSON data, the same for the command line and the server."""
    years = year_columns(table)
    missions = [{"mission": str(mission), "label": row["label"], "state": row["state"],
                 "counts": {str(y): int(row[y]) for y in years}, "undated": int(row["undated"])}
                for mission, row in table.iterrows()]
    return {"years": years, "missions": missions, "silences": silences(table).to_dict("records")}
