"""Where the graph lives. The only module that opens the storage engine.

``Store`` is what the rest of Mosaic asks of a store, so that an external SPARQL server can stand in
for the embedded one. ``EmbeddedStore`` keeps the graph on disk with pyoxigraph, as generations:
``root/current`` is a symlink to the generation readers use, and readers open it read-only. A
writer never touches a generation anyone reads: a load builds a new one, an update starts from a
checkpoint copy of the current one, and the writer then swaps the symlink in one rename. So a load
or update that fails or is killed leaves the graph exactly as it was, and a server can keep
answering while ``mosaic load`` runs.

Queries see the merge of all named graphs as their default graph: every statement lives in the
named graph of the claim that makes it, and everyday queries should not need GRAPH clauses. The
merge is a set (RDF 1.1, SPARQL 1.1 Query section 13): a statement that two claims make is seen
once. The engine's own union of the named graphs is a bag, repeating such a statement once per
claim, so the store keeps the merge itself, in the engine's default graph, and every write keeps it
true (see ``_Merge``). The named graphs stay the record; the default graph is never written to
directly. (A scratch store, which only a load's checks read, asks the engine for its union instead:
those checks count distinct values, and keeping the merge would cost the load time.)
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from mosaic import merge
from mosaic.errors import LoadError, QueryError, StoreError
from mosaic.formats import RDF_FORMATS, RESULT_FORMATS, rdf_format
from mosaic.snapshots import Snapshot, SnapshotFiles, load_snapshot, merged
from mosaic.sparql import BASE, UNION, Dataset, split_dataset
from mosaic.sparql_errors import explain
from mosaic.vocab import PREFIXES

__all__ = ["Store", "Change", "Selects", "EmbeddedStore", "Dataset", "UNION", "Row", "Rows", "TextRow", "Snapshot", "open_store", "quad_blocks",
           "is_url", "to_rdflib"]

Row = dict[str, Identifier]
Change = set[tuple[ox.Triple, str]]  # statements an update added or removed, each with its named graph
TextRow = dict[str, str]  # a row as plain text: IRIs, literals' lexical forms and blank node ids
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_GENERATIONS_KEPT = 2  # the current one, and the one readers may still be finishing a query on


class Rows(list[Row]):
    """The rows of a SELECT result, with its variables in the query's order."""

    def __init__(self, columns: list[str], rows: Iterable[Row]) -> None:
        super().__init__(rows)
        self.columns = columns


class Selects(Protocol):
    """Anything that answers SELECT queries: a store, or the server's query workers."""

    def select(self, query: str) -> Rows: ...

    def select_text(self, query: str) -> list[TextRow]: ...


class Store(ABC):
    """What Mosaic needs of a store, whatever engine is behind it."""

    @abstractmethod
    def select(self, query: str) -> Rows:
        """Rows of a SELECT query (bound prefixes are declared for it); unbound variables are absent."""

    def select_text(self, query: str) -> list[TextRow]:
        """The rows of a SELECT query as plain text, for analyses that only compare and count values:
        at tens of thousands of rows, making rdflib terms costs more than the query."""
        return [{name: str(value) for name, value in row.items()} for row in self.select(query)]

    @abstractmethod
    def ask(self, query: str) -> bool:
        """The answer to an ASK query."""

    @abstractmethod
    def results(self, query: str, fmt: str, dataset: Dataset = UNION) -> bytes:
        """A query's results serialized, ``fmt`` naming a results format (SELECT/ASK) or an RDF format."""

    @abstractmethod
    def update(self, sparql: str, graphs: Collection[str] | None = None) -> Change | None:
        """Apply a SPARQL Update, atomically. ``graphs``: the named graphs it may change, when the caller
        knows them, so that the store need check only those to keep its default graph the merge; the
        change it made to them is returned (None if ``graphs`` was not given, or the store cannot tell)."""

    @abstractmethod
    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of the store, or of the one named graph ``graph``."""

    @abstractmethod
    def replace(self, quads: Iterable[ox.Quad]) -> None:
        """Make ``quads`` the whole content of the store, atomically."""

    @abstractmethod
    def write_graphs(self, graphs: dict[str, list[ox.Quad]]) -> None:
        """Make each named graph hold exactly its quads (none: the graph is dropped); the rest stays; atomic."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads."""

    @abstractmethod
    def draft(self, fresh: bool = False) -> AbstractContextManager[EmbeddedStore]:
        """A private copy of the store to change (an empty one if ``fresh``), which becomes the store's
        content when the block completes and is thrown away if it raises: several steps (write,
        derive, validate) made all or nothing."""

    @abstractmethod
    def is_empty(self) -> bool:
        """True when the store holds no graph yet (so a server should build it first)."""

    @property
    def generation(self) -> str | None:
        """A name that changes whenever the content does, for caches; None when the store cannot tell."""
        return None


class EmbeddedStore(Store):
    """A pyoxigraph store on disk in generations (or in memory when ``root`` is None, or over an
    engine already open for writing, as a draft is). ``union``: the store keeps no merge, and its
    queries read the engine's union of the named graphs (a bag) as their default graph."""

    def __init__(self, root: Path | None, engine: ox.Store | None = None, in_memory: bool = False,
                 union: bool = False) -> None:
        self.root = root
        self._union = union
        self._legacy = False  # the current generation was written before the store kept the merge
        self._in_memory = in_memory and root is not None
        self._copy: tuple[str, ox.Store] | None = None  # (generation, its copy in memory)
        self._copying: str | None = None
        self._memory = engine if engine is not None else ox.Store() if root is None else None
        self._in_place = engine is not None  # a draft: changes go straight into its engine
        self._snapshots: SnapshotFiles | None = None  # a fresh draft's content, while it is all snapshots
        self._reader: ox.Store | None = None
        self._generation: str | None = None
        self._lock = threading.Lock()

    @classmethod
    def scratch(cls) -> EmbeddedStore:
        """An empty in-memory store changed in place, for work no one else reads (a load checks its graph
        in one). It keeps no merge: its readers count distinct values, and a load need not pay for it."""
        return cls(None, ox.Store(), union=True)

    # --- reading -------------------------------------------------------------------------------

    @property
    def generation(self) -> str | None:
        """The name of the current generation (None in memory or before the first load)."""
        if self.root is None:
            return None
        try:
            return os.readlink(self.root / "current")
        except OSError:
            return None

    def _engine(self) -> ox.Store:
        """What queries read: the in-memory copy of the current generation when there is one, else the disk."""
        if self._memory is not None:
            return self._memory
        generation, reader = self._disk()
        if self._in_memory:
            with self._lock:
                return self._memory_copy(generation, reader)
        return reader

    def _disk(self) -> tuple[str, ox.Store]:
        """The current generation and a read-only handle on it, reopened when a writer has swapped it."""
        generation = self.generation
        if generation is None:
            raise StoreError(f"there is no store at {self.root}: build it with `mosaic load`")
        with self._lock:
            if generation != self._generation:
                self._reader = self._open_read_only(generation)
                self._generation = generation
                self._legacy = not merge.keeps_merge(self._reader)
            assert self._reader is not None
            return generation, self._reader

    def _memory_copy(self, generation: str, reader: ox.Store) -> ox.Store:
        """The in-memory copy of ``generation`` if it is ready; else the disk, while a thread makes the copy.

        Queries in memory run two to three times faster than on disk, and the disk stays the record:
        the copy is only read, and is made again after every change. Until it is ready (a few
        seconds per million triples) queries read the disk, so start-up does not wait for it.
        """
        if self._copy is not None and self._copy[0] == generation:
            return self._copy[1]
        if self._copying != generation:
            self._copy, self._copying = None, generation  # free the old copy before making the new one
            threading.Thread(target=self._make_copy, args=(generation, reader), daemon=True).start()
        return reader

    def _make_copy(self, generation: str, reader: ox.Store) -> None:
        assert self.root is not None
        copy = ox.Store()
        if not load_snapshot(self.root / _snapshot_name(generation), copy):
            copy = ox.Store()
            copy.bulk_extend(reader.quads_for_pattern(None, None, None, None))
        with self._lock:
            if self._copying == generation:
                self._copy = (generation, copy)

    def in_memory_now(self) -> bool:
        """Whether queries are answered from the in-memory copy of the current generation."""
        return self._copy is not None and self._copy[0] == self.generation

    def _open_read_only(self, generation: str) -> ox.Store:
        assert self.root is not None
        try:
            return ox.Store.read_only(str(self.root / generation))
        except OSError as error:
            raise StoreError(f"cannot open the store at {self.root / generation}: {error}") from error

    def _query(self, query: str, dataset: Dataset = UNION) -> object:
        """Answer ``query`` over ``dataset`` if one is given (a request's dataset overrides the query's own
        FROM clauses, as the SPARQL Protocol says), else over the one the query names, else over the
        store's default graph. Relative IRIs resolve against Mosaic's base unless the query sets one."""
        try:
            named, text = split_dataset(query)
        except ValueError as error:
            raise QueryError(f"malformed SPARQL: {error}") from error
        dataset = dataset if dataset.given else named
        engine = self._engine()
        try:
            if len(dataset.default_graphs) > 1:  # the engine would repeat a triple once per graph: merge them
                engine, dataset = _merged(engine, dataset), UNION
            graphs = self._graphs(dataset)
        except ValueError as error:
            raise QueryError(f"a graph of the dataset is not an IRI: {error}") from error
        try:
            return engine.query(text, prefixes=PREFIXES, base_iri=BASE, **graphs)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {explain(error.msg, query)}") from error
        except (OSError, ValueError) as error:
            raise StoreError(f"the query failed: {error}") from error

    def solutions(self, query: str) -> Iterator[tuple[ox.NamedNode | ox.BlankNode | ox.Literal, ...]]:
        """The rows of a SELECT query as the engine's own terms (for writes that must name its blank nodes)."""
        solutions = self._query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return (tuple(solution) for solution in solutions)  # type: ignore[misc]

    def match(self, subject: ox.NamedNode | ox.BlankNode | None, predicate: ox.NamedNode | None,
              value: ox.NamedNode | ox.BlankNode | ox.Literal | None, graph: ox.NamedNode) -> list[ox.Quad]:
        """The quads of the named graph ``graph`` that match the pattern (None: any term)."""
        return list(self._engine().quads_for_pattern(subject, predicate, value, graph))

    def _graphs(self, dataset: Dataset) -> dict[str, object]:
        """The engine's options for ``dataset`` (no options: the engine's default graph, the merge)."""
        if not dataset.given:
            return {"use_default_graph_as_union": True} if self._union or self._legacy else {}
        return {"default_graph": [ox.NamedNode(g) for g in dataset.default_graphs],
                "named_graphs": [ox.NamedNode(g) for g in dataset.named_graphs]}

    def select(self, query: str) -> Rows:
        solutions = self._query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in solutions.variables]
        return Rows(names, ({n: to_rdflib(s[n]) for n in names if s[n] is not None} for s in solutions))

    def select_text(self, query: str) -> list[TextRow]:
        solutions = self._query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in solutions.variables]
        return [{name: term.value for name, term in zip(names, solution) if term is not None}
                for solution in solutions]

    def ask(self, query: str) -> bool:
        answer = self._query(query)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(answer)

    def results(self, query: str, fmt: str, dataset: Dataset = UNION) -> bytes:
        answer = self._query(query, dataset)
        if isinstance(answer, ox.QueryTriples):
            if fmt not in RDF_FORMATS:
                raise QueryError(f"a CONSTRUCT or DESCRIBE result cannot be written as {fmt}")
            # the engine's JSON-LD writer starts a node object whenever the subject changes or one of its
            # properties comes again, so each subject's triples must come together, by property, or the
            # document holds two nodes with one @id
            triples = sorted(answer, key=lambda t: (str(t.subject), str(t.predicate))) if fmt == "jsonld" else answer
            return ox.serialize(triples, format=RDF_FORMATS[fmt].engine, prefixes=PREFIXES)
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a SELECT or ASK result cannot be written as {fmt}")
        return answer.serialize(format=RESULT_FORMATS[fmt][1])  # type: ignore[attr-defined]

    def snapshot(self, path: Path, graph: str | None = None) -> Snapshot:
        """Every quad, or those of the named graph ``graph``, written out by the engine into the file ``path``.
        A whole store's snapshot carries the merge, so that a store restored from it keeps the merge:
        a store that keeps none has it written from its named graphs, in the same file (see merge)."""
        snapshot = Snapshot(path, graph)
        engine = self._engine()
        snapshot.write_from(engine)
        if graph is None and (self._union or self._legacy):
            with open(path, "ab") as output:
                merge.write_merge(engine, output)
        return snapshot

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of the named graphs (or of the one named ``graph``): the default graph only mirrors them."""
        if graph:
            return iter(self._engine().quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        return filter(merge.is_named, self._engine().quads_for_pattern(None, None, None, None))

    def __len__(self) -> int:
        """The number of quads in named graphs (the statements with their claims; not the merge)."""
        engine = self._engine()
        if self._union or self._legacy:
            return len(engine)
        merged = engine.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return len(engine) - int(next(iter(merged))[0].value)  # type: ignore[call-overload]

    def is_empty(self) -> bool:
        if self._memory is None and self.generation is None:
            return True
        return next(iter(self._engine().quads_for_pattern(None, None, None, None)), None) is None  # len() counts all

    # --- writing -------------------------------------------------------------------------------

    def replace(self, quads: Iterable[ox.Quad]) -> None:
        with self.draft(fresh=True) as draft:
            draft.bulk_add(quads)

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Add many quads at once, by the engine's bulk loader (not transactional: use it on a draft)."""
        self._no_snapshots()
        try:
            self._engine().bulk_extend(quads if self._union else merge.with_merge(quads))
        except ValueError as error:
            raise StoreError(str(error)) from error

    def _no_snapshots(self) -> None:
        """A draft written otherwise than by whole snapshots: its snapshots no longer tell its content."""
        if self._snapshots is not None:
            self._snapshots.drop()
            self._snapshots = None

    def load_file(self, path: Path, graph: str) -> None:
        """Add an RDF file's quads (its default-graph triples into ``graph``) by the engine's own parser
        and bulk loader (not transactional: use it on a draft or a scratch store): no Python object per
        quad. LoadError names the file, and the line and column of a syntax error. A store that keeps the
        merge reads the file through a scratch store, to know the quads whose triples it must merge."""
        if not self._union:
            scratch = EmbeddedStore.scratch()
            scratch.load_file(path, graph)
            self.bulk_add(scratch.quads())
            return
        self._no_snapshots()
        try:
            self._engine().bulk_load(path=str(path), format=rdf_format(path.suffix).engine,
                                     to_graph=ox.NamedNode(graph))
        except SyntaxError as error:
            raise LoadError(str(path), error.lineno, error.offset, error.msg) from error
        except (ValueError, OSError) as error:
            raise LoadError(str(path), None, None, str(error)) from error

    def restore(self, snapshot: Snapshot) -> None:
        """Add a snapshot's quads by the bulk loader (not transactional: use it on a draft), without the
        GIL, so a thread can write a draft while another computes. A fresh draft keeps the file beside
        its generation (it is moved there), for readers to copy from. A whole store's snapshot carries
        its merge; one named graph's is merged by loading it into the default graph too (such a graph,
        the derived one, names everything by IRIs, so no blank node is split in two)."""
        parts = [snapshot] if snapshot.graph is None or self._union else [snapshot, merged(snapshot)]
        for part in parts:
            part.add_to(self._engine())
        if self._snapshots is not None:
            self._snapshots.add(parts)  # kept, so that readers copy the generation from flat files

    @contextmanager
    def draft(self, fresh: bool = False) -> Iterator[EmbeddedStore]:
        """On disk: a new generation (a checkpoint copy of the current one unless ``fresh``) made current
        when the block completes. In memory: a copy that replaces the engine when the block completes."""
        if self._memory is not None:
            engine = ox.Store()
            if not fresh:
                engine.extend(self._memory)
            yield EmbeddedStore(None, engine, union=self._union)
            self._memory = engine
            return
        with self._writing() as directory:
            if self.generation is not None and not fresh:
                self._disk()[1].backup(str(directory))  # a checkpoint of the disk, never of the memory copy
            draft = EmbeddedStore(None, ox.Store(str(directory)))
            if self._legacy and not fresh:
                merge.sync_all(draft._engine())  # a generation written before the merge was kept gets it now
            if fresh:
                draft._snapshots = SnapshotFiles(directory.with_name(_snapshot_name(directory.name)))
            try:
                yield draft
            except BaseException:
                draft._memory = None  # let the engine close now, releasing its lock, though a traceback lives on
                draft._no_snapshots()
                raise
            assert draft._memory is not None
            draft._memory.flush()
            draft._memory = None  # closed before it becomes current: an open writer may still compact,
            # deleting files a reader that opens the generation meanwhile expects (a draft is done here)
            if draft._snapshots is not None:
                draft._snapshots.seal()

    def update(self, sparql: str, graphs: Collection[str] | None = None) -> Change | None:
        return self._change(lambda engine: self._apply(engine, sparql, graphs, self._union))

    def rewrite(self, removed: list[ox.Quad], added: list[ox.Quad]) -> None:
        """Remove some quads of named graphs and add others, as one change (blank nodes may be named:
        these are the engine's own terms, as ``quads`` gave them)."""
        if removed or added:
            self._change(lambda engine: self._rewrite(engine, removed, added, self._union))

    def write_graphs(self, graphs: dict[str, list[ox.Quad]]) -> None:
        self._change(lambda engine: self._replace_graphs(engine, graphs, self._union))

    def _change(self, change: Callable[[ox.Store], Change | None]) -> Change | None:
        """Apply ``change`` to a checkpoint copy of the current generation, then make the copy current
        (a draft is itself such a copy, so it is changed in place)."""
        if self._in_place:
            assert self._memory is not None
            self._no_snapshots()
            return change(self._memory)
        with self.draft() as draft:
            return change(draft._engine())

    @staticmethod
    def _replace_graphs(engine: ox.Store, graphs: dict[str, list[ox.Quad]], union: bool) -> None:
        changed: list[ox.Triple] = []
        for name, quads in graphs.items():
            graph = ox.NamedNode(name)
            if engine.contains_named_graph(graph):
                changed += (q.triple for q in engine.quads_for_pattern(None, None, None, graph))
                engine.remove_graph(graph)
            # every write goes to a private draft, so the faster, non-transactional bulk loader is safe
            engine.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads])
            changed += (q.triple for q in quads)
        if not union:
            merge.sync(engine, changed)

    @staticmethod
    def _rewrite(engine: ox.Store, removed: list[ox.Quad], added: list[ox.Quad], union: bool) -> None:
        for quad in removed:
            engine.remove(quad)
        engine.extend(added)
        if not union:
            merge.sync(engine, (quad.triple for quad in [*removed, *added]))

    @staticmethod
    def _apply(engine: ox.Store, sparql: str, graphs: Collection[str] | None, union: bool) -> Change | None:
        """Run the update; then, in a store that keeps the merge, bring the merge up to date: by the
        triples of ``graphs`` before and after, or everywhere when the graphs it changed are unknown."""
        before = None if graphs is None else _triples_of(engine, graphs)
        try:
            engine.update(sparql, prefixes=PREFIXES, base_iri=BASE)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL Update: {explain(error.msg, sparql)}") from error
        except (OSError, ValueError) as error:
            raise StoreError(f"the update failed: {error}") from error
        changed = None if before is None else before ^ _triples_of(engine, graphs or ())
        if not union:
            if changed is None:
                merge.sync_all(engine)
            else:
                merge.sync(engine, (triple for triple, _ in changed))
        return changed

    @contextmanager
    def _writing(self) -> Iterator[Path]:
        """A fresh generation directory to write; made current only if the block completes."""
        assert self.root is not None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with open(self.root / "write.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # one writer at a time, across processes
                fresh = self._next_generation()
                try:
                    yield fresh
                except BaseException:
                    shutil.rmtree(fresh, ignore_errors=True)
                    raise
                self._make_current(fresh)
        except OSError as error:
            raise StoreError(f"cannot write the store at {self.root}: {error}") from error

    def _next_generation(self) -> Path:
        assert self.root is not None
        return self.root / f"gen-{max(map(_number, self._generations()), default=0) + 1:06d}"

    def _generations(self) -> list[Path]:
        assert self.root is not None
        return sorted(p for p in self.root.glob("gen-*") if p.name[4:].isdigit() and p.is_dir())

    def _make_current(self, fresh: Path) -> None:
        assert self.root is not None
        link = self.root / "current.next"
        link.unlink(missing_ok=True)
        link.symlink_to(fresh.name)
        os.replace(link, self.root / "current")
        for stale in self._generations()[:-_GENERATIONS_KEPT]:
            shutil.rmtree(stale, ignore_errors=True)
            shutil.rmtree(stale.with_name(_snapshot_name(stale.name)), ignore_errors=True)


def _triples_of(engine: ox.Store, graphs: Collection[str]) -> set[tuple[ox.Triple, str]]:
    """The statements of ``graphs``, each with its graph, so that a statement moved between graphs shows."""
    return {(q.triple, name) for name in graphs for q in engine.quads_for_pattern(None, None, None, ox.NamedNode(name))}


def _merged(engine: ox.Store, dataset: Dataset) -> ox.Store:
    """A store holding exactly ``dataset``: its default graphs merged (as a set) and its named graphs."""
    merged = ox.Store()
    merged.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, merge.DEFAULT) for name in dataset.default_graphs
                       for q in engine.quads_for_pattern(None, None, None, ox.NamedNode(name)))
    merged.bulk_extend(q for name in dataset.named_graphs
                       for q in engine.quads_for_pattern(None, None, None, ox.NamedNode(name)))
    return merged


def quad_blocks(quads: Iterable[ox.Quad]) -> str:
    """Quads as the body of INSERT DATA or DELETE DATA: N-Triples, one ``GRAPH <g> { … }`` block per graph."""
    by_graph: dict[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name, []).append(quad.triple)  # type: ignore[arg-type]
    blocks = []
    for graph, triples in by_graph.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        blocks.append(body if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{body}}}")
    return "\n".join(blocks)


def _number(generation: Path) -> int:
    return int(generation.name[4:])


def _snapshot_name(generation: str) -> str:
    """Where a generation's snapshot is kept (see mosaic.snapshots): beside it, never inside the engine's folder."""
    return "snapshot-" + generation.removeprefix("gen-")


def is_url(location: str) -> bool:
    """Whether ``location`` names an external SPARQL endpoint rather than a directory."""
    return location.startswith(("http://", "https://"))


def open_store(location: str | Path, create: bool = False) -> Store:
    """The store at ``location``: an external SPARQL endpoint for a URL, else the embedded store in
    that directory (a missing one only if ``create``)."""
    location = str(location)
    if is_url(location):
        from mosaic.remote import RemoteStore

        return RemoteStore.at(location)
    path = Path(location)
    if not create and not (path / "current").exists():
        raise StoreError(f"there is no store at {location}: build it with `mosaic load`")
    return EmbeddedStore(path)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | object) -> Identifier:
    """An rdflib term for an engine term, so that callers never see the engine's types."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.language, term.datatype.value)
    raise StoreError(f"unsupported term in a result: {term!r}")


@lru_cache(maxsize=1 << 17)
def _literal(value: str, language: str | None, datatype: str) -> Literal:
    """rdflib parses every typed literal into a Python value, which made converting a network's
    rows cost more than the query; the same dates and labels recur, so each is made once."""
    if language:
        return Literal(value, lang=language)
    if datatype == _XSD_STRING:
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))
