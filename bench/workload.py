"""What every system is asked: the generated data, the values the queries need, and the queries.

Every peer must answer over exactly the same quads, so the data is generated once per size with
``mosaic synth`` and then given the date bounds (mosaic:earliest/latest) that Mosaic's loader adds:
peers have no loader to compute them, and the date-range queries need them. The concrete IRIs and
names the queries ask about are picked by SPARQL from that file, in an in-memory pyoxigraph store
of the bench's own, so that every system is asked about the same person whatever subset runs.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from mosaic.graph.iris import entity_iri
from mosaic.graph.sparql import query_form
from mosaic.synth import with_bounds

__all__ = ["QUERIES_DIR", "DataFiles", "Query", "load_queries", "pick_values", "prepare_data"]

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
           "construct": "application/n-triples", "describe": "application/n-triples"}


@dataclass(frozen=True)
class DataFiles:
    """One size's data: as generated (for Mosaic's loader) and with date bounds (for the peers)."""

    triples: int
    seed: int
    generated: Path
    bounded: Path
    quads: int
    generation_s: float


@dataclass(frozen=True)
class Query:
    """A historian's question, with the text each system is sent (Mosaic may have its own)."""

    name: str
    text: str
    form: str
    overrides: dict[str, str]

    @property
    def accept(self) -> str:
        return _ACCEPT[self.form]

    def text_for(self, system: str) -> str:
        return self.overrides.get(system, self.text)


def prepare_data(folder: Path, triples: int, seed: int, mosaic: str) -> DataFiles:
    """Generate the data for ``triples`` once; later runs reuse it (the generator is deterministic)."""
    folder.mkdir(parents=True, exist_ok=True)
    meta_path = folder / "data.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta["triples"] == triples and meta["seed"] == seed and (folder / "bounded.nq").exists():
            return DataFiles(triples, seed, folder / "data.nq", folder / "bounded.nq", meta["quads"],
                             meta["generation_s"])
    started = time.perf_counter()
    subprocess.run([mosaic, "synth", "-n", str(triples), "--seed", str(seed), "-o", str(folder / "data.nq")],
                   check=True, capture_output=True)
    generation_s = time.perf_counter() - started
    quads = _write_bounded(folder / "data.nq", folder / "bounded.nq")
    meta_path.write_text(json.dumps({"triples": triples, "seed": seed, "quads": quads,
                                     "generation_s": generation_s}))
    return DataFiles(triples, seed, folder / "data.nq", folder / "bounded.nq", quads, generation_s)


def _write_bounded(source: Path, target: Path) -> int:
    """The generated quads plus their date bounds, as N-Quads; returns how many quads were written."""
    count = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal count
        for quad in with_bounds(ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS)):
            count += 1
            yield quad

    ox.serialize(counted(), str(target), format=ox.RdfFormat.N_QUADS)
    return count


_PROMINENT_PERSON = """
PREFIX rico: <https://www.ica.org/standards/RiC/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?person ?ko ?ru ?en (COUNT(DISTINCT ?record) AS ?records) WHERE {
  ?record rico:hasOrHadSubject ?person .
  ?person a foaf:Person ; skos:prefLabel ?ko, ?ru, ?en .
  FILTER (LANG(?ko) = "ko" && LANG(?ru) = "ru" && LANG(?en) = "en")
}
GROUP BY ?person ?ko ?ru ?en ORDER BY DESC(?records) ?person ?ko ?ru ?en LIMIT 1"""
_BUSIEST_INFORMANT = """
PREFIX mosaic: <https://w3id.org/mosaic/ontology#>
SELECT ?informant (COUNT(DISTINCT ?relay) AS ?relays) WHERE {
  ?relay mosaic:relayedFrom ?first . ?first mosaic:informant ?informant .
}
GROUP BY ?informant ORDER BY DESC(?relays) ?informant LIMIT 1"""


def pick_values(data: DataFiles) -> dict[str, str]:
    """The IRIs and names the queries ask about, the same for every system; cached beside the data.

    The person is the one most records are about who has a Hangul and a Cyrillic name, so that
    the lookup crosses scripts and the description is not trivially small.
    """
    cache = data.bounded.with_name("picks.json")
    if cache.exists():
        return dict(json.loads(cache.read_text()))
    store = ox.Store()
    store.bulk_load(path=str(data.bounded), format=ox.RdfFormat.N_QUADS)
    person = _first_row(store, _PROMINENT_PERSON)
    informant = _first_row(store, _BUSIEST_INFORMANT)
    picks = {
        "person": person["person"], "person_ko": person["ko"], "person_ru": person["ru"],
        "surname": person["en"].split()[0].lower(), "informant": informant["informant"],
        "mission": entity_iri("mission", "synth-ussr-embassy-pyongyang"),
        "faction": entity_iri("faction", "synth-soviet-koreans"),
    }
    cache.write_text(json.dumps(picks, ensure_ascii=False, indent=1))
    return picks


def _first_row(store: ox.Store, query: str) -> dict[str, str]:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        return {name: solution[name].value for name in names if solution[name] is not None}
    raise LookupError(f"the generated data has no answer to the picking query:{query}")


def load_queries(picks: dict[str, str], folder: Path = QUERIES_DIR) -> list[Query]:
    """Every ``*.rq`` in ``folder`` with the picked values filled in, and ``<system>/<name>.rq`` overrides."""
    queries = []
    for path in sorted(folder.glob("*.rq")):
        text = _fill(path, picks)
        overrides = {override.parent.name: _fill(override, picks) for override in sorted(folder.glob(f"*/{path.name}"))}
        form = query_form(text)
        if form is None:
            raise ValueError(f"{path}: no SELECT, ASK, CONSTRUCT or DESCRIBE query found")
        queries.append(Query(path.stem, text, form, overrides))
    return queries


def _fill(path: Path, picks: dict[str, str]) -> str:
    """The query text with ``{{name}}`` placeholders replaced; an unknown name is an error, not an empty string."""
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in picks:
            raise KeyError(f"{path}: unknown placeholder {{{{{name}}}}}; known: {', '.join(sorted(picks))}")
        return picks[name].replace("\\", "\\\\").replace('"', '\\"')

    return _PLACEHOLDER.sub(value, path.read_text(encoding="utf-8"))
