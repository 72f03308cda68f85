"""Building the graph from files: read, compute date bounds, derive, validate, and only then replace the store.

A load is all or nothing. Every file is parsed and the whole result derived and validated before the
store is touched, so a syntax error or a shape violation anywhere leaves the store exactly as it was.

The graph is built and checked in memory, where the engine is fast, while a second thread writes it
into the new generation on disk: the engine writes without holding the GIL, so on two cores writing
the disk (the slowest step, 10 s per million quads) costs little more than the checks it overlaps.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD

from mosaic import settings
from mosaic.errors import DateError, LoadError, ShapeViolation
from mosaic.graph.dates import bounds
from mosaic.graph.derived import DERIVED_GRAPH, refresh
from mosaic.graph.store import Change, EmbeddedStore, Store, is_url
from mosaic.graph.twins import join_twins
from mosaic.graph.update_scope import scope
from mosaic.graph.validation.engine import validate_nodes, validate_store
from mosaic.graph.validation.shacl import Report
from mosaic.graph.vocab import ONTOLOGY_GRAPH, file_graph

__all__ = ["Source", "Dataset", "imports_folder", "sources", "read", "read_dataset", "load", "build", "add", "update"]

Progress = Callable[[str], None]
Keep = Callable[[EmbeddedStore, str | None], None]  # a scratch store, and which part is ready


@dataclass(frozen=True)
class Source:
    """A file to load, and the graph its default-graph triples go to (claim descriptions, the ontology)."""

    path: Path
    graph: str


@dataclass
class Dataset:
    """The quads read from files, and which files they came from (to point errors at lines)."""

    quads: list[ox.Quad] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def imports_folder(store: str) -> Path:
    """Where the imports loaded into ``store`` (a directory or an endpoint's URL) are kept, so that a reload
    of that store rebuilds them: $MOSAIC_IMPORTS, else beside the graph they went into, so that imports
    into one store never turn up in another."""
    if chosen := settings.get("imports"):
        return Path(chosen)
    if is_url(store):
        return Path(".mosaic") / "imported" / re.sub(r"[^A-Za-z0-9.]+", "-", store.split("://", 1)[1]).strip("-")
    return Path(store) / "imported"


def sources(data_dir: Path, ontology_dir: Path, imports_dir: Path | None = None) -> list[Source]:
    """The ontology's files (into its own graph), then every data file (or the one file ``data_dir``), then
    the imports kept in ``imports_dir`` (one file each, named after the import, as `mosaic import --load`
    writes them): a reload rebuilds what was imported instead of dropping it."""
    data_files = [data_dir] if data_dir.is_file() else sorted(data_dir.glob("*.trig"))
    imported = sorted(imports_dir.glob("*.trig")) if imports_dir else []
    return [Source(path, ONTOLOGY_GRAPH) for path in sorted(ontology_dir.glob("*.ttl"))] + \
        [Source(path, file_graph(path.stem)) for path in data_files + imported]


def read(work: EmbeddedStore, files: list[Source], progress: Progress = lambda _: None) -> None:
    """Parse ``files`` into ``work`` (a scratch store) and add the date bounds of every EDTF value."""
    for number, source in enumerate(files, 1):
        progress(f"reading {source.path.name} ({number}/{len(files)})")
        work.load_file(source.path, source.graph)
    add_date_bounds(work, [source.path for source in files])
    join_twins(work)


def read_dataset(data_dir: Path, ontology_dir: Path, progress: Progress = lambda _: None) -> Dataset:
    """The quads of ``data_dir`` and the ontology as ``read`` gives them, for checks outside a store."""
    files = sources(data_dir, ontology_dir)
    work = EmbeddedStore.scratch()
    read(work, files, progress)
    return Dataset(list(work.quads()), [source.path for source in files])


def add_date_bounds(store: Store, files: list[Path], graphs: Iterable[str] | None = None) -> None:
    """mosaic:earliest / mosaic:latest beside every EDTF value (in ``graphs``, or anywhere), in the graph
    that states the value. Each distinct value is read once and the bounds are written by value in one
    update, so blank time spans need no care and a million-triple graph costs a few thousand readings.
    A value that is no EDTF raises LoadError at the first of ``files`` that states it, and its line."""
    graphs = list(graphs) if graphs is not None else None
    restrict = "VALUES ?g { " + " ".join(f"<{graph}>" for graph in graphs) + " }" if graphs is not None else ""
    values = [row["value"] for row in store.select(
        f"SELECT DISTINCT ?value WHERE {{ {restrict} GRAPH ?g {{ ?span mosaic:edtf ?value }} FILTER (isLiteral(?value)) }}")]
    table = " ".join(f"({value.n3()} {_day(earliest)} {_day(latest)})"
                     for value in values for earliest, latest in [_bounds_in(str(value), files)])
    if table:
        store.update(f"""INSERT {{ GRAPH ?g {{ ?span mosaic:earliest ?earliest . ?span mosaic:latest ?latest }} }}
            WHERE {{ {restrict} VALUES (?value ?earliest ?latest) {{ {table} }} GRAPH ?g {{ ?span mosaic:edtf ?value }} }}""",
                     graphs)


def _bounds_in(value: str, files: list[Path]) -> tuple[date | None, date | None]:
    try:
        return bounds(value)
    except DateError as error:
        found = [(path, line) for path in files for line in [_line_of(path, value)] if line is not None]
        path, line = found[0] if found else (files[-1], None)
        raise LoadError(str(path), line, None, str(error)) from error


def _day(day: date | None) -> str:
    return f'"{day.isoformat()}"^^<{XSD.date}>' if day is not None else "UNDEF"


def _line_of(path: Path, needle: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, line in enumerate(lines, 1) if needle in line), None)


def load(store: Store, data_dir: Path, ontology_dir: Path, shapes_dir: Path,
         progress: Progress = lambda _: None, imports_dir: Path | None = None) -> Report:
    """Replace the store's content with the validated graph of ``data_dir``; raise and change nothing on error.

    The graph is read, derived and validated in memory; meanwhile a thread writes it, as each part is
    ready, into a draft (a new generation of the embedded store), which becomes current only if the
    graph conforms and every write succeeded. The imports kept in ``imports_dir`` are read with the data.
    """
    files = sources(data_dir, ontology_dir, imports_dir)
    # the writer is closed (its write under way waited for) before the spool it writes into is removed
    with store.draft(fresh=True) as draft, tempfile.TemporaryDirectory(prefix="mosaic-load-") as spool, \
            _writer() as writer:
        writes: list[Future[None]] = []

        def keep(work: EmbeddedStore, graph: str | None) -> None:
            path = Path(spool) / f"{len(writes)}.{'nt' if graph else 'nq'}"
            progress(f"writing {'the derived graph' if graph else 'the data'} to a new generation of the store")
            # the writer thread also writes the snapshot (with the merge of the data's named graphs): the
            # engine does it without the GIL, while this thread derives and validates
            writes.append(writer.submit(lambda: draft.restore(work.snapshot(path, graph))))

        report = build(EmbeddedStore.scratch(), files, shapes_dir, progress, keep)
        if not report.conforms:
            raise ShapeViolation(report)
        progress("finishing the new generation of the store")
        for write in writes:
            write.result()  # a failed write (a full disk, say) raises here, and the draft is thrown away
    return report


@contextmanager
def _writer() -> Iterator[ThreadPoolExecutor]:
    """One thread for the writes to a draft. On an error, writes not yet begun are dropped; the one under
    way is waited for, since the engine cannot stop it and the draft must be closed before it is removed."""
    writer = ThreadPoolExecutor(1, thread_name_prefix="mosaic-draft")
    try:
        yield writer
    finally:
        writer.shutdown(wait=True, cancel_futures=True)


def build(work: EmbeddedStore, files: list[Source], shapes_dir: Path, progress: Progress = lambda _: None,
          keep: Keep = lambda work, graph: None) -> Report:
    """Read ``files`` into ``work`` (a scratch store), derive from them, and validate the result (without
    raising). ``keep`` is told as each part of the graph is ready: the data (graph None), then, if the
    graph conforms, the derived graph. Kept last, the derived graph is written when the validation no
    longer needs the cores (a million-triple load takes 17.7 s instead of 20.3 s on two cores), and
    not at all for a load that will be refused."""
    read(work, files, progress)
    keep(work, None)
    progress(f"{len(work)} quads read; deriving the reading caveats (rules/) and the reporting tally")
    refresh(work)
    progress("validating against the shapes")
    report = validate_store(work, shapes_dir, [source.path for source in files])
    if report.conforms:
        keep(work, DERIVED_GRAPH)
    return report


def add(store: Store, graphs: dict[str, list[ox.Quad]], shapes_dir: Path, origin: str = "(import)") -> Report:
    """Write ``graphs`` into the store, each replacing the named graph it is filed under, if what they
    touch still conforms; raise and change nothing otherwise. Only the nodes the old and new graphs
    mention are revalidated, so an import costs the same in a small graph as in a large one."""
    fresh = {name: [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name)) for q in quads]
             for name, quads in graphs.items()}
    with store.draft() as draft:
        touched = _touched(_statements(fresh) | _statements(_current(draft, fresh)))
        draft.write_graphs(fresh)
        return _settle(draft, set(fresh), Path(origin), shapes_dir, touched)


def update(store: Store, sparql: str, shapes_dir: Path) -> Report:
    """Apply a SPARQL Update as a change like an import: its dates get their bounds, the derived graph
    follows, and what it touched is validated; raise and change nothing if that no longer conforms.
    An update whose text names the graphs it writes costs what it touches; one that does not (a
    ``GRAPH ?g`` template) has the whole graph checked."""
    with store.draft() as draft:
        changed = draft.update(sparql, scope(sparql).graphs)
        written = None if changed is None else {graph for _, graph in changed}
        return _settle(draft, written, Path("(the update)"), shapes_dir, None if changed is None else _touched(changed))


def _settle(draft: EmbeddedStore, graphs: set[str] | None, origin: Path, shapes_dir: Path,
            touched: set[str] | None) -> Report:
    """What follows every change of the data, in its draft: the bounds of its dates, its blank twins
    joined, the derived graph recomputed, and the nodes it ``touched`` validated (all, if None);
    ShapeViolation, so that the draft is thrown away, if they no longer conform."""
    add_date_bounds(draft, [origin], graphs)
    join_twins(draft, graphs)
    refresh(draft)  # the caveats and the tally follow every change of the data they come from
    report = validate_store(draft, shapes_dir) if touched is None else validate_nodes(draft, shapes_dir, touched)
    if not report.conforms:
        raise ShapeViolation(report)
    return report


def _statements(graphs: dict[str, list[ox.Quad]]) -> Change:
    """The statements of ``graphs``, each with its graph."""
    return {(quad.triple, name) for name, quads in graphs.items() for quad in quads}


def _touched(changed: Change) -> set[str]:
    """The named nodes a change touches: its graphs (claims), and the subjects and objects it stated or retracted."""
    return {graph for _, graph in changed} | {term.value for triple, _ in changed
                                               for term in (triple.subject, triple.object)
                                               if isinstance(term, ox.NamedNode)}


def _current(store: Store, graphs: dict[str, list[ox.Quad]]) -> dict[str, list[ox.Quad]]:
    """What the store holds now in the named graphs about to be replaced."""
    return {name: list(store.quads(name)) for name in graphs}
