"""Mosaic's SPARQL endpoint against Oxigraph (in memory and on disk) and rdflib-endpoint, in one run,
on the same generated quads: load, start-up, memory, query latency, throughput, SHACL and networks.

    python bench/compare.py --sizes 100k,1M --runs 10 --throughput-seconds 20
    python bench/compare.py --sizes 100k --systems mosaic,oxigraph-mem
    python bench/compare.py --quick          # a smoke run: 20k triples, few runs

Every server binds 127.0.0.1 on a free port and is stopped when its turn ends, also on Ctrl-C.
Results go to bench/results/<date>-<time>.md and .json, and bench/results/latest.md; see
bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from client import Endpoint, QueryTimedOut, QueryTiming, run_throughput, time_query
from report import evaluate_targets, machine_info, render, write_results
from systems import SYSTEMS, Running, System, Workspace, launched
from workload import Query, load_queries, pick_values, prepare_data

from mosaic.cli.synth import parse_count

HERE = Path(__file__).resolve().parent
_SERVER_GRACE = 10  # seconds the client waits beyond a server's own time limit, so the server's answer wins


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--sizes", default=argparse.SUPPRESS,
                        help="comma-separated numbers of triples (100k if not given; 20k with --quick)")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of the systems")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per query, after the warm-up")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs per query first (at least)")
    parser.add_argument("--warmup-seconds", type=float, default=1.0,
                        help="untimed runs go on for at least this long, until the query runs at steady speed")
    parser.add_argument("--throughput-seconds", type=float, default=20, help="how long the 8 clients run")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients for throughput")
    parser.add_argument("--query-timeout", type=float, default=60,
                        help="seconds a query may run on Mosaic and Oxigraph (their own time limit)")
    parser.add_argument("--rdflib-timeout", type=float, default=30,
                        help="seconds the client waits for rdflib-endpoint before calling a query timed out")
    parser.add_argument("--pyshacl-max", default="100k", help="largest size pySHACL is run at")
    parser.add_argument("--offline-timeout", type=float, default=900,
                        help="seconds a SHACL or network measure may take before it is stopped")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mosaic-load", choices=("auto", "data-file", "synth"), default="auto",
                        help="how Mosaic's store is built (auto: `mosaic load --data-file` if Mosaic has it)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mosaic-bench",
                        help="where data (kept for reuse), stores and logs go")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="where the results are written")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 20k triples, 3 runs, 3 s of throughput")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.warmups, args.warmup_seconds, args.throughput_seconds = 3, 1, 0, 3
    args.sizes = getattr(args, "sizes", "20k" if args.quick else "100k")
    unknown = set(args.systems.split(",")) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}; known: {', '.join(SYSTEMS)}")
    return args


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- one system ---------------------------------------------------------------------------------------


def client_timeout(running: Running) -> float:
    system = running.system
    return system.timeout(running.ws) + (0 if system.restart_on_timeout else _SERVER_GRACE)


def measure_latency(running: Running, queries: list[Query], args: argparse.Namespace) -> dict[str, QueryTiming]:
    """Each query timed in turn; a server that cannot stop a query it overran is restarted after it."""
    timings: dict[str, QueryTiming] = {}
    endpoint = Endpoint(running.url, client_timeout(running))
    try:
        for query in queries:
            timing = time_query(endpoint, query.text_for(running.system.key), query.accept, args.warmups, args.runs,
                                args.warmup_seconds)
            timings[query.name] = timing
            log(f"  {query.name}: " + (f"median {timing.median_ms:.2f} ms, {timing.count} answers"
                                        if timing.median_ms is not None else timing.status))
            if timing.status.startswith("timed out") and running.system.restart_on_timeout:
                endpoint.close()
                log(f"  restarting {running.system.label} to drop the query it is still running")
                running.restart()
                endpoint = Endpoint(running.url, client_timeout(running))
    finally:
        endpoint.close()
    return timings


def count_quads(running: Running) -> int | None:
    """How many quads the system serves: more than the data's would be derived quads, fewer a loss."""
    endpoint = Endpoint(running.url, client_timeout(running))
    try:
        answer = endpoint.query("SELECT (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                "application/sparql-results+json")
        return int(json.loads(answer.body)["results"]["bindings"][0]["quads"]["value"]) if answer.ok else None
    except (QueryTimedOut, OSError, ValueError, KeyError):
        return None
    finally:
        endpoint.close()


def measure_throughput(running: Running, queries: list[Query], timings: dict[str, QueryTiming],
                       args: argparse.Namespace) -> dict[str, Any]:
    """The clients cycle through the queries this system answered when timed (all of them, normally)."""
    key = running.system.key
    mix = [(q.name, q.text_for(key), q.accept) for q in queries if timings[q.name].status == "ok"]
    if not mix:
        return {}
    result = run_throughput(running.url, mix, args.threads, args.throughput_seconds, client_timeout(running))
    log(f"  throughput: {result.per_second:.1f} queries/s, {result.errors} errors, {result.timeouts} timeouts")
    if result.timeouts and running.system.restart_on_timeout:
        running.restart()
    return result.as_dict()


def run_offline(arguments: list[str], limit: float) -> dict[str, Any]:
    """``bench/offline.py`` with ``arguments`` in a process of its own, stopped after ``limit`` seconds."""
    try:
        done = subprocess.run([sys.executable, str(HERE / "offline.py"), *arguments], check=False, capture_output=True,
                              text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"status": "timed out", "reason": f"stopped after {limit:g} s"}
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no output"]
        return {"status": "error", "reason": lines[-1][:300]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def bench_system(system: System, ws: Workspace, queries: list[Query], args: argparse.Namespace) -> dict[str, Any]:
    """All of one system's measures; a system that cannot be loaded or started is reported as failed."""
    log(f"{system.label}: loading and starting")
    try:
        return _bench_running_system(system, ws, queries, args)
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        log_file = ws.path(f"{system.key}.log")
        tail = log_file.read_text(errors="replace").strip().splitlines()[-1:] if log_file.exists() else []
        reason = f"{error}" + (f" — its log ends: {tail[0][:300]}" if tail else "")
        log(f"  failed: {reason}")
        return {"load_s": None, "startup_s": None, "warm_s": None, "quads": None, "memory": {}, "latency": {}, "throughput": {},
                "network": {}, "restarts": 0, "notes": [f"failed: {reason}"], "failed": True}


def _bench_running_system(system: System, ws: Workspace, queries: list[Query],
                          args: argparse.Namespace) -> dict[str, Any]:
    with launched(system, ws) as running:
        log(f"  load {running.load.seconds if running.load else 0:.2f} s, start-up {running.startup_s:.2f} s, "
            f"warm {running.warm_s:.2f} s")
        quads = count_quads(running)
        timings = measure_latency(running, queries, args)
        throughput = measure_throughput(running, queries, timings, args)
        log("  network")
        network = run_offline(["network", *system.network_source(ws, running.url),
                               "--timeout", str(client_timeout(running))], args.offline_timeout)
    notes = [f"store built with {running.load.how}"] if running.load and running.load.how else []
    if running.restarts:
        notes.append(f"restarted {running.restarts} times to drop queries it overran")
    if throughput and len(throughput["mix"]) < len(queries):
        notes.append(f"throughput mix left out {len(queries) - len(throughput['mix'])} queries it did not answer")
    return {"load_s": running.load.seconds if running.load else None,
            "load_peak_rss_mb": running.load.peak_rss_mb if running.load else None,
            "load_output": running.load.output[-500:] if running.load else None,
            "startup_s": running.startup_s, "warm_s": running.warm_s, "quads": quads, "memory": running.memory, "restarts": running.restarts,
            "latency": {name: timing.as_dict() for name, timing in timings.items()},
            "throughput": throughput, "network": network, "notes": notes}


# --- one size -----------------------------------------------------------------------------------------


def check_answers(queries: list[Query], systems: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per query: did every system that answered give as many rows (and the same ones)?"""
    checks = {}
    for query in queries:
        answered = {key: s["latency"][query.name] for key, s in systems.items()
                    if s["latency"].get(query.name, {}).get("count") is not None}
        counts = {key: timing["count"] for key, timing in answered.items()}
        if len(set(counts.values())) > 1:
            verdict = "MISMATCH: " + ", ".join(f"{key} {count}" for key, count in counts.items())
        elif len({timing["fingerprint"] for timing in answered.values()}) > 1:
            verdict = "same count, different content"
        else:
            verdict = "ok" if len(answered) > 1 else "only one system answered"
        missing = len(systems) - len(answered)
        suffix = f" ({missing} did not answer)" if missing else ""
        checks[query.name] = {"counts": counts, "verdict": verdict + suffix}
    return checks


def check_networks(systems: dict[str, dict[str, Any]]) -> list[str]:
    shapes = {key: (s["network"]["nodes"], s["network"]["edges"]) for key, s in systems.items()
              if (s.get("network") or {}).get("status") == "ok"}
    if len(set(shapes.values())) > 1:
        return ["MISMATCH in the reporting network (nodes, edges): "
                + ", ".join(f"{key} {shape}" for key, shape in shapes.items())]
    return []


def bench_shacl(ws: Workspace, picks: dict[str, str], systems: list[str], args: argparse.Namespace) -> dict[str, Any]:
    shacl: dict[str, Any] = {}
    if "mosaic" in systems:
        log("SHACL: Mosaic")
        shacl["mosaic"] = run_offline(["shacl-mosaic", "--store", str(ws.path("mosaic-store")),
                                       "--node", picks["person"]], args.offline_timeout)
    if ws.data.triples > parse_count(args.pyshacl_max):
        shacl["pyshacl"] = {"status": "skipped", "reason": f"pySHACL is run up to {args.pyshacl_max} triples "
                            "(--pyshacl-max): it holds the graph in rdflib and takes a minute per 100k triples"}
    else:
        log("SHACL: pySHACL")
        shacl["pyshacl"] = run_offline(["shacl-pyshacl", "--data", str(ws.data.bounded), "--node", picks["person"]],
                                       args.offline_timeout)
    return shacl


def bench_size(triples: int, args: argparse.Namespace, size: dict[str, Any]) -> None:
    """Measure every system at ``triples``, filling ``size`` as it goes (so an interruption keeps the rest)."""
    folder = args.workdir / f"n{triples}"
    log(f"{triples:,} triples: generating data (or reusing it) in {folder / 'data'}")
    data = prepare_data(folder / "data", triples, args.seed, str(Path(sys.executable).parent / "mosaic"))
    picks = pick_values(data)
    queries = load_queries(picks)
    run_dir = folder / "run"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    ws = Workspace(run_dir, data, args.query_timeout, args.rdflib_timeout, args.mosaic_load)
    size.update({"triples": triples, "quads": data.quads, "generation_s": data.generation_s, "picks": picks,
                 "queries": [q.name for q in queries], "overrides": {q.name: list(q.overrides) for q in queries
                                                                     if q.overrides},
                 "systems": {}, "checks": {}, "shacl": {}})
    for key in args.systems.split(","):
        size["systems"][key] = bench_system(SYSTEMS[key], ws, queries, args)
    size["checks"] = check_answers(queries, size["systems"])
    size["network_checks"] = check_networks(size["systems"])
    size["shacl"] = bench_shacl(ws, picks, args.systems.split(","), args)
    shutil.rmtree(run_dir / "mosaic-store", ignore_errors=True)
    shutil.rmtree(run_dir / "oxigraph-store", ignore_errors=True)


# --- the run ------------------------------------------------------------------------------------------


def _interrupt(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # so that `kill` stops the servers too, as Ctrl-C does
    now = datetime.now()
    results: dict[str, Any] = {"started": now.strftime("%Y-%m-%d %H:%M"), "machine": machine_info(),
                               "settings": {k: str(v) for k, v in vars(args).items()}, "sizes": {}}
    status = 0
    try:
        for label in args.sizes.split(","):
            results["sizes"][label] = {}
            bench_size(parse_count(label), args, results["sizes"][label])
    except KeyboardInterrupt:
        log("interrupted: every server started has been stopped; writing what was measured")
        results["interrupted"], status = True, 130
        results["sizes"] = {label: size for label, size in results["sizes"].items() if size.get("systems")}
    results["machine"]["load_average_end"] = os.getloadavg()
    results["targets"] = evaluate_targets(results["sizes"])
    paths = write_results(results, args.out, now.strftime("%Y-%m-%d-%H%M"))
    print(render(results))
    log("written: " + ", ".join(str(path) for path in paths))
    return status


if __name__ == "__main__":
    sys.exit(main())
