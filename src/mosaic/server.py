"""Running the web app under waitress, a real multi-threaded WSGI server."""

from __future__ import annotations

import sys

import waitress

from mosaic.web import ServerConfig, create_app

__all__ = ["run"]


def run(host: str, port: int, threads: int, **overrides: object) -> None:
    """Serve until stopped; the query workers are stopped with the server."""
    app = create_app(ServerConfig.from_settings(**overrides))
    print(f"Mosaic is serving http://{host}:{port}/ (SPARQL endpoint: http://{host}:{port}/sparql)",
          file=sys.stderr, flush=True)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="Mosaic", clear_untrusted_proxy_headers=True)
    finally:
        app.extensions["mosaic.workers"].close()
