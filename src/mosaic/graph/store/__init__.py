"""Where the graph lives: the one place that opens the storage engine.

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
true (see ``merge``). The named graphs stay the record; the default graph is never written to
directly. (A scratch store, which only a load's checks read, asks the engine for its union instead:
those checks count distinct values, and keeping the merge would cost the load time.)

The package holds the interface (``base``), the two stores (``embedded``, ``remote``), and what the
embedded store is made of: ``generations`` (the swap of the symlink), ``merge`` (the default graph
kept a set) and ``snapshots``. It may use ``mosaic.errors``, ``mosaic.settings`` and the graph's
SPARQL, format and vocabulary modules; nothing above the graph.
"""

from __future__ import annotations

from pathlib import Path

from mosaic.errors import StoreError
from mosaic.graph.sparql import UNION, Dataset
from mosaic.graph.store.base import Change, Row, Rows, Selects, Store, TextRow, is_url, quad_blocks, to_rdflib
from mosaic.graph.store.embedded import EmbeddedStore
from mosaic.graph.store.snapshots import Snapshot

__all__ = ["Store", "Change", "Selects", "EmbeddedStore", "Dataset", "UNION", "Row", "Rows", "TextRow", "Snapshot",
           "open_store", "source", "quad_blocks", "is_url", "to_rdflib"]


def open_store(location: str | Path, create: bool = False) -> Store:
    """The store at ``location``: an external SPARQL endpoint for a URL, else the embedded store in
    that directory (a missing one only if ``create``)."""
    location = str(location)
    if is_url(location):
        from mosaic.graph.store.remote import RemoteStore  # the remote store builds on this package

        return RemoteStore.at(location)
    path = Path(location)
    if not create and not (path / "current").exists():
        raise StoreError(f"there is no store at {location}: build it with `mosaic load`")
    return EmbeddedStore(path)


def source(endpoint: str | None, store_location: str) -> Store:
    """What a command reads: the SPARQL endpoint at ``endpoint`` if given, else the embedded store."""
    return open_store(endpoint or store_location)
