"""The coverage view: counts per mission and year checked by hand on a small graph, silences found in
the real data, and the same table from the command line and over HTTP."""

from __future__ import annotations

import doctest
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ONTOLOGY, TEST_DATA

import mosaic.analysis.coverage
from mosaic.analysis.coverage import as_json, coverage, silences, year_columns
from mosaic.cli.coverage import coverage as coverage_command
from mosaic.graph.load import read_dataset
from mosaic.graph.store import EmbeddedStore, Store

ID = "https://w3id.org/mosaic/id/"
ALPHA, BETA, GAMMA = ID + "mission/test-alpha", ID + "mission/test-beta", ID + "mission/test-gamma"
HUNGARY, POLAND = ID + "mission/hungary-mission-pyongyang", ID + "mission/poland-embassy-pyongyang"
ROMANIA, USSR = ID + "mission/romania-embassy-pyongyang", ID + "mission/ussr-embassy-pyongyang"

# Alpha writes in 1950 (twice: once itself, once by its envoy), 1953 (one record by both, counted once),
# across 1955/1956, and once undated; Beta in 1951 and, by a record two sources date differently,
# 1951–1952; Gamma never. A stranger without a post writes in 1958, which must not count anywhere.
RECORDS = """
claim:test-coverage {
    state:test-alpha a mosaic:State ; skos:prefLabel "Alphaland"@en .
    state:test-beta a mosaic:State ; skos:prefLabel "Betaland"@en .
    mission:test-alpha a mosaic:Embassy ; skos:prefLabel "Alpha Embassy"@en ; mosaic:sendingState state:test-alpha .
    mission:test-beta a mosaic:Legation ; skos:prefLabel "Beta Legation"@en ; mosaic:sendingState state:test-beta .
    mission:test-gamma a mosaic:Embassy ; skos:prefLabel "Gamma Embassy"@en .
    faction:test-faction a mosaic:Faction ; skos:prefLabel "Test faction"@en .
    person:test-envoy a foaf:Person ; skos:prefLabel "Envoy"@en .
    person:test-stranger a foaf:Person ; skos:prefLabel "Stranger"@en .
    [] a org:Membership ; org:member person:test-envoy ; org:organization mission:test-alpha .
    [] a org:Membership ; org:member person:test-stranger ; org:organization faction:test-faction .
    doc:test-a1 a rico:Record ; rico:hasAuthor mission:test-alpha ; mosaic:date [ mosaic:edtf "1950-03-01"^^edtf:EDTF ] .
    doc:test-a2 a rico:Record ; rico:hasAuthor person:test-envoy ; mosaic:date [ mosaic:edtf "1950"^^edtf:EDTF ] .
    doc:test-a3 a rico:Record ; rico:hasAuthor mission:test-alpha , person:test-envoy ;
        mosaic:date [ mosaic:edtf "1953-05"^^edtf:EDTF ] .
    doc:test-a4 a rico:Record ; rico:hasAuthor mission:test-alpha ; mosaic:date [ mosaic:edtf "1955-12/1956-02"^^edtf:EDTF ] .
    doc:test-a5 a rico:Record ; rico:hasAuthor mission:test-alpha .
    doc:test-b1 a rico:Record ; rico:hasAuthor mission:test-beta ; mosaic:date [ mosaic:edtf "1951"^^edtf:EDTF ] .
    doc:test-b2 a rico:Record ; rico:hasAuthor mission:test-beta ;
        mosaic:date [ mosaic:edtf "1951-06"^^edtf:EDTF ] , [ mosaic:edtf "1952"^^edtf:EDTF ] .
    doc:test-x1 a rico:Record ; rico:hasAuthor person:test-stranger ; mosaic:date [ mosaic:edtf "1958"^^edtf:EDTF ] .
}
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """An in-memory store of the hand-made records above, with date bounds computed as `mosaic load` does."""
    folder = tmp_path_factory.mktemp("coverage")
    prefixes = [line for line in (TEST_DATA / "good" / "base.trig").read_text().splitlines() if line.startswith("@prefix")]
    (folder / "records.trig").write_text("\n".join(prefixes) + RECORDS, encoding="utf-8")
    store = EmbeddedStore(None)
    store.replace(read_dataset(folder, ONTOLOGY).quads)
    return store


def _counts(table: pd.DataFrame, mission: str) -> dict[int, int]:
    return {year: int(table.loc[mission, year]) for year in year_columns(table)}


# --- counted by hand on the small graph ----------------------------------------------------------

def test_the_years_run_from_the_first_to_the_last_reported(small: Store) -> None:
    table = coverage(small)
    assert year_columns(table) == list(range(1950, 1957))  # the stranger's 1958 record is no mission's
    assert list(table.columns) == ["label", "state", *range(1950, 1957), "undated"]
    assert table.index.name == "mission"


def test_records_by_the_mission_or_its_people_count_once_in_each_year_they_may_fall_in(small: Store) -> None:
    table = coverage(small)
    assert _counts(table, ALPHA) == {1950: 2, 1951: 0, 1952: 0, 1953: 1, 1954: 0, 1955: 1, 1956: 1}
    assert _counts(table, BETA) == {1950: 0, 1951: 2, 1952: 1, 1953: 0, 1954: 0, 1955: 0, 1956: 0}
    assert (table.loc[ALPHA, "undated"], table.loc[BETA, "undated"]) == (1, 0)


def test_a_mission_without_records_is_listed_with_its_label_and_state(small: Store) -> None:
    table = coverage(small)
    assert table.loc[GAMMA, year_columns(table)].sum() == 0
    assert (table.loc[ALPHA, "label"], table.loc[ALPHA, "state"]) == ("Alpha Embassy", "Alphaland")
    assert table.loc[GAMMA, "state"] == ""


def test_a_given_span_narrows_the_columns_and_drops_what_falls_outside(small: Store) -> None:
    table = coverage(small, 1952, 1955)
    assert year_columns(table) == [1952, 1953, 1954, 1955]
    assert _counts(table, ALPHA) == {1952: 0, 1953: 1, 1954: 0, 1955: 1}
    assert table.loc[ALPHA, "undated"] == 1  # an undated record belongs to no span, so it is always shown
    assert year_columns(coverage(small, 1948, None)) == list(range(1948, 1957))
    assert year_columns(coverage(small, None, 1951)) == [1950, 1951]


def test_a_span_that_ends_before_it_begins_is_refused(small: Store) -> None:
    with pytest.raises(ValueError, match="ends before it begins"):
        coverage(small, 1956, 1950)


def test_silences_are_the_runs_of_empty_years_between_first_and_last_report(small: Store) -> None:
    gaps = silences(coverage(small))
    assert gaps.to_dict("records") == [
        {"mission": ALPHA, "label": "Alpha Embassy", "from_year": 1951, "to_year": 1952, "years": 2},
        {"mission": ALPHA, "label": "Alpha Embassy", "from_year": 1954, "to_year": 1954, "years": 1},
    ]


def test_no_silences_in_an_empty_table() -> None:
    table = pd.DataFrame({"label": ["M"], "state": ["S"], "undated": [3]}, index=pd.Index(["urn:m"], name="mission"))
    assert silences(table).empty
    assert list(silences(table).columns) == ["mission", "label", "from_year", "to_year", "years"]


def test_the_json_form_keeps_every_count_and_silence(small: Store) -> None:
    data = as_json(coverage(small))
    assert data["years"] == list(range(1950, 1957))
    alpha = next(m for m in data["missions"] if m["mission"] == ALPHA)
    assert alpha["counts"]["1950"] == 2 and alpha["undated"] == 1
    assert len(data["silences"]) == 2
    json.dumps(data)  # plain data, nothing numpy


def test_the_examples_in_the_docstrings_run() -> None:
    assert doctest.testmod(mosaic.analysis.coverage).failed == 0


# --- the real data ---------------------------------------------------------------------------------

def test_who_reported_when_in_the_real_data(loaded_store: Store) -> None:
    table = coverage(loaded_store)
    hungary, poland, romania = (_counts(table, m) for m in (HUNGARY, POLAND, ROMANIA))
    # Hungary: the report of December 1953; those of September 13, December 6 and December 18, 1954
    assert {y: n for y, n in hungary.items() if n} == {1953: 1, 1954: 3}
    assert {y: n for y, n in poland.items() if n} == {1953: 2, 1957: 1}  # reports no. 4 and 5; Berentz's notes
    assert {y: n for y, n in romania.items() if n} == {1954: 2}
    assert table.loc[POLAND, "state"] == "People’s Republic of Poland"


def test_the_polish_embassy_is_silent_from_1954_to_1956(loaded_store: Store) -> None:
    gaps = silences(coverage(loaded_store)).set_index("mission")
    assert gaps.loc[POLAND, ["from_year", "to_year", "years"]].tolist() == [1954, 1956, 3]
    assert HUNGARY not in gaps.index and ROMANIA not in gaps.index


def test_a_post_in_the_mission_makes_its_holder_s_records_count(loaded_store: Store) -> None:
    # Puzanov's journal of August 1960 names him as author, not the embassy: his post as ambassador counts it
    assert _counts(coverage(loaded_store), USSR)[1960] == 1


# --- the command line --------------------------------------------------------------------------

def _run(store_path: Path, *args: str) -> str:
    result = CliRunner().invoke(coverage_command, [*args, "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_cli_prints_the_counts_then_the_silences(store_path: Path) -> None:
    output = _run(store_path, "--from-year", "1953", "--to-year", "1957")
    counts, _, gaps = output.partition("Periods of silence")
    assert re.search(r"mission:poland-embassy-pyongyang .* 2 +1\n", counts)  # the silent years left blank
    assert re.search(r"mission:poland-embassy-pyongyang .* 1954 +1956 +3", gaps)


def test_the_cli_writes_json_and_csv(store_path: Path, tmp_path: Path) -> None:
    data = json.loads(_run(store_path, "--format", "json", "--to-year", "1957"))
    assert data["years"][0] == 1953 and data["years"][-1] == 1957
    assert {"mission": POLAND, "from_year": 1954, "to_year": 1956, "years": 3}.items() <= data["silences"][0].items()
    target = tmp_path / "coverage.csv"
    _run(store_path, "--format", "csv", "-o", str(target))
    counts, silent = target.read_text(encoding="utf-8").split("\n\n")
    assert counts.splitlines()[0] == "mission,label,state," + ",".join(map(str, range(1953, 1964))) + ",undated"
    assert silent.splitlines()[0] == "mission,label,from_year,to_year,years"


def test_the_cli_refuses_a_span_that_ends_before_it_begins(store_path: Path) -> None:
    result = CliRunner().invoke(coverage_command, ["--from-year", "1957", "--to-year", "1953", "--store",
                                                   str(store_path)])
    assert result.exit_code == 2 and "1957 is after --to-year 1953" in result.output


# --- over HTTP (needs coverage_view registered in create_app) ------------------------------------

def test_coverage_json_is_the_same_as_the_command_line(live_server: str, store_path: Path) -> None:
    with urllib.request.urlopen(live_server + "/coverage.json?from=1953&to=1957") as response:
        data = json.load(response)
    assert data == json.loads(_run(store_path, "--format", "json", "--from-year", "1953", "--to-year", "1957"))


def test_coverage_json_refuses_a_year_that_is_not_one(live_server: str) -> None:
    request = urllib.request.Request(live_server + "/coverage.json?from=fifties", headers={"Accept": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request)
    assert error.value.code == 400
    assert "not a year" in json.load(error.value)["error"]["message"]


def test_the_coverage_page_marks_silences_and_lists_them(live_server: str) -> None:
    request = urllib.request.Request(live_server + "/coverage?from=1953&to=1957", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request) as response:
        page = response.read().decode()
    poland = re.search(r'<tr><th scope="row"><a href="/id/mission/poland-embassy-pyongyang">.*?</tr>', page, re.DOTALL)
    assert poland is not None
    cells = re.findall(r'<td class="year (\w+)"[^>]*>(\d*)', poland.group(0))
    assert cells == [("count", "2"), ("silence", ""), ("silence", ""), ("silence", ""), ("count", "1"), ("undated", "")]
    assert re.search(r"poland-embassy-pyongyang\">[^<]*</a>: no record\s+from 1954 to 1956 \(3 years\)", page)
    assert "Do not argue from silence" in page
    assert " style=" not in page and "<style" not in page and not re.search(r"<script(?![^>]*\bsrc=)", page)
