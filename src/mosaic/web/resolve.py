"""GET /resolve?name=…: the persons a written name may stand for, ranked, with the reason — the
name authority over HTTP, for import tools and other clients."""

from __future__ import annotations

from flask import Flask, Response, abort, jsonify, request

from mosaic.web.state import per_generation, queries

__all__ = ["init_app"]


def _resolver() -> object:
    """The resolver over the graph's persons, rebuilt only when the store has changed."""
    from mosaic.sources.names import Resolver

    return per_generation("resolver", lambda: Resolver.from_store(queries()))


def resolve() -> Response:
    name = request.args.get("name", "").strip()
    if not name:
        abort(400, description="Give the written name to resolve: /resolve?name=Kim+Ir+Sen")
    if len(name) > 200:
        abort(400, description="A name is at most 200 characters long.")
    limit = request.args.get("limit", "10")
    if not limit.isdigit() or not 1 <= int(limit) <= 50:
        abort(400, description="limit is a whole number from 1 to 50.")
    candidates = _resolver().resolve(name, limit=int(limit))  # type: ignore[attr-defined]
    return jsonify({"name": name, "candidates": [candidate.as_json() for candidate in candidates]})


def init_app(app: Flask) -> None:
    app.add_url_rule("/resolve", view_func=resolve)
