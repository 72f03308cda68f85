"""Errors a person can act on: bad input to the command line and the server gets a message that says
what is wrong and where, the documented exit code (2) or a 400, and never a traceback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from mosaic.analysis.network import Period
from mosaic.errors import PeriodError
from mosaic.graph.sparql_errors import explain, undeclared_prefixes


def mosaic(*args: str, store: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mosaic", *args] + (["--store", str(store)] if store else [])
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def refused(result: subprocess.CompletedProcess[str], *said: str) -> None:
    """The command exited 2 with a short message holding each of ``said``, and no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) <= 6, result.stderr
    for words in said:
        assert words in result.stderr, (words, result.stderr)


# --- the server's port ------------------------------------------------------------------------------


def test_a_port_in_use_is_named_with_the_option_that_changes_it(store_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "server.py"), "--port", str(port), "--store",
                                 str(store_path)], capture_output=True, text=True, timeout=120)
    refused(result, f"port {port} on 127.0.0.1 is already in use", "--port", "MOSAIC_PORT")


def test_a_host_that_is_not_this_machine_names_the_host_option(store_path: Path) -> None:
    refused(mosaic("serve", "--host", "no-such-host.invalid", "--port", "0", store=store_path),
            "'no-such-host.invalid'", "--host", "MOSAIC_HOST")


# --- network files and pictures ---------------------------------------------------------------------


def test_a_network_file_of_an_unknown_suffix_names_the_ones_it_writes(store_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "network.xlsx"
    refused(mosaic("network", "export", "reporting", "-o", str(target), store=store_path),
            "network.xlsx", ".gexf, .graphml, .json", "--format")
    assert not target.exists()


def test_a_picture_of_an_unknown_suffix_or_measure_is_refused(store_path: Path, tmp_path: Path) -> None:
    refused(mosaic("network", "plot", "co-mention", "-o", str(tmp_path / "x.xlsx"), store=store_path),
            "x.xlsx", ".png or .svg")
    refused(mosaic("network", "plot", "co-mention", "-o", str(tmp_path / "x.png"), "--size-by", "fame",
                   store=store_path), "--size-by", "pagerank")


@pytest.mark.parametrize("command", [
    ["export", "-o", "{missing}/network.gexf"],
    ["edges", "--format", "csv", "-o", "{missing}/edges.csv"],
])
def test_writing_into_a_missing_folder_names_the_file(store_path: Path, tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "no-such-folder"
    args = [part.format(missing=missing) for part in command]
    refused(mosaic("network", args[0], "reporting", *args[1:], store=store_path),
            f"{missing}/", "No such file or directory")


@pytest.mark.parametrize("command", [["metrics", "reporting", "--top", "-3"],
                                     ["ego", "co-mention", "person:kim-il-sung", "--depth", "-1"]])
def test_a_negative_count_is_refused_not_read_backwards(store_path: Path, command: list[str]) -> None:
    """``--top -3`` gave every row but the last three; ``--depth -1`` an empty network."""
    refused(mosaic("network", *command, store=store_path), command[-2], "x>=0")


def test_export_into_a_missing_folder_names_the_file(store_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "graph.trig"
    refused(mosaic("export", "-o", str(target), store=store_path), str(target), "No such file or directory")


# --- periods ----------------------------------------------------------------------------------------


def test_a_period_that_ends_before_it_starts_is_refused_once_in_period() -> None:
    with pytest.raises(PeriodError, match="from 1957 to 1955 ends before it starts"):
        Period.parse("1957", "1955")
    with pytest.raises(PeriodError, match="1956-12-01 is after 1956-06-30"):
        Period.from_interval("1956-12/1956-06")
    assert Period.parse("1956", "1956") == Period.from_interval("1956/1956")
    assert Period.parse("1956-09", "1956") == Period(date(1956, 9, 1), date(1956, 12, 31))


@pytest.mark.parametrize("command", [
    ["metrics", "reporting"], ["edges", "reporting"], ["brokerage", "co-mention"],
    ["export", "reporting", "-o", "network.gexf"], ["ego", "co-mention", "person:kim-il-sung"],
])
def test_every_network_command_refuses_a_reversed_period(store_path: Path, tmp_path: Path,
                                                         command: list[str]) -> None:
    args = [str(tmp_path / part) if part.endswith(".gexf") else part for part in command]
    refused(mosaic("network", *args, "--from", "1957", "--to", "1955", store=store_path),
            "--from/--to", "from 1957 to 1955 ends before it starts")


def test_compare_names_the_reversed_period(store_path: Path) -> None:
    refused(mosaic("network", "compare", "reporting", "--first", "1953/1956", "--second", "1960/1957",
                   store=store_path), "--second", "from 1960 to 1957 ends before it starts")


def test_an_unreadable_period_names_the_options(store_path: Path) -> None:
    refused(mosaic("network", "edges", "reporting", "--from", "Mya 1956", store=store_path),
            "--from/--to", "'Mya 1956' is not a date")


@pytest.mark.parametrize("page", ["/network.json", "/network"])
def test_the_server_answers_a_reversed_period_with_400(live_server: str, page: str) -> None:
    request = urllib.request.Request(f"{live_server}{page}?kind=reporting&from=1957&to=1955",
                                     headers={"Accept": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=60)
    assert answer.value.code == 400
    message = json.loads(answer.value.read())["error"]["message"]
    assert "from and to" in message and "ends before it starts" in message


# --- caveats of a record ----------------------------------------------------------------------------


def test_caveats_of_a_record_that_does_not_exist_exit_2(store_path: Path) -> None:
    refused(mosaic("caveats", "doc:no-such-record", store=store_path), "no record doc:no-such-record")
    refused(mosaic("caveats", "doc:no-such-record", "--json", store=store_path), "no record doc:no-such-record")


def test_caveats_of_something_that_is_not_a_record_say_what_it_is(store_path: Path) -> None:
    refused(mosaic("caveats", "person:kim-il-sung", store=store_path), "not a record but a foaf:Person")
    refused(mosaic("caveats", "not a record", store=store_path), "RECORD", "doc:")


def test_a_record_without_caveats_says_none_apply_and_exits_0(store_path: Path) -> None:
    result = mosaic("caveats", "doc:article-diplomatic-record", store=store_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No caveats apply to doc:article-diplomatic-record")
    answer = json.loads(mosaic("caveats", "doc:article-diplomatic-record", "--json", store=store_path).stdout)
    assert answer["caveats"] == []


# --- queries ----------------------------------------------------------------------------------------


def test_an_empty_query_says_it_is_empty(store_path: Path, tmp_path: Path) -> None:
    refused(mosaic("query", "  \n", store=store_path), "the query is empty")
    (tmp_path / "empty.rq").write_text("\n", encoding="utf-8")
    refused(mosaic("query", "-f", str(tmp_path / "empty.rq"), store=store_path), "empty.rq is empty")


def test_a_graph_asked_for_as_a_table_format_names_the_rdf_formats(store_path: Path) -> None:
    refused(mosaic("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "--format", "csv",
                   store=store_path), "a CONSTRUCT result is a graph", "turtle", "not csv")


UNICODE_RANGES = "\\u{"


def test_an_undeclared_prefix_is_named_with_how_to_declare_it() -> None:
    query = "SELECT ?s WHERE {\n  ?s foo:bar ?o }"
    message = explain("error at 2:14: expected one of Prefix not found, ['%'], ['\\u{00B7}']", query)
    assert message.startswith("prefix foo: is not declared (line 2, column 6). Declare it")
    assert "PREFIX foo: <" in message
    assert "person:" in message and "rico:" in message  # the prefixes Mosaic declares for every query
    assert UNICODE_RANGES not in message


def test_prefixes_in_strings_iris_and_comments_and_declared_ones_are_not_blamed() -> None:
    query = ('PREFIX ex: <http://example.org/ns#>\nSELECT * { ?s ex:a "not:a prefix" ; <http://x.org:80/p> _:b ;'
             ' person:kim-il-sung ?o . ?o owl:sameAs wd:Q1 } # no:prefix')
    assert undeclared_prefixes(query) == {"wd": query.index("wd:")}
    assert undeclared_prefixes("SELECT * { ?s ?p :x . ?x bar:y ?z }").keys() == {"", "bar"}


@pytest.mark.parametrize("text", ["", "   ", "# only a comment\n", "PREFIX ex: <http://example.org/ns#>\n"])
def test_a_query_with_nothing_after_its_prologue_is_called_empty(text: str) -> None:
    assert explain("error at 1:1: expected [_]", text).startswith("the query is empty")


def test_other_mistakes_keep_the_tokens_and_mark_the_place() -> None:
    query = "SELECT * {\n  ?s ?p ?o"
    message = explain("error at 2:11: expected one of \",\", \".\", \"}\", ['0' ..= '9' | '\\u{00B7}'], [_]", query)
    assert message == 'line 2, column 11: expected one of ",", ".", "}"\n    ?s ?p ?o\n            ^'
    assert explain("error at 1:20: expected [_]", "SELECT * { ?s ?p ?o").startswith(
        "line 1, column 20: the query ends too soon")


def test_mosaic_query_names_an_undeclared_prefix(store_path: Path) -> None:
    result = mosaic("query", "SELECT * WHERE {\n  ?s foo:bar ?o }", store=store_path)
    refused(result, "prefix foo: is not declared (line 2, column 6)", "PREFIX foo: <", "person:")
    assert UNICODE_RANGES not in result.stderr


def test_mosaic_query_of_nothing_but_a_comment_says_it_is_empty(store_path: Path) -> None:
    refused(mosaic("query", "# what did the Soviet embassy report?\n", store=store_path), "the query is empty")


def _sparql_error(base: str, query: str) -> tuple[int, str]:
    request = urllib.request.Request(f"{base}/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=60)
    return answer.value.code, answer.value.read().decode("utf-8")


def test_the_endpoint_answers_an_undeclared_prefix_with_400_and_how_to_declare_it(live_server: str) -> None:
    status, message = _sparql_error(live_server, "SELECT * WHERE { ?s foo:bar ?o }")
    assert status == 400
    assert "prefix foo: is not declared (line 1, column 21)" in message and "PREFIX foo: <" in message
    assert UNICODE_RANGES not in message


def test_the_endpoint_calls_an_empty_query_empty(live_server: str) -> None:
    status, message = _sparql_error(live_server, "  ")
    assert status == 400 and "the query is empty" in message and "expected [_]" not in message
