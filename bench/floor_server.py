"""The thinnest Python HTTP front there can be over Mosaic's store: the floor any Python server stands on.

    python bench/floor_server.py --store STORE --port PORT [--front waitress]

It answers SPARQL queries POSTed as application/sparql-query, over kept-alive connections, from
Mosaic's store held in memory in this very process: no framework, no worker process, no time limit,
no checks of the query, no content negotiation beyond the Accept header the bench sends. With the
raw front (the default) one thread reads each request and writes its answer on the socket itself;
with ``--front waitress`` the same answer is a bare WSGI app under waitress, as Mosaic is served.
It is not a server anyone should run. It exists to measure, in bench/overhead.py, how close to the
Oxigraph server a Python process can come at all when it answers over HTTP, and what waitress costs.
"""

from __future__ import annotations

import argparse
import socket
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import waitress

from mosaic.graph.store import EmbeddedStore

_FORMATS = {b"application/sparql-results+json": "json", b"application/n-triples": "ntriples"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--front", choices=["raw", "waitress"], default="raw")
    args = parser.parse_args()
    store = EmbeddedStore(args.store, in_memory=True)
    store.ask("ASK {}")  # start the in-memory copy, and answer only once it is there
    while not store.in_memory_now():
        time.sleep(0.05)
    if args.front == "waitress":
        waitress.serve(_wsgi_app(store), host="127.0.0.1", port=args.port, threads=8)
        return
    with socket.create_server(("127.0.0.1", args.port)) as listener:
        print(f"floor server on 127.0.0.1:{args.port}", file=sys.stderr, flush=True)
        while True:
            connection, _ = listener.accept()
            with connection:
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                _serve(connection, store)


def _serve(connection: socket.socket, store: EmbeddedStore) -> None:
    """Answer the requests of one connection until the client closes it."""
    pending = b""
    while True:
        while b"\r\n\r\n" not in pending:
            chunk = connection.recv(65536)
            if not chunk:
                return
            pending += chunk
        head, _, pending = pending.partition(b"\r\n\r\n")
        headers = dict(_header(line) for line in head.split(b"\r\n")[1:])
        length = int(headers.get(b"content-length", b"0"))
        while len(pending) < length:
            pending += connection.recv(65536)
        body, pending = pending[:length], pending[length:]
        accept = headers.get(b"accept", b"application/sparql-results+json")
        answer = store.results(body.decode("utf-8"), _FORMATS.get(accept, "json"))
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s"
                           % (accept, len(answer), answer))


def _wsgi_app(store: EmbeddedStore) -> Callable[..., Iterable[bytes]]:
    def app(environ: dict[str, object], start_response: Callable[..., object]) -> Iterable[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))  # type: ignore[attr-defined]
        accept = str(environ.get("HTTP_ACCEPT", "application/sparql-results+json"))
        answer = store.results(body.decode("utf-8"), _FORMATS.get(accept.encode(), "json"))
        start_response("200 OK", [("Content-Type", accept), ("Content-Length", str(len(answer)))])
        return [answer]

    return app


def _header(line: bytes) -> tuple[bytes, bytes]:
    name, _, value = line.partition(b":")
    return name.strip().lower(), value.strip()


if __name__ == "__main__":
    main()
