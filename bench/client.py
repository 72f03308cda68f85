"""Talking to a SPARQL endpoint the way a busy client does: keep-alive HTTP, timed, results counted.

One ``Endpoint`` holds one ``http.client`` connection and reuses it, so that latency measures the
server and not TCP set-up. A time limit is a socket timeout: the client gives up and reports the
query as timed out, whatever the server goes on doing. Results are counted (rows, or distinct
triples) and fingerprinted so that the systems' answers can be compared, not only their speed.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import statistics
import threading
import time
from dataclasses import dataclass, field
from itertools import cycle
from urllib.parse import urlsplit

import pyoxigraph as ox

__all__ = ["Answer", "Endpoint", "QueryTimedOut", "QueryTiming", "Throughput", "percentile", "run_throughput",
           "time_query"]


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: its status, media type, body and how long it took (until the body was read)."""

    status: int
    content_type: str
    body: bytes
    seconds: float

    @property
    def ok(self) -> bool:
        return self.status == 200


class QueryTimedOut(Exception):
    """The client's time limit passed before the answer came."""


class Endpoint:
    """A SPARQL query endpoint at ``url`` over one kept-alive connection."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
        self.timeout = timeout
        self._connection: http.client.HTTPConnection | None = None

    def query(self, text: str, accept: str, timeout: float | None = None) -> Answer:
        """POST ``text`` as application/sparql-query; a connection the server closed is reopened once."""
        for attempt in (1, 2):
            fresh = self._connection is None
            try:
                return self._post(text, accept, timeout)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if fresh or attempt == 2:
                    raise
            except TimeoutError as error:
                self.close()
                raise QueryTimedOut(f"no answer within {timeout or self.timeout:g} s") from error
        raise AssertionError("unreachable")

    def _post(self, text: str, accept: str, timeout: float | None) -> Answer:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout or self.timeout)
        elif self._connection.sock is not None:
            self._connection.sock.settimeout(timeout or self.timeout)
        body = text.encode("utf-8")
        started = time.perf_counter()
        self._connection.request("POST", self.path, body=body, headers={
            "Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})
        response = self._connection.getresponse()
        data = response.read()
        seconds = time.perf_counter() - started
        if response.will_close:
            self.close()
        return Answer(response.status, response.getheader("Content-Type", ""), data, seconds)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


# --- counting and fingerprinting answers -------------------------------------------------------------


def count_and_fingerprint(answer: Answer) -> tuple[int, str, str | None]:
    """How many rows (SELECT), 0/1 (ASK) or distinct triples (CONSTRUCT, DESCRIBE), and a hash of them.

    Blank nodes are written as ``_`` in the fingerprint, since engines label them as they like; RDF
    answers count distinct triples because Oxigraph's union default graph may repeat a triple that
    several claims state, while rdflib's may not. The third value is a remark on an answer that had
    to be read other than as labelled (rdflib-endpoint sends DESCRIBE results as RDF/XML labelled
    as SPARQL XML results, whatever was asked for).
    """
    media_type = answer.content_type.split(";")[0].strip()
    if media_type in ("application/sparql-results+json", "application/json"):
        return (*_json_rows(answer.body), None)
    if ox.RdfFormat.from_media_type(media_type) is None and b"<rdf:RDF" in answer.body[:2000]:
        remark = f"answered RDF/XML labelled {media_type}, not the N-Triples asked for"
        return (*_triples(answer.body, "application/rdf+xml"), remark)
    if ox.RdfFormat.from_media_type(media_type) is None:
        raise ValueError(f"an answer in {media_type or 'no media type'}, which the bench cannot read")
    return (*_triples(answer.body, media_type), None)


def _json_rows(body: bytes) -> tuple[int, str]:
    document = json.loads(body)
    if "boolean" in document:
        return int(document["boolean"]), _digest([str(document["boolean"])])
    rows = [json.dumps(sorted((name, _term(value)) for name, value in binding.items()), ensure_ascii=False)
            for binding in document["results"]["bindings"]]
    return len(rows), _digest(sorted(rows))


def _term(value: dict[str, str]) -> str:
    """A JSON results term in one spelling whatever the engine (plain literals as xsd:string)."""
    kind = value["type"]
    if kind == "bnode":
        return "_"
    if kind == "uri":
        return f"<{value['value']}>"
    language = value.get("xml:lang", "").lower()
    datatype = value.get("datatype", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString" if language
                         else "http://www.w3.org/2001/XMLSchema#string")
    return f"{value['value']!r}@{language}^^{datatype}"


def _triples(body: bytes, media_type: str) -> tuple[int, str]:
    triples = set(ox.parse(body, format=ox.RdfFormat.from_media_type(media_type)))
    shown = sorted(" ".join("_" if isinstance(term, ox.BlankNode) else str(term) for term in
                            (t.subject, t.predicate, t.object)) for t in triples)
    return len(triples), _digest(shown)


def _digest(lines: list[str]) -> str:
    return hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest()[:12]


# --- latency ----------------------------------------------------------------------------------------


@dataclass
class QueryTiming:
    """One query on one system: timed runs after warm-up, what it answered, or why it has no figure."""

    status: str = "ok"  # ok, timed out, error: …
    seconds: list[float] = field(default_factory=list)
    count: int | None = None
    fingerprint: str | None = None
    remark: str | None = None

    @property
    def median_ms(self) -> float | None:
        return 1000 * statistics.median(self.seconds) if self.seconds else None

    @property
    def p95_ms(self) -> float | None:
        return 1000 * percentile(self.seconds, 95) if self.seconds else None

    def as_dict(self) -> dict[str, object]:
        return {"status": self.status, "median_ms": self.median_ms, "p95_ms": self.p95_ms, "count": self.count,
                "fingerprint": self.fingerprint, "remark": self.remark,
                "runs_ms": [round(1000 * s, 3) for s in self.seconds]}


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile, interpolated between the closest ranks (as numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def time_query(endpoint: Endpoint, text: str, accept: str, warmups: int, runs: int,
               warmup_seconds: float = 0.0) -> QueryTiming:
    """Warm up, then time ``runs`` answers; the first answer is the one counted and fingerprinted.

    The warm-up is at least ``warmups`` answers and lasts at least ``warmup_seconds``: on this machine a
    query's data takes 15-20 answers in a row to reach steady speed (records-by-year at 1M, in memory:
    15 ms at first, 5.5 ms after), so a fixed couple of warm-ups timed the middle of that slope, and
    the median fell either side of it from run to run.
    """
    timing = QueryTiming()
    warm_until = time.perf_counter() + warmup_seconds
    number = 0
    while len(timing.seconds) < runs:
        try:
            answer = endpoint.query(text, accept)
        except QueryTimedOut as error:
            timing.status = f"timed out ({error})"
            return timing
        if not answer.ok:
            timing.status = f"error: HTTP {answer.status}: {answer.body[:200].decode('utf-8', 'replace')}"
            return timing
        if number == 0:
            try:
                timing.count, timing.fingerprint, timing.remark = count_and_fingerprint(answer)
            except (ValueError, SyntaxError) as error:  # json's errors are ValueErrors, the RDF parsers' SyntaxErrors
                timing.status = f"error: unreadable answer: {error}"
                return timing
        number += 1
        if number > warmups and time.perf_counter() >= warm_until:
            timing.seconds.append(answer.seconds)
    return timing


# --- throughput -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Throughput:
    threads: int
    seconds: float
    completed: int
    errors: int
    timeouts: int
    queries: list[str]

    @property
    def per_second(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"threads": self.threads, "seconds": self.seconds, "completed": self.completed, "errors": self.errors,
                "timeouts": self.timeouts, "queries_per_second": self.per_second, "mix": self.queries}


def run_throughput(url: str, mix: list[tuple[str, str, str]], threads: int, seconds: float,
                   timeout: float) -> Throughput:
    """``threads`` clients, each cycling through ``mix`` (name, text, accept) from its own offset, for
    ``seconds``; an answer counts if it is a 200, and requests started before the end are waited for."""
    counts = {"completed": 0, "errors": 0, "timeouts": 0}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> None:
        endpoint = Endpoint(url, timeout)
        queries = cycle(mix[offset % len(mix):] + mix[:offset % len(mix)])
        try:
            while time.perf_counter() < deadline:
                _, text, accept = next(queries)
                outcome = _attempt(endpoint, text, accept)
                with lock:
                    counts[outcome] += 1
        finally:
            endpoint.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return Throughput(threads, time.perf_counter() - started, counts["completed"], counts["errors"],
                      counts["timeouts"], [name for name, _, _ in mix])


def _attempt(endpoint: Endpoint, text: str, accept: str) -> str:
    try:
        return "completed" if endpoint.query(text, accept).ok else "errors"
    except QueryTimedOut:
        return "timeouts"
    except OSError:
        return "errors"
