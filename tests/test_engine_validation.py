"""Engine validation (the shapes compiled to SPARQL) reports exactly what pySHACL reports.

pySHACL, through mosaic.graph.validation.shacl, is the reference. On the curated graph, on every broken fixture of
tests/data/bad (each added to the good base graph, as tests/test_shapes.py does) and on a synthetic
graph damaged at random, both give the same results: severity, focus node, path, shape, component and
message, and also the value and the file and line. ``validate_nodes`` gives pySHACL's results for the
nodes it is given, and nothing about the others.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DATA, ONTOLOGY, SHAPES, TEST_DATA
from rdflib import XSD

from mosaic.errors import LoadError
from mosaic.graph.derived import derive_quads
from mosaic.graph.load import read_dataset
from mosaic.graph.store import EmbeddedStore, Store
from mosaic.graph.store.remote import RemoteStore
from mosaic.graph.validation.engine import UnsupportedShape, validate_nodes, validate_store
from mosaic.graph.validation.shacl import Report, Result, validate
from mosaic.graph.vocab import expand
from mosaic.synth import synthesize, with_bounds

UNREADABLE = {"syntax-error", "bad-edtf"}  # broken before validation: see tests/test_load.py
FIXTURES = sorted(path.stem for path in (TEST_DATA / "bad").glob("*.trig") if path.stem not in UNREADABLE)
BLANK = "a blank node"  # how a result shows a blank focus node, which validate_nodes cannot be given


@dataclass
class Case:
    """A graph, in a store, with what pySHACL says of it."""

    quads: list[ox.Quad]
    files: list[Path]
    store: EmbeddedStore
    expected: Report


def _case(quads: list[ox.Quad], files: list[Path]) -> Case:
    store = EmbeddedStore(None)
    store.replace(quads)
    return Case(quads, files, store, validate(quads, SHAPES, files))


def _results(results: Iterable[Result], located: bool = True) -> list[tuple[str, ...]]:
    """Results as sorted tuples, repeats kept; without the file and line unless ``located``."""
    return sorted((r.severity, r.focus, r.path or "", r.shape, r.constraint, r.message, r.value or "",
                   (r.location or "") if located else "") for r in results)


@pytest.fixture(scope="module")
def fixture_case(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Case]:
    """The base graph with one broken fixture added, read as `mosaic load` reads a data folder."""
    made: dict[str, Case] = {}

    def make(fixture: str) -> Case:
        if fixture not in made:
            folder = tmp_path_factory.mktemp(fixture)
            (folder / "base.trig").write_bytes((TEST_DATA / "good" / "base.trig").read_bytes())
            (folder / f"{fixture}.trig").write_bytes((TEST_DATA / "bad" / f"{fixture}.trig").read_bytes())
            dataset = read_dataset(folder, ONTOLOGY)
            made[fixture] = _case(dataset.quads, dataset.files)
        return made[fixture]

    return make


def _iris(store: Store) -> set[str]:
    """Every IRI the graph mentions: subjects, objects and graph names."""
    rows = store.select("SELECT DISTINCT ?node WHERE { { ?node ?p ?o } UNION { ?s ?p ?node } UNION "
                        "{ GRAPH ?node { } } FILTER(isIRI(?node)) }")
    return {str(row["node"]) for row in rows}


# --- the whole graph -------------------------------------------------------------------------------


def test_the_curated_graph_gives_what_pyshacl_gives() -> None:
    dataset = read_dataset(DATA, ONTOLOGY)
    case = _case(dataset.quads + derive_quads(dataset.quads), dataset.files)
    assert case.expected.results, "the curated graph has notes (undated records), so the test compares something"
    assert _results(validate_store(case.store, SHAPES, case.files).results) == _results(case.expected.results)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_each_broken_fixture_gives_what_pyshacl_gives(fixture_case: Callable[[str], Case], fixture: str) -> None:
    case = fixture_case(fixture)
    got = validate_store(case.store, SHAPES, case.files)
    assert _results(got.results) == _results(case.expected.results)
    assert got.conforms == case.expected.conforms


@pytest.mark.parametrize("fixture", sorted(UNREADABLE))
def test_the_fixtures_left_out_are_broken_before_validation(fixture: str) -> None:
    with pytest.raises(LoadError):
        read_dataset(TEST_DATA / "bad" / f"{fixture}.trig", ONTOLOGY)


def test_a_randomly_damaged_synthetic_graph_gives_what_pyshacl_gives(tmp_path: Path) -> None:
    """Statements dropped and values moved to other properties break shapes of every kind at once.

    Moved values also put words and numbers where dates belong, which the SPARQL constraint of time
    spans compares differently (see the test below), so its results are left out here.
    """
    ontology = read_dataset(tmp_path, ONTOLOGY).quads
    quads = list(with_bounds(synthesize(3_000, seed=1)))
    rng = random.Random(1)
    damaged = [q if rng.random() > 0.08 else ox.Quad(q.subject, q.predicate, rng.choice(quads).object, q.graph_name)
               for q in quads if rng.random() > 0.08]
    case = _case(ontology + damaged, [])
    expected = [r for r in case.expected.results if r.constraint != "sh:SPARQLConstraintComponent"]
    assert len({r.constraint for r in expected}) >= 6, "the damage breaks constraints of many kinds"
    got = validate_store(case.store, SHAPES).results
    assert _results(r for r in got if r.constraint != "sh:SPARQLConstraintComponent") == _results(expected)
    named = validate_nodes(case.store, SHAPES, _iris(case.store)).results
    assert _results(r for r in named if r.constraint != "sh:SPARQLConstraintComponent") == _results(
        r for r in expected if r.focus != BLANK)


def test_values_of_unrelated_types_are_not_ordered(fixture_case: Callable[[str], Case]) -> None:
    """The one known difference. pySHACL runs sh:sparql on rdflib's SPARQL engine, which finds the
    string "1957-06-01" after the date 1956-12-31; SPARQL 1.1 says that they cannot be compared, so
    the engine reports no "ends before it begins". Both report the string through sh:datatype."""
    case = fixture_case("timespan-ends-before-start")
    date, wrong = ox.Literal("1957-06-01", datatype=ox.NamedNode(str(XSD.date))), ox.Literal("1957-06-01")
    quads = [ox.Quad(q.subject, q.predicate, wrong, q.graph_name) if q.object == date else q for q in case.quads]
    changed = _case(quads, case.files)
    rdflib_only = [r for r in changed.expected.results if r.constraint == "sh:SPARQLConstraintComponent"]
    assert [r.message for r in rdflib_only] == [
        "This time span ends before it begins: its earliest date (1957-06-01) is after its latest (1956-12-31)."]
    got = validate_store(changed.store, SHAPES, changed.files)
    assert _results(got.results) == _results(r for r in changed.expected.results if r not in rdflib_only)
    assert "sh:DatatypeConstraintComponent" in {r.constraint for r in got.results} and not got.conforms


def test_an_oxigraph_server_gives_the_same_report(
        fixture_case: Callable[[str], Case], oxigraph: str) -> None:  # noqa: F811 (the fixture imported above)
    """The queries are plain SPARQL 1.1: a server runs them, prefixes prepended, blank nodes located."""
    case = fixture_case("timespan-ends-before-start")
    remote = RemoteStore.at(oxigraph)
    remote.replace(case.quads)
    assert _results(validate_store(remote, SHAPES, case.files).results) == _results(case.expected.results)
    iris = [expand(r.focus) for r in case.expected.results if r.focus != BLANK]
    assert _results(validate_nodes(remote, SHAPES, iris).results, located=False) == _results(
        [r for r in case.expected.results if r.focus != BLANK], located=False)


# --- some nodes --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", FIXTURES)
def test_a_node_named_gets_what_pyshacl_says_of_it(fixture_case: Callable[[str], Case], fixture: str) -> None:
    case = fixture_case(fixture)
    for focus in {r.focus for r in case.expected.results} - {BLANK}:
        got = validate_nodes(case.store, SHAPES, [expand(focus)])
        assert _results(got.results, located=False) == _results(
            [r for r in case.expected.results if r.focus == focus], located=False)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_a_broken_node_is_not_reported_when_only_other_nodes_are_named(fixture_case: Callable[[str], Case],
                                                                        fixture: str) -> None:
    case = fixture_case(fixture)
    broken = {r.focus for r in case.expected.results if r.severity != "Info"} - {BLANK}
    others = _iris(case.store) - {expand(focus) for focus in broken}
    got = validate_nodes(case.store, SHAPES, others)
    assert not broken & {r.focus for r in got.results}
    assert _results(got.results, located=False) == _results(
        [r for r in case.expected.results if r.focus not in broken | {BLANK}], located=False)


def test_no_nodes_means_nothing_to_report(fixture_case: Callable[[str], Case]) -> None:
    assert validate_nodes(fixture_case("person-no-name").store, SHAPES, []).results == []


# --- what it does not do -------------------------------------------------------------------------------


def test_a_constraint_it_cannot_compile_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "shapes.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:x:NameShape> sh:targetClass skos:Concept ; sh:property [ sh:path skos:prefLabel ; sh:minLength 2 ] .\n",
        encoding="utf-8")
    with pytest.raises(UnsupportedShape, match="sh:minLength"):
        validate_store(EmbeddedStore(None), tmp_path)
