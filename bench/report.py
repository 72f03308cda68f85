"""The bench's results as people read them: tables per size, the answers check, and the targets.

One renderer writes Markdown tables padded to line up, so the same text reads well in a terminal and
on GitHub. The JSON file keeps every raw figure (each run's time included) for later comparison.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["evaluate_targets", "machine_info", "markdown_table", "ratio", "render", "write_results"]

REFERENCE = "oxigraph-mem"  # what Mosaic's ratios are taken against
LABELS = {"mosaic": "Mosaic", "oxigraph-mem": "Oxigraph (memory)", "oxigraph-disk": "Oxigraph (disk)",
          "rdflib": "rdflib-endpoint"}
_PACKAGES = ("mosaic", "pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "pyshacl", "networkx", "waitress",
             "uvicorn", "fastapi")
_TALLY_QUERY = "who-reported-on-whom"


# --- machine ------------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    """What the figures depend on: cores, memory, load, versions, and the commit measured."""
    return {
        "cores": os.cpu_count(), "cpu": _cpu_model(), "ram_gb": round(_meminfo_kb("MemTotal") / 1024 ** 2, 1),
        "load_average": os.getloadavg(), "platform": platform.platform(), "python": sys.version.split()[0],
        "packages": {name: _version(name) for name in _PACKAGES},
        "oxigraph_cli": _output([str(Path(sys.executable).parent / "oxigraph"), "--version"]),
        "commit": _output(["git", "rev-parse", "--short", "HEAD"]),
        "worktree_changed": bool(_output(["git", "status", "--porcelain", "--", "src"])),
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def _meminfo_kb(field: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _output(command: list[str]) -> str:
    try:
        return subprocess.run(command, check=False, capture_output=True, text=True, cwd=Path(__file__).parent,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


# --- cells --------------------------------------------------------------------------------------------


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    if value >= 100 or digits == 0:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}" if value >= 1 or digits > 1 else f"{value:.2f}"


def ratio(value: float | None, reference: float | None) -> str:
    if value is None or not reference:
        return "–"
    quotient = value / reference
    return f"{quotient:.2f}×" if quotient >= 0.1 else f"{quotient:.1g}×"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                                 for i, (cell, width) in enumerate(zip(cells, widths, strict=True))) + " |"

    rule = "|" + "|".join("-" * (width + 1) + (":" if i else "-") for i, width in enumerate(widths)) + "|"
    return "\n".join([line(header), rule] + [line(row) for row in rows])


# --- per size -----------------------------------------------------------------------------------------

Getter = Callable[[dict[str, Any]], float | str | None]


def _measure_rows(size: dict[str, Any], systems: list[str]) -> list[tuple[str, Getter, int]]:
    """(label, how to read it from a system's results, digits) for every row of the main table."""
    rows: list[tuple[str, Getter, int]] = [
        ("quads served (data + anything derived)", lambda s: s.get("quads"), 0),
        ("load (s)", lambda s: s["load_s"], 2),
        ("start-up until ASK answers (s)", lambda s: s["startup_s"], 2),
        ("start-up until answering from memory (s)", lambda s: s.get("warm_s"), 2),
        ("peak RSS, sampled (MB)", lambda s: s["memory"].get("peak_rss_mb"), 0),
        ("peak RSS, Σ VmHWM (MB)", lambda s: s["memory"].get("vmhwm_sum_mb"), 0),
    ]
    for name in size["queries"]:
        rows.append((f"{name}: median (ms)", _latency(name, "median_ms"), 2))
        rows.append((f"{name}: p95 (ms)", _latency(name, "p95_ms"), 2))
    rows += [
        ("throughput, 8 clients (queries/s)", lambda s: s["throughput"].get("queries_per_second"), 1),
        ("throughput errors + timeouts", lambda s: _errors(s["throughput"]), 0),
        ("network: build reporting (s)", _network("build_s"), 2),
        ("network: PageRank (s)", _network("pagerank_s"), 3),
        ("network: betweenness k=200 (s)", _network("betweenness_s"), 2),
    ]
    return rows


def _latency(name: str, key: str) -> Getter:
    def read(system: dict[str, Any]) -> float | str | None:
        timing = system["latency"].get(name)
        if timing is None:
            return None
        return timing[key] if timing["status"] == "ok" else timing["status"].split(" (")[0].split(":")[0]
    return read


def _network(key: str) -> Getter:
    def read(system: dict[str, Any]) -> float | str | None:
        network = system.get("network") or {}
        return network.get(key) if network.get("status") == "ok" else network.get("status")
    return read


def _errors(throughput: dict[str, Any]) -> float | None:
    return None if not throughput else throughput["errors"] + throughput["timeouts"]


def _cell(value: float | str | None, digits: int) -> str:
    return value if isinstance(value, str) else _number(value, digits)


def _main_table(size: dict[str, Any]) -> str:
    systems = list(size["systems"])
    header = ["measure"] + [LABELS.get(key, key) for key in systems]
    with_ratio = "mosaic" in systems and REFERENCE in systems
    if with_ratio:
        header.append("Mosaic ÷ Oxigraph (memory)")
    rows = []
    for label, read, digits in _measure_rows(size, systems):
        values = [read(size["systems"][key]) for key in systems]
        row = [label] + [_cell(value, digits) for value in values]
        if with_ratio:
            mine, theirs = read(size["systems"]["mosaic"]), read(size["systems"][REFERENCE])
            numeric = isinstance(mine, (int, float)) and isinstance(theirs, (int, float))
            row.append(ratio(mine, theirs) if numeric and "errors" not in label and "quads" not in label else "–")
        rows.append(row)
    return markdown_table(header, rows)


def _answers_table(size: dict[str, Any]) -> str:
    systems = list(size["systems"])
    header = ["query"] + [LABELS.get(key, key) for key in systems] + ["check"]
    rows = [[name] + [_count(size["systems"][key]["latency"].get(name)) for key in systems] + [check["verdict"]]
            for name, check in size["checks"].items()]
    return markdown_table(header, rows)


def _count(timing: dict[str, Any] | None) -> str:
    if timing is None:
        return "–"
    return str(timing["count"]) if timing["count"] is not None else timing["status"].split(" (")[0].split(":")[0]


def _shacl_table(size: dict[str, Any]) -> str:
    shacl = size["shacl"]
    mine, peer = shacl.get("mosaic", {}), shacl.get("pyshacl", {})
    rows = []
    for label, key in (("full validation (s)", "full_s"), ("one entity revalidated (s)", "revalidate_s")):
        values = [part.get(key) if part.get("status") == "ok" else part.get("status", "–") for part in (mine, peer)]
        numeric = all(isinstance(v, (int, float)) for v in values)
        rows.append([label] + [_cell(v, 3) for v in values] + [ratio(*values) if numeric else "–"])
    return markdown_table(["SHACL", "Mosaic (engine)", "pySHACL", "Mosaic ÷ pySHACL"], rows)


def _size_section(label: str, size: dict[str, Any]) -> str:
    parts = [f"## {label} triples ({size['quads']:,} quads with date bounds)",
             f"Data generated in {size['generation_s']:.1f} s. Asked about: "
             + ", ".join(f"{k} = `{v}`" for k, v in size["picks"].items()) + ".",
             _main_table(size), "### Answers (rows, or distinct triples) — every system must agree",
             _answers_table(size), "### SHACL", _shacl_table(size)]
    notes = [note for key, system in size["systems"].items() for note in _system_notes(key, system)]
    notes += size.get("network_checks", [])
    notes += [f"SHACL {name}: {part['reason']}" for name, part in size["shacl"].items() if part.get("reason")]
    if notes:
        parts += ["### Notes", "\n".join(f"- {note}" for note in notes)]
    return "\n\n".join(parts)


def _system_notes(key: str, system: dict[str, Any]) -> list[str]:
    label = LABELS.get(key, key)
    notes = [f"{label}: {note}" for note in system.get("notes", [])]
    for name, timing in system["latency"].items():
        if timing["status"] != "ok":
            notes.append(f"{label}, {name}: {timing['status']}")
        if timing.get("remark"):
            notes.append(f"{label}, {name}: {timing['remark']}")
    network = system.get("network") or {}
    if network.get("status") not in (None, "ok"):
        notes.append(f"{label}, network: {network.get('status')} {network.get('reason', '')}".strip())
    return notes


# --- targets ------------------------------------------------------------------------------------------


def evaluate_targets(sizes: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    """Each target at each size it applies to: the measured value, and met, missed or n/a."""
    verdicts: list[dict[str, str]] = []
    for label, size in sizes.items():
        systems = size["systems"]
        mosaic = systems.get("mosaic")
        if mosaic is None:
            continue
        verdicts += _query_targets(label, size)
        verdicts += _scalar_targets(label, size, mosaic, systems)
    if not any(size["triples"] == 1_000_000 for size in sizes.values()):
        for target in ("load 1M < 10 s", "full SHACL 1M < 60 s"):
            verdicts.append(_verdict(target, "1M", "not run (add 1M to --sizes)", None))
    return verdicts


def _verdict(target: str, size: str, value: str, met: bool | None) -> dict[str, str]:
    return {"target": target, "size": size, "value": value,
            "verdict": "n/a" if met is None else "met" if met else "MISSED"}


def _median(system: dict[str, Any] | None, name: str) -> float | None:
    if system is None:
        return None
    timing = system["latency"].get(name)
    return timing["median_ms"] if timing and timing["status"] == "ok" else None


def _agrees(size: dict[str, Any], name: str) -> bool:
    """Whether Mosaic's answer to ``name`` matched the peers': a fast wrong answer meets no target."""
    verdict = size["checks"].get(name, {}).get("verdict", "")
    return not verdict.startswith(("MISMATCH", "same count"))


def _query_targets(label: str, size: dict[str, Any]) -> list[dict[str, str]]:
    systems = size["systems"]
    mosaic = systems["mosaic"]
    verdicts = []
    for reference, factor, target in ((REFERENCE, 1.2, "each query median ≤ 1.2× Oxigraph (memory)"),
                                      ("oxigraph-disk", 1.0, "each query median ≤ Oxigraph (disk)")):
        if reference not in systems:
            verdicts.append(_verdict(target, label, f"{LABELS[reference]} not run", None))
            continue
        ratios = {name: (_median(mosaic, name), _median(systems[reference], name)) for name in mosaic["latency"]}
        known = {name: mine / theirs for name, (mine, theirs) in ratios.items() if mine and theirs}
        if not known:
            verdicts.append(_verdict(target, label, "no query answered by both", None))
            continue
        worst = max(known, key=lambda name: known[name])
        within = sum(ratio <= factor and _agrees(size, name) for name, ratio in known.items())
        wrong = [name for name in known if not _agrees(size, name)]
        value = f"{within}/{len(ratios)} within; worst {worst} {known[worst]:.2f}×" + (
            f"; answers differ: {', '.join(wrong)}" if wrong else "")
        verdicts.append(_verdict(target, label, value, within == len(ratios)))
    mine, theirs = _median(mosaic, _TALLY_QUERY), _median(systems.get(REFERENCE), _TALLY_QUERY)
    speedup = theirs / mine if mine and theirs else None
    value = f"{speedup:.1f}× ({mine:.2f} vs {theirs:.2f} ms)" if speedup else "–"
    agrees = _agrees(size, _TALLY_QUERY)
    verdicts.append(_verdict("who-reported-on-whom ≥ 10× faster than Oxigraph (memory) SPARQL", label,
                             value + ("" if agrees else "; its answer differs from the peers'"),
                             None if speedup is None else speedup >= 10 and agrees))
    return verdicts


def _scalar_targets(label: str, size: dict[str, Any], mosaic: dict[str, Any],
                    systems: dict[str, Any]) -> list[dict[str, str]]:
    verdicts = []
    mine_qps = mosaic["throughput"].get("queries_per_second")
    theirs_qps = systems.get(REFERENCE, {}).get("throughput", {}).get("queries_per_second")
    verdicts.append(_verdict("8-client throughput ≥ Oxigraph (memory)", label,
                             f"{mine_qps:.1f} vs {theirs_qps:.1f} q/s" if mine_qps and theirs_qps else "–",
                             None if not (mine_qps and theirs_qps) else mine_qps >= theirs_qps))
    if size["triples"] == 1_000_000:
        verdicts.append(_under("load 1M < 10 s", label, mosaic["load_s"], 10, "s"))
        verdicts.append(_under("full SHACL 1M < 60 s", label, _shacl(size, "full_s"), 60, "s"))
    verdicts.append(_under("start-up < 2 s", label, mosaic["startup_s"], 2, "s"))
    verdicts.append(_under("revalidation of one entity < 1 s", label, _shacl(size, "revalidate_s"), 1, "s"))
    network = mosaic.get("network") or {}
    if network.get("status") in ("timed out", "error"):
        verdicts.append(_verdict("network build + PageRank < 3 s", label,
                                 f"{network['status']}: {network.get('reason', '')}", False))
    else:
        built = network["build_s"] + network["pagerank_s"] if network.get("status") == "ok" else None
        verdicts.append(_under("network build + PageRank < 3 s", label, built, 3, "s"))
    verdicts.append(_under("peak RSS < 2 GB (sampled)", label, mosaic["memory"].get("peak_rss_mb"), 2048, "MB"))
    return verdicts


def _shacl(size: dict[str, Any], key: str) -> float | None:
    mine = size["shacl"].get("mosaic", {})
    return mine.get(key) if mine.get("status") == "ok" else None


def _under(target: str, size: str, value: float | None, limit: float, unit: str) -> dict[str, str]:
    shown = "–" if value is None else f"{value:,.0f} {unit}" if value >= 100 else f"{value:.3g} {unit}"
    return _verdict(target, size, shown,
                    None if value is None else value < limit)


# --- the whole report ---------------------------------------------------------------------------------


def render(results: dict[str, Any]) -> str:
    machine = results["machine"]
    packages = ", ".join(f"{name} {version}" for name, version in machine["packages"].items())
    head = [f"# Mosaic against its peers — {results['started']}",
            f"{machine['cores']} cores ({machine['cpu']}), {machine['ram_gb']} GB RAM, load average at start "
            f"{_loads(machine.get('load_average'))} and at the end {_loads(machine.get('load_average_end'))}; "
            f"{machine['platform']}; Python "
            f"{machine['python']}; {packages}; Oxigraph CLI: {machine['oxigraph_cli']}; commit {machine['commit']}"
            + (" (with uncommitted changes in src/)" if machine["worktree_changed"] else "") + ".",
            f"Settings: {results['settings']}."]
    if results.get("interrupted"):
        head.append("**Interrupted: the figures below are what was measured before the interruption.**")
    sections = [_size_section(label, size) for label, size in results["sizes"].items()]
    verdicts = results.get("targets", [])
    targets = markdown_table(["target", "size", "measured", "verdict"],
                     [[v["target"], v["size"], v["value"], v["verdict"]] for v in verdicts])
    return "\n\n".join(head + sections + ["## Targets", targets]) + "\n"


def _loads(averages: list[float] | None) -> str:
    return ", ".join(f"{x:.2f}" for x in averages) if averages else "–"


def write_results(results: dict[str, Any], folder: Path, stamp: str) -> list[Path]:
    """``<stamp>.md``, ``<stamp>.json`` and ``latest.md`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    markdown, data = folder / f"{stamp}.md", folder / f"{stamp}.json"
    markdown.write_text(render(results), encoding="utf-8")
    data.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    shutil.copyfile(markdown, folder / "latest.md")
    return [markdown, data, folder / "latest.md"]
