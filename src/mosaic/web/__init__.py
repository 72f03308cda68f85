"""The HTTP face of Mosaic: the SPARQL endpoint, linked-data resources and the pages.

``create_app`` builds a Flask app over a store; each part registers itself, so the factory stays
short and nothing happens at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from mosaic import settings
from mosaic.store import EmbeddedStore, Rows, Selects
from mosaic.workers import QueryWorkers

__all__ = ["create_app", "ServerConfig"]


@dataclass(frozen=True)
class ServerConfig:
    """What the server needs to know, read from settings unless given."""

    store: Path
    query_timeout: float
    max_rows: int
    workers: int
    update_token: str
    federation: tuple[str, ...]

    @classmethod
    def from_settings(cls, **overrides: object) -> ServerConfig:
        values: dict[str, object] = {
            "store": Path(settings.get("store")),
            "query_timeout": float(settings.get("query_timeout")),
            "max_rows": int(settings.get("max_rows")),
            "workers": int(settings.get("workers")),
            "update_token": settings.get("update_token"),
            "federation": tuple(p.strip() for p in settings.get("federation").split(",") if p.strip()),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def create_app(config: ServerConfig) -> Flask:
    """The Flask app over the store at ``config.store``, which must have been loaded."""
    from mosaic.web import (
        coverage_view,
        endpoint,
        errors,
        headers,
        network_view,
        pages,
        resolve,
        resources,
    )

    app = Flask(__name__)
    app.config["MOSAIC"] = config
    app.extensions["mosaic.store"] = EmbeddedStore(config.store)
    app.extensions["mosaic.workers"] = QueryWorkers(config.store, config.workers, config.query_timeout)
    for part in (errors, headers, endpoint, resources, pages, network_view, resolve, coverage_view):
        part.init_app(app)
    return app


def workers() -> QueryWorkers:
    """The query workers of the app handling the current request."""
    from flask import current_app

    return current_app.extensions["mosaic.workers"]  # type: ignore[no-any-return]


class _WorkerQueries:
    """The query workers seen as something that answers SELECT queries (under the time limit)."""

    def select(self, query: str) -> Rows:
        return workers().call("select", query)  # type: ignore[no-any-return]


def queries() -> Selects:
    """What pages and views query the graph through: the workers, so the time limit holds."""
    return _WorkerQueries()


def store() -> EmbeddedStore:
    """The store of the app handling the current request (for trusted reads such as dumps)."""
    from flask import current_app

    return current_app.extensions["mosaic.store"]  # type: ignore[no-any-return]


def config() -> ServerConfig:
    from flask import current_app

    return current_app.config["MOSAIC"]  # type: ignore[no-any-return]
