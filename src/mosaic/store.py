"""Where the graph lives. The only module that opens the storage engine.

``Store`` is what the rest of Mosaic asks of a store, so that an external SPARQL server can stand in
for the embedded one. ``EmbeddedStore`` keeps the graph on disk with pyoxigraph. A full replace
writes a new generation directory and then swaps one symlink, so a load that fails or is killed
leaves the old graph exactly as it was.

Queries see the union of all named graphs as their default graph: every statement lives in the
named graph of the claim that makes it, and everyday queries should not need GRAPH clauses.
"""

from __future__ import annotations

import os
import shutil
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from mosaic.errors import QueryError, StoreError
from mosaic.formats import RESULT_FORMATS, RdfFormat
from mosaic.vocab import sparql_prefixes

__all__ = ["Store", "EmbeddedStore", "Row", "Rows", "open_store", "to_rdflib"]

Row = dict[str, Identifier]


class Rows(list[Row]):
    """The rows of a SELECT result, with its variables in the query's order."""

    def __init__(self, columns: list[str], rows: Iterable[Row]) -> None:
        super().__init__(rows)
        self.columns = columns

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Store(ABC):
    """What Mosaic needs of a store, whatever engine is behind it."""

    @abstractmethod
    def select(self, query: str) -> Rows:
        """Rows of a SELECT query (bound prefixes are declared for it); unbound variables are absent."""

    @abstractmethod
    def ask(self, query: str) -> bool:
        """The answer to an ASK query."""

    @abstractmethod
    def results(self, query: str, fmt: str | RdfFormat) -> bytes:
        """A query's results serialized: SELECT/ASK in a results format, CONSTRUCT/DESCRIBE in an RDF format."""

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""

    @abstractmethod
    def replace(self, quads: Iterable[ox.Quad]) -> None:
        """Make ``quads`` the whole content of the store, atomically."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads."""


class EmbeddedStore(Store):
    """A pyoxigraph store on disk (or in memory when ``root`` is None), replaced by generation swaps."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._engine = self._open()

    def _open(self) -> ox.Store:
        if self.root is None:
            return ox.Store()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            current = self.root / "current"
            return ox.Store(str(current.resolve())) if current.exists() else ox.Store(str(self._new_generation()))
        except OSError as error:
            raise StoreError(f"cannot open the store at {self.root}: {error}") from error

    def _new_generation(self) -> Path:
        assert self.root is not None
        numbers = [int(p.name[4:]) for p in self.root.glob("gen-*") if p.name[4:].isdigit()]
        path = self.root / f"gen-{max(numbers, default=0) + 1:06d}"
        path.mkdir()
        if not (self.root / "current").exists():
            (self.root / "current").symlink_to(path.name)
        return path

    def _query(self, query: str) -> object:
        try:
            return self._engine.query(sparql_prefixes() + query, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {error.msg}") from error
        except OSError as error:
            raise StoreError(f"the store could not be read: {error}") from error

    def select(self, query: str) -> Rows:
        solutions = self._query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in solutions.variables]
        return Rows(names, ({n: to_rdflib(s[n]) for n in names if s[n] is not None} for s in solutions))

    def ask(self, query: str) -> bool:
        answer = self._query(query)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(answer)

    def results(self, query: str, fmt: str | RdfFormat) -> bytes:
        answer = self._query(query)
        if isinstance(answer, ox.QueryTriples):
            if not isinstance(fmt, RdfFormat):
                raise QueryError(f"a graph result cannot be written as {fmt}")
            return ox.serialize(answer, format=fmt.engine)
        if isinstance(fmt, RdfFormat):
            raise QueryError(f"a SELECT or ASK result cannot be written as {fmt.name}")
        return answer.serialize(format=RESULT_FORMATS[fmt][1])  # type: ignore[attr-defined]

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._engine.quads_for_pattern(None, None, None, None))

    def __len__(self) -> int:
        return len(self._engine)

    def replace(self, quads: Iterable[ox.Quad]) -> None:
        if self.root is None:
            self._engine.clear()
            self._engine.extend(quads)
            return
        try:
            self._swap_in(quads)
        except OSError as error:
            raise StoreError(f"cannot write the store at {self.root}: {error}") from error

    def _swap_in(self, quads: Iterable[ox.Quad]) -> None:
        """Write a fresh generation beside the current one; only the final rename makes it current."""
        assert self.root is not None
        path = self._new_generation()
        fresh = ox.Store(str(path))
        fresh.bulk_extend(quads)
        fresh.flush()
        link = self.root / "current.next"
        link.unlink(missing_ok=True)
        link.symlink_to(path.name)
        self._engine = fresh
        os.replace(link, self.root / "current")
        self._remove_stale_generations(keep=path)

    def _remove_stale_generations(self, keep: Path) -> None:
        for old in self.root.glob("gen-*") if self.root else []:
            if old != keep:
                shutil.rmtree(old, ignore_errors=True)


def open_store(location: str, create: bool = False) -> Store:
    """The store at ``location`` (a directory for the embedded store); a missing one only if ``create``."""
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
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"unsupported term in a result: {term!r}")
