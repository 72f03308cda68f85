"""The coverage view at /coverage, and its data at /coverage.json: records per mission per year and
the years a mission is silent, so a reader sees where the sources are thin before arguing from them.

Both take the span of ``mosaic coverage``: ``from`` and ``to``, as years. The JSON is the same as
``mosaic coverage --format json``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from flask import Response, abort, jsonify, request

from mosaic.analysis.coverage import as_json, coverage
from mosaic.graph.iris import local_path
from mosaic.web.pages.common import render_page
from mosaic.web.state import queries

__all__ = ["coverage_page", "coverage_data"]


def _year(name: str) -> int | None:
    text = request.args.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) != 4:
        abort(400, description=f"The {name!r} year is not a year: {text!r}. Write four digits, such as 1953.")
    return int(text)


def _data() -> dict[str, Any]:
    """The table and its silences for the span asked for; a span that ends before it begins is refused."""
    start, end = _year("from"), _year("to")
    if start is not None and end is not None and start > end:
        abort(400, description=f"The span {start}–{end} ends before it begins: swap 'from' and 'to'.")
    return as_json(coverage(queries(), start, end))


def coverage_data() -> Response:
    """GET /coverage.json?from=&to=: the counts per mission and year, and the silences, as JSON."""
    return jsonify(_data())


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each mission as the page shows it: a link, and per year its count and whether that year is a silence."""
    silent: dict[str, set[int]] = defaultdict(set)
    for gap in data["silences"]:
        silent[gap["mission"]].update(range(gap["from_year"], gap["to_year"] + 1))
    rows = []
    for mission in data["missions"]:
        counts = [mission["counts"][str(year)] for year in data["years"]]
        cells = [(n, "count" if n else "silence" if year in silent[mission["mission"]] else "none")
                 for n, year in zip(counts, data["years"], strict=True)]
        rows.append({**mission, "href": local_path(mission["mission"]) or mission["mission"], "cells": cells,
                     "empty": not any(counts) and not mission["undated"]})
    return rows


def coverage_page() -> Response:
    """GET /coverage: the table of missions by years, the silences, and how to read them."""
    data = _data()
    silences = [{**gap, "href": local_path(gap["mission"]) or gap["mission"]} for gap in data["silences"]]
    span = {name: request.args.get(name, "") for name in ("from", "to")}
    return render_page("coverage.html", years=data["years"], rows=_rows(data), silences=silences,
                       start=span["from"], end=span["to"], json_href="/coverage.json?" + urlencode(span))

