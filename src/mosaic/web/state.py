"""What the parts of the web app share for the app handling the current request: its configuration,
its store, the query workers that answer under the time limit, and what is built once per
generation of the store.

Every submodule of mosaic.web reads the app's state from here, never from the package itself, so
the package (the app factory) imports its parts and no part imports it back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import current_app

from mosaic import settings
from mosaic.graph.store import Rows, Selects, Store, TextRow
from mosaic.web.workers import DirectCalls, QueryWorkers

__all__ = ["ServerConfig", "workers", "queries", "store", "config", "per_generation"]

T = TypeVar("T")
_EXTERNAL_REFRESH = 30  # seconds an external store's cached answers are kept: it cannot say when it changed
_CACHE_LOCKS: dict[str, threading.Lock] = {}
_CACHE_LOCKS_LOCK = threading.Lock()


@dataclass(frozen=True)
class ServerConfig:
    """What the server needs to know, read from settings unless given."""

    store: str
    query_timeout: float
    max_rows: int
    workers: int
    memory: bool
    update_token: str
    max_query_length: int
    max_body: int
    federation: tuple[str, ...]

    @classmethod
    def from_settings(cls, **overrides: object) -> ServerConfig:
        values: dict[str, object] = {
            "store": settings.get("store"),
            "query_timeout": float(settings.get("query_timeout")),
            "max_rows": int(settings.get("max_rows")),
            "workers": int(settings.get("workers")),
            "memory": settings.get("memory").lower() in ("on", "true", "1", "yes"),
            "update_token": settings.get("update_token"),
            "max_query_length": int(settings.get("max_query_length")),
            "max_body": int(settings.get("max_body")),
            "federation": tuple(p.strip() for p in settings.get("federation").split(",") if p.strip()),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def workers() -> QueryWorkers | DirectCalls:
    """The query workers of the app handling the current request."""
    return current_app.extensions["mosaic.workers"]  # type: ignore[no-any-return]


class _WorkerQueries:
    """The query workers seen as something that answers SELECT queries (under the time limit)."""

    def select(self, query: str) -> Rows:
        return workers().call("select", query)  # type: ignore[no-any-return]

    def select_text(self, query: str) -> list[TextRow]:
        return workers().call("select_text", query)  # type: ignore[no-any-return]


def queries() -> Selects:
    """What pages and views query the graph through: the workers, so the time limit holds."""
    return _WorkerQueries()


def store() -> Store:
    """The store of the app handling the current request (for trusted reads such as dumps)."""
    return current_app.extensions["mosaic.store"]  # type: ignore[no-any-return]


def config() -> ServerConfig:
    return current_app.config["MOSAIC"]  # type: ignore[no-any-return]


def per_generation(name: str, build: Callable[[], T]) -> T:
    """What ``build()`` made for the store's current generation, made again only when a change has
    made a new one (for an external store, which cannot say when it changed: every half minute).
    Requests that need it meanwhile wait for the one building it instead of building it too."""
    generation = store().generation or f"external-{int(time.monotonic() // _EXTERNAL_REFRESH)}"
    key = f"mosaic.cached.{name}"
    with _CACHE_LOCKS_LOCK:
        lock = _CACHE_LOCKS.setdefault(key, threading.Lock())
    with lock:
        cached = current_app.extensions.get(key)
        if cached is None or cached[0] != generation:
            cached = (generation, build())
            current_app.extensions[key] = cached
    return cached[1]  # type: ignore[no-any-return]
