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

from mosaic.derived import refresh
from mosaic.engine_validation import validate_nodes, validate_store
from mosaic.dates import bounds
from mosaic.errors import DateError, LoadError, ShapeViolation
from mosaic.formats import parse_file
from mosaic.store import EmbeddedStore, Store
from mosaic.validate import Report
from mosaic.vocab import MOSAIC, ONTOLOGY_GRAPH, file_graph

__all__ = ["Dataset", "read_dataset", "load", "build", "add"]

Progress = Callable[[str], None]
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


@dataclass
class Dataset:
    """The quads read from files, and which files they came from (to point errors at lines)."""

    quads: list[ox.Quad] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def read_dataset(data_dir: Path, ontology_dir: Path, progress: Progress = lambda _: None) -> Dataset:
    """The ontology (in its own graph) and every data file (or the one file ``data_dir``), with date bounds added."""
    dataset = Dataset()
    for path in sorted(ontology_dir.glob("*.ttl")):
        _add_file(dataset, path, ONTOLOGY_GRAPH)
    data_files = [data_dir] if data_dir.is_file() else sorted(data_dir.glob("*.trig"))
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
    """Replace the store's content with the validated graph of ``data_dir``; raise and change nothing on error.

    The graph is built in a draft (a new generation of the embedded store), derived and validated
    there by the engine, and becomes current only if it conforms.
    """
    dataset = read_dataset(data_dir, ontology_dir, progress)
    with store.draft(fresh=True) as draft:
        report = build(draft, dataset, shapes_dir, progress)
        if not report.conforms:
            raise ShapeViolation(report)
    return report


def build(draft: EmbeddedStore, dataset: Dataset, shapes_dir: Path, progress: Progress = lambda _: None) -> Report:
    """Write ``dataset`` into an empty draft, derive from it, and validate the result (without raising)."""
    progress(f"writing {len(dataset.quads)} quads to a new generation of the store")
    draft.bulk_add(dataset.quads)
    progress("deriving the reading caveats (rules/) and the reporting tally")
    refresh(draft)
    progress("validating against the shapes")
    return validate_store(draft, shapes_dir, dataset.files)


def add(store: Store, graphs: dict[str, list[ox.Quad]], shapes_dir: Path, origin: str = "(import)") -> Report:
    """Write ``graphs`` into the store, each replacing the named graph it is filed under, if what they
    touch still conforms; raise and change nothing otherwise. Only the nodes the old and new graphs
    mention are revalidated, so an import costs the same in a small graph as in a large one."""
    fresh = {name: [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name)) for q in quads]
             for name, quads in graphs.items()}
    for name, quads in fresh.items():
        quads += _date_bounds(quads, Path(origin))
    with store.draft() as draft:
        touched = _nodes(fresh) | _nodes(_current(draft, fresh))
        draft.write_graphs(fresh)
        refresh(draft)  # the caveats and the tally follow every change of the data they come from
        report = validate_nodes(draft, shapes_dir, touched)
        if not report.conforms:
            raise ShapeViolation(report)
    return report


def _current(store: Store, graphs: dict[str, list[ox.Quad]]) -> dict[str, list[ox.Quad]]:
    """What the store holds now in the named graphs about to be replaced."""
    return {name: list(store.quads(name)) for name in graphs}


def _nodes(graphs: dict[str, list[ox.Quad]]) -> set[str]:
    """The named nodes a change touches: the graphs (claims) and their subjects and objects."""
    nodes = set(graphs)
    for quads in graphs.values():
        nodes |= {term.value for q in quads for term in (q.subject, q.object) if isinstance(term, ox.NamedNode)}
    return nodes
