"""Running the web app under waitress, a real multi-threaded WSGI server, and stopping it gently.

On SIGTERM (what service managers and container runtimes send) or Ctrl-C the server stops accepting
connections, finishes the requests in flight and sends their answers, closes idle connections, and
only then stops the query workers and exits. waitress's own loop would stop at once and drop the
answers still being computed, so the server runs that loop here, one turn at a time.
"""

from __future__ import annotations

import errno
import logging
import math
import signal
import sys
import threading
import time
from types import FrameType

import waitress
from waitress import wasyncore

from mosaic.errors import ServerError
from mosaic.web.app import create_app
from mosaic.web.state import ServerConfig

__all__ = ["run", "DRAIN_SECONDS", "OncePerInterval"]

DRAIN_SECONDS = 60.0  # longest a stop waits for requests in flight (a query's time limit is shorter)


class OncePerInterval(logging.Filter):
    """Lets one record through per ``seconds``. waitress warns "Task queue depth is N" for every request
    it queues: 70 KB of log in ten seconds of fifty clients, where a line a second tells as much."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self._last = -math.inf
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now - self._last < self.seconds:
                return False
            self._last = now
            return True


def run(host: str, port: int, threads: int, **overrides: object) -> None:
    """Serve until SIGTERM or SIGINT, then drain; the query workers are stopped with the server."""
    logging.getLogger("waitress.queue").addFilter(OncePerInterval(1.0))
    app = create_app(ServerConfig.from_settings(**overrides))
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="Mosaic",
                                        clear_untrusted_proxy_headers=True)
    except (OSError, ValueError) as error:  # waitress says ValueError for a host name it cannot look up
        app.extensions["mosaic.workers"].close()
        raise ServerError(_cannot_listen(host, port, error)) from error
    stopping = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, _request_stop(stopping))
    print(f"Mosaic is serving http://{host}:{port}/ (SPARQL endpoint: http://{host}:{port}/sparql)",
          file=sys.stderr, flush=True)
    try:
        while not stopping.is_set():
            wasyncore.loop(timeout=0.2, map=server._map, count=1)
        _drain(server)
    finally:
        server.task_dispatcher.shutdown(timeout=5)
        app.extensions["mosaic.workers"].close()
    print("Mosaic has stopped: every request in flight was answered.", file=sys.stderr, flush=True)


def _cannot_listen(host: str, port: int, error: OSError | ValueError) -> str:
    """Why the server cannot listen at ``host:port``, and which setting to change."""
    if isinstance(error, ValueError):
        return f"cannot listen on {host!r}: not an address or a name of this machine; check --host (MOSAIC_HOST)"
    if error.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is already in use (another Mosaic server, or another program?): "
                f"choose a free port with --port (or MOSAIC_PORT), or stop what is listening there")
    if error.errno == errno.EACCES:
        return (f"not allowed to listen on port {port}: ports below 1024 need administrator rights; "
                f"choose another with --port (or MOSAIC_PORT)")
    return (f"cannot listen on {host}, port {port}: {error.strerror or error}; check --host (MOSAIC_HOST) "
            f"and --port (MOSAIC_PORT)")


def _request_stop(stopping: threading.Event):  # type: ignore[no-untyped-def]
    def handler(number: int, frame: FrameType | None) -> None:
        stopping.set()

    return handler


def _drain(server: waitress.server.BaseWSGIServer) -> None:
    """Stop listening, then turn the loop until every connection has had its answers sent."""
    server.accepting = False
    server.del_channel()
    server.socket.close()
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        busy = False
        for channel in list(server._map.values()):
            if channel is server.trigger or not hasattr(channel, "requests"):
                continue
            if channel.requests or channel.total_outbufs_len or channel.request is not None:
                busy = True
            else:
                channel.handle_close()  # an idle keep-alive connection: nothing more will come
        if not busy:
            return
        wasyncore.loop(timeout=0.1, map=server._map, count=1)
