"""Fuzzing the live endpoint: thousands of generated queries, malformed and hostile — random text
and bytes (invalid UTF-8 too), mutations of real queries, huge literals, deep nesting, unknown
prefixes, odd percent-encodings, oversized bodies — sent the three ways the protocol allows. The
server must never answer 5xx but the documented 503 of the time limit, must always say what is
wrong in words, and must still answer afterwards.

The examples are derived from a fixed seed (``derandomize``), so a failure in CI is reproducible.
"""

from __future__ import annotations

import http.client
import urllib.parse
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = 2000
# 403: SERVICE or LOAD to a host not allowed; 414 and 431: a GET too long for a URL (use POST)
ALLOWED = {200, 400, 403, 405, 406, 413, 414, 415, 431, 503}
SEEDS = [
    "SELECT ?name WHERE { person:kim-il-sung skos:prefLabel|skos:altLabel ?name }",
    "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s a foaf:Person ; ?p ?o } GROUP BY ?s ORDER BY DESC(?n) LIMIT 5",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10",
    "DESCRIBE <https://w3id.org/mosaic/id/person/kim-il-sung>",
    "ASK { ?s mosaic:edtf ?d FILTER (REGEX(STR(?d), '^19')) }",
    'SELECT * WHERE { ?s rdfs:label ?l FILTER (CONTAINS(LCASE(STR(?l)), "embassy")) } LIMIT 3',
    "SELECT * WHERE { ?a org:member ?b . OPTIONAL { ?b org:organization/mosaic:sendingState ?c } } LIMIT 7",
]
ACCEPTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/turtle",
           "text/html", "application/json", "*/*", "image/png", "", "text/*;q=0.1, garbage/;;", "\x7f"]


@dataclass(frozen=True)
class Attempt:
    method: str  # get, form or direct
    body: bytes
    accept: str

    def __repr__(self) -> str:  # short, for failure reports: bodies run to megabytes
        return f"Attempt({self.method!r}, {len(self.body)} bytes: {self.body[:160]!r}…, accept={self.accept!r})"


def _mutate(data: st.DataObject, text: str) -> str:
    """Delete, insert, duplicate or replace a few slices of a real query."""
    for _ in range(data.draw(st.integers(1, 4))):
        if not text:
            break
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 12))
        insert = data.draw(st.sampled_from(["", "{", "}", "(", ")", '"', "<", ">", "?", "\\", "'''", " UNION ",
                                            " SERVICE <http://example.org/sparql> ", " LOAD <http://x/> ", "\x00",
                                            "\ud7ff", "ß", "𝔘", "%", "#", "\n", " FILTER ", " BIND ( "]))
        text = text[:at] + insert + text[at + cut:]
    return text


@st.composite
def hostile(draw: st.DrawFn) -> bytes:
    """One query text, as bytes (not always valid UTF-8)."""
    kind = draw(st.sampled_from(["text", "bytes", "mutated", "literal", "nesting", "prefix", "long"]))
    if kind == "bytes":
        return draw(st.binary(max_size=400))
    if kind == "text":
        text = draw(st.text(max_size=300))
    elif kind == "mutated":
        text = _mutate(draw(st.data()), draw(st.sampled_from(SEEDS)))
    elif kind == "literal":
        size = draw(st.sampled_from([10, 1000, 50_000, 99_000, 150_000]))
        text = f'SELECT * WHERE {{ ?s ?p "{draw(st.characters()) * size}" }}'
    elif kind == "nesting":
        depth = draw(st.integers(1, 20_000))
        opening, closing = draw(st.sampled_from([("(", ")"), ("{", "}"), ("[", "]")]))
        text = "SELECT * WHERE { FILTER (" + opening * depth + "1" + closing * draw(st.integers(0, depth)) + ") }"
    elif kind == "prefix":
        prefix = draw(st.from_regex(r"[a-zA-Z][\w-]{0,8}", fullmatch=True))
        text = f"SELECT * WHERE {{ {prefix}:x ?p ?o }}"
    else:
        text = "SELECT * WHERE { ?s ?p ?o } #" + "x" * draw(st.sampled_from([99_000, 100_001, 2_000_000]))
    return text.encode("utf-8", "surrogatepass")


attempts = st.builds(Attempt, st.sampled_from(["get", "form", "direct"]), hostile(), st.sampled_from(ACCEPTS))


def _send(base: str, attempt: Attempt) -> tuple[int, str, bytes]:
    """One request on a fresh connection; returns status, content type and body."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Accept": attempt.accept} if attempt.accept else {}
    quoted = urllib.parse.quote_from_bytes(attempt.body)
    if attempt.method == "get":
        connection.request("GET", "/sparql?query=" + quoted, headers=headers)
    elif attempt.method == "form":
        connection.request("POST", "/sparql", body=b"query=" + quoted.encode("ascii"),
                           headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
    else:
        connection.request("POST", "/sparql", body=attempt.body,
                           headers={**headers, "Content-Type": "application/sparql-query"})
    response = connection.getresponse()
    answer = (response.status, response.getheader("Content-Type", ""), response.read())
    connection.close()
    return answer


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # a failing example may be megabytes long
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(attempt=attempts)
def test_hostile_queries_get_a_clear_answer_never_a_crash(live_server: str, attempt: Attempt) -> None:
    try:
        status, content_type, body = _send(live_server, attempt)
    except (BrokenPipeError, ConnectionResetError):
        # the server may answer 413 and close before an oversized body is all sent; nothing smaller
        assert len(attempt.body) > 100_000, "only a request over the size limit may be cut off while it is sent"
        return
    assert status in ALLOWED, (status, body[:300])
    if status >= 400:
        assert body.strip(), status
        assert content_type.split(";")[0] in ("text/plain", "application/json", "text/html"), content_type
        assert b"Traceback" not in body


def test_the_server_still_answers_after_the_fuzzing(live_server: str) -> None:
    status, _, body = _send(live_server, Attempt("direct", b"ASK { ?s ?p ?o }", "application/sparql-results+json"))
    assert status == 200 and b"true" in body
