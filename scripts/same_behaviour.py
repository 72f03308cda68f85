"""Record what Mosaic answers — every command's output, every HTTP route's answer, every export
format — and compare two recordings byte for byte. For refactors that must change no behaviour.

    python scripts/same_behaviour.py record OUT [--store STORE]   # with the Mosaic of this interpreter
    python scripts/same_behaviour.py compare BEFORE AFTER

``record`` builds a store from data/ into OUT/store unless given one; give the second recording the
first one's store (its blank nodes are labelled at load time, so two loads never match byte for byte).
What differs from run to run for reasons of its own is made the same before it is kept: the
server's address (each run gets a port) becomes {base}, the recording's folder {out} and the code's
checkout {project}, and the speed a command reports is left out; Python's hash seed is fixed, so that
sets are iterated in the same order (the networks' node order follows them).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOSAIC = [sys.executable, "-m", "mosaic"]
RECORD = "doc:hungary-report-1953-12-22"
PERSON = "person:kim-il-sung"
COMMANDS: dict[str, list[str]] = {
    "help": ["--help"], "stats": ["stats"], "stats-json": ["stats", "--format", "json"],
    "query-table": ["query", "SELECT ?p ?name WHERE { ?p a foaf:Person ; skos:prefLabel ?name } ORDER BY ?p ?name"],
    "query-ask": ["query", "ASK { person:nam-il ?p ?o }"],
    "query-construct": ["query", "CONSTRUCT { person:nam-il ?p ?o } WHERE { person:nam-il ?p ?o }"],
    "validate": ["validate"], "validate-json": ["validate", "--format", "json"],
    "caveats": ["caveats", RECORD], "caveats-json": ["caveats", RECORD, "--json"],
    "coverage": ["coverage"], "coverage-json": ["coverage", "--format", "json"],
    "resolve": ["resolve", "Kim Ir Sen"], "resolve-json": ["resolve", "Kim Ir Sen", "--json"],
    "names-match": ["names", "match", "Kim Ir Szen", "김일성"], "names-variants": ["names", "variants", "김일성"],
    "network-compare": ["network", "compare", "information", "--first", "1953-07/1956-08", "--second", "1956-09/1960-12"],
    "network-ego": ["network", "ego", "co-mention", PERSON, "--depth", "2"],
    "network-brokerage": ["network", "brokerage", "co-mention"],
    "import-citations-json": ["import", "citations", str(ROOT / "tests/data/import/citations-wrapped.txt"), "--json"],
    "reversed-period": ["network", "edges", "reporting", "--from", "1957", "--to", "1955"],
}
for kind in ("reporting", "information", "co-mention", "affiliation"):
    COMMANDS[f"network-edges-{kind}"] = ["network", "edges", kind, "--format", "csv"]
    COMMANDS[f"network-metrics-{kind}"] = ["network", "metrics", kind, "--format", "csv"]
for fmt in ("csv", "tsv", "json", "xml"):
    COMMANDS[f"query-{fmt}"] = ["query", "SELECT ?r ?t WHERE { ?r dcterms:title ?t } ORDER BY ?r ?t", "--format", fmt]
for command in ("load", "validate", "query", "export", "stats", "serve", "network", "import", "resolve", "names",
                "caveats", "coverage", "synth"):
    COMMANDS[f"help-{command}"] = [command, "--help"]
EXPORTS = ("trig", "nquads", "jsonld", "turtle", "ntriples", "rdfxml")
FILES = {  # commands that write a file: name -> (arguments, file suffix)
    **{f"network-export-{s}": (["network", "export", "reporting", "-o"], s) for s in ("gexf", "graphml", "json")},
    "import-citations-trig": (["import", "citations", str(ROOT / "tests/data/import/citations-wrapped.txt"), "-o"], "trig"),
    "import-csv-trig": (["import", "csv", str(ROOT / "examples/templates/person.csv"), "--kind", "person", "-o"], "trig"),
    "synth": (["synth", "-n", "5k", "--seed", "1", "-o"], "nq"),
}
ROUTES = ["/", "/sparql", "/.well-known/void", "/context.jsonld", "/openapi.json", "/dump", "/static/style.css",
          "/network", "/network.json", "/network?kind=information&from=1955&to=1956", "/network.json?top=5",
          "/network.json?kind=affiliation", "/coverage", "/coverage.json", "/resolve?name=Kim+Ir+Sen",
          "/network.json?from=1957&to=1955", "/id/person/nobody-at-all",
          *(f"/dump/mosaic.{e}" for e in ("trig", "nq", "ttl", "nt", "jsonld", "rdf"))]
ACCEPTS = {"html": "text/html", "turtle": "text/turtle", "json": "application/sparql-results+json",
           "xml": "application/sparql-results+xml", "csv": "text/csv", "any": "*/*"}
QUERY = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label LIMIT 50"


def record(out: Path, store: Path | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if store is None:
        store = out / "store"
        _run(["load", "--store", str(store)])
    # the query workers read the disk: an in-memory copy gives blank nodes new labels at every start
    env = {**os.environ, "MOSAIC_STORE": str(store), "MOSAIC_IMPORTS": str(out / "imports"), "MOSAIC_MEMORY": "off",
           "PYTHONHASHSEED": "0"}
    global _PLACES
    _PLACES = {str(out.resolve()): "{out}", _project(env): "{project}", str(ROOT): "{project}"}
    for name, arguments in COMMANDS.items():
        _keep(out / "cli" / name, _run(arguments, env))
    for fmt in EXPORTS:
        _keep(out / "export" / fmt, _run(["export", "--format", fmt], env))
    for name, (arguments, suffix) in FILES.items():
        target = out / "files" / f"{name}.{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        _keep(out / "cli" / name, _run([*arguments, str(target)], env))
    _record_server(out, store, env)


def _record_server(out: Path, store: Path, env: dict[str, str]) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*MOSAIC, "serve", "--store", str(store), "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(base)
        paths = ROUTES + [f"/sparql?{urllib.parse.urlencode({'query': QUERY})}"] + _entities(base)
        for number, path in enumerate(paths):
            for kind, accept in ACCEPTS.items():
                if path.startswith("/id/") and kind in ("json", "xml", "csv"):
                    continue
                _keep(out / "http" / f"{number:04d}-{kind}", _get(base, path, accept))
    finally:
        server.terminate()
        server.wait(timeout=30)


def _entities(base: str) -> list[str]:
    """Every entity the graph names under /id/, as a path, with and without an RDF suffix."""
    query = "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER (STRSTARTS(STR(?s), 'https://w3id.org/mosaic/id/')) } ORDER BY ?s"
    answer = json.loads(_get(base, f"/sparql?{urllib.parse.urlencode({'query': query})}", ACCEPTS["json"])["body"])
    paths = [row["s"]["value"].removeprefix("https://w3id.org/mosaic") for row in answer["results"]["bindings"]]
    return paths + [f"{path}.{suffix}" for path in paths[::7] for suffix in ("ttl", "jsonld", "nt")]


def _get(base: str, path: str, accept: str) -> dict[str, object]:
    request = urllib.request.Request(base + path, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, kind, body = response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        status, kind, body = error.code, error.headers.get("Content-Type"), error.read()
    return {"path": path, "status": status, "content_type": kind,
            "body": body.decode("utf-8", "replace").replace(base, "{base}")}


def _run(arguments: list[str], env: dict[str, str] | None = None) -> dict[str, object]:
    result = subprocess.run([*MOSAIC, *arguments], capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    return {"arguments": arguments, "exit": result.returncode, "stdout": result.stdout, "stderr": result.stderr}


_PLACES: dict[str, str] = {}  # folders named in outputs, and what they are written as
_SPEED = re.compile(r" in \d+(\.\d+)? s \([\d,]+ a second\)")


def _keep(path: Path, answer: dict[str, object]) -> None:
    text = json.dumps(answer, ensure_ascii=False, indent=1)
    for place, name in _PLACES.items():
        text = text.replace(place, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_SPEED.sub(" in {time}", text), encoding="utf-8")


def _project(env: dict[str, str]) -> str:
    """The checkout (or installation) the recorded Mosaic reads its data, ontology and shapes from."""
    code = "from mosaic.settings import project_root; print(project_root())"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server at {base} did not answer within 60 s")


def compare(before: Path, after: Path) -> int:
    """Print every output that differs or exists on one side only; 0 if they are all the same."""
    kept = lambda root: {p.relative_to(root) for p in root.rglob("*") if p.is_file() and "store" not in p.parts  # noqa: E731
                         and "imports" not in p.parts}
    first, second = kept(before), kept(after)
    differing = sorted(p for p in first & second if (before / p).read_bytes() != (after / p).read_bytes())
    for path in sorted(first ^ second):
        print(f"only in {'the first' if path in first else 'the second'}: {path}")
    for path in differing:
        print(f"differs: {path}")
    print(f"{len(first | second)} outputs compared: {len(differing)} differ, {len(first ^ second)} on one side only")
    return 1 if differing or first ^ second else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("record")
    recording.add_argument("out", type=Path)
    recording.add_argument("--store", type=Path)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    options = parser.parse_args()
    if options.command == "record":
        record(options.out, options.store)
    else:
        sys.exit(compare(options.before, options.after))


if __name__ == "__main__":
    main()
