"""Headers every answer carries: CORS for reading (GET) clients, and security headers on pages."""

from __future__ import annotations

from flask import Flask, Response, request

__all__ = ["init_app"]

_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def _add_headers(response: Response) -> Response:
    if request.method in ("GET", "HEAD"):
        response.headers["Access-Control-Allow-Origin"] = "*"  # anyone may read; only the token may write
        response.headers["Vary"] = "Accept"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if response.mimetype == "text/html":
        response.headers.update(_PAGE_HEADERS)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
