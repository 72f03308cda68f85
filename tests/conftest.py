"""Shared fixtures: the project's folders, and a store loaded once from the real curated data."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import pytest
from playwright import sync_api

from mosaic.graph.load import load
from mosaic.graph.store import EmbeddedStore, Store

ROOT = Path(__file__).resolve().parents[1]
DATA, ONTOLOGY, SHAPES = ROOT / "data", ROOT / "ontology", ROOT / "shapes"
TEST_DATA = ROOT / "tests" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def claimed(statements: str, claim: str = "test-update") -> str:
    """An update that makes ``statements`` in a claim of their own, described as the shapes ask (its
    source, locator and evidence): updates are validated like loads, and a statement needs a claim."""
    iri = f"<https://w3id.org/mosaic/id/claim/{claim}>"
    return f"""INSERT DATA {{ GRAPH {iri} {{ {statements} }}
        GRAPH <https://w3id.org/mosaic/graph/updates> {{ {iri} a mosaic:Claim ;
            prov:wasDerivedFrom doc:article-diplomatic-record ; mosaic:locator "a test" ;
            mosaic:evidence evidence:stated }} }}"""


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """An on-disk store built from data/ exactly as `mosaic load` builds it."""
    store = EmbeddedStore(tmp_path_factory.mktemp("store") / "store")
    load(store, DATA, ONTOLOGY, SHAPES)
    return store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding the conforming base graph of tests/data/good."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "base.trig").write_bytes((TEST_DATA / "good" / "base.trig").read_bytes())
    return folder


def wait_for(condition: Callable[[], bool], what: str = "the in-memory copy to be made") -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"waited 30 s for {what}"
        time.sleep(0.01)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(store: Path, log_file: Path | None = None, **environment: str) -> Iterator[str]:
    """`python server.py` on 127.0.0.1 over ``store``; yields its base URL and always stops it.

    Its log goes to ``log_file`` (or a temporary file), not a pipe: a pipe no one reads fills up and
    stops the server, as it did under fifty clients when waitress logged every request it queued."""
    port = free_port()
    env = {**os.environ, **{f"MOSAIC_{k.upper()}": v for k, v in environment.items()}}
    opened = open(log_file, "w+", encoding="utf-8") if log_file else tempfile.TemporaryFile("w+", encoding="utf-8")
    with opened as log:
        command = [sys.executable, str(ROOT / "server.py"), "--port", str(port), "--store", str(store)]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_answering(base, process, lambda: _read(log))
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _read(log: IO[str]) -> str:
    log.seek(0)
    return log.read()


def _wait_until_answering(base: str, process: subprocess.Popen[str], log: Callable[[], str] | None = None) -> None:
    """Wait for ``base`` to answer; if the server exits first, raise with its log (``log()``, or its stderr)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = log() if log else process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"the server exited: {said}")
        try:
            with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not answer within 120 s")


# --- an external SPARQL store: the Oxigraph server ------------------------------------------------


def _oxigraph() -> str:
    """The Oxigraph server installed with the test dependencies (beside this Python)."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the oxigraph server is a test dependency: pip install -e '.[test]'"
    return found


@pytest.fixture(scope="module")
def oxigraph() -> Iterator[str]:
    """An in-memory Oxigraph server on 127.0.0.1 whose default graph is the union of its named graphs."""
    port = free_port()
    process = subprocess.Popen([_oxigraph(), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph",
                                "--timeout-s", "20"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    query_url = f"http://127.0.0.1:{port}/query"
    try:
        _wait_for(query_url + "?query=" + urllib.parse.quote("ASK {}"))
        yield query_url
    finally:
        process.terminate()
        process.wait(timeout=15)


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within 30 s")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store loaded from data/, for servers to serve (read-only: do not update it)."""
    path = tmp_path_factory.mktemp("served") / "store"
    load(EmbeddedStore(path), DATA, ONTOLOGY, SHAPES)
    return path


@pytest.fixture(scope="session")
def live_server(store_path: Path) -> Iterator[str]:
    """The real server, read-only, with a short time limit so runaway queries are cut quickly."""
    with running_server(store_path, query_timeout="5") as base:
        yield base


# --- a real browser: Debian's Chromium driven by Playwright ------------------------------------


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Tab:
    """A browser page and everything its console and network reported."""

    page: sync_api.Page
    problems: list[str] = field(default_factory=list)

    def assert_no_problems(self, *expected: str) -> None:
        """No console errors, page errors or failed requests, except messages containing ``expected``."""
        unexpected = [p for p in self.problems if not any(e in p for e in expected)]
        assert unexpected == []

    def run_query(self, text: str) -> None:
        """Type ``text`` into the editor as a reader would, replacing what is there, and press Run."""
        self.page.click(".CodeMirror")
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)
        self.page.click("#run")


@pytest.fixture(scope="session")
def browser() -> Iterator[sync_api.Browser]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"the browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(browser: sync_api.Browser, live_server: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    origin = urlsplit(live_server).netloc
    context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == origin
                  else route.abort())
    page = context.new_page()
    tab = Tab(page)
    page.on("console", lambda message: tab.problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: tab.problems.append(f"request failed: {request.url}"))
    yield tab
    context.close()
