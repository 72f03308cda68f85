"""The embedded store's generations on disk: ``root/gen-N`` folders, ``root/current`` the symlink
readers follow. A writer builds a new generation under a lock and makes it current in one rename,
keeping the one before it for readers that may still be finishing a query on it."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mosaic.errors import StoreError

__all__ = ["writing", "snapshot_name"]

_KEPT = 2  # the current one, and the one readers may still be finishing a query on


@contextmanager
def writing(root: Path) -> Iterator[Path]:
    """A fresh generation directory to write; made current only if the block completes."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        with open(root / "write.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one writer at a time, across processes
            fresh = _next_generation(root)
            try:
                yield fresh
            except BaseException:
                shutil.rmtree(fresh, ignore_errors=True)
                raise
            _make_current(root, fresh)
    except OSError as error:
        raise StoreError(f"cannot write the store at {root}: {error}") from error

def _next_generation(root: Path) -> Path:
    return root / f"gen-{max(map(_number, _generations(root)), default=0) + 1:06d}"

def _generations(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("gen-*") if p.name[4:].isdigit() and p.is_dir())

def _make_current(root: Path, fresh: Path) -> None:
    link = root / "current.next"
    link.unlink(missing_ok=True)
    link.symlink_to(fresh.name)
    os.replace(link, root / "current")
    for stale in _generations(root)[:-_KEPT]:
        shutil.rmtree(stale, ignore_errors=True)
        shutil.rmtree(stale.with_name(snapshot_name(stale.name)), ignore_errors=True)


def _number(generation: Path) -> int:
    return int(generation.name[4:])


def snapshot_name(generation: str) -> str:
    """Where a generation's snapshot is kept (see mosaic.graph.store.snapshots): beside it, never inside the engine's folder."""
    return "snapshot-" + generation.removeprefix("gen-")
