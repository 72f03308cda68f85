"""What Mosaic asks of a store, whatever engine is behind it: ``Store``, the rows its queries give,
and the conversions between the engine's terms and rdflib's. Both stores (embedded and remote)
build on this module and on nothing of each other."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from mosaic.errors import StoreError
from mosaic.graph.sparql import UNION, Dataset

if TYPE_CHECKING:
    from mosaic.graph.store.embedded import EmbeddedStore

__all__ = ["Store", "Change", "Selects", "Row", "Rows", "TextRow", "to_rdflib", "quad_blocks", "is_url"]

Row = dict[str, Identifier]
Change = set[tuple[ox.Triple, str]]  # statements an update added or removed, each with its named graph
TextRow = dict[str, str]  # a row as plain text: IRIs, literals' lexical forms and blank node ids
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def is_url(location: str) -> bool:
    """Whether ``location`` names an external SPARQL endpoint rather than a directory."""
    return location.startswith(("http://", "https://"))


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
