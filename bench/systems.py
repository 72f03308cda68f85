"""The systems compared, and how each is loaded, started and stopped on the same quads.

- ``mosaic``: Mosaic's own endpoint (``mosaic serve``, waitress and query worker processes) over a
  store built by :func:`load_mosaic`.
- ``oxigraph-mem``: the Oxigraph server in memory, loaded over HTTP (a POST of the N-Quads to /store).
- ``oxigraph-disk``: the Oxigraph server on a RocksDB directory built by ``oxigraph load``.
- ``rdflib``: rdflib-endpoint over an rdflib Dataset (bench/rdflib_server.py), which loads the file
  itself at every start.

All bind 127.0.0.1 on a free port, and all see the union of the named graphs as the default graph.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from processes import MemorySampler, Timed, free_port, run_timed, spawn, stop, wait_ready
from workload import DataFiles

__all__ = ["SYSTEMS", "Running", "System", "Workspace", "launched", "load_mosaic"]

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
_READY_LIMIT = 1800  # seconds: rdflib parses the whole file before it answers
MOSAIC_WORKERS = 2  # Mosaic's query worker processes: its default, set explicitly so the bench knows


@dataclass(frozen=True)
class Workspace:
    """Where one size's stores and logs go, its data, and the time limits."""

    root: Path
    data: DataFiles
    query_timeout: float
    rdflib_timeout: float
    mosaic_load: str = "auto"

    def path(self, name: str) -> Path:
        return self.root / name

    @property
    def served(self) -> Path:
        """The quads the peers load: Mosaic's whole graph as it serves it (the data, the ontology and
        what it derives: caveats and tallies), exported after Mosaic's last load beside the data, so
        that every system answers over the same quads; the generated data with date bounds if Mosaic
        was never loaded."""
        exported = self.data.bounded.with_name("mosaic-served.nq")  # beside the data: later runs reuse it
        return exported if exported.exists() else self.data.bounded


class System:
    """How to load, start and query one system; subclasses fill in what differs."""

    key = ""
    label = ""
    endpoint_path = "/sparql"
    restart_on_timeout = False  # the server cannot stop a query the client gave up on

    def timeout(self, ws: Workspace) -> float:
        return ws.query_timeout

    def load(self, ws: Workspace) -> Timed | None:
        """Build the store before the server starts (None if the server loads the data itself)."""
        return None

    def command(self, ws: Workspace, port: int) -> list[str]:
        raise NotImplementedError

    def environment(self, ws: Workspace) -> dict[str, str]:
        return {}

    def after_start(self, ws: Workspace, port: int) -> Timed | None:
        """Load into the running server, for a server with no store of its own."""
        return None

    def network_source(self, ws: Workspace, url: str) -> list[str]:
        """Arguments of ``offline.py network`` naming where the network is built from."""
        return ["--endpoint", url]

    def warm(self, log: Path) -> bool:
        """Whether the server answers at full speed yet (its log tells), for those that warm up after start."""
        return True


def load_mosaic(ws: Workspace) -> Timed:
    """Build Mosaic's store from the generated data; the one place to switch how Mosaic loads.

    ``mosaic load --data-file`` is used when Mosaic has it (``auto``), else ``mosaic synth --load``,
    which generates the same quads again and loads them with date bounds, unvalidated; its time
    then includes generating them (reported separately as the data's generation time).
    """
    store = ws.path("mosaic-store")
    method = ws.mosaic_load
    if method == "auto":
        help_text = subprocess.run([str(BIN / "mosaic"), "load", "--help"], check=False, capture_output=True,
                                   text=True).stdout
        method = "data-file" if "--data-file" in help_text else "synth"
    if method == "data-file":
        command = [str(BIN / "mosaic"), "load", "--data-file", str(ws.data.generated), "--store", str(store)]
        how = "`mosaic load --data-file`"
    else:
        command = [str(BIN / "mosaic"), "synth", "-n", str(ws.data.triples), "--seed", str(ws.data.seed),
                   "--load", "--store", str(store)]
        how = "`mosaic synth --load` (its time includes generating the quads again)"
    timed = run_timed(command)
    exported = ws.data.bounded.with_name("mosaic-served.nq")
    exported.unlink(missing_ok=True)
    subprocess.run([str(BIN / "mosaic"), "export", "--format", "nquads", "-o", str(exported), "--store", str(store)],
                   check=True, capture_output=True)
    return Timed(timed.seconds, timed.peak_rss_mb, timed.output, how)


class Mosaic(System):
    key, label = "mosaic", "Mosaic"

    def load(self, ws: Workspace) -> Timed:
        return load_mosaic(ws)

    def command(self, ws: Workspace, port: int) -> list[str]:
        return [str(BIN / "mosaic"), "serve", "--store", str(ws.path("mosaic-store")), "--host", "127.0.0.1",
                "--port", str(port), "--query-timeout", str(ws.query_timeout)]

    def environment(self, ws: Workspace) -> dict[str, str]:
        return {"MOSAIC_QUERY_TIMEOUT": str(ws.query_timeout), "MOSAIC_WORKERS": str(MOSAIC_WORKERS)}

    def network_source(self, ws: Workspace, url: str) -> list[str]:
        return ["--store", str(ws.path("mosaic-store")), "--in-memory"]  # as the server's workers hold it

    def warm(self, log: Path) -> bool:
        """Every query worker answers from its in-memory copy (until then it reads the disk)."""
        return log.read_text(errors="replace").count("answering from memory") >= MOSAIC_WORKERS


class OxigraphMemory(System):
    key, label = "oxigraph-mem", "Oxigraph (memory)"
    endpoint_path = "/query"

    def command(self, ws: Workspace, port: int) -> list[str]:
        return [str(BIN / "oxigraph"), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph",
                "--timeout-s", str(int(ws.query_timeout))]

    def after_start(self, ws: Workspace, port: int) -> Timed:
        """POST the N-Quads to the Graph Store endpoint: the only way to fill an in-memory server."""
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
        try:
            with ws.served.open("rb") as body:
                connection.request("POST", "/store", body=body, headers={
                    "Content-Type": "application/n-quads",
                    "Content-Length": str(ws.served.stat().st_size)})
                response = connection.getresponse()
                text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        if response.status not in (200, 201, 204):
            raise RuntimeError(f"Oxigraph refused the data: HTTP {response.status}: {text[:500]}")
        return Timed(time.perf_counter() - started, 0.0, text)


class OxigraphDisk(OxigraphMemory):
    key, label = "oxigraph-disk", "Oxigraph (disk)"

    def load(self, ws: Workspace) -> Timed:
        return run_timed([str(BIN / "oxigraph"), "load", "--location", str(ws.path("oxigraph-store")),
                          "--file", str(ws.served)])

    def command(self, ws: Workspace, port: int) -> list[str]:
        return super().command(ws, port) + ["--location", str(ws.path("oxigraph-store"))]

    def after_start(self, ws: Workspace, port: int) -> None:
        return None


class Rdflib(System):
    key, label = "rdflib", "rdflib-endpoint"
    restart_on_timeout = True

    def timeout(self, ws: Workspace) -> float:
        return ws.rdflib_timeout

    def command(self, ws: Workspace, port: int) -> list[str]:
        return [sys.executable, str(HERE / "rdflib_server.py"), "--file", str(ws.served), "--port", str(port)]


SYSTEMS: dict[str, System] = {s.key: s for s in (Mosaic(), OxigraphMemory(), OxigraphDisk(), Rdflib())}


@dataclass
class Running:
    """A system's server while the bench uses it, and what its loading and starting cost."""

    system: System
    ws: Workspace
    process: subprocess.Popen[bytes] | None = None
    port: int = 0
    load: Timed | None = None
    startup_s: float = 0.0
    warm_s: float = 0.0
    restarts: int = 0
    memory: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.system.endpoint_path}"

    @property
    def log(self) -> Path:
        return self.ws.path(f"{self.system.key}.log")

    def pid(self) -> int | None:
        return self.process.pid if self.process is not None and self.process.poll() is None else None

    def start(self) -> None:
        """Start the server, wait until it answers, and load it if it has no store of its own."""
        self.port = free_port()
        started = time.perf_counter()
        self.process = spawn(self.system.command(self.ws, self.port), self.log, self.system.environment(self.ws))
        wait_ready(self.url, self.process, _READY_LIMIT)
        self.startup_s = time.perf_counter() - started
        self.load = self.system.after_start(self.ws, self.port) or self.load or self._load_reported_in_log()
        self._wait_warm()
        self.warm_s = time.perf_counter() - started

    def _wait_warm(self) -> None:
        """Queries are timed at full speed: wait until the server says it has warmed up."""
        deadline = time.monotonic() + _READY_LIMIT
        while not self.system.warm(self.log):
            if time.monotonic() > deadline or (self.process is not None and self.process.poll() is not None):
                raise RuntimeError(f"{self.system.label} did not warm up within {_READY_LIMIT:g} s")
            time.sleep(0.05)

    def _load_reported_in_log(self) -> Timed | None:
        """The load time a server that loads its own data wrote as a JSON line (bench/rdflib_server.py)."""
        for line in reversed(self.log.read_text(errors="replace").splitlines()):
            if line.startswith("{") and "load_s" in line:
                return Timed(float(json.loads(line)["load_s"]), 0.0, line)
        return None

    def restart(self) -> None:
        """Stop and start again: how to get rid of a query a server cannot cancel."""
        self.stop()
        self.restarts += 1
        load, startup, warm = self.load, self.startup_s, self.warm_s
        self.start()
        self.load, self.startup_s, self.warm_s = load, startup, warm  # keep the first start's figures

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None


@contextmanager
def launched(system: System, ws: Workspace) -> Iterator[Running]:
    """A loaded, started system, with its memory watched; it is stopped however the block ends."""
    running = Running(system, ws)
    sampler = MemorySampler(running.pid)
    try:
        running.load = system.load(ws)
        with sampler:
            running.start()
            yield running
            sampler.sample()
    finally:
        running.stop()
        running.memory = sampler.as_dict()
