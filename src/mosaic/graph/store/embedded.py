"""The embedded store: the graph on this machine's disk with pyoxigraph, in generations (see
``generations``), each read by readers that open it read-only and may copy it into memory; its
default graph is the merge of the named graphs, kept by every write (see ``merge``)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from mosaic.errors import LoadError, QueryError, StoreError
from mosaic.graph.formats import RDF_FORMATS, RESULT_FORMATS, rdf_format
from mosaic.graph.sparql import BASE, UNION, Dataset, names_graphs, split_dataset
from mosaic.graph.sparql_errors import explain
from mosaic.graph.store import merge
from mosaic.graph.store.base import Change, Rows, Store, TextRow, to_rdflib
from mosaic.graph.store.generations import snapshot_name, writing
from mosaic.graph.store.snapshots import Snapshot, SnapshotFiles, load_snapshot, merged
from mosaic.graph.vocab import PREFIXES

__all__ = ["EmbeddedStore"]


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
        """The whole graph, named graphs and merge: the engine in memory, or the current generation on disk."""
        if self._memory is not None:
            return self._memory
        return self._disk()[1]

    def _queried(self, named: bool) -> ox.Store:
        """What a query reads: the in-memory copy of the merge when it is ready and the query needs no named
        graph (no GRAPH, no dataset), else the whole graph. The copy holds the merge alone because
        pyoxigraph's in-memory store looks up its default graph among every named quad it holds: with
        both, records-about-a-person-by-year took 15-17 ms at 1M triples, against 7-10 ms on the merge
        alone (the disk keeps the default graph in indexes of its own)."""
        if self._memory is not None or not self._in_memory:
            return self._engine()
        generation, reader = self._disk()
        if named or self._legacy:
            return reader
        with self._lock:
            return self._memory_copy(generation, reader)

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
        """The merge of ``generation`` in memory: from its snapshot's merge files, else read from the disk."""
        assert self.root is not None
        copy = ox.Store()
        if not load_snapshot(self.root / snapshot_name(generation), copy):
            copy = ox.Store()
            copy.bulk_extend(reader.quads_for_pattern(None, None, None, merge.DEFAULT))
        with self._lock:
            if self._copying == generation:
                self._copy = (generation, copy)

    def in_memory_now(self) -> bool:
        """Whether queries without named graphs are answered from the in-memory copy of the current generation."""
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
        engine = self._queried(dataset.given or names_graphs(text))
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
        A whole store's snapshot of a store that keeps no merge (a load's scratch) also has the merge
        written, into a file of its own beside it (for readers' in-memory copies) and appended to the
        quads (so that a store restored from them keeps it, blank nodes labelled alike)."""
        engine = self._engine()
        if graph is not None or not (self._union or self._legacy):
            snapshot = Snapshot(path, graph)
            snapshot.write_from(engine)
            return snapshot
        merged_path = path.with_suffix(".merge.nt")
        with open(merged_path, "wb") as output:
            merge.write_merge(engine, output)
        snapshot = Snapshot(path, None, merge=merged_path)
        snapshot.write_from(engine)
        with open(path, "ab") as output, open(merged_path, "rb") as merged_triples:
            shutil.copyfileobj(merged_triples, output)
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
        if self._snapshots is None:
            return
        kept = merged(snapshot) if snapshot.graph is not None else snapshot.merge_part()
        if kept is None:
            self._no_snapshots()  # a whole store's quads without their merge: readers copy from the disk
        else:
            self._snapshots.add([kept])  # kept, so that readers copy the merge from flat files

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
        with writing(self.root) as directory:
            if self.generation is not None and not fresh:
                self._disk()[1].backup(str(directory))  # a checkpoint of the disk, never of the memory copy
            draft = EmbeddedStore(None, ox.Store(str(directory)))
            if self._legacy and not fresh:
                merge.sync_all(draft._engine())  # a generation written before the merge was kept gets it now
            if fresh:
                draft._snapshots = SnapshotFiles(directory.with_name(snapshot_name(directory.name)))
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
