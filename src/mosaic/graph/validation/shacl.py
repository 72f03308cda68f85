"""Checking the graph against the SHACL shapes, with results a historian can act on.

pySHACL validates one graph, so the union of the named graphs is validated, with the ontology mixed
in (subclass targets need it). Each named graph is also declared a mosaic:Claim in the validation
input, so a graph that nobody described as a claim with a source fails the claim shape.
Each result says what is wrong (the shape's message), where (focus node, path, and the file and
line that mention the node), and which shape and severity.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, Namespace, URIRef
from rdflib.term import Identifier

from mosaic.graph.vocab import MOSAIC, compact, is_system_graph

__all__ = ["Result", "Report", "validate", "read_shapes", "shape_name", "show_term", "Locator"]

SH = Namespace("http://www.w3.org/ns/shacl#")
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Result:
    severity: str
    message: str
    focus: str
    path: str | None
    value: str | None
    shape: str
    constraint: str
    location: str | None


@dataclass(frozen=True)
class Report:
    results: list[Result]

    @property
    def conforms(self) -> bool:
        """True when nothing is a Violation (warnings and notes do not stop a load)."""
        return not any(r.severity == "Violation" for r in self.results)

    def count(self, severity: str) -> int:
        return sum(r.severity == severity for r in self.results)

    def text(self) -> str:
        """A readable report: one block per result, violations first, then a summary line."""
        blocks = [_describe(r) for r in sorted(self.results, key=lambda r: SEVERITIES.index(r.severity))]
        summary = ", ".join(f"{self.count(s)} {s.lower()}{'s' if self.count(s) != 1 else ''}" for s in SEVERITIES)
        return "\n".join(blocks + [f"{'Conforms' if self.conforms else 'Does not conform'}: {summary}."])

    def as_json(self) -> str:
        return json.dumps({"conforms": self.conforms, "results": [asdict(r) for r in self.results]},
                          ensure_ascii=False, indent=1)


def _describe(result: Result) -> str:
    where = f" ({result.location})" if result.location else ""
    lines = [f"{result.severity}: {result.message}", f"  focus node: {result.focus}{where}"]
    if result.path:
        lines.append(f"  path: {result.path}" + (f"  value: {result.value}" if result.value else ""))
    lines.append(f"  shape: {result.shape} ({result.constraint})")
    return "\n".join(lines)


def read_shapes(shapes_dir: Path) -> Graph:
    shapes = Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


def validate(quads: Iterable[ox.Quad], shapes_dir: Path, files: Iterable[Path] = ()) -> Report:
    """Validate the union of ``quads`` against the shapes in ``shapes_dir``."""
    data = _validation_graph(list(quads))
    shapes = read_shapes(shapes_dir)
    results = _run_pyshacl(data, shapes)
    locator = Locator(list(files), data)
    return Report([_result(results, node, locator, shapes)
                   for node in results.subjects(RDF.type, SH.ValidationResult)])


def _run_pyshacl(data: Graph, shapes: Graph) -> Graph:
    """pySHACL's results graph, computed in a worker thread.

    pySHACL keeps a reference to its call frame after returning, and with it every frame of its
    caller's stack. Run on a thread of its own, that stack ends at the thread, so it cannot keep
    the caller's objects (an open store, a large dataset) alive.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(shacl_validate, data, shacl_graph=shapes, advanced=True, allow_warnings=True,
                             inference="none")
        return future.result()[1]


def _validation_graph(quads: list[ox.Quad]) -> Graph:
    graph = Graph()
    graph.parse(data=ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES), format="nt")
    for name in {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}:
        if is_system_graph(name):
            continue
        graph.add((URIRef(name), RDF.type, MOSAIC.Claim))
    return graph


def _result(results: Graph, node: Identifier, locator: Locator, shapes: Graph) -> Result:
    def one(predicate: URIRef) -> Identifier | None:
        return results.value(node, predicate)

    focus, path, value = one(SH.focusNode), one(SH.resultPath), one(SH.value)
    return Result(
        severity=str(one(SH.resultSeverity)).rsplit("#", 1)[-1],
        message=str(one(SH.resultMessage) or "breaks a shape"),
        focus=show_term(focus),
        path=show_term(path) if isinstance(path, URIRef) else None,
        value=show_term(value) if value is not None else None,
        shape=shape_name(shapes, one(SH.sourceShape)),
        constraint=show_term(one(SH.sourceConstraintComponent)),
        location=locator.find(focus),
    )


def shape_name(shapes: Graph, shape: Identifier | None) -> str:
    """A property shape is anonymous: name the node shape that holds it."""
    owner = shapes.value(None, SH.property, shape) if isinstance(shape, BNode) else None
    return show_term(owner) if owner is not None else show_term(shape)


def show_term(term: Identifier | None) -> str:
    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, BNode):
        return "a blank node"
    return str(term)


class Locator:
    """Finds the file and line that describe a node, so an error can point at it."""

    def __init__(self, files: list[Path], data: Graph) -> None:
        self.files = files
        self.data = data
        self.texts = {path: path.read_text(encoding="utf-8").splitlines() for path in files}

    def find(self, node: Identifier | None, depth: int = 0) -> str | None:
        """Where a named node is described; for a blank node, where its parent or its own values are."""
        if isinstance(node, BNode) and depth < 4:
            parent = next(self.data.subjects(None, node), None)
            return self.find(parent, depth + 1) if parent is not None else self._by_values(node)
        return self._first_mention(str(node)) if isinstance(node, URIRef) else None

    def _by_values(self, node: BNode) -> str | None:
        """The first line that gives one of the blank node's named values with its property."""
        for predicate, value in self.data.predicate_objects(node):
            if predicate != RDF.type and isinstance(value, URIRef):
                for path, lines in self.texts.items():
                    pattern = _pair_pattern(str(predicate), str(value), lines)
                    number = next((n for n, line in enumerate(lines, 1) if pattern.search(line)), None)
                    if number:
                        return f"{path}:{number}"
        return None

    def _first_mention(self, iri: str) -> str | None:
        """The line that describes ``iri`` as a subject, else the first line that mentions it."""
        mentions: list[tuple[Path, int, bool]] = []
        for path, lines in self.texts.items():
            spellings = _spellings(iri, lines)
            pattern = re.compile("|".join(re.escape(s) + r"(?![\w-])" for s in spellings))
            mentions += [(path, number, line.lstrip().startswith(tuple(spellings)))
                         for number, line in enumerate(lines, 1) if pattern.search(line)]
        best = sorted(mentions, key=lambda m: not m[2])
        return f"{best[0][0]}:{best[0][1]}" if best else None


def _spellings(iri: str, lines: list[str]) -> list[str]:
    """``<iri>`` and every ``prefix:local`` spelling the file's @prefix lines allow."""
    spellings = [f"<{iri}>"]
    for line in lines:
        match = re.match(r"\s*@prefix\s+([\w-]*):\s*<([^>]*)>", line)
        if match and iri.startswith(match.group(2)):
            spellings.append(f"{match.group(1)}:{iri[len(match.group(2)):]}")
    return spellings


def _pair_pattern(predicate: str, value: str, lines: list[str]) -> re.Pattern[str]:
    def either(iri: str) -> str:
        return "(?:" + "|".join(re.escape(s) for s in _spellings(iri, lines)) + ")"

    return re.compile(either(predicate) + r"\s+" + either(value) + r"(?![\w-])")
