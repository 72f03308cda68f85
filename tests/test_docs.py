"""The documentation is true: its queries run, and every command and setting is in it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from conftest import ROOT

from mosaic.cli import cli
from mosaic.settings import SETTINGS
from mosaic.store import Store

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
