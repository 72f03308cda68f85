"""Building the graph from files: read, compute date bounds, validate, and only then replace the store.

A load is all or nothing. Every file is parsed and the whole result validated before the store is
touched, so a syntax error or a shape violation anywhere leaves the store exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from mosaic.caveats import DERIVED_GRAPH, derive
from mosaic.dates import bounds
from mosaic.errors import DateError, LoadError, ShapeViolation
from mosaic.formats import parse_file
from mosaic.store import Store
from mosaic.validate import Report, validate
from mosaic.vocab import MOSAIC, ONTOLOGY_GRAPH, file_graph

__all__ = ["Dataset", "read_dataset", "load", "add"]

Progress = Callable[[str], None]
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


@dataclass
class Dataset:
    """The quads read from files, and which files they came from (to point errors at lines)."""

    quads: list[ox.Quad] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def read_dataset(data_dir: Path, ontology_dir: Path, progress: Progress = lambda _: None) -> Dataset:
    """The ontology (in its own graph) and every data file, with date bounds added."""
    dataset = Dataset()
    for path in sorted(ontology_dir.glob("*.ttl")):
        _add_file(dataset, path, ONTOLOGY_GRAPH)
    data_files = sorted(data_dir.glob("*.trig"))
    for number, path in enumerate(data_files, 1):
        progress(f"reading {path.name} ({number}/{len(data_files)})")
        _add_file(dataset, path, file_graph(path.stem))
    return dataset


def _add_file(dataset: Dataset, path: Path, default_graph: str) -> None:
    """Parse one file; its default-graph triples go to ``default_graph`` (claim descriptions, ontology)."""
    target = ox.NamedNode(default_graph)
    quads = [q if not isinstance(q.graph_name, ox.DefaultGraph) else ox.Quad(q.subject, q.predicate, q.object, target)
             for q in parse_file(path)]
    dataset.quads.extend(quads + _date_bounds(quads, path))
    dataset.files.append(path)


def _date_bounds(quads: list[ox.Quad], path: Path) -> list[ox.Quad]:
    """mosaic:earliest / mosaic:latest for every EDTF value, in the graph that states the value."""
    added: list[ox.Quad] = []
    for quad in quads:
        if quad.predicate.value != str(MOSAIC.edtf) or not isinstance(quad.object, ox.Literal):
            continue
        try:
            earliest, latest = bounds(quad.object.value)
        except DateError as error:
            raise LoadError(str(path), _line_of(path, quad.object.value), None, str(error)) from error
        added += _bound(quad, MOSAIC.earliest, earliest) + _bound(quad, MOSAIC.latest, latest)
    return added


def _bound(quad: ox.Quad, predicate: str, day: date | None) -> list[ox.Quad]:
    if day is None:
        return []
    value = ox.Literal(day.isoformat(), datatype=_XSD_DATE)
    return [ox.Quad(quad.subject, ox.NamedNode(str(predicate)), value, quad.graph_name)]


def _line_of(path: Path, needle: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    return None


def load(store: Store, data_dir: Path, ontology_dir: Path, shapes_dir: Path,
         progress: Progress = lambda _: None) -> Report:
    """Replace the store's content with the validated graph of ``data_dir``; raise and change nothing on error."""
    dataset = read_dataset(data_dir, ontology_dir, progress)
    progress("deriving the reading caveats (rules/)")
    dataset.quads += derive(dataset.quads)
    progress(f"validating {len(dataset.quads)} quads against the shapes")
    report = validate(dataset.quads, shapes_dir, dataset.files)
    if not report.conforms:
        raise ShapeViolation(report)
    progress(f"writing {len(dataset.quads)} quads to the store")
    store.replace(dataset.quads)
    return report


def add(store: Store, graphs: dict[str, list[ox.Quad]], shapes_dir: Path, origin: str = "(import)") -> Report:
    """Write ``graphs`` into the store, each replacing the named graph it is filed under, if the
    whole graph they make with the rest still conforms; raise and change nothing otherwise."""
    fresh = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name))
             for name, quads in graphs.items() for q in quads]
    fresh += _date_bounds(fresh, Path(origin))
    replaced = set(graphs) | {DERIVED_GRAPH}
    kept = [q for q in store.quads() if not isinstance(q.graph_name, ox.NamedNode) or q.graph_name.value not in replaced]
    fresh += derive(kept + fresh)  # the caveats follow every change of the data they come from
    report = validate(kept + fresh, shapes_dir)
    if not report.conforms:
        raise ShapeViolation(report)
    by_graph: dict[str, list[ox.Quad]] = {name: [] for name in replaced}
    for quad in fresh:
        by_graph[quad.graph_name.value].append(quad)  # type: ignore[union-attr]
    store.write_graphs(by_graph)
    return report
