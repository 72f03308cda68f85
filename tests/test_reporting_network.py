"""Who reported on whom, on the curated graph: no mission reports on itself as an edge; every tie of the
Soviet, Hungarian, Polish, Romanian and East German missions (and their diplomats) to North Korean
persons, bodies and factions is listed here with the passage of the seed text it rests on, and checked
against that passage; informants are marked as such; and two historians' questions are answered on the
network page and on the missions' pages of a running server."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import pytest
from conftest import SEEDS, Tab

from mosaic.analysis.network import CAVEAT_POLICIES, Period, build, isolated_second_hand
from mosaic.graph.store import Store

ID = "https://w3id.org/mosaic/id/"
ARTICLE, LISTING = "001_4675ceefadc4d072.txt", "002_9a8c6aabd09fe589.txt"
SOURCES = {ARTICLE: ID + "document/article-diplomatic-record", LISTING: ID + "document/wilson-listing-1-10-of-31"}
MISSIONS = {ID + f"mission/{slug}" for slug in ("ussr-embassy-pyongyang", "hungary-mission-pyongyang",
                                                 "poland-embassy-pyongyang", "romania-embassy-pyongyang",
                                                 "gdr-embassy-pyongyang")}
USSR, HUNGARY = ID + "mission/ussr-embassy-pyongyang", ID + "mission/hungary-mission-pyongyang"
PREDICATE = {"subject": "https://www.ica.org/standards/RiC/ontology#hasOrHadSubject",
             "informant": "https://w3id.org/mosaic/ontology#interlocutor"}
AUTHOR = "https://www.ica.org/standards/RiC/ontology#hasAuthor"


class Passage(NamedTuple):
    """A line of a seed text and a phrase on it."""

    seed: str
    line: int
    phrase: str


class Tie(NamedTuple):
    """An edge of the reporting network, the record behind it, and the passages that say so: the one
    that ties the record to the target (as subject or informant), and the one that names its author."""

    source: str
    relation: str
    target: str
    record: str
    passage: Passage
    author: Passage


NAM_IL_MEMO, PAK_MEMO, CHOE_MEMO = (ID + "document/rgani-5-28-410-ll301-303", ID + "document/rgani-5-28-410-ll108-110",
                                    ID + "document/rgani-5-28-410-ll210-214")
CSUKA_REPORT, SZARVAS_REPORT = ID + "document/hungary-report-1953-12-22", ID + "document/hungary-report-1954-12-18"
GDR_COMMENT = ID + "document/sapmo-ba-dy30-iv-a-2-20-250-comment-1963-05-16"
PUZANOV_JOURNAL = ID + "document/listing-1960-08-08-journal-puzanov"
INFORMANTS_1956 = {ID + "person/pak-ui-wan", ID + "person/choe-chang-ik", ID + "person/nam-il"}
NAM_IL_AUTHOR = Passage(ARTICLE, 27, "a conversation with North Korean Foreign Minister Nam Il from July 1956")
SOVIET_ARCHIVES = Passage(ARTICLE, 51, "Records of conversations from Soviet archives reveal")
HUNGARY_1953 = Passage(ARTICLE, 162, "Report, Embassy of Hungary in North Korea to the Hungarian Foreign Ministry")
HUNGARY_1954 = Passage(ARTICLE, 207, "Report, Embassy of Hungary in North Korea to the Hungarian Foreign Ministry")
MEETINGS = Passage(ARTICLE, 45, "his inability to arrange meetings with North Koreans through the Foreign Ministry")
KWP_LEADERS = Passage(ARTICLE, 85, "The leaders of the Korean Workers’ Party show a certain reluctance")
SOVIET_KOREANS = Passage(ARTICLE, 27, "the desire of some Soviet Koreans to criticize Kim Il Sung’s economic")

TIES = [
    Tie(USSR, "informant", ID + "person/nam-il", NAM_IL_MEMO,
        Passage(ARTICLE, 123, "Memorandum of Conversation with Minister of Foreign Affairs of the DPRK, Nam Il"),
        NAM_IL_AUTHOR),
    Tie(USSR, "subject", ID + "faction/soviet-koreans", NAM_IL_MEMO, SOVIET_KOREANS, NAM_IL_AUTHOR),
    Tie(USSR, "subject", ID + "person/kim-il-sung", NAM_IL_MEMO, SOVIET_KOREANS, NAM_IL_AUTHOR),
    Tie(USSR, "informant", ID + "person/pak-ui-wan", PAK_MEMO,
        Passage(ARTICLE, 168, "Memorandum of Conversation with Deputy Premier of the Council of Ministers, "
                              "Candidate Member of the Presidium CC KWP, Pak Uiwan"), SOVIET_ARCHIVES),
    Tie(USSR, "informant", ID + "person/choe-chang-ik", CHOE_MEMO,
        Passage(ARTICLE, 168, "Memorandum of Conversation with Choe Chang-ik"), SOVIET_ARCHIVES),
    Tie(HUNGARY, "subject", ID + "body/dprk-foreign-ministry", CSUKA_REPORT, MEETINGS, HUNGARY_1953),
    Tie(ID + "person/zsigmond-csuka", "subject", ID + "body/dprk-foreign-ministry", CSUKA_REPORT, MEETINGS,
        Passage(ARTICLE, 45, "In December 1953 Zsigmond Csuka, the Hungarian chargé")),
    Tie(HUNGARY, "subject", ID + "body/kwp", SZARVAS_REPORT, KWP_LEADERS, HUNGARY_1954),
    Tie(ID + "person/pal-szarvas", "subject", ID + "body/kwp", SZARVAS_REPORT, KWP_LEADERS,
        Passage(ARTICLE, 83, "Hungarian Ambassador Pál Szarvas expressed frustration in late 1954")),
    Tie(ID + "mission/gdr-embassy-pyongyang", "subject", ID + "body/kwp", GDR_COMMENT,
        Passage(ARTICLE, 213, "Comment on the Internal Korean Workers Party Brochure"),
        Passage(ARTICLE, 89, "Diplomatic cables regularly disparaged the nationalism of the North Koreans")),
    Tie(ID + "person/a-m-puzanov", "informant", ID + "person/kim-il-sung", PUZANOV_JOURNAL,
        Passage(LISTING, 58, "Kim Il Sung and Puzanov latter talk about events celebrating the 15th anniversary"),
        Passage(LISTING, 56, "Journal of Soviet Ambassador to the DPRK A.M. Puzanov")),
]
# Ties of these missions and diplomats to people the texts do not make North Korean.
NOT_NORTH_KOREAN = {
    (ID + "mission/poland-embassy-pyongyang", ID + "person/berentz-gdr-embassy"),  # the GDR's third secretary (l.87)
    (ID + "person/a-m-puzanov", ID + "person/karoly-prath"),  # the listing does not say whose diplomat he was
}


def seed_line(passage: Passage) -> str:
    return (SEEDS / passage.seed).read_text(encoding="utf-8").splitlines()[passage.line - 1]


def stated_at(store: Store, passage: Passage, subject: str, predicate: str, value: str) -> bool:
    """Whether a claim drawn from ``passage``'s line of its seed text states the triple."""
    return store.ask(f"""ASK {{ GRAPH ?claim {{ <{subject}> <{predicate}> <{value}> }}
        ?claim mosaic:line {passage.line} ; prov:wasDerivedFrom <{SOURCES[passage.seed]}> }}""")


def reporters(store: Store) -> set[str]:
    """The five missions and every diplomat who served in one of them."""
    values = " ".join(f"<{m}>" for m in sorted(MISSIONS))
    rows = store.select(f"SELECT ?person WHERE {{ ?m org:member ?person ; org:organization ?mission . "
                        f"VALUES ?mission {{ {values} }} }}")
    return MISSIONS | {str(row["person"]) for row in rows}


@pytest.fixture(scope="module")
def reporting(loaded_store: Store) -> nx.DiGraph:
    return build(loaded_store, "reporting")


@pytest.mark.parametrize("caveats", CAVEAT_POLICIES)
def test_no_mission_reports_on_itself_as_an_edge(loaded_store: Store, caveats: str) -> None:
    graph = build(loaded_store, "reporting", caveats=caveats)
    assert graph.number_of_edges() > 10
    assert list(nx.selfloop_edges(graph)) == []
    served = {(r, m) for r in reporters(loaded_store) for m in MISSIONS if (r, m) in graph.edges}
    assert served == set()  # nor a diplomat on the mission they served in


def test_reports_on_own_conditions_are_kept_on_the_mission(reporting: nx.DiGraph) -> None:
    own = {node: data["own_conditions"] for node, data in reporting.nodes(data=True) if data.get("own_conditions")}
    assert own[ID + "mission/poland-embassy-pyongyang"] == [ID + "document/poland-report-1953-07-31-no4",
                                                             ID + "document/poland-report-1953-09-30-no5"]
    assert own[ID + "mission/romania-embassy-pyongyang"] == [ID + "document/romania-report-1954-06-22",
                                                              ID + "document/romania-report-1954-08-26"]
    assert own[HUNGARY] == own[ID + "person/zsigmond-csuka"] == [CSUKA_REPORT]  # "isolation of the [Hungarian] Embassy"
    assert own[USSR] == [ID + "document/rgani-5-28-314-synopsis-1955-07-12"]


@pytest.mark.parametrize("tie", TIES, ids=lambda t: f"{t.source.rsplit('/')[-1]}-{t.target.rsplit('/')[-1]}")
def test_each_tie_to_a_north_korean_rests_on_its_line(loaded_store: Store, reporting: nx.DiGraph, tie: Tie) -> None:
    for passage in (tie.passage, tie.author):
        assert passage.phrase in seed_line(passage), passage
    assert stated_at(loaded_store, tie.passage, tie.record, PREDICATE[tie.relation], tie.target)
    assert stated_at(loaded_store, tie.author, tie.record, AUTHOR, tie.source)
    edge = reporting.edges[tie.source, tie.target]
    assert tie.record in edge["records"] and tie.relation in edge["relation"]


def test_the_table_lists_every_tie_of_the_five_missions_and_their_diplomats(loaded_store: Store,
                                                                             reporting: nx.DiGraph) -> None:
    found = {(u, v) for u, v in reporting.edges if u in reporters(loaded_store)}
    assert found - NOT_NORTH_KOREAN == {(tie.source, tie.target) for tie in TIES}
    every_record = {(u, v, r) for u, v, d in reporting.edges(data=True) for r in d["records"] if (u, v) in found}
    assert {(t.source, t.target, t.record) for t in TIES} == every_record - {(u, v, r) for u, v, r in every_record
                                                                             if (u, v) in NOT_NORTH_KOREAN}


def test_informants_are_marked_as_such(reporting: nx.DiGraph) -> None:
    relations = {(u, v): d["relation"] for u, v, d in reporting.edges(data=True)}
    assert relations[USSR, ID + "person/pak-ui-wan"] == ["informant"]
    assert relations[HUNGARY, ID + "body/kwp"] == ["subject"]
    assert all(set(r) <= {"subject", "informant"} and r for r in relations.values())


def test_dropping_isolated_second_hand_reports_keeps_the_missions_first_hand_ties(loaded_store: Store,
                                                                                  reporting: nx.DiGraph) -> None:
    dropped = build(loaded_store, "reporting", caveats="drop")
    isolated = isolated_second_hand(loaded_store)
    assert isolated  # the embassies' reports of 1953-54 on their premises, at least
    assert set(dropped.edges) == {(u, v) for u, v, d in reporting.edges(data=True) if set(d["records"]) - isolated}
    assert INFORMANTS_1956 <= set(dropped.successors(USSR))
    kept = {n: d["own_conditions"] for n, d in reporting.nodes(data=True) if d.get("own_conditions")}
    assert {n: d["own_conditions"] for n, d in dropped.nodes(data=True) if d.get("own_conditions")} == kept
    assert MISSIONS - {ID + "mission/gdr-embassy-pyongyang"} <= set(dropped.nodes)


def test_a_period_keeps_the_reports_on_own_conditions_it_may_hold(loaded_store: Store) -> None:
    graph = build(loaded_store, "reporting", Period.parse("1955", "1955"))
    own = {n for n, d in graph.nodes(data=True) if d.get("own_conditions")}
    assert own == {USSR}  # the synopsis of July 1955; Poland's and Romania's reports are of 1953 and 1954


# --- the two questions, asked of a running server --------------------------------------------------

def _json(url: str) -> dict:
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def test_the_network_json_describes_the_records_behind_its_edges(live_server: str) -> None:
    data = _json(live_server + "/network.json?kind=reporting&from=1956&to=1956")
    informants = {edge["target"] for edge in data["links"]
                  if edge["source"] == USSR and "informant" in edge["relation"]}
    assert informants == INFORMANTS_1956
    nam_il = data["records"][NAM_IL_MEMO]
    assert [ID + "faction/soviet-koreans", "Soviet Koreans"] in nam_il["about"]
    assert nam_il["informants"] == [[ID + "person/nam-il", "Nam Il"]] and "July 24, 1956" in nam_il["dates"]
    assert data["graph"]["records_described"] is True


def _rows(tab: Tab, selector: str) -> list[str]:
    return [" ".join(text.split()) for text in tab.page.locator(selector).all_inner_texts()]


def test_the_soviet_embassys_informants_in_1956_and_what_they_talked_about_on_the_network_page(
        tab: Tab, live_server: str) -> None:
    tab.page.goto(live_server + "/network?kind=reporting&from=1956&to=1956")
    tab.page.wait_for_selector("#network-ties tbody tr")
    rows = [r for r in _rows(tab, "#network-ties tbody tr") if r.startswith("Soviet Embassy in the DPRK informed by")]
    assert len(rows) == 3
    pak, = [r for r in rows if "informed by Pak Uiwan" in r]
    assert "May 7, 1956" in pak and "About: " in pak and "Kim Il Sung's ban on social visits" in pak
    nam_il, = [r for r in rows if "informed by Nam Il" in r]
    assert "About: Kim Il Sung, Soviet Koreans." in nam_il and "July 24, 1956" in nam_il
    assert any("informed by Choe Chang-ik" in r and "June 8, 1956" in r for r in rows)
    tab.assert_no_problems()


def test_what_the_hungarian_embassy_reported_about_the_kwp_in_1954_on_the_network_page(
        tab: Tab, live_server: str) -> None:
    tab.page.goto(live_server + "/network?kind=reporting&from=1954&to=1954")
    tab.page.wait_for_selector("#network-ties tbody tr")
    row, = [r for r in _rows(tab, "#network-ties tbody tr")
            if r.startswith("Hungarian Embassy to the DPRK reported on Korean Workers’ Party")]
    assert "December 18, 1954" in row and "Report, Embassy of Hungary in North Korea to the Hungarian Foreign" in row
    assert "reluctant to learn from Soviet experience" in row  # what the record says, as the sources describe it
    own = _rows(tab, "#network-own tbody tr")
    assert any(r.startswith("Romanian Embassy in Pyongyang") and "August 26, 1954" in r for r in own)
    assert not any("Romanian Embassy in Pyongyang" in r for r in _rows(tab, "#network-ties tbody tr"))
    tab.assert_no_problems()


def _section_rows(tab: Tab, heading: str) -> list[str]:
    return _rows(tab, f"section:has(h2:text-is('{heading}')) tbody tr")


def test_the_soviet_embassys_page_names_its_informants_and_what_they_talked_about(tab: Tab, live_server: str) -> None:
    tab.page.goto(live_server + "/id/mission/ussr-embassy-pyongyang")
    rows = _section_rows(tab, "Whom it and its diplomats reported on, and who informed them")
    of_1956 = [r for r in rows if "1956" in r]
    assert len(of_1956) == 3
    assert any("Pak Uiwan May 7, 1956 Soviet Embassy in the DPRK Pak Uiwan" in r
               and "Kim Il Sung's ban on social visits" in r for r in of_1956)
    assert any("July 24, 1956" in r and "Nam Il Kim Il Sung, Soviet Koreans" in r for r in of_1956)
    assert any("A.M. Puzanov Karoly Prath, Kim Il Sung" in r or "A.M. Puzanov Kim Il Sung, Karoly Prath" in r
               for r in rows)  # its ambassador's journal of 1960
    assert all("note" in r or "listing" in r for r in rows)  # each line cites its passages
    own = _section_rows(tab, "Its reports on its own conditions")
    assert len(own) == 1 and "Synopsis of the Political Report of the Soviet Embassy in the DPRK for 1955" in own[0]
    tab.assert_no_problems()


def test_the_hungarian_missions_page_says_what_it_reported_about_the_kwp_in_1954(tab: Tab, live_server: str) -> None:
    tab.page.goto(live_server + "/id/mission/hungary-mission-pyongyang")
    rows = _section_rows(tab, "Whom it and its diplomats reported on, and who informed them")
    on_kwp = [r for r in rows if "Korean Workers’ Party" in r]
    assert len(on_kwp) == 1 and "December 18, 1954" in on_kwp[0] and "Pál Szarvas" in on_kwp[0]
    assert "note 51" in on_kwp[0]  # cited where the article quotes Szarvas on the party's leaders
    own = _section_rows(tab, "Its reports on its own conditions")
    assert any("December 22, 1953" in r and "Zsigmond Csuka" in r for r in own)
    tab.assert_no_problems()


def test_the_cli_gives_each_edge_its_relation_and_lists_own_conditions_apart(store_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mosaic", "network", "edges", "reporting", "--format", "csv",
                             "--store", str(store_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["source"], r["target"], r["relation"]) for r in rows} >= {(USSR, ID + "person/pak-ui-wan", "informant")}
    assert all(r["source"] != r["target"] for r in rows)
    assert "On its own mission's conditions (no edge), by Romanian Embassy in Pyongyang: " in result.stderr
