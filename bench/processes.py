"""Servers the bench starts: free ports on loopback, readiness, memory from /proc, and always stopping.

Each server runs in a session of its own, so that it and every process it spawns (Mosaic's query
workers) can be stopped together by its process group id, and so that a Ctrl-C in the terminal
reaches the bench first, which then stops what it started. Memory is read from /proc (psutil is not
installed): the resident set of the server and all its descendants, sampled a few times a second.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from client import Endpoint, QueryTimedOut

__all__ = ["MemorySampler", "Timed", "free_port", "run_timed", "spawn", "stop", "wait_ready"]

def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def spawn(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start ``command`` in a new session, its output going to ``log``."""
    with log.open("ab") as output:
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})}, start_new_session=True)


def stop(process: subprocess.Popen[bytes], grace: float = 10) -> None:
    """Stop the process group the bench started: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is not None:
        _signal_group(process.pid, signal.SIGKILL)  # a child it left behind
        return
    _signal_group(process.pid, signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        _signal_group(process.pid, signal.SIGKILL)
        process.wait()
    _signal_group(process.pid, signal.SIGKILL)


def _signal_group(group: int, sig: signal.Signals) -> None:
    try:
        os.killpg(group, sig)
    except ProcessLookupError:
        pass


def wait_ready(url: str, process: subprocess.Popen[bytes], limit: float) -> float:
    """Seconds until the endpoint answers ``ASK {}``; an error if the server dies or ``limit`` passes."""
    started = time.perf_counter()
    endpoint = Endpoint(url, timeout=5)
    try:
        while time.perf_counter() - started < limit:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with status {process.returncode} before answering")
            try:
                if endpoint.query("ASK {}", "application/sparql-results+json").ok:
                    return time.perf_counter() - started
            except (OSError, QueryTimedOut):
                endpoint.close()
            time.sleep(0.02)
    finally:
        endpoint.close()
    raise TimeoutError(f"the server did not answer ASK within {limit:g} s")


@dataclass(frozen=True)
class Timed:
    """A command the bench ran to its end: how long, its peak resident memory, and its output's tail."""

    seconds: float
    peak_rss_mb: float
    output: str
    how: str = ""  # what was run, where the way of loading is worth a note


def run_timed(command: list[str], env: dict[str, str] | None = None, limit: float = 3600) -> Timed:
    """Run ``command`` to its end, watching the memory of it and its children as a server's is watched."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})}, start_new_session=True)
    try:
        with MemorySampler(lambda: process.pid if process.poll() is None else None, interval=0.1) as memory:
            output, _ = process.communicate(timeout=limit)
    finally:
        stop(process, grace=2)
    seconds = time.perf_counter() - started
    text = output.decode("utf-8", "replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {text[-2000:]}")
    return Timed(seconds, memory.peak_kb / 1024, text[-2000:])


# --- memory -----------------------------------------------------------------------------------------


class MemorySampler:
    """The peak of the summed RSS of a process tree, sampled every ``interval`` seconds in a thread.

    ``root`` is read at each sample, so a server that is restarted goes on being watched. At the end
    the processes' own high-water marks (VmHWM) are summed as well: an upper bound, since their
    peaks need not coincide, where the sampled sum is a lower bound.
    """

    def __init__(self, root: Callable[[], int | None], interval: float = 0.2) -> None:
        self.root = root
        self.interval = interval
        self.peak_kb = 0
        self.hwm_kb = 0
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._halt.set()
        self._thread.join()

    def sample(self) -> None:
        """Take one sample now (also called just before a server is stopped, to catch its last state)."""
        pid = self.root()
        if pid is None:
            return
        tree = process_tree(pid)
        self.peak_kb = max(self.peak_kb, sum(_status_kb(p, "VmRSS") for p in tree))
        self.hwm_kb = max(self.hwm_kb, sum(_status_kb(p, "VmHWM") for p in tree))

    def _run(self) -> None:
        while not self._halt.wait(self.interval):
            self.sample()

    def as_dict(self) -> dict[str, float]:
        return {"peak_rss_mb": self.peak_kb / 1024, "vmhwm_sum_mb": self.hwm_kb / 1024}


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent(entry)
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def _parent(entry: Path) -> int | None:
    try:
        stat = (entry / "stat").read_text()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2:].split()[1])  # after "pid (comm) state", comm may hold spaces


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
