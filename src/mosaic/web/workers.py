"""Queries under a time limit: each runs in a worker process, which is killed if it overruns.

pyoxigraph cannot cancel a query once it has started, and a thread cannot be stopped, so a runaway
query (a cartesian product, say) would burn a core until it finished. A worker process can be
killed: the caller gets a QueryTimeout at once, a fresh worker takes the dead one's place, and the
other workers go on answering. Workers open the store read-only, so killing one never harms it;
updates write a new generation, which a killed update never makes current.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mosaic import errors
from mosaic.errors import MosaicError, QueryTimeout, ShapeViolation, StoreError
from mosaic.graph.store import UNION, Dataset, EmbeddedStore, Rows, Store, TextRow

__all__ = ["Operations", "QueryWorkers", "DirectCalls"]

_SPAWN = multiprocessing.get_context("spawn")  # fork is unsafe in a multi-threaded server


class Operations:
    """What the server asks of a store: its queries, and updates that keep the derived graph current."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def select(self, query: str) -> Rows:
        return self.store.select(query)

    def select_text(self, query: str) -> list[TextRow]:
        return self.store.select_text(query)

    def ask(self, query: str) -> bool:
        return self.store.ask(query)

    def results(self, query: str, fmt: str, dataset: Dataset = UNION) -> bytes:
        return self.store.results(query, fmt, dataset)

    def answers_from_memory(self) -> bool:
        """Whether queries are answered from an in-memory copy of the graph (not from the disk, nor remotely)."""
        return isinstance(self.store, EmbeddedStore) and self.store.in_memory_now()

    def update(self, sparql: str) -> None:
        """A validated change: refused, with the shapes' report, if what it touches no longer conforms."""
        from mosaic import settings
        from mosaic.graph.load import update

        update(self.store, sparql, Path(settings.get("shapes")))


def _serve(conn: Connection, root: str, in_memory: bool) -> None:
    """A worker's life: answer (method, args) requests on the store until the pipe closes."""
    store = EmbeddedStore(Path(root), in_memory=in_memory)
    operations = Operations(store)
    if in_memory and not store.is_empty():
        store.ask("ASK {}")  # start the in-memory copy now, not at the first request
        threading.Thread(target=_announce_copy, args=(store, time.monotonic()), daemon=True).start()
    while True:
        try:
            method, args = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", getattr(operations, method)(*args)))
        except ShapeViolation as error:
            conn.send(("violation", error.report))
        except MosaicError as error:
            conn.send(("error", type(error).__name__, str(error)))


def _announce_copy(store: EmbeddedStore, started: float) -> None:
    """Say in the server's log when this worker answers from memory, for operators and benchmarks to
    know when queries run at full speed (until then they read the disk)."""
    while not store.in_memory_now():
        time.sleep(0.05)
    print(f"Mosaic query worker {os.getpid()}: answering from memory ({store.generation}), "
          f"{time.monotonic() - started:.1f} s after it started", file=sys.stderr, flush=True)


class _Worker:
    def __init__(self, root: Path, in_memory: bool) -> None:
        self.conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(target=_serve, args=(child, str(root), in_memory), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class QueryWorkers:
    """A pool of ``size`` worker processes over the embedded store at ``root`` (each with a copy of the
    graph in memory if ``in_memory``)."""

    def __init__(self, root: Path, size: int, timeout: float, in_memory: bool = False) -> None:
        self.root = root
        self.in_memory = in_memory
        self.timeout = timeout
        # the worker that answered last answers next: its copy of the graph is still in the CPU's caches,
        # which any pause cools (a query asked again after 5 ms of sleep runs at its cold speed). At 1M
        # triples, a records-by-year query one client asks again and again takes 5.5-6.0 ms so, and
        # 10-14 ms when the workers take turns (four trials each), each then waiting twice as long
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all: set[_Worker] = set()
        self._closed = False
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self.root, self.in_memory)
        self._all.add(worker)
        self._idle.put(worker)

    def call(self, method: str, *args: Any, timeout: float | None = None) -> Any:
        """``store.method(*args)`` in a worker; QueryTimeout if it takes longer than the time limit."""
        limit = self.timeout if timeout is None else timeout
        worker = self._idle.get()
        try:
            worker.conn.send((method, args))
            if not worker.conn.poll(limit):
                self._replace(worker)
                raise QueryTimeout(f"the query ran longer than the time limit of {limit:g} s and was stopped")
            answer = worker.conn.recv()
        except (EOFError, OSError) as error:
            self._replace(worker)
            raise StoreError(f"a query worker failed ({error}); it has been replaced") from error
        self._idle.put(worker)
        if answer[0] == "violation":
            raise ShapeViolation(answer[1])
        if answer[0] == "error":
            raise getattr(errors, answer[1], StoreError)(answer[2])
        return answer[1]

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background, so the caller need not wait for it."""
        worker.kill()
        self._all.discard(worker)
        if not self._closed:
            threading.Thread(target=self._add, daemon=True).start()

    def close(self) -> None:
        self._closed = True
        for worker in list(self._all):
            worker.kill()


class DirectCalls:
    """Calls on an external store, made directly: its server runs the queries (and enforces its own
    time limit), and Mosaic's HTTP client gives up at Mosaic's, so no worker process is needed."""

    def __init__(self, store: Store) -> None:
        self.operations = Operations(store)

    def call(self, method: str, *args: Any, timeout: float | None = None) -> Any:
        return getattr(self.operations, method)(*args)

    def close(self) -> None:
        """Nothing to stop: the external store runs on its own."""
