"""Every error the server answers has one shape: a status, a title, and a message that says what
is wrong and what to do.

Browsers get a small HTML page; clients that accept JSON but not HTML get
``{"error": {"status": 400, "title": "Bad Request", "message": "…"}}``; everyone else gets the
message as plain text (what SPARQL clients such as SPARQLWrapper show their users).
"""

from __future__ import annotations

from http import HTTPStatus

from flask import Flask, Response, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException

from mosaic.errors import DateError, LoadError, MosaicError, QueryError, QueryTimeout, ShapeViolation

__all__ = ["error_response", "init_app"]

# a change that breaks the shapes is well-formed but refused: 422, with the shapes' report as its message
_STATUS: dict[type[MosaicError], int] = {QueryError: 400, LoadError: 400, DateError: 400, ShapeViolation: 422,
                                         QueryTimeout: 503}
_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ status }} {{ title }} – Mosaic</title>
<link rel="stylesheet" href="/static/style.css"></head><body><main><h1>{{ status }} {{ title }}</h1>
<p class="error">{{ message }}</p><p><a href="/">Back to the query page</a></p></main></body></html>"""


def error_response(status: int, message: str) -> Response:
    """The error answer for ``status``, in the form the client can read."""
    title = _title(status)
    best = request.accept_mimetypes.best_match(["text/plain", "application/json", "text/html"], default="text/plain")
    if best == "text/html" and request.accept_mimetypes["text/html"] > request.accept_mimetypes["text/plain"]:
        response = Response(render_template_string(_PAGE, status=status, title=title, message=message),
                            mimetype="text/html")
    elif best == "application/json":
        response = jsonify({"error": {"status": status, "title": title, "message": message}})
    else:
        response = Response(f"{status} {title}: {message}\n", mimetype="text/plain")
    response.status_code = status
    return response


def _title(status: int) -> str:
    return HTTPStatus(status).phrase


def _from_mosaic(error: MosaicError) -> Response:
    status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 500)
    response = error_response(status, str(error))
    if status == 503:
        response.headers["Retry-After"] = "60"
    return response


def _from_http(error: HTTPException) -> Response:
    response = error_response(error.code or 500, error.description or _title(error.code or 500))
    for name, value in (error.get_headers() if error.code in (401, 405) else []):
        if name.lower() in ("allow", "www-authenticate"):
            response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(MosaicError, _from_mosaic)
    app.register_error_handler(HTTPException, _from_http)
