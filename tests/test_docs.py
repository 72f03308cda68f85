"""The documentation is true: its queries run, and every command and setting is in it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from conftest import ROOT

from mosaic.cli import cli
from mosaic.graph.store import Store
from mosaic.settings import SETTINGS

README = (ROOT / "README.md").read_text(encoding="utf-8")
QUERIES = re.findall(r"```sparql\n(.*?)```", README, re.DOTALL)


def test_the_readme_has_example_queries() -> None:
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("query", QUERIES, ids=[f"query{i}" for i in range(len(QUERIES))])
def test_every_readme_query_answers(loaded_store: Store, query: str) -> None:
    assert len(loaded_store.select(query)) >= 1


def test_every_command_is_documented() -> None:
    for name in cli.list_commands(click.Context(cli)):
        assert f"`mosaic {name}`" in README, name


def test_every_setting_is_documented() -> None:
    for setting in SETTINGS.values():
        assert f"`{setting.env}`" in README, setting.env


PYTHON = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def test_the_readme_python_examples_run(live_server: str, store_path: Path) -> None:
    assert len(PYTHON) >= 2
    printed: list[object] = []
    for example in PYTHON:
        namespace: dict[str, object] = {"print": printed.append}
        code = example.replace("http://127.0.0.1:8090", live_server).replace('".mosaic/store"', repr(str(store_path)))
        exec(code, namespace)  # noqa: S102 - our own README
        if "table" in namespace:
            assert len(namespace["table"]) > 2 and "pagerank" in namespace["table"].columns  # type: ignore[attr-defined]
    assert "Kim Ir Sen" in printed


def test_the_quick_start_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pytest" in README and ".venv/bin/pytest" in ci
    assert "pip install -e '.[test]'" in README and "pip install --quiet -e '.[test]'" in ci


# --- dated examples sort by their bounds, not by the date as written ---------------------------------

WEB_EXAMPLES = {path.name: path.read_text(encoding="utf-8")
                for path in sorted((ROOT / "src" / "mosaic" / "web" / "examples").glob("*.rq"))}
SCRIPT_QUERIES = {f"{path.name}:{i}": query for path in sorted((ROOT / "examples").glob("*.py"))
                  for i, query in enumerate(re.findall(r'QUERY = """(.*?)"""', path.read_text(encoding="utf-8"),
                                                       re.DOTALL))}
EVERY_EXAMPLE = {**{f"README:{i}": q for i, q in enumerate(QUERIES)}, **WEB_EXAMPLES, **SCRIPT_QUERIES}


def _written_variables(query: str) -> set[str]:
    """The variables a query binds to a date as written (``mosaic:asWritten ?date``)."""
    return set(re.findall(r"mosaic:asWritten\s+(\?\w+)", query))


def _shows_a_date(query: str) -> bool:
    select = query[query.index("SELECT"):query.index("WHERE")]
    return any(re.search(re.escape(v) + r"\b", select) for v in _written_variables(query))


DATED = {name: query for name, query in EVERY_EXAMPLE.items() if _shows_a_date(query)}


def test_the_dated_examples_are_found() -> None:
    assert {"README:0", "README:1", "01-rgani-fond-5-opis-28-delo-410.rq", "02-records-july-1953-to-1954.rq",
            "04-memoranda-1956-soviet-korean-or-china-returned.rq", "06-reporting-conditions-by-mission.rq"} <= set(DATED)


def _bound(row: dict[str, object], name: str) -> tuple[bool, str]:
    """A bound as SPARQL orders it: unbound first."""
    return (name in row, str(row.get(name, "")))


@pytest.mark.parametrize("name", sorted(DATED))
def test_every_example_that_shows_a_date_sorts_by_its_bounds(loaded_store: Store, name: str) -> None:
    """As text, "July 1956" sorts before "June 8, 1956": every example that shows a date orders its rows by
    mosaic:earliest, then mosaic:latest, never by the date as written, and shows the bounds it sorts by."""
    query = DATED[name]
    order = re.search(r"ORDER BY ([^\n}]+)", query)
    assert order, f"{name} shows a date but has no ORDER BY"
    keys = order.group(1).split()
    assert not set(keys) & _written_variables(query), f"{name} sorts by a date as written: {keys}"
    assert "?earliest ?latest" in " ".join(keys), f"{name} must sort by ?earliest, then ?latest: {keys}"
    before = [k.lstrip("?") for k in keys[:keys.index("?earliest")]]
    rows = loaded_store.select(query)
    assert {"earliest", "latest", *before} <= set(rows.columns), name
    for previous, row in zip(rows, rows[1:]):
        if all(previous.get(k) == row.get(k) for k in before):
            assert (_bound(previous, "earliest"), _bound(previous, "latest")) <= \
                   (_bound(row, "earliest"), _bound(row, "latest")), f"{name}: {previous} before {row}"
