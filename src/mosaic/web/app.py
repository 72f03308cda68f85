"""The app factory: a Flask app over a store, each part of the web registering itself with ``init_app``
(Flask's pattern), so the factory stays short and nothing happens at import time.

It lives in a module of its own, not in the package's ``__init__``, so that the server (which builds
the app) imports it without importing its own package back.
"""

from __future__ import annotations

from flask import Flask

from mosaic.graph.store import EmbeddedStore, open_store
from mosaic.web.state import ServerConfig
from mosaic.web.workers import DirectCalls, QueryWorkers

__all__ = ["create_app"]


def create_app(config: ServerConfig) -> Flask:
    """The Flask app over the store at ``config.store`` (a directory or an external endpoint's URL),
    which must have been loaded."""
    import mosaic.web.endpoint as endpoint  # the parts are imported here: a query worker imports none of them
    import mosaic.web.errors as errors
    import mosaic.web.headers as headers
    import mosaic.web.pages as pages
    import mosaic.web.resolve as resolve
    import mosaic.web.resources as resources

    app = Flask("mosaic.web")  # named for the package: its templates, static files and logger are the package's
    app.config["MOSAIC"] = config
    app.config["MAX_CONTENT_LENGTH"] = config.max_body  # Flask answers 413 past it
    graph = open_store(config.store)
    app.extensions["mosaic.store"] = graph
    app.extensions["mosaic.workers"] = QueryWorkers(graph.root, config.workers, config.query_timeout, config.memory) \
        if isinstance(graph, EmbeddedStore) and graph.root is not None else DirectCalls(graph)
    for part in (errors, headers, endpoint, resources, pages, resolve):
        part.init_app(app)
    return app
