"""How to read a source: the caveats the rules in rules/ derive, on the real records the issue names
and, rule by rule, on records just inside and just outside a condition's period."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import ONTOLOGY, SHAPES, TEST_DATA

from mosaic.analysis.caveats import caveats_for
from mosaic.analysis.network import build, isolated_second_hand
from mosaic.graph.load import add, load
from mosaic.graph.rules import DERIVED_GRAPH, rules
from mosaic.graph.store import EmbeddedStore, Store

DOC = "https://w3id.org/mosaic/id/document/"


def caveats(store: Store, record: str) -> dict[str, str]:
    """Condition slug → "applies" or "may-apply", for one record."""
    return {str(r["condition"]).rsplit("/", 1)[1]: str(r["applicability"]).rsplit("/", 1)[1]
            for r in caveats_for(store, DOC + record)}


def kinds(store: Store, record: str) -> dict[str, set[str]]:
    """Condition kind → the applicabilities caveats of that kind have, for one record."""
    found: dict[str, set[str]] = {}
    for row in caveats_for(store, DOC + record):
        for kind in str(row["kinds"]).split(", "):
            found.setdefault(kind, set()).add(str(row["applicability"]).rsplit("/", 1)[1])
    return found


# --- the records the issue names ----------------------------------------------------------------

def test_the_hungarian_report_of_22_december_1953_was_written_in_isolation_and_short_of_information(
        loaded_store: Store) -> None:
    found = caveats(loaded_store, "hungary-report-1953-12-22")
    assert found["hungarian-embassy-meetings-refused-december-1953"] == "applies"  # Csuka's complaint, article l.45
    # the quarantine of the whole corps began "By the end of 1953" and the article gives it no end (l.45, l.47)
    assert found["diplomatic-corps-quarantined"] == found["information-curtailed-corps"] == "may-apply"


def test_a_condition_without_an_end_only_may_apply_years_later(loaded_store: Store) -> None:
    """The quarantine "By the end of 1953" has no end in the article: a 1963 record is not simply under it."""
    rows = {str(r["condition"]).rsplit("/", 1)[1]: r
            for r in caveats_for(loaded_store, DOC + "sapmo-ba-dy30-iv-a-2-20-250-comment-1963-05-16")}
    for condition in ("diplomatic-corps-quarantined", "information-curtailed-corps"):
        assert str(rows[condition]["applicability"]).endswith("/may-apply")
        assert "the source gives no end to it" in str(rows[condition]["why"])


def test_the_romanian_report_of_26_august_1954_was_written_in_temporary_premises(loaded_store: Store) -> None:
    assert kinds(loaded_store, "romania-report-1954-08-26")["temporary-premises"] == {"applies"}  # l.39, l.41


def test_the_january_1946_memorandum_falls_in_the_occupation_period(loaded_store: Store) -> None:
    found = kinds(loaded_store, "russian-general-staff-480-memorandum-1946-01-11")
    assert found["occupation-bias"] == {"applies"}  # article l.37


def test_the_1963_east_german_comment_falls_in_poor_relations(loaded_store: Store) -> None:
    assert kinds(loaded_store, "sapmo-ba-dy30-iv-a-2-20-250-comment-1963-05-16")["poor-relations"] == {"applies"}


def test_a_record_whose_date_straddles_a_period_may_be_affected(loaded_store: Store) -> None:
    # dated "spring of 1954" by the article's body and "June 22, 1954" by its note: the Romanian
    # chargé's report of curtailed information concerns the spring of 1954
    assert caveats(loaded_store, "romania-report-1954-06-22")["information-curtailed"] == "may-apply"


def test_every_caveat_cites_the_passage_of_its_condition(loaded_store: Store) -> None:
    rows = caveats_for(loaded_store, DOC + "hungary-report-1953-12-22")
    assert rows and all("locator" in row and "line" in str(row["locator"]) for row in rows)
    assert all(str(row["source"]).endswith("/article-diplomatic-record") for row in rows)


def test_caveats_are_queryable_in_sparql(loaded_store: Store) -> None:
    rows = loaded_store.select("""
        SELECT (COUNT(DISTINCT ?record) AS ?records) WHERE {
            ?caveat a mosaic:Caveat ; mosaic:caveatFor ?record ; mosaic:applicability applicability:applies }""")
    assert int(rows[0]["records"]) >= 20
    assert loaded_store.ask(f"ASK {{ GRAPH <{DERIVED_GRAPH}> {{ ?rule a mosaic:Rule ; rdfs:label ?title }} }}")


# --- rule by rule, just inside and just outside ----------------------------------------------------

# Two conditions from 1955 on: one that goes on (EDTF "1955/..") and one whose end the source does not give ("1955/").
ENDS_TRIG = """
claim:ends-L1 {
    cond:test-ongoing a mosaic:Condition ; skos:prefLabel "Test condition that goes on"@en ;
        mosaic:conditionKind condition:physical-isolation ; mosaic:appliesTo mission:test-embassy ;
        mosaic:date [ a mosaic:TimeSpan ; mosaic:asWritten "ever since 1955" ; mosaic:edtf "1955/.."^^edtf:EDTF ] .
    cond:test-unknown-end a mosaic:Condition ; skos:prefLabel "Test condition with no end given"@en ;
        mosaic:conditionKind condition:physical-isolation ; mosaic:appliesTo mission:test-embassy ;
        mosaic:date [ a mosaic:TimeSpan ; mosaic:asWritten "by 1955" ; mosaic:edtf "1955/"^^edtf:EDTF ] .
}
claim:ends-L1 a mosaic:Claim ; prov:wasDerivedFrom doc:test-source ; mosaic:locator "line 1" ; mosaic:line 1 ;
    mosaic:evidence evidence:stated .
"""


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("caveats")
    shutil.copy(TEST_DATA / "good" / "base.trig", folder)
    shutil.copy(TEST_DATA / "caveats" / "rules.trig", folder)
    base = (TEST_DATA / "good" / "base.trig").read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in base.splitlines() if line.startswith("@prefix"))
    (folder / "ends.trig").write_text(header + ENDS_TRIG, encoding="utf-8")
    store = EmbeddedStore(None)
    load(store, folder, ONTOLOGY, SHAPES)
    return store


@pytest.mark.parametrize(("record", "expected"), [
    ("test-first-day", "applies"),      # the period's first day
    ("test-last-day", "applies"),       # its last day
    ("test-day-before", None),          # the day before it begins
    ("test-day-after", None),           # the day after it ends
    ("test-straddling", "may-apply"),   # "1954": may fall inside or outside
    ("test-by-diplomat", "applies"),    # by a person holding a post in the mission
])
def test_conditions_by_period_and_mission(fixture_store: Store, record: str, expected: str | None) -> None:
    assert caveats(fixture_store, record).get("test-summer") == expected


@pytest.mark.parametrize(("record", "expected"), [
    ("test-late-1956", "applies"),      # by a mission of the state, inside an open-ended period
    ("test-origin-only", "applies"),    # no author, but the state of origin
    ("test-august-1956", None),         # the state's, but before the period begins
])
def test_conditions_reach_a_state_through_missions_and_origin(fixture_store: Store, record: str,
                                                               expected: str | None) -> None:
    assert caveats(fixture_store, record).get("test-sender-relations") == expected


@pytest.mark.parametrize(("condition", "expected"), [("test-ongoing", "applies"), ("test-unknown-end", "may-apply")])
def test_a_period_whose_end_the_source_does_not_give_only_may_apply(fixture_store: Store, condition: str,
                                                                      expected: str) -> None:
    assert caveats(fixture_store, "test-late-1956").get(condition) == expected  # October 1956, by the embassy
    assert condition not in caveats(fixture_store, "test-first-day")  # June 1954: before either began


def test_translations_in_the_collection_and_only_there(fixture_store: Store) -> None:
    assert caveats(fixture_store, "test-first-day").get("test-translators") == "applies"
    assert "test-translators" not in caveats(fixture_store, "test-day-before")  # translated, not in that collection
    assert "test-translators" not in caveats(fixture_store, "test-last-day")  # not translated


def test_lost_or_altered_files_in_the_set_and_only_there(fixture_store: Store) -> None:
    assert caveats(fixture_store, "test-day-after").get("test-lost") == "applies"
    assert "test-lost" not in caveats(fixture_store, "test-first-day")


def test_first_hand_and_second_hand(fixture_store: Store) -> None:
    hands = {str(r["r"]).rsplit("/", 1)[1]: str(r["first"]) for r in fixture_store.select(
        "SELECT ?r ?first WHERE { ?r mosaic:firstHand ?first }")}
    assert hands["test-by-diplomat"] == "true" and hands["test-first-day"] == "false"


def test_every_rule_is_a_described_file() -> None:
    found = rules()
    assert {rule.name for rule in found} == {"conditions-by-period", "translation", "lost-or-altered", "first-hand"}
    assert all(rule.title and "CONSTRUCT" in rule.query for rule in found)


def test_caveats_follow_a_change_of_the_data(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(TEST_DATA / "good" / "base.trig", folder)
    load(store, folder, ONTOLOGY, SHAPES)
    assert "test-late" not in caveats(store, "test-memo")
    extra = (TEST_DATA / "caveats" / "rules.trig").read_bytes()
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(extra, format=ox.RdfFormat.TRIG):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else "https://w3id.org/mosaic/graph/file/rules"
        graphs.setdefault(name, []).append(quad)
    add(store, graphs, SHAPES)
    assert caveats(store, "test-straddling").get("test-summer") == "may-apply"  # derived again after the change


# --- the reader's tools ------------------------------------------------------------------------------

def test_mosaic_caveats_prints_json(store_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mosaic", "caveats", "doc:hungary-report-1953-12-22", "--json",
                             "--store", str(store_path)], capture_output=True, text=True, timeout=120)
    found = json.loads(result.stdout)["caveats"]
    assert {"information-curtailed", "meetings-refused"} <= {kind for c in found for kind in c["kinds"]}
    assert all(c["locator"] and c["rule_title"] and c["why"] for c in found)


def test_the_document_page_has_a_how_to_read_panel(live_server: str) -> None:
    with urllib.request.urlopen(urllib.request.Request(live_server + "/id/document/hungary-report-1953-12-22",
                                                       headers={"Accept": "text/html"})) as response:
        page = response.read().decode("utf-8")
    assert "How to read this source" in page
    assert "North Korean leadership quarantines the diplomatic corps" in page


def test_the_network_can_leave_out_or_weigh_down_isolated_second_hand_reports(loaded_store: Store) -> None:
    isolated = isolated_second_hand(loaded_store)
    assert DOC + "hungary-report-1953-12-22" in isolated
    assert DOC + "rgani-5-28-410-ll108-110" not in isolated  # a conversation the author had: first-hand
    def cited(network: nx.Graph) -> set[str]:
        return {record for _, _, edge in network.edges(data=True) for record in edge["records"]}

    assert cited(build(loaded_store, "reporting")) & isolated
    assert not cited(build(loaded_store, "reporting", caveats="drop")) & isolated
    weighed = build(loaded_store, "reporting", caveats="weight")
    for _, _, edge in weighed.edges(data=True):
        assert edge["weight"] == sum(0.5 if record in isolated else 1.0 for record in edge["records"])
    assert any(edge["weight"] % 1 for _, _, edge in weighed.edges(data=True))
