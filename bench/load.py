"""Load test: many concurrent clients on a mix of SPARQL queries and page views for a while, and one
runaway query sent in the middle, against a Mosaic server on 127.0.0.1.

    python bench/load.py --url http://127.0.0.1:8090 --clients 50 --seconds 60

Prints requests, errors, throughput, and median and p99 latency per kind of request, and how the
runaway query ended (it must be cut at the server's time limit and must not starve the others).
With ``--json FILE`` the figures are also written as JSON. Only 127.0.0.1 is allowed as target.
Exit code 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "mosaic" / "web" / "examples"
PAGES = [("/", "text/html"), ("/id/person/kim-il-sung", "text/html"),
         ("/id/document/hungary-report-1953-12-22", "text/html"), ("/id/person/pak-ui-wan", "text/turtle"),
         ("/network.json?kind=information", "application/json"), ("/resolve?name=Kim+Il+Sung", "application/json"),
         ("/coverage.json", "application/json"), ("/.well-known/void", "text/turtle")]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class Tally:
    """What the clients saw, per kind of request."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    finished: list[float] = field(default_factory=list)  # when each answer came (monotonic clock)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.finished.append(time.monotonic())
            if problem:
                self.errors.append(f"{kind}: {problem}")


def requests() -> list[tuple[str, str, str, str]]:
    """(kind, method, target or query, accept) for every request of the mix."""
    mix = [("query", "POST", path.read_text(encoding="utf-8"), "application/sparql-results+json")
           for path in sorted(EXAMPLES.glob("*.rq"))]
    return mix + [("page", "GET", page, accept) for page, accept in PAGES]


def client(host: str, port: int, stop: float, tally: Tally, offset: int) -> None:
    """One client: the mix in turn, on one keep-alive connection, until ``stop``."""
    mix = requests()
    connection = http.client.HTTPConnection(host, port, timeout=120)
    turn = offset
    while time.monotonic() < stop:
        kind, method, what, accept = mix[turn % len(mix)]
        turn += 1
        started = time.monotonic()
        try:
            status = _send(connection, method, what, accept)
            problem = None if status == 200 else f"HTTP {status}"
        except (OSError, http.client.HTTPException) as error:
            problem = f"{type(error).__name__}: {error}"
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=120)
        tally.record(kind, time.monotonic() - started, problem)
    connection.close()


def _send(connection: http.client.HTTPConnection, method: str, what: str, accept: str) -> int:
    if method == "POST":
        connection.request("POST", "/sparql", body=what.encode("utf-8"),
                           headers={"Content-Type": "application/sparql-query", "Accept": accept})
    else:
        connection.request("GET", what, headers={"Accept": accept})
    response = connection.getresponse()
    response.read()
    return response.status


def runaway(host: str, port: int, result: dict[str, object]) -> None:
    """The query that would run for hours: it must come back 503 at the time limit."""
    connection = http.client.HTTPConnection(host, port, timeout=600)
    started = time.monotonic()
    connection.request("GET", "/sparql?query=" + urllib.parse.quote(RUNAWAY))
    response = connection.getresponse()
    response.read()
    result.update(status=response.status, seconds=round(time.monotonic() - started, 2), started=started,
                  ended=time.monotonic())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(tally: Tally, seconds: float, clients: int, runaway_result: dict[str, object]) -> dict[str, object]:
    every = [value for values in tally.latencies.values() for value in values]
    started, ended = runaway_result.pop("started", 0.0), runaway_result.pop("ended", 0.0)
    # the others are not starved: answers keep coming while the runaway query holds a worker
    runaway_result["answered_meanwhile"] = sum(started <= moment <= ended for moment in tally.finished)
    kinds = {kind: {"requests": len(values), "median_ms": round(statistics.median(values) * 1000, 1),
                    "p99_ms": round(percentile(values, 0.99) * 1000, 1)} for kind, values in tally.latencies.items()}
    return {"clients": clients, "seconds": seconds, "requests": len(every), "errors": len(tally.errors),
            "first_errors": tally.errors[:10], "throughput_per_s": round(len(every) / seconds, 1),
            "median_ms": round(statistics.median(every) * 1000, 1), "p99_ms": round(percentile(every, 0.99) * 1000, 1),
            "by_kind": kinds, "runaway": runaway_result}


def run(url: str, clients: int, seconds: float, runaway_after: float) -> dict[str, object]:
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("the load test only targets a server on this machine (127.0.0.1)")
    host, port = parts.hostname, parts.port or 80
    tally, runaway_result = Tally(), {}
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(host, port, stop, tally, n), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(runaway_after)
    cut = threading.Thread(target=runaway, args=(host, port, runaway_result), daemon=True)
    cut.start()
    for thread in threads:
        thread.join()
    cut.join(timeout=600)
    return summary(tally, seconds, clients, runaway_result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8090")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--runaway-after", type=float, default=5, help="seconds before the runaway query is sent")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures = run(args.url, args.clients, args.seconds, args.runaway_after)
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    sys.exit(1 if figures["errors"] else 0)


if __name__ == "__main__":
    main()
