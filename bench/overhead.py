"""Where a request's time goes: each bench query answered by Mosaic layer by layer, beside the Oxigraph
server and beside the thinnest Python HTTP front there can be, in one run on the same data.

    python bench/overhead.py --size 1M
    python bench/overhead.py --size 100k --runs 500

Each layer is timed on the same store, one query at a time, by one client:

- **store**: Mosaic's store answering in this process from its in-memory copy (engine and serializer);
- **worker**: the same through a query worker process, which is what makes a runaway query stoppable;
- **app**: the same through Mosaic's Flask app called as WSGI in this process (the endpoint's checks);
- **Mosaic**: ``mosaic serve`` over HTTP, as users meet it (waitress in front of the app);
- **waitress**: bench/floor_server.py over HTTP, the store in memory as a bare WSGI app under
  waitress in one process: no Flask, no checks, no worker process, no time limit;
- **floor**: bench/floor_server.py over HTTP, the same store behind raw sockets, one thread reading
  each request and writing its answer: as fast as a Python front can be;
- **Oxigraph**: the Oxigraph server in memory over HTTP, the peer the latency target is set against.

The data and the queries are compare.py's (``--workdir`` holds the data, reused); the results go to
``bench/results/overhead-<date>-<time>.md`` and ``.json``.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from client import Endpoint, time_query
from flask import Flask
from report import machine_info, markdown_table, ratio
from systems import MOSAIC_WORKERS, SYSTEMS, System, Workspace, launched
from werkzeug.test import EnvironBuilder
from workload import Query, load_queries, pick_values, prepare_data

from mosaic.cli.synth import parse_count
from mosaic.graph.store import UNION, EmbeddedStore
from mosaic.web import ServerConfig, create_app

HERE = Path(__file__).resolve().parent
LAYERS = {"store": "store", "worker": "+ worker", "app": "+ app (WSGI)", "mosaic": "Mosaic (HTTP)",
          "waitress": "waitress (HTTP)", "floor": "floor (HTTP)", "oxigraph": "Oxigraph (HTTP)"}
_FORMAT = {"select": "json", "ask": "json", "construct": "ntriples", "describe": "ntriples"}


class FloorServer(System):
    """bench/floor_server.py over Mosaic's store, with the front named by ``front``."""

    def __init__(self, front: str) -> None:
        self.front = self.key = self.label = front

    def command(self, ws: Workspace, port: int) -> list[str]:
        return [sys.executable, str(HERE / "floor_server.py"), "--store", str(ws.path("mosaic-store")),
                "--port", str(port), "--front", self.front]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_count, default=parse_count("100k"), help="triples (20k, 100k, 1M)")
    parser.add_argument("--runs", type=int, default=200, help="timed runs per query and layer")
    parser.add_argument("--warmups", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mosaic-bench")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    return parser.parse_args()


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def summary(seconds: list[float]) -> dict[str, float]:
    return {"median_ms": 1000 * statistics.median(seconds), "min_ms": 1000 * min(seconds)}


def timed(call: Callable[[], object], warmups: int, runs: int) -> dict[str, float]:
    """Median and least milliseconds of ``runs`` calls after ``warmups`` untimed ones."""
    for _ in range(warmups):
        call()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return summary(seconds)


def over_http(url: str, queries: list[Query], system: str, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    endpoint = Endpoint(url, 60)
    figures = {}
    try:
        for query in queries:
            timing = time_query(endpoint, query.text_for(system), query.accept, args.warmups, args.runs)
            if timing.status != "ok":
                raise RuntimeError(f"{system}, {query.name}: {timing.status}")
            figures[query.name] = {**summary(timing.seconds), "answers": timing.count}
    finally:
        endpoint.close()
    return figures


def wsgi_call(app: Flask, query: Query) -> Callable[[], bytes]:
    """A call of the app as a WSGI server would make it, for a POST of the query."""
    body = query.text_for("mosaic").encode()
    environ = EnvironBuilder(path="/sparql", method="POST", data=body, headers={
        "Content-Type": "application/sparql-query", "Accept": query.accept}).get_environ()
    statuses: list[str] = []

    def call() -> bytes:
        statuses.clear()
        answer = b"".join(app({**environ, "wsgi.input": io.BytesIO(body)}, lambda status, *_: statuses.append(status)))
        if not statuses[0].startswith("200"):
            raise RuntimeError(f"the app answered {query.name} with {statuses[0]}: {answer[:300]!r}")
        return answer

    return call


def wait_for(ready: Callable[[], bool], what: str, limit: float = 600) -> None:
    deadline = time.monotonic() + limit
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {limit:g} s")
        time.sleep(0.05)


def in_process(store_dir: Path, queries: list[Query], args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """The store, a worker and the app, each called from this process."""
    store = EmbeddedStore(store_dir, in_memory=True)
    store.ask("ASK {}")
    wait_for(store.in_memory_now, "the in-memory copy of the store")
    app = create_app(ServerConfig.from_settings(store=str(store_dir), workers=MOSAIC_WORKERS, memory=True))
    workers = app.extensions["mosaic.workers"]
    layers: dict[str, dict[str, Any]] = {"store": {}, "worker": {}, "app": {}}
    try:
        wait_for(lambda: workers.call("answers_from_memory"), "the query workers' in-memory copies")
        for query in queries:
            text, fmt = query.text_for("mosaic"), _FORMAT[query.form]
            layers["store"][query.name] = timed(lambda: store.results(text, fmt), args.warmups, args.runs)
            layers["worker"][query.name] = timed(lambda: workers.call("results", text, fmt, UNION),
                                                args.warmups, args.runs)
            layers["app"][query.name] = timed(wsgi_call(app, query), args.warmups, args.runs)
            log(f"  {query.name}: in process")
    finally:
        workers.close()
    return layers


def measure(args: argparse.Namespace) -> dict[str, Any]:
    folder = args.workdir / f"n{args.size}"
    data = prepare_data(folder / "data", args.size, args.seed, str(Path(sys.executable).parent / "mosaic"))
    queries = load_queries(pick_values(data))
    run_dir = folder / "overhead"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    ws = Workspace(run_dir, data, query_timeout=60, rdflib_timeout=60)
    layers: dict[str, dict[str, Any]] = {}
    try:
        for key, system, asked_as in [("mosaic", SYSTEMS["mosaic"], "mosaic"),
                                      ("waitress", FloorServer("waitress"), "mosaic"),
                                      ("floor", FloorServer("raw"), "mosaic"),
                                      ("oxigraph", SYSTEMS["oxigraph-mem"], "oxigraph-mem")]:
            log(f"{LAYERS[key]}: starting")
            with launched(system, ws) as running:
                layers[key] = over_http(running.url, queries, asked_as, args)
            if key == "mosaic":
                layers.update(in_process(ws.path("mosaic-store"), queries, args))
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
    return {"machine": machine_info(), "date": f"{datetime.now():%Y-%m-%d %H:%M}", "triples": args.size, "quads": data.quads, "runs": args.runs,
            "warmups": args.warmups, "queries": [q.name for q in queries],
            "rewritten": [q.name for q in queries if "mosaic" in q.overrides], "layers": layers}


SHORT_MS = 2.0  # queries the store answers faster than this show a request's fixed cost; slower ones vary more


def _added_row(layers: dict[str, dict[str, Any]], queries: list[str]) -> list[str]:
    """What each column adds to the store's time, the median over the short queries (on longer ones the
    run-to-run variation of the query itself, several ms, hides the fixed cost of a request)."""
    short = [name for name in queries if layers["store"][name]["median_ms"] < SHORT_MS]
    row = [f"added to the store's time (median over the {len(short)} queries under {SHORT_MS:g} ms, ms)"]
    for key in LAYERS:
        row.append(f"{statistics.median(layers[key][n]['median_ms'] - layers['store'][n]['median_ms'] for n in short):.3f}"
                   if short else "–")
    return row + ["", ""]


def render(results: dict[str, Any]) -> str:
    layers = results["layers"]
    header = ["query (median ms)", *LAYERS.values(), "Mosaic ÷ Oxigraph", "floor ÷ Oxigraph"]
    rows = []
    for name in results["queries"]:
        cells = {key: layers[key][name]["median_ms"] for key in LAYERS}
        rows.append([name + (" *" if name in results["rewritten"] else ""), *(f"{cells[k]:.3f}" for k in LAYERS),
                     ratio(cells["mosaic"], cells["oxigraph"]), ratio(cells["floor"], cells["oxigraph"])])
    rows.append(_added_row(layers, results["queries"]))
    machine = results["machine"]
    return "\n\n".join([
        f"# Where a request's time goes — {results['date']}",
        f"{results['triples']:,} triples ({results['quads']:,} quads before Mosaic derives), one client, "
        f"median of {results['runs']} runs after {results['warmups']} warm-ups; {machine['cpu']}, commit "
        f"{machine['commit']}. See bench/overhead.py for what each column is.",
        markdown_table(header, rows),
        "\\* Mosaic answers this one with its own query (over the tallies it derives); the store, the worker, the "
        "app, waitress and the floor server are asked Mosaic's query, Oxigraph the plain one."])


def main() -> None:
    args = parse_args()
    results = measure(args)
    text = render(results)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = f"overhead-{datetime.now():%Y-%m-%d-%H%M}"
    (args.out / f"{stamp}.md").write_text(text + "\n", encoding="utf-8")
    (args.out / f"{stamp}.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    log(f"wrote {args.out / stamp}.md and .json")


if __name__ == "__main__":
    main()
