"""Getting sources in, as a user does it: the `mosaic import`, `resolve` and `names` commands in real
processes against a real store, and the name authority over HTTP."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, TEST_DATA

KIM_IL_SUNG = "https://w3id.org/mosaic/id/person/kim-il-sung"


def mosaic(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mosaic", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def own_store(store_path: Path, tmp_path: Path) -> Path:
    """A copy of the loaded store that a test may write to."""
    copy = tmp_path / "store"
    shutil.copytree(store_path, copy, symlinks=True)
    return copy


def _count(store: Path, query: str) -> int:
    result = mosaic("query", query, "--format", "json", "--store", str(store))
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def test_citations_parse_to_json_lines(own_store: Path) -> None:
    result = mosaic("import", "citations", str(TEST_DATA / "import" / "citations-wrapped.txt"), "--json",
                    "--store", str(own_store))
    citations = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(citations) == 3
    assert set(citations[0]) >= {"title", "date", "earliest", "latest", "archive", "reference", "obtained_by",
                                 "translated_by", "document_id", "url", "kind", "errors"}


def test_citations_load_into_the_store_and_a_second_load_updates(own_store: Path) -> None:
    fixture = str(TEST_DATA / "import" / "citations-wrapped.txt")
    records = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a rico:Record }"
    before = _count(own_store, records)
    first = mosaic("import", "citations", fixture, "--load", "--store", str(own_store))
    assert first.returncode == 0, first.stderr
    after_first = _count(own_store, records)
    assert after_first > before
    second = mosaic("import", "citations", fixture, "--load", "--store", str(own_store))
    assert second.returncode == 0, second.stderr
    assert _count(own_store, records) == after_first  # updated, not duplicated


def test_citations_can_be_written_as_trig_that_validates(own_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "imported.trig"
    result = mosaic("import", "citations", str(TEST_DATA / "import" / "citations-wrapped.txt"), "-o", str(target),
                    "--store", str(own_store))
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(target, data / "imported.trig")
    check = mosaic("validate", "--data", str(data))
    assert check.returncode == 0, check.stdout[-2000:]


def test_a_spreadsheet_with_a_bad_row_loads_nothing_and_names_row_and_column(own_store: Path) -> None:
    before = _count(own_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    result = mosaic("import", "csv", str(TEST_DATA / "import" / "documents-bad-row.csv"), "--kind", "document",
                    "--load", "--store", str(own_store))
    assert result.returncode == 1
    assert "row 3, column 'date'" in result.stderr and "Nothing imported" in result.stderr
    assert _count(own_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


def test_skip_bad_loads_the_good_rows_and_lists_the_bad(own_store: Path) -> None:
    result = mosaic("import", "csv", str(TEST_DATA / "import" / "documents-bad-row.csv"), "--kind", "document",
                    "--skip-bad", "--load", "--store", str(own_store))
    assert result.returncode == 0, result.stderr
    assert "row 3, column 'date'" in result.stderr
    assert _count(own_store, 'SELECT (COUNT(*) AS ?n) WHERE { ?r dcterms:title ?t FILTER CONTAINS(STR(?t), "") }') > 0


@pytest.mark.parametrize("kind", ["person", "document", "event", "membership"])
def test_every_template_loads(own_store: Path, kind: str) -> None:
    result = mosaic("import", "csv", str(ROOT / "examples" / "templates" / f"{kind}.csv"), "--kind", kind,
                    "--load", "--store", str(own_store))
    assert result.returncode == 0, result.stderr


def test_resolve_ranks_the_graphs_persons(store_path: Path) -> None:
    result = mosaic("resolve", "Kim Ir Szen", "--json", "--store", str(store_path))
    candidates = json.loads(result.stdout)["candidates"]
    assert candidates[0]["iri"] == KIM_IL_SUNG and candidates[0]["score"] >= 0.9
    assert "reason" in candidates[0]


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Kim Ir Szen", "김일성", True),
    ("Kim Il", "Kim Il Sung", False),
    ("Pak Chang-ok", "Pak Kŭm-ch'ŏl", False),
    ("Choe Yong-gon", "Choe Chang-ik", False),
])
def test_names_match_exits_0_for_same_and_1_for_different(first: str, second: str, same: bool) -> None:
    result = mosaic("names", "match", first, second, "--json")
    answer = json.loads(result.stdout)
    assert (answer["same"], result.returncode) == (same, 0 if same else 1)
    assert set(answer) == {"same", "score", "why"}


def test_names_variants_per_system() -> None:
    forms = json.loads(mosaic("names", "variants", "김일성", "--json").stdout)
    assert "Kim Il-sŏng" in forms["mccune-reischauer"] and "Ким Ир Сен" in forms["russian"]
    assert "Kim Ir Szen" in forms["hungarian"]
    assert mosaic("names", "variants", "Kim").returncode == 2


def test_resolve_over_http(live_server: str) -> None:
    with urllib.request.urlopen(live_server + "/resolve?name=Kim+Ir+Sen") as response:
        answer = json.load(response)
    assert answer["candidates"][0]["iri"] == KIM_IL_SUNG
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(live_server + "/resolve")
    assert missing.value.code == 400
    missing.value.close()


def test_import_links_known_names_and_reports_the_unplaced(store_path: Path, tmp_path: Path) -> None:
    citations = tmp_path / "two.txt"
    citations.write_text(
        "“Report on a Test Matter,” June 1, 1956, History and Public Policy Program Digital Archive, RGANI, "
        "Fond 5, Opis 28, Delo 998. Translated for NKIDP by Gary Goldberg. "
        "digitalarchive.wilsoncenter.org/document/990101.\n"
        "“Report on Another Test Matter,” June 2, 1956, History and Public Policy Program Digital Archive, RGANI, "
        "Fond 5, Opis 28, Delo 997. Translated by Nobody Known. digitalarchive.wilsoncenter.org/document/990102.\n",
        encoding="utf-8")
    target = tmp_path / "two.trig"
    result = mosaic("import", "citations", str(citations), "-o", str(target), "--store", str(store_path))
    assert result.returncode == 0, result.stderr
    assert "unplaced name 'Gary Goldberg'" not in result.stderr
    assert "unplaced name 'Nobody Known'" in result.stderr
    assert "<https://w3id.org/mosaic/id/person/gary-goldberg>" in target.read_text() or \
        "person:gary-goldberg" in target.read_text()
