"""Measures taken in a process of their own: SHACL validation and the reporting network.

compare.py runs each as ``python bench/offline.py <measure> …`` under a time limit, so that a slow
peer can be stopped, and so that one measure's memory does not swell the next one's. Each prints
one JSON object on its last line of output.

    python bench/offline.py shacl-mosaic --store DIR --node IRI
    python bench/offline.py shacl-pyshacl --data FILE --node IRI
    python bench/offline.py network --store DIR | --endpoint URL
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from mosaic.analysis.network import build
from mosaic.errors import MosaicError, QueryTimeout
from mosaic.graph.store import EmbeddedStore, Store
from mosaic.graph.store.remote import RemoteStore
from mosaic.graph.vocab import ONTOLOGY_GRAPH

ROOT = Path(__file__).resolve().parents[1]
SHAPES, ONTOLOGY = ROOT / "shapes", ROOT / "ontology"


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = call()
    return time.perf_counter() - started, value


def shacl_mosaic(store_dir: Path, node: str) -> dict[str, Any]:
    """Mosaic's own validation of the store: everything, then one entity as after a change to it."""
    try:
        from mosaic.graph.validation.engine import validate_nodes, validate_store
    except ImportError as error:
        return {"status": "n/a", "reason": f"mosaic.graph.validation.engine is not available yet ({error})"}
    store = EmbeddedStore(store_dir)
    full_s, report = timed(lambda: validate_store(store, SHAPES))
    revalidate_s, _ = timed(lambda: validate_nodes(store, SHAPES, [node]))
    return {"status": "ok", "full_s": full_s, "revalidate_s": revalidate_s,
            "conforms": getattr(report, "conforms", None)}


def shacl_pyshacl(data: Path, node: str) -> dict[str, Any]:
    """pySHACL as Mosaic's loader runs it (``mosaic.graph.validation.shacl.validate``, with the ontology mixed in),
    then pySHACL on one focus node: it has no incremental mode, so that is the best it can do."""
    from pyshacl import validate as pyshacl_validate
    from rdflib import Graph, URIRef

    from mosaic.graph.validation.shacl import read_shapes, validate

    quads = list(_ontology()) + list(ox.parse(path=str(data), format=ox.RdfFormat.N_QUADS))
    full_s, report = timed(lambda: validate(quads, SHAPES))
    graph = Graph().parse(data=ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = read_shapes(SHAPES)
    revalidate_s, _ = timed(lambda: pyshacl_validate(graph, shacl_graph=shapes, advanced=True, inference="none",
                                                     allow_warnings=True, focus_nodes=[URIRef(node)]))
    return {"status": "ok", "full_s": full_s, "revalidate_s": revalidate_s, "conforms": report.conforms,
            "violations": report.count("Violation")}


def _ontology() -> Iterator[ox.Quad]:
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def network(source: Store) -> dict[str, Any]:
    """Build the reporting network, then PageRank and betweenness sampled on 200 nodes."""
    build_s, graph = timed(lambda: build(source, "reporting"))
    pagerank_s, _ = timed(lambda: nx.pagerank(graph))
    betweenness_s, _ = timed(lambda: nx.betweenness_centrality(graph, k=min(200, len(graph)), seed=0))
    return {"status": "ok", "build_s": build_s, "pagerank_s": pagerank_s, "betweenness_s": betweenness_s,
            "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    measures = parser.add_subparsers(dest="measure", required=True)
    mosaic = measures.add_parser("shacl-mosaic")
    mosaic.add_argument("--store", type=Path, required=True)
    mosaic.add_argument("--node", required=True)
    peer = measures.add_parser("shacl-pyshacl")
    peer.add_argument("--data", type=Path, required=True)
    peer.add_argument("--node", required=True)
    net = measures.add_parser("network")
    where = net.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", type=Path)
    where.add_argument("--endpoint")
    net.add_argument("--timeout", type=float, default=600)
    net.add_argument("--in-memory", action="store_true",
                     help="read an embedded store from its in-memory copy, as Mosaic's query workers do")
    args = parser.parse_args()
    try:
        result = measure(args)
    except QueryTimeout as error:
        result = {"status": "timed out", "reason": str(error)}
    except MosaicError as error:
        result = {"status": "error", "reason": f"{type(error).__name__}: {error}"}
    print(json.dumps(result), flush=True)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    if args.measure == "shacl-mosaic":
        return shacl_mosaic(args.store, args.node)
    if args.measure == "shacl-pyshacl":
        return shacl_pyshacl(args.data, args.node)
    source = EmbeddedStore(args.store, in_memory=args.in_memory) if args.store \
        else RemoteStore(args.endpoint, timeout=args.timeout)
    if args.store and args.in_memory:
        _wait_for_memory_copy(source)
    return network(source)


def _wait_for_memory_copy(store: EmbeddedStore) -> None:
    """Start the copy (the first query does) and wait for it: the server's workers make it at start-up."""
    store.ask("ASK {}")
    while not store.in_memory_now():
        time.sleep(0.05)


if __name__ == "__main__":
    main()
