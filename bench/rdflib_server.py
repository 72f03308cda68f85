"""rdflib-endpoint over an rdflib Dataset whose default graph is the union of its named graphs.

The bench's pure-rdflib peer. ``rdflib-endpoint serve`` builds the same Dataset, but binds
``localhost``, serves at ``/`` and does not say how long loading took; this launcher binds
127.0.0.1 only, serves at ``/sparql``, and prints one JSON line with the load time before the
server starts, so that the bench can tell loading from starting.

    python bench/rdflib_server.py --file data.nq --port 8000
"""

from __future__ import annotations

import argparse
import json
import time

import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint


def load(path: str) -> Dataset:
    """The file's quads in a Dataset that queries see as one union graph (``default_union``)."""
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads" if path.endswith(".nq") else "trig")
    return dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", required=True, help="N-Quads (.nq) or TriG file to serve")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    dataset = load(args.file)
    print(json.dumps({"load_s": time.perf_counter() - started, "triples": len(dataset)}), flush=True)
    app = SparqlEndpoint(graph=dataset, path="/sparql", public_url=f"http://127.0.0.1:{args.port}/sparql")
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
