"""Fuzzing what comes in: random and mutated Turtle (TriG), spreadsheets and citation lists, through
the same steps as `mosaic load` and `mosaic import --load`. Each either goes in whole or is refused
with one of Mosaic's own errors, which say what and where — never another exception — and a
refused one leaves the store exactly as it was."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, ONTOLOGY, SHAPES, TEST_DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mosaic.errors import MosaicError
from mosaic.graph.load import add, load
from mosaic.graph.store import EmbeddedStore, Store
from mosaic.sources.importers import citations, records, spreadsheet
from mosaic.sources.names import Resolver

EXAMPLES = 150
TEMPLATES = Path(__file__).resolve().parents[1] / "examples" / "templates"
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
PIECES = ["", " ", "\n", ",", '"', ";", ".", "@prefix", "<", ">", "{", "}", "_:b", "^^xsd:date", "@en", "\\u00",
          "\x00", "\ufeff", "ß", "𝔘", "1956", "mosaic:edtf", "a", "person:", "GRAPH", "“", "”", "Fond 5,"]


def mutated(original: str) -> st.SearchStrategy[str]:
    """The text with a few slices deleted, replaced or inserted, or random text altogether."""
    @st.composite
    def mutate(draw: st.DrawFn) -> str:
        if draw(st.integers(0, 9)) == 0:
            return draw(st.text(max_size=500))
        text = original
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, len(text)))
            cut = draw(st.integers(0, 40))
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at + cut:]
        return text

    return mutate()


def fingerprint(store: Store) -> str:
    return hashlib.sha256("\n".join(sorted(map(str, store.quads()))).encode("utf-8")).hexdigest()


def refused_or_taken(store: Store, change: Callable[[], object]) -> None:
    """Run ``change``: a Mosaic error must leave the store as it was; any other exception fails."""
    before = fingerprint(store)
    try:
        change()
    except MosaicError as error:
        assert str(error).strip()
        assert fingerprint(store) == before


@pytest.fixture(scope="module")
def curated() -> tuple[EmbeddedStore, Resolver]:
    """The curated graph, in memory so that each example's draft is quick to make."""
    store = EmbeddedStore(None)
    load(store, DATA, ONTOLOGY, SHAPES)
    return store, Resolver.from_store(store)


def _link(resolver: Resolver) -> Callable[[str], str | None]:
    def link(name: str) -> str | None:
        best = resolver.resolve(name, limit=1)
        return best[0].iri if best and best[0].score >= 0.9 else None

    return link


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("fuzz") / "small")
    load(store, TEST_DATA / "good", ONTOLOGY, SHAPES)
    return store


@FUZZ
@given(text=mutated((TEST_DATA / "good" / "base.trig").read_text(encoding="utf-8")))
def test_mutated_trig_loads_whole_or_not_at_all(small: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory,
                                                text: str) -> None:
    folder = tmp_path_factory.mktemp("data")
    (folder / "base.trig").write_text(text, encoding="utf-8", errors="surrogatepass")
    refused_or_taken(small, lambda: load(small, folder, ONTOLOGY, SHAPES))


@FUZZ
@given(kind=st.sampled_from(["person", "document", "event", "membership"]), data=st.data())
def test_mutated_spreadsheets_import_whole_or_not_at_all(curated: tuple[EmbeddedStore, Resolver],
                                                         tmp_path_factory: pytest.TempPathFactory, kind: str,
                                                         data: st.DataObject) -> None:
    store, resolver = curated
    text = data.draw(mutated((TEMPLATES / f"{kind}.csv").read_text(encoding="utf-8")))
    path = tmp_path_factory.mktemp("csv") / f"{kind}.csv"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")

    def take() -> None:
        rows, problems = spreadsheet.read(path, kind)
        assert all(str(problem).strip() for problem in problems)
        graphs, _ = spreadsheet.to_graphs(rows, kind, "fuzz", store, _link(resolver), skip_bad=True, reserved=set())
        add(store, graphs, SHAPES)

    refused_or_taken(store, take)


@FUZZ
@given(text=mutated((TEST_DATA / "import" / "citations-wrapped.txt").read_text(encoding="utf-8")))
def test_mutated_citations_import_whole_or_not_at_all(curated: tuple[EmbeddedStore, Resolver], text: str) -> None:
    store, resolver = curated

    def take() -> None:
        found = [(line, citations.parse(part)) for line, part in citations.split(text)]
        graphs, _ = records.to_graphs(found, "fuzz-citations", store, _link(resolver), reserved=set())
        add(store, graphs, SHAPES)

    refused_or_taken(store, take)
