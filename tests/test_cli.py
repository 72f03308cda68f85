"""The `mosaic` command, run as a user runs it: a real process, real files, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, TEST_DATA
from rdflib import Dataset, Graph

from mosaic.graph.formats import RDF_FORMATS


def mosaic(*args: str, store: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mosaic", *args] + (["--store", str(store)] if store else [])
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = mosaic("load", store=path)
    assert result.returncode == 0, result.stderr
    assert "reading" in result.stderr and "validating" in result.stderr  # progress is shown
    return path


def test_help_lists_every_command_with_one_line() -> None:
    lines = mosaic("--help").stdout.splitlines()
    commands = {line.split()[0] for line in lines[lines.index("Commands:") + 1:] if line.strip()}
    assert commands >= {"load", "validate", "query", "export", "stats"}


def test_validate_passes_on_the_curated_data() -> None:
    result = mosaic("validate", "--format", "json")
    assert result.returncode == 0, result.stdout[-3000:]
    report = json.loads(result.stdout)
    assert report["conforms"] is True
    assert not [r for r in report["results"] if r["severity"] == "Violation"]


def test_validate_exits_1_and_says_what_and_where(tmp_path: Path) -> None:
    (tmp_path / "base.trig").write_bytes((TEST_DATA / "good" / "base.trig").read_bytes())
    (tmp_path / "bad.trig").write_bytes((TEST_DATA / "bad" / "record-no-title.trig").read_bytes())
    result = mosaic("validate", "--data", str(tmp_path))
    assert result.returncode == 1
    assert "Violation: A record needs a title" in result.stdout
    assert f"doc:test-untitled ({tmp_path / 'bad.trig'}:34)" in result.stdout


def test_a_failed_load_exits_2_names_the_line_and_keeps_the_store(tmp_path: Path, store: Path) -> None:
    (tmp_path / "bad.trig").write_bytes((TEST_DATA / "bad" / "syntax-error.trig").read_bytes())
    before = mosaic("stats", store=store).stdout
    result = mosaic("load", "--data", str(tmp_path), store=store)
    assert result.returncode == 2
    assert f"{tmp_path / 'bad.trig'}, line 34" in result.stderr
    assert mosaic("stats", store=store).stdout == before


@pytest.mark.parametrize(("fmt", "check"), [
    ("table", lambda out: "person:nam-il" in out and "(1 row)" in out),
    ("csv", lambda out: out.splitlines()[0] == "person" and "https://w3id.org/mosaic/id/person/nam-il" in out),
    ("tsv", lambda out: out.splitlines()[0] == "?person"),
    ("json", lambda out: json.loads(out)["results"]["bindings"][0]["person"]["value"].endswith("/nam-il")),
    ("xml", lambda out: "<sparql" in out and "nam-il" in out),
])
def test_query_answers_in_each_format(store: Path, fmt: str, check: object) -> None:
    result = mosaic("query", 'SELECT ?person WHERE { ?person skos:prefLabel "Nam Il"@en }', "--format", fmt, store=store)
    assert result.returncode == 0, result.stderr
    assert check(result.stdout)  # type: ignore[operator]


def test_query_reads_a_file_and_writes_construct_results_as_rdf(tmp_path: Path, store: Path) -> None:
    (tmp_path / "q.rq").write_text("CONSTRUCT { ?p skos:prefLabel ?n } WHERE { ?p a foaf:Person ; skos:prefLabel ?n }")
    result = mosaic("query", "--file", str(tmp_path / "q.rq"), "--format", "ntriples", store=store)
    assert len(Graph().parse(data=result.stdout, format="nt")) > 50


def test_querying_before_loading_says_to_load_first(tmp_path: Path) -> None:
    result = mosaic("query", "ASK { ?s ?p ?o }", store=tmp_path / "nothing")
    assert result.returncode == 2 and "build it with `mosaic load`" in result.stderr
    assert not (tmp_path / "nothing").exists()


def test_a_malformed_query_exits_2_with_the_parsers_message(store: Path) -> None:
    result = mosaic("query", "SELECT ?x WHERE { ?x", store=store)
    assert result.returncode == 2 and "malformed SPARQL" in result.stderr


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_round_trips_in_every_format(tmp_path: Path, store: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{RDF_FORMATS[fmt].extension}"
    assert mosaic("export", "--format", fmt, "-o", str(out), store=store).returncode == 0
    if RDF_FORMATS[fmt].keeps_graphs:
        parsed = Dataset()
        parsed.parse(out, format={"nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt])
        graphs = {str(g.identifier) for g in parsed.graphs()}
        assert any("/id/claim/" in g for g in graphs), "the claim graphs (provenance) are lost"
        triples = {t for g in parsed.graphs() for t in g}
    else:
        triples = set(Graph().parse(out, format={"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}[fmt]))
    names = Graph().parse(data=mosaic("export", "--format", "ntriples", store=store).stdout, format="nt")
    assert len(triples) == len(names) > 1000


def test_jsonld_export_uses_the_published_context(tmp_path: Path, store: Path) -> None:
    document = json.loads(mosaic("export", "--format", "jsonld", store=store).stdout)
    context = json.loads((Path(__file__).parents[1] / "ontology" / "context.jsonld").read_text())
    assert document["@context"] == context["@context"]


def test_stats_counts_classes_and_sources(store: Path) -> None:
    report = json.loads(mosaic("stats", "--format", "json", store=store).stdout)
    counts = {c["class"]: int(c["count"]) for c in report["classes"]}
    assert counts["http://xmlns.com/foaf/0.1/Person"] > 50
    assert {s["source"].rsplit("/", 1)[1] for s in report["sources"]} == {
        "article-diplomatic-record", "loc-guide-soviet-korean-biographies", "wilson-listing-1-10-of-31"}
    assert DATA.exists()
