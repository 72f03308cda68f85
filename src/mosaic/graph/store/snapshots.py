"""Snapshots: a generation's quads as the engine wrote them out, in flat files, and the merge of its
named graphs kept beside it.

Query workers answer queries without named graphs from an in-memory copy of the current
generation's merge (see mosaic.graph.store.embedded). Reading that copy back out of the on-disk store
costs seconds per million triples (every term is decoded from RocksDB), while bulk-loading the same
triples from a flat file costs a third of that. A load writes the new generation from such dumps
anyway (see mosaic.graph.load), so the merge's files are kept beside it, and the copy is made from them.

A snapshot is complete only once its manifest is written, after every part; a folder without one
(a write that failed or was killed) is never read. A generation changed by any other means than
whole snapshots (an update, an import) gets no snapshot folder, and its copy is read from the store.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

__all__ = ["Snapshot", "SnapshotFiles", "load_snapshot", "merged"]

_MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Snapshot:
    """A file of quads as the engine wrote them out, blank nodes kept: a whole store (N-Quads,
    ``graph`` None) or one named graph (N-Triples of ``graph``; ``into_default``: the same triples
    loaded into the default graph, which holds the merge of the named graphs), to be added to another
    store. A file rather than bytes, so that a million quads need not be held in memory while they
    are written."""

    path: Path
    graph: str | None = None
    into_default: bool = False
    merge: Path | None = None  # a whole store's merge, as N-Triples in a file of its own

    @property
    def format(self) -> ox.RdfFormat:
        return ox.RdfFormat.N_QUADS if self.graph is None and not self.into_default else ox.RdfFormat.N_TRIPLES

    def merge_part(self) -> Snapshot | None:
        """The merge of a whole store's snapshot, as a part of its own that goes into the default graph."""
        return Snapshot(self.merge, None, into_default=True) if self.merge is not None else None

    @property
    def to_graph(self) -> ox.NamedNode | ox.DefaultGraph | None:
        if self.into_default:
            return ox.DefaultGraph()
        return ox.NamedNode(self.graph) if self.graph is not None else None

    def write_from(self, engine: ox.Store) -> None:
        """The engine's quads (those of ``graph``, if named) written out into the file."""
        engine.dump(output=str(self.path), format=self.format,
                    from_graph=ox.NamedNode(self.graph) if self.graph is not None else None)

    def add_to(self, engine: ox.Store) -> None:
        """The file's quads added to ``engine`` by its bulk loader. The engine wrote them from checked
        terms, so they are not checked again (lenient), and it parses without holding the GIL."""
        engine.bulk_load(path=str(self.path), format=self.format, to_graph=self.to_graph, lenient=True)


class SnapshotFiles:
    """The snapshots a new generation is written from, kept in ``folder`` as they come."""

    def __init__(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)  # what a killed write left
        folder.mkdir(parents=True)
        self.folder = folder
        self.parts: list[dict[str, str | None]] = []

    def add(self, snapshots: list[Snapshot]) -> None:
        """Keep the snapshots' one file (moved here: it has been loaded, and is not needed where it was),
        to be loaded once for each of them."""
        name = f"{len(self.parts):03d}.{'nq' if snapshots[0].format == ox.RdfFormat.N_QUADS else 'nt'}"
        shutil.move(snapshots[0].path, self.folder / name)
        self.parts += [{"file": name, "graph": snapshot.graph, "default": snapshot.into_default}
                       for snapshot in snapshots]

    def seal(self) -> None:
        """Write the manifest, which makes the snapshot readable; only once the generation is complete."""
        unsealed = self.folder / (_MANIFEST + ".next")
        unsealed.write_text(json.dumps(self.parts), encoding="utf-8")
        os.replace(unsealed, self.folder / _MANIFEST)

    def drop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def load_snapshot(folder: Path, engine: ox.Store) -> bool:
    """Bulk-load the sealed snapshot in ``folder`` into ``engine`` (an empty in-memory store); False if
    there is none or it cannot be read, and then ``engine`` may hold part of it."""
    try:
        parts = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        for part in parts:
            Snapshot(folder / part["file"], part["graph"], bool(part.get("default"))).add_to(engine)
    except (OSError, ValueError, SyntaxError, KeyError, TypeError):
        return False
    return True


def merged(snapshot: Snapshot) -> Snapshot:
    """The same named graph's file, loaded into the default graph as well."""
    return replace(snapshot, into_default=True)
