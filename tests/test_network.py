"""Networks of reporting: measures checked against networkx on small hand-built graphs, findings
checked against the texts, files that load back, and the same network from the store and a server."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import networkx as nx
import pytest
from conftest import ROOT, SEEDS, Tab
from PIL import Image, ImageChops

from mosaic.analysis.measures import (
    EXACT_BETWEENNESS_NODES,
    SAMPLED_SOURCES,
    brokerage,
    communities,
    compare,
    ego,
    k_core,
    metrics,
)
from mosaic.analysis.network import Period, build
from mosaic.analysis.network_files import write
from mosaic.graph.store import Store
from mosaic.graph.store.remote import RemoteStore

ID = "https://w3id.org/mosaic/id/"
USSR_EMBASSY, HUNGARIAN_MISSION = ID + "mission/ussr-embassy-pyongyang", ID + "mission/hungary-mission-pyongyang"
PAK_UIWAN, CHOE_CHANG_IK = ID + "person/pak-ui-wan", ID + "person/choe-chang-ik"


@pytest.fixture
def small() -> nx.DiGraph:
    """A hand-built reporting network: two missions, four informants in two factions."""
    graph = nx.DiGraph()
    for node, group in {"a": "f1", "b": "f1", "c": "f2", "d": "f2", "m": "m1", "n": "m2"}.items():
        graph.add_node(node, label=node.upper(), kind="person", group=group)
    graph.add_weighted_edges_from([("a", "m", 3), ("b", "m", 1), ("c", "m", 2), ("m", "n", 1), ("n", "d", 2),
                                   ("d", "c", 1), ("c", "n", 1), ("a", "b", 1)])
    return graph


# --- every measure against networkx itself -----------------------------------------------------

def test_degrees_against_networkx(small: nx.DiGraph) -> None:
    table = metrics(small)
    assert table["in_degree"].to_dict() == dict(small.in_degree())
    assert table["out_degree"].to_dict() == dict(small.out_degree())
    assert table["weighted_in"].to_dict() == dict(small.in_degree(weight="weight"))
    assert table["weighted_out"].to_dict() == dict(small.out_degree(weight="weight"))


def test_betweenness_and_pagerank_against_networkx(small: nx.DiGraph) -> None:
    table = metrics(small)
    assert table["betweenness"].to_dict() == pytest.approx(nx.betweenness_centrality(small))
    assert table["pagerank"].to_dict() == pytest.approx(nx.pagerank(small, weight="weight"))


def test_betweenness_is_exact_in_a_small_network_and_estimated_in_a_large_one(small: nx.DiGraph) -> None:
    assert metrics(small).attrs["betweenness_sources"] is None
    large = nx.gnm_random_graph(EXACT_BETWEENNESS_NODES + 100, 3000, seed=1, directed=True)
    table = metrics(large)
    assert table.attrs["betweenness_sources"] == SAMPLED_SOURCES
    estimate = nx.betweenness_centrality(large, k=SAMPLED_SOURCES, seed=0)
    assert table["betweenness"].to_dict() == pytest.approx(estimate)
    assert table["betweenness"].to_dict() != pytest.approx(nx.betweenness_centrality(large))
    assert metrics(small, betweenness_sample=3).attrs["betweenness_sources"] == 3
    assert metrics(large, betweenness_sample=0).attrs["betweenness_sources"] is None


def test_hubs_and_authorities_against_networkx(small: nx.DiGraph) -> None:
    hubs, authorities = nx.hits(small, max_iter=1000)
    table = metrics(small)
    assert table["hub"].to_dict() == pytest.approx(hubs, abs=1e-9)
    assert table["authority"].to_dict() == pytest.approx(authorities, abs=1e-9)


def test_cores_communities_and_ego_against_networkx(small: nx.DiGraph) -> None:
    table = metrics(small)
    assert table["core"].to_dict() == nx.core_number(nx.Graph(small))
    expected = nx.community.louvain_communities(small.to_undirected(), weight="weight", seed=0)
    assert sorted(map(sorted, communities(small))) == sorted(map(sorted, expected))
    assert set(k_core(small).nodes) == set(nx.k_core(nx.Graph(small)).nodes)
    assert set(ego(small, "m", 1).nodes) == set(nx.ego_graph(small, "m", radius=1, undirected=True).nodes)
    assert set(ego(small, "a", 2).nodes) == {"a", "b", "c", "m", "n"}  # c → m ← a, whichever way ties point


def test_brokerage_roles_by_hand() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "z"), ("p", "q"), ("q", "r"), ("p", "r")])
    groups = {"a": 1, "b": 2, "c": 1, "x": 1, "y": 1, "z": 2, "p": 1, "q": 1, "r": 1}
    nx.set_node_attributes(graph, groups, "group")
    roles = brokerage(graph)
    assert roles.loc["b"].to_dict() == {"coordinator": 0, "itinerant": 1, "representative": 0, "gatekeeper": 0,
                                        "liaison": 0}  # a and c share a group, b is outside it
    assert roles.loc["y", "representative"] == 1  # x is in y's group, z is not
    assert roles.loc["q"].sum() == 0  # p reaches r directly: q brokers nothing


def test_comparison_of_two_networks(small: nx.DiGraph) -> None:
    later = small.copy()
    later.remove_edge("a", "m")
    later.add_edge("m", "e", weight=1)
    later.nodes["e"].update(label="E", group="f3")
    change = compare(small, later)
    assert change.vanished_edges() == [("a", "m")] and change.appeared_edges() == [("m", "e")]
    assert change.appeared() == ["e"] and change.vanished() == []
    assert change.nodes.loc["m", "in_degree_change"] == -1


# --- findings the texts support ----------------------------------------------------------------

def test_the_soviet_embassys_informants_in_1955_56_include_soviet_korean_and_china_returned_officials(
        loaded_store: Store) -> None:
    graph = build(loaded_store, "information", Period.parse("1955", "1956"))
    informants = {graph.nodes[n]["group"] for n in graph.predecessors(USSR_EMBASSY)}
    assert {"Soviet Koreans", "China-returned Koreans"} <= informants  # notes 28, 29; article l.51


def test_records_by_the_hungarian_mission_report_on_its_own_isolation(loaded_store: Store) -> None:
    graph = build(loaded_store, "reporting")
    assert not graph.has_edge(HUNGARIAN_MISSION, HUNGARIAN_MISSION)  # kept on the node, not as a loop
    records = graph.nodes[HUNGARIAN_MISSION]["own_conditions"]
    rows = loaded_store.select(f"""SELECT ?line WHERE {{
        GRAPH ?claim {{ <{records[0]}> rico:hasOrHadSubject <{HUNGARIAN_MISSION}> }} ?claim mosaic:line ?line }}""")
    passages = [(SEEDS / "001_4675ceefadc4d072.txt").read_text(encoding="utf-8").splitlines()[int(r["line"]) - 1]
                for r in rows]
    assert any("isolation of the [Hungarian] Embassy" in passage for passage in passages)


def test_the_informant_ties_vanish_after_september_1956(loaded_store: Store) -> None:
    before = build(loaded_store, "information", Period.from_interval("1953-07/1956-08"))
    after = build(loaded_store, "information", Period.from_interval("1956-09/1960-12"))
    vanished = set(compare(before, after).vanished_edges())
    assert {(PAK_UIWAN, USSR_EMBASSY), (CHOE_CHANG_IK, USSR_EMBASSY)} <= vanished


def test_a_period_keeps_uncertain_dates_that_may_fall_in_it(loaded_store: Store) -> None:
    # Szarvas's report on the KWP, written "late 1954" in the article's body and "December 18, 1954" in its note
    graph = build(loaded_store, "reporting", Period.parse("1954-07-01", "1954-07-31"))
    assert "late 1954" in graph.edges[HUNGARIAN_MISSION, ID + "body/kwp"]["dates"]


def test_affiliation_is_bipartite_with_time(loaded_store: Store) -> None:
    graph = build(loaded_store, "affiliation")
    assert nx.is_bipartite(graph)
    assert graph.nodes[PAK_UIWAN]["kind"] == "person" and graph.nodes[PAK_UIWAN]["bipartite"] == 0
    assert graph.nodes[ID + "faction/soviet-koreans"]["bipartite"] == 1
    assert graph.has_edge(PAK_UIWAN, ID + "faction/soviet-koreans")
    assert any("start" in data for *_, data in graph.edges(data=True))


# --- files, the same network from anywhere, pictures --------------------------------------------

@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_files_load_back_with_networkx_and_keep_time(loaded_store: Store, tmp_path: Path, fmt: str) -> None:
    graph = build(loaded_store, "information")
    path = tmp_path / f"network.{fmt}"
    write(graph, path)
    back = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    assert set(back.nodes) == set(graph.nodes) and set(back.edges) == set(graph.edges)
    edge = back.edges[PAK_UIWAN, USSR_EMBASSY]
    assert (edge["start"], edge["end"]) == ("1956-05-07", "1956-05-07")
    assert back.nodes[PAK_UIWAN]["start"] == "1956-05-07"
    if fmt == "gexf":
        assert 'mode="dynamic"' in path.read_text() and 'timeformat="date"' in path.read_text()


def test_the_same_network_from_the_store_and_from_a_running_server(loaded_store: Store, live_server: str) -> None:
    for kind in ("reporting", "information", "co-mention", "affiliation"):
        here = build(loaded_store, kind)
        there = build(RemoteStore(live_server + "/sparql"), kind)
        assert nx.utils.graphs_equal(here, there), kind


def mosaic(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mosaic", *args], capture_output=True, text=True, timeout=300)


def test_the_plot_is_drawn_and_not_blank(store_path: Path, tmp_path: Path) -> None:
    picture = tmp_path / "reporting.png"
    result = mosaic("network", "plot", "co-mention", "--store", str(store_path), "-o", str(picture))
    assert result.returncode == 0, result.stderr
    image = Image.open(picture).convert("RGB")
    assert image.size[0] > 1000
    assert ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox() is not None
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 50  # nodes, edges, labels and legend


def test_svg_too(store_path: Path, tmp_path: Path) -> None:
    result = mosaic("network", "plot", "reporting", "--store", str(store_path), "-o", str(tmp_path / "r.svg"))
    assert result.returncode == 0 and "<svg" in (tmp_path / "r.svg").read_text()


def test_the_cli_compares_periods(store_path: Path) -> None:
    result = mosaic("network", "compare", "information", "--first", "1953-07/1956-08", "--second", "1956-09/1960-12",
                    "--store", str(store_path), "--format", "json")
    edges = json.loads(result.stdout)["edges"]
    vanished = {(e["source"], e["target"]) for e in edges if e["change"] == "vanished"}
    assert (PAK_UIWAN, USSR_EMBASSY) in vanished


@pytest.mark.parametrize(("command", "expected"), [
    (["metrics", "information", "--from", "1955", "--to", "1956"], "person:pak-ui-wan"),
    (["edges", "information", "--format", "csv"], "May 7, 1956"),
    (["brokerage", "co-mention"], "coordinator"),
    (["ego", "co-mention", "person:kim-il-sung", "--depth", "1"], "person:nam-il"),
])
def test_the_cli_commands(store_path: Path, command: list[str], expected: str) -> None:
    result = mosaic("network", *command, "--store", str(store_path))
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_the_cli_says_when_betweenness_is_estimated(store_path: Path) -> None:
    exact = mosaic("network", "metrics", "co-mention", "--store", str(store_path), "--format", "json")
    estimated = mosaic("network", "metrics", "co-mention", "--store", str(store_path), "--format", "json",
                       "--betweenness-sample", "2")
    assert exact.returncode == estimated.returncode == 0, estimated.stderr
    assert "estimated" not in exact.stderr
    nodes = len(json.loads(estimated.stdout))
    assert f"Betweenness is estimated from 2 of the {nodes} nodes" in estimated.stderr


def test_the_cli_queries_an_endpoint_by_url(live_server: str, tmp_path: Path) -> None:
    target = tmp_path / "information.gexf"
    result = mosaic("network", "export", "information", "--endpoint", live_server + "/sparql", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert set(nx.read_gexf(target).edges) >= {(PAK_UIWAN, USSR_EMBASSY)}


@pytest.mark.parametrize(("script", "expected"), [
    ("who_reported_on_whom.py", "reporting ties"),
    ("informants_before_and_after_the_purge.py", "vanished: Pak Uiwan → Soviet Embassy in the DPRK"),
])
def test_the_example_scripts_run_against_a_running_endpoint(live_server: str, script: str, expected: str) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "examples" / script), live_server + "/sparql"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


# --- the network on the web ---------------------------------------------------------------------

def test_network_json_has_the_filters_of_the_command_line(live_server: str) -> None:
    with urllib.request.urlopen(live_server + "/network.json?kind=information&from=1955&to=1956") as response:
        data = json.load(response)
    assert {(link["source"], link["target"]) for link in data["links"]} >= {(PAK_UIWAN, USSR_EMBASSY)}
    assert data["graph"]["period"] == "1955-01-01/1956-12-31"
    assert all("pagerank" in node and node["href"].startswith("/id/") for node in data["nodes"])
    assert data["graph"]["betweenness_sources"] is None  # a small network: exact


def _network_json(url: str) -> dict:
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def test_network_json_keeps_the_most_central_nodes_when_asked(live_server: str) -> None:
    whole = _network_json(live_server + "/network.json?kind=co-mention")
    top = _network_json(live_server + "/network.json?kind=co-mention&top=3")
    ranked = sorted(whole["nodes"], key=lambda node: (-node["pagerank"], node["id"]))
    kept = {node["id"] for node in ranked[:3]}
    assert {node["id"] for node in top["nodes"]} == kept
    assert {(link["source"], link["target"]) for link in top["links"]} == \
        {(link["source"], link["target"]) for link in whole["links"] if {link["source"], link["target"]} <= kept}
    assert top["graph"]["top"] == 3 and whole["graph"]["top"] is None
    assert top["graph"]["nodes_in_network"] == len(whole["nodes"]) > 3
    assert top["graph"]["edges_in_network"] == len(whole["links"])


@pytest.mark.parametrize("top", ["0", "-1", "many"])
def test_network_json_refuses_a_top_that_is_no_positive_number(live_server: str, top: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(live_server + f"/network.json?kind=co-mention&top={top}")
    assert error.value.code == 400 and "top is a number of nodes" in error.value.read().decode()


def test_the_network_page_draws_only_the_most_central_nodes_of_a_large_network(tab: Tab, live_server: str) -> None:
    whole = len(_network_json(live_server + "/network.json?kind=co-mention")["nodes"])
    page = tab.page
    page.goto(live_server + "/network?kind=co-mention&top=4")
    page.wait_for_selector("#network-status:has-text('most central')")
    assert f"The 4 most central (by PageRank) of its {whole} nodes" in page.inner_text("#network-status")
    assert page.input_value("#network-top") == "4"
    tab.assert_no_problems()


def test_the_network_page_draws_in_the_browser(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto(live_server + "/network?kind=information&from=1955&to=1956")
    page.wait_for_selector("#network-status:has-text('nodes and')")
    assert "3 edges in the information network" in page.inner_text("#network-status")  # Pak Uiwan, Choe, Nam Il
    assert page.locator("#network-canvas canvas").count() > 0
    assert "China-returned Koreans" in page.inner_text(".network-legend")
    tab.assert_no_problems()
