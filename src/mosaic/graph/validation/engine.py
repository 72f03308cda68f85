"""Checking the graph against the SHACL shapes inside the store, for graphs too large for pySHACL.

pySHACL copies the graph into rdflib and walks it node by node: 12 s per 100k triples. Here each
constraint of shapes/ becomes one SPARQL SELECT that finds all its violations at once, run by the
storage engine over the graph where it lives, and the rows become the very ``Result`` objects of
:mod:`mosaic.graph.validation.shacl`, with the same severities, focus nodes, paths, shapes, components and
messages. To judge the graph as :func:`mosaic.graph.validation.shacl.validate` does, the queries read the union
default graph (the ontology included) and count every non-system named graph as a mosaic:Claim.

The shapes are compiled into patterns in :mod:`mosaic.graph.validation.compiler`, which says what
SHACL is supported and where it follows pySHACL rather than the spec; here they are run and their
rows reported. The queries use full IRIs and plain SPARQL 1.1, so any endpoint answering
``Selects`` can run them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.term import Identifier

from mosaic.graph.store import Row, Selects
from mosaic.graph.validation.compiler import FOCUS, WITHOUT, Check, UnsupportedShape, compile_checks
from mosaic.graph.validation.shacl import Locator, Report, Result, read_shapes, show_term
from mosaic.graph.vocab import MOSAIC

__all__ = ["UnsupportedShape", "validate_nodes", "validate_store"]

_WORKERS = 2  # queries run side by side; the engine answers each on its own thread
# For a blank focus node, the triples mosaic.graph.validation.shacl.Locator reads to find where it is written: the
# links from its parent and grandparent, and its own named values.
_CONTEXT = ("located_s", "located_p", "located_o", "located_link")
_LOCATING = ("OPTIONAL { { ?located_s ?located_p ?this BIND(?this AS ?located_o) } "
             "UNION { ?located_s ?located_p ?located_o . ?located_o ?located_link ?this FILTER(isBlank(?located_o)) } "
             "UNION { ?this ?located_p ?located_o FILTER(isIRI(?located_o) && ?located_p != "
             f"{RDF.type.n3()}) BIND(?this AS ?located_s) }} FILTER(isBlank(?this)) }}")


def validate_store(store: Selects, shapes_dir: Path, files: Iterable[Path] = ()) -> Report:
    """Validate the whole graph in the store (its default graph is the union of named graphs)."""
    return _validate(store, shapes_dir, None, list(files))


def validate_nodes(store: Selects, shapes_dir: Path, nodes: Iterable[str]) -> Report:
    """Validate only the given focus nodes (IRIs), for revalidating what a change touched.

    A node is checked against each shape that targets it, with its values wherever they are in the
    graph; nodes that no shape targets are fine by definition.
    """
    values = " ".join(_iri(node) for node in sorted(set(nodes)))
    if not values:
        return Report([])
    return _validate(store, shapes_dir, values, [])


def _iri(node: str) -> str:
    if not node or re.search(r'[\x00-\x20<>"{}|^`\\]', node):
        raise ValueError(f"not an IRI: {node!r}")
    return f"<{node}>"


def _validate(store: Selects, shapes_dir: Path, nodes: str | None, files: list[Path]) -> Report:
    claim_classes = {row["class"] for row in store.select(
        f"SELECT DISTINCT ?class WHERE {{ {MOSAIC.Claim.n3()} {RDFS.subClassOf.n3()}* ?class }}")}
    checks = compile_checks(read_shapes(shapes_dir), claim_classes | {MOSAIC.Claim})
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        answers = list(pool.map(store.select, [_query(check, nodes) for check in checks]))
        if files:  # again with context, where a blank node failed (costly, so only there)
            blank = [i for i, rows in enumerate(answers) if any(isinstance(r["this"], BNode) for r in rows)]
            for i, rows in zip(blank, pool.map(store.select, [_query(checks[i], nodes, True) for i in blank])):
                answers[i] = rows
    located = Graph()
    found = [(check, row) for check, rows in zip(checks, answers) for row in _distinct(rows, located)]
    locator = Locator(files, located) if files else None
    return Report([_result(check, row, locator) for check, row in found])


def _query(check: Check, nodes: str | None, context: bool = False) -> str:
    """The SELECT for one check, over the focus nodes listed in ``nodes`` (a VALUES list), or all.

    Over all focus nodes, MINUS evaluates its group once for the whole graph and subtracts (an
    anti-join, ten times faster here); over a few, FILTER NOT EXISTS looks up just their rows. The two
    agree since the group always shares a bound variable with the rows. The focus nodes are made
    distinct first: the union default graph repeats a triple once per graph that states it.
    With ``context``, the query also gives the surroundings of a blank focus node, to locate it. That
    is slow (the engine then reads them for the whole graph: a second per 100k triples), so it is
    asked only of checks that a blank node failed.
    """
    values = f"VALUES ?this {{ {nodes} }} " if nodes is not None else ""
    focus = f"{{ SELECT DISTINCT ?this WHERE {{ {values}{check.targets} }} }}"
    without = "MINUS" if nodes is None else "FILTER NOT EXISTS"
    where = check.where.replace(FOCUS, focus).replace(WITHOUT, without)
    if context:
        where = f"{{ {where} }} {_LOCATING}"
    return f"{check.prologue}SELECT DISTINCT * WHERE {{ {where} }}"


def _distinct(rows: list[Row], located: Graph) -> list[Row]:
    """Rows without the locating columns, once each; those columns go into ``located`` as triples."""
    seen: dict[tuple[tuple[str, Identifier], ...], Row] = {}
    for row in rows:
        if "located_s" in row:
            located.add((row["located_s"], row["located_p"], row["located_o"]))
        bare = {name: term for name, term in row.items() if name not in _CONTEXT}
        seen.setdefault(tuple(sorted(bare.items())), bare)
    return list(seen.values())


def _result(check: Check, row: Row, locator: Locator | None) -> Result:
    focus = row["this"]
    value = row.get("value", focus if check.value_is_focus else None)
    path = check.path or (show_term(row["path"]) if isinstance(row.get("path"), URIRef) else None)
    return Result(
        severity=check.severity,
        message=_fill(check.message, row) if check.template else check.message,
        focus=show_term(focus),
        path=path,
        value=show_term(value) if value is not None else None,
        shape=check.shape,
        constraint=check.constraint,
        location=locator.find(focus) if locator else None,
    )


def _fill(message: str, row: Row) -> str:
    """A SPARQL constraint's message with {?var} and {$var} replaced by the row's values, as pySHACL does."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: str(row[m.group(1)]) if m.group(1) in row else m.group(0), message)
