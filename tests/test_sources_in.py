"""Getting sources in, as a user does it: the `mosaic import`, `resolve` and `names` commands in real
processes against a real store, and the name authority over HTTP."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, TEST_DATA, running_server

from mosaic.graph.load import imports_folder
from mosaic.graph.vocab import file_graph
from mosaic.sources.importers.graph import as_trig, kept

KIM_IL_SUNG = "https://w3id.org/mosaic/id/person/kim-il-sung"
CITATIONS = TEST_DATA / "import" / "citations-wrapped.txt"
IMPORTS = {"citations": ["citations", str(CITATIONS)],
           "csv": ["csv", str(ROOT / "examples" / "templates" / "person.csv"), "--kind", "person"]}


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


# --- what was imported survives a reload ------------------------------------------------------------


def _made_by(store: Path, name: str) -> list[str]:
    """The records, persons … the claims of the import ``name`` say something about."""
    result = mosaic("query", f"SELECT DISTINCT ?x WHERE {{ GRAPH <{file_graph(name)}> {{ ?claim a mosaic:Claim }} "
                    "GRAPH ?claim { ?x ?p ?o } FILTER (STRSTARTS(STR(?x), STR(person:)) || "
                    "STRSTARTS(STR(?x), STR(doc:))) } ORDER BY ?x", "--format", "json", "--store", str(store))
    return [row["x"]["value"] for row in json.loads(result.stdout)["results"]["bindings"]]


def _dump(store: Path) -> Counter[str]:
    """The store's quads as N-Quads lines, blank nodes written alike (a load names them its own way)."""
    result = mosaic("export", "--format", "nquads", "--store", str(store))
    assert result.returncode == 0, result.stderr
    return Counter(re.sub(r"_:\S+", "_:b", line) for line in result.stdout.splitlines())


def _wilson_items(store: Path, number: str) -> int:
    return _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?t mosaic:wilsonCenterId ?id "
                         f'FILTER (STR(?id) = "{number}") }}')


@pytest.mark.parametrize("kind", IMPORTS)
def test_an_import_survives_a_reload_and_its_pages_answer(own_store: Path, kind: str) -> None:
    imported = mosaic("import", *IMPORTS[kind], "--load", "--store", str(own_store))
    assert imported.returncode == 0, imported.stderr
    name = f"import-{Path(IMPORTS[kind][1]).stem}"
    made, graph = _made_by(own_store, name), _dump(own_store)
    assert made
    reloaded = mosaic("load", "--store", str(own_store))
    assert reloaded.returncode == 0, reloaded.stderr
    assert _made_by(own_store, name) == made
    assert _dump(own_store) == graph  # the reload rebuilds the very graph the import left
    kept_as = own_store / "imported" / f"{name}.trig"
    assert kept_as.is_file() and f"kept in {kept_as}" in imported.stderr
    assert f"reading {kept_as.name}" in reloaded.stderr
    with running_server(own_store) as base:
        for iri in made:
            request = urllib.request.Request(base + iri.removeprefix("https://w3id.org/mosaic"),
                                             headers={"Accept": "text/html"})
            with urllib.request.urlopen(request) as response:
                assert response.status == 200, iri


def test_importing_a_file_again_replaces_what_it_said_before_reload_too(own_store: Path, tmp_path: Path) -> None:
    first, second = CITATIONS.read_text(encoding="utf-8").split("\n\n")[:2]
    notes = tmp_path / "notes.txt"
    notes.write_text(f"{first}\n\n{second}\n", encoding="utf-8")
    assert mosaic("import", "citations", str(notes), "--load", "--store", str(own_store)).returncode == 0
    assert (_wilson_items(own_store, "990001"), _wilson_items(own_store, "990002")) == (1, 1)
    notes.write_text(second + "\n", encoding="utf-8")
    assert mosaic("import", "citations", str(notes), "--load", "--store", str(own_store)).returncode == 0
    assert [p.name for p in (own_store / "imported").iterdir()] == ["import-notes.trig"]
    assert mosaic("load", "--store", str(own_store)).returncode == 0
    assert (_wilson_items(own_store, "990001"), _wilson_items(own_store, "990002")) == (0, 1)


def test_a_load_of_one_file_says_it_leaves_the_imports_out_and_the_next_load_brings_them_back(own_store: Path) -> None:
    assert mosaic("import", "citations", str(CITATIONS), "--load", "--store", str(own_store)).returncode == 0
    one_file = mosaic("load", "--data-file", str(TEST_DATA / "good" / "base.trig"), "--store", str(own_store))
    assert one_file.returncode == 0, one_file.stderr
    assert f"the imports kept in {own_store / 'imported'} are not part of this load" in one_file.stderr
    assert _wilson_items(own_store, "990001") == 0
    assert mosaic("load", "--store", str(own_store)).returncode == 0
    assert _wilson_items(own_store, "990001") == 1


def test_a_refused_import_leaves_the_kept_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "imported" / "import-x.trig"
    quad = ox.Quad(ox.NamedNode(KIM_IL_SUNG), ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
                   ox.Literal("Kim"), ox.NamedNode("https://w3id.org/mosaic/id/claim/import-x-1"))
    earlier = {quad.graph_name.value: [quad]}
    with kept(path, earlier):
        pass
    with pytest.raises(RuntimeError), kept(path, {quad.graph_name.value: []}):
        raise RuntimeError("the store refused the import")
    assert path.read_bytes() == as_trig(earlier)
    assert [p.name for p in path.parent.iterdir()] == ["import-x.trig"]


def test_imports_are_kept_beside_the_store_they_went_into(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOSAIC_IMPORTS", raising=False)
    assert imports_folder("/srv/mosaic/store") == Path("/srv/mosaic/store/imported")
    assert imports_folder("http://127.0.0.1:7878/query") == Path(".mosaic/imported/127.0.0.1-7878-query")
    monkeypatch.setenv("MOSAIC_IMPORTS", "/srv/imports")
    assert imports_folder("http://127.0.0.1:7878/query") == Path("/srv/imports")
