"""A SPARQL 1.1 endpoint over HTTP standing in for the embedded store (read by queries, written by
updates), so that networks, pages and imports work against any triple store, e.g. a running Mosaic
server, Oxigraph, Fuseki or GraphDB.

Queries get Mosaic's PREFIX declarations prepended, since other endpoints predeclare none. The
endpoint's default graph should be the union of its named graphs, as Mosaic's is.
"""

from __future__ import annotations

import socket
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.error import URLError

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from mosaic.errors import QueryError, QueryTimeout, StoreError
from mosaic.graph.formats import RDF_FORMATS, RESULT_FORMATS, media_type
from mosaic.graph.sparql import UNION, Dataset
from mosaic.graph.sparql_errors import explain
from mosaic.graph.store.base import Rows, Store, TextRow, quad_blocks
from mosaic.graph.store.embedded import EmbeddedStore
from mosaic.graph.vocab import prologue

__all__ = ["RemoteStore"]


class RemoteStore(Store):
    """The SPARQL endpoint at ``query_url`` (and ``update_url`` for writes, with an optional bearer token)."""

    def __init__(self, query_url: str, update_url: str | None = None, token: str | None = None,
                 timeout: float = 60) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.token = token
        self.timeout = timeout

    @classmethod
    def at(cls, query_url: str, timeout: float | None = None) -> RemoteStore:
        """The external store at ``query_url``, its update URL and token read from settings."""
        from mosaic import settings

        update_url = settings.get("store_update") or _update_url(query_url)
        limit = float(settings.get("query_timeout")) if timeout is None else timeout
        return cls(query_url, update_url, settings.get("store_token") or None, limit)

    def _client(self, url: str, text: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url)
        client.setTimeout(int(self.timeout))
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
        client.setQuery(text)
        if self.token:
            client.addCustomHttpHeader("Authorization", f"Bearer {self.token}")
        return client

    def _run(self, client: SPARQLWrapper) -> Any:
        try:
            return client.query()
        except (TimeoutError, socket.timeout) as error:
            raise QueryTimeout(f"the SPARQL endpoint {client.endpoint} gave no answer within {self.timeout:g} s") \
                from error
        except URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise QueryTimeout(f"the SPARQL endpoint {client.endpoint} gave no answer within "
                                   f"{self.timeout:g} s") from error
            raise StoreError(f"the SPARQL endpoint {client.endpoint} failed: {error}") from error
        except QueryBadFormed as error:
            raise QueryError(f"malformed SPARQL (said {client.endpoint}): "
                             f"{explain(str(error), client.queryString.removeprefix(prologue()))}") from error
        except (SPARQLWrapperException, URLError, OSError) as error:
            raise StoreError(f"the SPARQL endpoint {client.endpoint} failed: {error}") from error

    def _json(self, query: str) -> dict[str, Any]:
        client = self._client(self.query_url, prologue() + query)
        client.setReturnFormat(JSON)
        return self._run(client).convert()  # type: ignore[no-any-return]

    def select(self, query: str) -> Rows:
        answer = self._json(query)
        columns = answer["head"]["vars"]
        return Rows(columns, ({name: _term(value) for name, value in binding.items()}
                              for binding in answer["results"]["bindings"]))

    def select_text(self, query: str) -> list[TextRow]:
        answer = self._json(query)
        return [{name: value["value"] for name, value in binding.items()} for binding in answer["results"]["bindings"]]

    def ask(self, query: str) -> bool:
        return bool(self._json(query)["boolean"])

    def results(self, query: str, fmt: str, dataset: Dataset = UNION) -> bytes:
        if fmt not in RESULT_FORMATS and fmt not in RDF_FORMATS:
            raise QueryError(f"unknown result format {fmt}")
        client = self._client(self.query_url, prologue() + query)
        client.addCustomHttpHeader("Accept", media_type(fmt))
        for graph in dataset.default_graphs:
            client.addDefaultGraph(graph)
        for graph in dataset.named_graphs:
            client.addNamedGraph(graph)
        return self._run(client).response.read()  # type: ignore[no-any-return]

    def update(self, sparql: str, graphs: Collection[str] | None = None) -> None:
        client = self._client(self.update_url, prologue() + sparql)
        client.setMethod(POST)
        self._run(client)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        pattern = f"BIND (<{graph}> AS ?g) GRAPH <{graph}>" if graph else "GRAPH ?g"
        rows = self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {pattern} {{ ?s ?p ?o }} }}")
        return (ox.Quad(*(_engine(row[name]) for name in ("s", "p", "o", "g"))) for row in rows)

    def replace(self, quads: Iterable[ox.Quad]) -> None:
        """DROP ALL and INSERT DATA in one update request, which the server applies as one transaction."""
        self.update(f"DROP SILENT ALL ;\nINSERT DATA {{\n{quad_blocks(quads)}\n}}")

    def write_graphs(self, graphs: dict[str, list[ox.Quad]]) -> None:
        """One update request: DROP each graph, INSERT its new quads (the server applies it as one transaction)."""
        drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in graphs)
        quads = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name))
                 for name, members in graphs.items() for q in members]
        self.update(drops + f"INSERT DATA {{\n{quad_blocks(quads)}\n}}")

    @contextmanager
    def draft(self, fresh: bool = False) -> Iterator[EmbeddedStore]:
        """A copy in memory; when the block completes, the graphs it changed are written back in one
        update request (one transaction on the server). Everything is read, so this suits the changes
        of imports and loads, not a corpus of millions of quads."""
        before = _by_graph(() if fresh else self.quads())
        draft = EmbeddedStore.scratch()  # changed in place: no copy of the copy at every write
        draft.bulk_add(quad for quads in before.values() for quad in quads)
        yield draft
        after = _by_graph(draft.quads())
        if fresh or "" in before or "" in after:
            self.replace(draft.quads())
            return
        changed = {name: list(quads) for name, quads in after.items() if before.get(name) != quads}
        changed.update({name: [] for name in before.keys() - after.keys()})
        if changed:
            self.write_graphs(changed)

    def __len__(self) -> int:
        return int(self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])

    def is_empty(self) -> bool:
        return not self.ask("ASK { GRAPH ?g { ?s ?p ?o } }")


def _update_url(query_url: str) -> str:
    """The update endpoint by the common convention: Oxigraph's and Fuseki's …/query pairs with …/update."""
    return query_url[: -len("/query")] + "/update" if query_url.endswith("/query") else query_url


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, set[ox.Quad]]:
    """Quads grouped by the name of their graph ("" for the default graph)."""
    groups: dict[str, set[ox.Quad]] = {}
    for quad in quads:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        groups.setdefault(name, set()).add(quad)
    return groups


def _term(value: dict[str, str]) -> Identifier:
    """An rdflib term for one value of SPARQL JSON results."""
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    return Literal(value["value"], datatype=URIRef(datatype) if datatype else None)


def _engine(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
