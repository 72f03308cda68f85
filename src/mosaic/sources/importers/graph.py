"""What the importers share: asking the graph what it holds, minting IRIs, and writing claim graphs.

An import owns its claim graphs and the file graph that describes them; importing again replaces
them. So everything an import finds only in its own earlier graphs is about to vanish: it is
reused (same IRI), but declared again. Everything declared elsewhere is reused as it is.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mosaic.errors import StoreError
from mosaic.graph.formats import RDF_FORMATS, serialize
from mosaic.graph.iris import entity_iri, short_slug, slugify
from mosaic.graph.store import Selects
from mosaic.graph.vocab import EDTF, ID_BASE, compact, expand, file_graph

__all__ = ["Link", "Known", "Graphs", "Entities", "node", "text", "claim_iri", "short_slug", "sparql_string",
           "as_trig", "kept"]

Link = Callable[[str], str | None]
Term = ox.NamedNode | ox.BlankNode | ox.Literal

def node(name: str) -> ox.NamedNode:
    """A named node from ``prefix:local`` or a full IRI."""
    return ox.NamedNode(expand(name))


def text(value: str, language: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=language) if language else ox.Literal(value)


def claim_iri(name: str) -> str:
    return f"{ID_BASE}claim/{name}"


def sparql_string(value: str) -> str:
    """A SPARQL string literal (JSON's escapes are SPARQL's)."""
    return json.dumps(value, ensure_ascii=False)


def as_trig(graphs: dict[str, list[ox.Quad]]) -> bytes:
    """An import's graphs as TriG, each statement in the claim graph it is filed under."""
    return serialize([ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name))
                      for name, quads in graphs.items() for q in quads], RDF_FORMATS["trig"])


@contextmanager
def kept(path: Path, graphs: dict[str, list[ox.Quad]]) -> Iterator[Path]:
    """Keep an import as the TriG file ``path``, which `mosaic load` reads, so that a reload rebuilds it.

    The file is written first (a full disk stops the import before the store changes) and takes the
    place of the one an earlier import of the same name left only when the block, which loads the
    graphs into the store, succeeds: a refused import leaves both the store and the file as they were.
    """
    part = path.with_name(f".{path.name}.part")  # not *.trig: a load running meanwhile does not read it
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(as_trig(graphs))
    except OSError as error:
        raise StoreError(f"cannot keep the import in {path.parent}: {error}") from error
    try:
        yield path
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, path)


class Known:
    """The current graph as an import sees it: what exists, what is its own, and what it minted."""

    def __init__(self, existing: Selects, ours: Collection[str] = (), reserved: Collection[str] = ()) -> None:
        self.existing = existing
        self.ours = set(ours)
        self.reserved = set(reserved)
        self.minted: set[str] = set()

    @classmethod
    def for_import(cls, existing: Selects, source_name: str, claim_pattern: str,
                   reserved: Collection[str] = ()) -> Known:
        """The graph as seen by the import ``source_name``, whose earlier claims it will replace.

        Raises ValueError when the name's file graph describes claims this import would not have
        made (a data file's, say): writing it would take their sources away.
        """
        graph = file_graph(source_name)
        claims = [r["claim"] for r in cls(existing).select(
            f"SELECT ?claim WHERE {{ GRAPH <{graph}> {{ ?claim a mosaic:Claim }} }}")]
        strangers = [c for c in claims if not re.fullmatch(re.escape(claim_iri(source_name)) + claim_pattern, c)]
        if strangers:
            raise ValueError(f"the name {source_name!r} is taken: its graph <{graph}> describes claims such as "
                             f"{compact(strangers[0])}; give this import another name")
        return cls(existing, {graph, *claims}, reserved)

    def select(self, query: str) -> list[dict[str, str]]:
        return [{name: str(value) for name, value in row.items()} for row in self.existing.select(query)]

    def taken(self, iri: str) -> bool:
        """Whether ``iri`` is used anywhere (as subject, object or graph), reserved, or minted now."""
        if iri in self.minted or iri in self.reserved:
            return True
        return bool(self.select(f"SELECT ?x WHERE {{ {{ <{iri}> ?p ?x }} UNION {{ ?x ?p <{iri}> }} "
                                f"UNION {{ GRAPH <{iri}> {{ ?x ?p ?o }} }} }} LIMIT 1"))

    def declared_elsewhere(self, iri: str) -> bool:
        """Whether a graph this import does not replace gives ``iri`` a class."""
        rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{iri}> a ?class }} }}")
        return any(row["g"] not in self.ours for row in rows)

    def mint(self, kind: str, name: str) -> str:
        """A new IRI of ``kind`` from ``name``: its slug, or the slug with -2, -3 … if taken."""
        base = slugify(name) or kind
        slug, number = base, 1
        while self.taken(entity_iri(kind, slug)):
            number += 1
            slug = f"{base}-{number}"
        self.minted.add(iri := entity_iri(kind, slug))
        return iri

    def named(self, cls: str, names: Iterable[str]) -> list[str]:
        """Things of ``cls`` (or a subclass) with a label or title equal to one of ``names``, ignoring case."""
        wanted = sorted({sparql_string(n.lower()) for n in names if n})
        if not wanted:
            return []
        return [r["x"] for r in self.select(
            f"SELECT DISTINCT ?x WHERE {{ ?x a/rdfs:subClassOf* {cls} ; "
            f"skos:prefLabel|skos:altLabel|skos:hiddenLabel|dcterms:title ?name . "
            f"FILTER (LCASE(STR(?name)) IN ({', '.join(wanted)})) }} ORDER BY ?x")]

    def exists(self, iri: str, cls: str) -> bool:
        return bool(self.select(f"SELECT ?c WHERE {{ <{iri}> a/rdfs:subClassOf* ?c FILTER (?c = {cls}) }} LIMIT 1"))

    def in_graph(self, graph: str, cls: str) -> list[str]:
        """Subjects of class ``cls`` in ``graph`` (to find what an earlier import made at one place)."""
        return [r["x"] for r in self.select(f"SELECT DISTINCT ?x WHERE {{ GRAPH <{graph}> {{ ?x a {cls} }} }} "
                                            "ORDER BY ?x")]

    def labels(self, iri: str, language: str) -> dict[str, set[str]]:
        """The names of ``iri`` in ``language``, by kind of label (prefLabel …), that other graphs give."""
        rows = self.select(f"SELECT ?kind ?name ?g WHERE {{ GRAPH ?g {{ <{iri}> ?kind ?name }} "
                           "FILTER (?kind IN (skos:prefLabel, skos:altLabel, skos:hiddenLabel) && "
                           f"LCASE(LANG(?name)) = {sparql_string(language.lower())}) }}")
        found: dict[str, set[str]] = {}
        for row in rows:
            if row["g"] not in self.ours:
                found.setdefault("skos:" + row["kind"].rsplit("#", 1)[1], set()).add(row["name"])
        return found

    def translation(self, wilson_id: str) -> tuple[str, str | None] | None:
        """The translation with this Wilson Center id, and the original it is derived from."""
        rows = self.select(f"SELECT ?t ?original WHERE {{ ?t mosaic:wilsonCenterId ?id "
                           f"FILTER (STR(?id) = {sparql_string(wilson_id)}) "
                           "OPTIONAL { ?t prov:wasDerivedFrom ?original } } ORDER BY ?t ?original")
        return (rows[0]["t"], rows[0].get("original")) if rows else None

    def concept(self, scheme: str, name: str) -> str | None:
        """The concept of ``scheme`` (kind:scheme …) whose local name or label is ``name``."""
        wanted = sparql_string(slugify(name.split(":")[-1]))
        rows = self.select(f"SELECT DISTINCT ?c WHERE {{ ?c skos:inScheme {scheme} ; skos:prefLabel ?label "
                           f"FILTER (REPLACE(STR(?c), '^.*/', '') = {wanted} || "
                           f"LCASE(STR(?label)) = {sparql_string(name.lower())}) }}")
        return rows[0]["c"] if len(rows) == 1 else None


@dataclass
class Graphs:
    """The named graphs an import writes: graph IRI → quads."""

    quads: dict[str, list[ox.Quad]] = field(default_factory=dict)

    def add(self, graph: str, subject: str | ox.BlankNode, predicate: str, value: str | Term) -> None:
        """One statement; a subject or value given as a string is an IRI or ``prefix:local`` name."""
        s = node(subject) if isinstance(subject, str) else subject
        o = node(value) if isinstance(value, str) else value
        self.quads.setdefault(graph, []).append(ox.Quad(s, node(predicate), o, ox.NamedNode(graph)))

    def time_span(self, graph: str, subject: str | ox.BlankNode, predicate: str, as_written: str, edtf: str) -> None:
        span = ox.BlankNode()
        self.add(graph, subject, predicate, span)
        self.add(graph, span, "rdf:type", "mosaic:TimeSpan")
        self.add(graph, span, "mosaic:asWritten", text(as_written))
        self.add(graph, span, "mosaic:edtf", ox.Literal(edtf, datatype=ox.NamedNode(str(EDTF))))

    def reference(self, graph: str, subject: str, raw: str, parts: dict[str, str | list[str]]) -> None:
        """An archival reference kept as written and split into its parts (ontology local names)."""
        reference = ox.BlankNode()
        self.add(graph, subject, "mosaic:archivalReference", reference)
        self.add(graph, reference, "rdf:type", "mosaic:ArchivalReference")
        self.add(graph, reference, "mosaic:asWritten", text(raw))
        for key, value in parts.items():
            for one in [value] if isinstance(value, str) else value:
                self.add(graph, reference, f"mosaic:{key}", text(one))

    def describe_claim(self, source_name: str, claim: str, source: str, locator: str, line: int | None,
                       evidence: str, quote: str | None = None) -> None:
        """The claim's description, in the import's file graph: its source, where, and how."""
        graph = file_graph(source_name)
        self.quads.setdefault(claim, [])
        self.add(graph, claim, "rdf:type", "mosaic:Claim")
        self.add(graph, claim, "prov:wasDerivedFrom", source)
        self.add(graph, claim, "mosaic:locator", text(locator))
        if line is not None:
            self.add(graph, claim, "mosaic:line", ox.Literal(line))
        self.add(graph, claim, "mosaic:evidence", f"evidence:{evidence}")
        if quote:
            self.add(graph, claim, "mosaic:quote", text(quote))

    def drop_stale(self, known: Known) -> list[str]:
        """Empty the earlier claim graphs of this import that it no longer makes (so they are dropped)."""
        stale = sorted(g for g in known.ours if g not in self.quads and "/claim/" in g)
        for graph in stale:
            self.quads[graph] = []
        return stale


@dataclass
class Entities:
    """Finds the persons, archives, organisations and places an import names, or makes new ones.

    Each is declared (class and name) in the first claim graph that uses it, unless a graph this
    import does not replace declares it already. ``report`` says what was placed and what was made.
    """

    known: Known
    graphs: Graphs
    link: Link
    report: list[str] = field(default_factory=list)
    declared: set[str] = field(default_factory=set)
    people: dict[str, str] = field(default_factory=dict)
    preferred: dict[tuple[str, str], str] = field(default_factory=dict)

    def declare(self, iri: str, graph: str, cls: str, label: str, language: str | None = "en",
                alt: str | None = None) -> None:
        if iri in self.declared or self.known.declared_elsewhere(iri):
            return
        self.declared.add(iri)
        self.graphs.add(graph, iri, "rdf:type", cls)
        self.name(graph, iri, label, language)
        if alt and alt != label:
            self.graphs.add(graph, iri, "skos:altLabel", text(alt, language))

    def name(self, graph: str, iri: str, label: str, language: str | None = "en", preferred: bool = True) -> None:
        """``label`` as the kind of name it already is (SKOS keeps the kinds apart); else as the preferred
        name in its language if ``preferred`` and none is preferred yet, or as another name."""
        known = self.known.labels(iri, language or "")
        same = [kind for kind in ("skos:prefLabel", "skos:altLabel", "skos:hiddenLabel")
                if label in known.get(kind, ())]
        if same or not preferred:
            kind = same[0] if same else "skos:altLabel"
        else:
            first = self.preferred.setdefault((iri, (language or "").lower()),
                                              min(known.get("skos:prefLabel", {label})))
            kind = "skos:prefLabel" if first == label else "skos:altLabel"
        self.graphs.add(graph, iri, kind, text(label, language))

    def person(self, name: str, graph: str, where: str, language: str = "en") -> str:
        """The person a written name stands for: the name authority's, a person of that exact name, or a new one."""
        if name not in self.people:
            self.people[name] = self._place(name, where)
        iri = self.people[name]
        self.declare(iri, graph, "foaf:Person", name, language)
        return iri

    def _place(self, name: str, where: str) -> str:
        if linked := self.link(name):
            self.report.append(f"{where}: placed {name!r} on {compact(linked)} (name authority)")
            return linked
        same = self.known.named("foaf:Person", [name])
        if len(same) == 1:
            self.report.append(f"{where}: placed {name!r} on {compact(same[0])} (a person of that exact name)")
            return same[0]
        iri = self.known.mint("person", name)
        why = f"{len(same)} persons have that name" if same else "no person of the graph matches"
        self.report.append(f"{where}: unplaced name {name!r} ({why}): new person {compact(iri)}")
        return iri

    def named_thing(self, cls: str, kind: str, names: list[str], graph: str, where: str,
                    label: str, alt: str | None = None, what: str = "archive") -> str:
        """The one thing of ``cls`` called by one of ``names``, or a new one labelled ``label``."""
        found = self.known.named(cls, names)
        if len(found) == 1:
            iri = found[0]
        else:
            iri = self.known.mint(kind, alt or label)
            why = f"{len(found)} match" if found else "none matches"
            self.report.append(f"{where}: new {what} {compact(iri)} for {names[0]!r} ({why})")
        self.declare(iri, graph, cls, label, alt=alt)
        return iri
