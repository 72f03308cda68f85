"""Networks of reporting, built from the graph by SPARQL, so that they come out the same from the
embedded store and from any SPARQL endpoint.

Four networks, each a networkx graph whose nodes are IRIs (with ``label``, ``kind`` and ``group``
attributes) and whose edges keep the records behind them:

- ``reporting``: author (person or mission) → person, faction, body or mission reported on, each edge
  saying how (``relation``: ``subject``, the records are about the target; ``informant``, the target
  talked to the author). A mission's reports on its own conditions (a record by a mission, or by one of
  its diplomats, whose subject is that mission) are no edge: they would be loops that say nothing of
  whom it reported on, so they are kept on the author's node as ``own_conditions``;
- ``information``: informant or interlocutor → the diplomat or mission they talked to;
- ``co-mention``: persons named in the same record (undirected);
- ``affiliation``: persons ↔ factions and missions (bipartite), from memberships and posts; its
  edges keep the claims that assert them.

A period keeps what its date bounds overlap, so an uncertain date counts when it may fall inside.
Undated records are left out of any period; undated memberships are kept in every period.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

import networkx as nx

from mosaic.analysis.network_queries import ISOLATED_SECOND_HAND, NETWORK_QUERIES, NODES, RECORD_PARTS, SERVED_IN
from mosaic.errors import PeriodError
from mosaic.graph.dates import bounds
from mosaic.graph.store import Selects, TextRow

__all__ = ["KINDS", "CAVEAT_POLICIES", "RELATIONS", "Period", "build", "node_attributes", "isolated_second_hand",
           "describe_records"]

KINDS = ("reporting", "information", "co-mention", "affiliation")
# What to do with second-hand reports written under isolation: keep them, leave them out, or count
# each as half a record in the edge weights.
CAVEAT_POLICIES = ("keep", "drop", "weight")
# How a reporting edge's records tie its ends: the target is what they are about, or who informed the author.
RELATIONS = ("subject", "informant")
_KIND_OF_CLASS = {"Person": "person", "Faction": "faction", "Embassy": "mission", "Legation": "mission",
                  "DiplomaticMission": "mission", "FormalOrganization": "body", "Organization": "body"}
_KIND_ORDER = ("other", "body", "faction", "mission", "person")  # a node of several classes takes the last


@dataclass(frozen=True)
class Period:
    """A span of calendar days; either end may be open."""

    start: date | None = None
    end: date | None = None

    @classmethod
    def parse(cls, start: str | None, end: str | None) -> Period:
        """From EDTF-style dates: ``--from 1956-09`` means from its first day, ``--to 1956`` to its last.

        A period that ends before it starts is refused (PeriodError): it would match nothing, and an
        empty answer would read as "no records", not as a mistake in the question.
        """
        period = cls(bounds(start)[0] if start else None, bounds(end)[1] if end else None)
        if period.start and period.end and period.start > period.end:
            raise PeriodError(f"the period from {start} to {end} ends before it starts ({period.start} is after "
                              f"{period.end}); give the earlier date first")
        return period

    @classmethod
    def from_interval(cls, interval: str) -> Period:
        """From ``1953-07/1956-08`` (either side may be empty)."""
        start, _, end = interval.partition("/")
        return cls.parse(start or None, end or None)

    def overlaps(self, earliest: date | None, latest: date | None) -> bool:
        """Whether something dated between ``earliest`` and ``latest`` may fall in the period."""
        if self.start and latest and latest < self.start:
            return False
        return not (self.end and earliest and earliest > self.end)

    def __str__(self) -> str:
        return "all dates" if self == Period() else f"{self.start or '..'}/{self.end or '..'}"


@dataclass
class _Evidence:
    """The records behind one edge (each with its bounds and its dates as written), with the widest
    date bounds they have."""

    records: set[str]
    dated: dict[str, tuple[date | None, date | None, set[str]]]
    earliest: date | None = None
    latest: date | None = None
    relations: set[str] = field(default_factory=set)


def build(store: Selects, kind: str, period: Period | None = None, caveats: str = "keep") -> nx.Graph:
    """The ``kind`` network of the graph in ``store``, restricted to ``period`` if given.

    ``caveats`` says what to do with second-hand reports written under isolation (see
    ``isolated_second_hand``): ``keep`` them, ``drop`` them, or ``weight`` each as half a record.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown network {kind!r}; known: {', '.join(KINDS)}")
    if caveats not in CAVEAT_POLICIES:
        raise ValueError(f"unknown caveat policy {caveats!r}; known: {', '.join(CAVEAT_POLICIES)}")
    rows = store.select_text(NETWORK_QUERIES[kind])
    own: list[TextRow] = []
    if kind == "reporting":
        rows, own = _own_conditions(store, rows)
    isolated: set[str] = set()
    if caveats != "keep":
        isolated = isolated_second_hand(store)
        rows = [r for r in rows if str(r["record"]) not in isolated] if caveats == "drop" else rows
    dates = _record_dates(rows + own)
    if kind == "co-mention":
        edges = _co_mentions(rows, dates, period)
        graph: nx.Graph = nx.Graph()
    else:
        edges = _pairs(rows, dates, period, keep_undated=kind == "affiliation")
        graph = nx.Graph() if kind == "affiliation" else nx.DiGraph()
    for (source, target), evidence in sorted(edges.items()):
        attributes = _edge_attributes(evidence, relations=kind == "reporting")
        if caveats == "weight":
            attributes["weight"] = sum(0.5 if record in isolated else 1.0 for record in evidence.records)
        graph.add_edge(source, target, **attributes)
    for author, records in sorted(_own_records(own, dates, period).items()):
        graph.add_node(author, own_conditions=records)
    _describe_nodes(graph, store, kind)
    graph.graph.update({"network": kind, "period": str(period or Period()), "caveats": caveats})
    return graph


def _own_conditions(store: Selects, rows: list[TextRow]) -> tuple[list[TextRow], list[TextRow]]:
    """The rows split in two: those about others, and those in which a mission, or a diplomat who
    served in it, reports on that mission itself.

    Isolation caveats do not apply to the second (so ``--caveats drop`` keeps them): a mission knows its
    own premises and staff at first hand, whatever it could learn of the country around it."""
    served = {(row["person"], row["mission"]) for row in store.select_text(SERVED_IN)}
    others: list[TextRow] = []
    own: list[TextRow] = []
    for row in rows:
        pair = (row["source"], row["target"])
        mine = row["relation"] == "subject" and (pair[0] == pair[1] or pair in served)
        (own if mine else others).append(row)
    return others, own


def _own_records(own: list[TextRow], dates: dict[str, tuple[date | None, date | None, set[str]]],
                 period: Period | None) -> dict[str, list[str]]:
    """Per author, the records of the period in which it reports on its own conditions."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in own:
        if _keep(dates[row["record"]], period, keep_undated=False):
            found[row["source"]].add(row["record"])
    return {author: sorted(records) for author, records in found.items()}


def isolated_second_hand(store: Selects) -> set[str]:
    """Records that are second-hand reports (rules/first-hand.rq) under a caveat of isolation that applies."""
    return {row["record"] for row in store.select_text(ISOLATED_SECOND_HAND)}


def _record_dates(rows: list[TextRow]) -> dict[str, tuple[date | None, date | None, set[str]]]:
    """Per record: the widest bounds of all its dates (sources may disagree), and the dates as written."""
    found: dict[str, tuple[date | None, date | None, set[str]]] = {}
    for row in rows:
        record = row["record"]
        earliest, latest, written = found.get(record, (None, None, set()))
        if "earliest" in row:
            day = date.fromisoformat(row["earliest"])
            earliest = min(earliest, day) if earliest else day
        if "latest" in row:
            day = date.fromisoformat(row["latest"])
            latest = max(latest, day) if latest else day
        found[record] = (earliest, latest, written | ({row["written"]} if "written" in row else set()))
    return found


def _keep(dated: tuple[date | None, date | None, set[str]], period: Period | None, keep_undated: bool) -> bool:
    earliest, latest, _ = dated
    if period is None or period == Period():
        return True
    if earliest is None and latest is None:
        return keep_undated
    return period.overlaps(earliest, latest)


def _pairs(rows: list[TextRow], dates: dict[str, tuple[date | None, date | None, set[str]]], period: Period | None,
           keep_undated: bool) -> dict[tuple[str, str], _Evidence]:
    edges: dict[tuple[str, str], _Evidence] = {}
    for row in rows:
        record = row["record"]
        if _keep(dates[record], period, keep_undated):
            _add(edges, (row["source"], row["target"]), record, dates[record], row.get("relation"))
    return edges


def _co_mentions(rows: list[TextRow], dates: dict[str, tuple[date | None, date | None, set[str]]],
                 period: Period | None) -> dict[tuple[str, str], _Evidence]:
    persons: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        persons[row["record"]].add(row["source"])
    edges: dict[tuple[str, str], _Evidence] = {}
    for record, named in persons.items():
        if _keep(dates[record], period, keep_undated=False):
            for pair in combinations(sorted(named), 2):
                _add(edges, pair, record, dates[record])
    return edges


def _add(edges: dict[tuple[str, str], _Evidence], pair: tuple[str, str], record: str,
         dated: tuple[date | None, date | None, set[str]], relation: str | None = None) -> None:
    evidence = edges.setdefault(pair, _Evidence(set(), {}))
    if relation:
        evidence.relations.add(relation)
    if record in evidence.records:
        return
    evidence.records.add(record)
    evidence.dated[record] = dated
    if dated[0]:
        evidence.earliest = min(evidence.earliest, dated[0]) if evidence.earliest else dated[0]
    if dated[1]:
        evidence.latest = max(evidence.latest, dated[1]) if evidence.latest else dated[1]


def _edge_attributes(evidence: _Evidence, relations: bool = False) -> dict[str, object]:
    records = sorted(evidence.records, key=lambda record: _by_bounds(evidence.dated[record], record))
    written = [form for record in records for form in sorted(evidence.dated[record][2])]
    attributes: dict[str, object] = {"weight": len(evidence.records), "records": records,
                                     "dates": list(dict.fromkeys(written))}
    if relations:
        attributes["relation"] = [r for r in RELATIONS if r in evidence.relations]
    if evidence.earliest:
        attributes["start"] = evidence.earliest.isoformat()
    if evidence.latest:
        attributes["end"] = evidence.latest.isoformat()
    return attributes


def _by_bounds(dated: tuple[date | None, date | None, set[str]], record: str) -> tuple[date, date, str]:
    """Records in the order of their dates' bounds (earliest, then latest; undated last), never as written."""
    return (dated[0] or date.max, dated[1] or date.max, record)


def _describe_nodes(graph: nx.Graph, store: Selects, kind: str) -> None:
    """Label, kind and group of every node; a node's time span is that of its edges."""
    attributes = node_attributes(store)
    for node in graph.nodes:
        graph.nodes[node].update(attributes.get(node, {"label": node, "kind": "other", "group": "other"}))
        spans = [data for *_, data in graph.edges(node, data=True)]
        starts = [d["start"] for d in spans if "start" in d]
        ends = [d["end"] for d in spans if "end" in d]
        if starts:
            graph.nodes[node]["start"] = min(starts)
        if ends:
            graph.nodes[node]["end"] = max(ends)
        if kind == "affiliation":
            graph.nodes[node]["bipartite"] = 0 if graph.nodes[node]["kind"] == "person" else 1


def node_attributes(store: Selects) -> dict[str, dict[str, str]]:
    """For every person, faction and mission: its label, its kind, and the group it is coloured by
    (a person's faction, else the sending state of the mission they served in; a mission's state)."""
    found: dict[str, dict[str, str]] = {}
    groups: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for row in store.select_text(NODES):
        node = row["node"]
        entry = found.setdefault(node, {"label": node.rsplit("/", 1)[-1], "kind": "other"})
        kind = _KIND_OF_CLASS.get(re.split(r"[#/]", row["class"])[-1], "other")
        entry["kind"] = max(entry["kind"], kind, key=_KIND_ORDER.index)
        if "label" in row:
            entry["label"] = row["label"]
        for position, variable in enumerate(("faction", "state")):
            if variable in row:
                groups[node][position].add(row[variable])
    for node, entry in found.items():
        factions, states = groups[node]
        entry["group"] = min(factions or states or {"unaffiliated"})  # the first in order, so it is stable
    return found


_RECORDS_AT_ONCE = 500  # records per query: long VALUES lists are joined slowly (see mosaic.web.pages)


def describe_records(store: Selects, records: list[str]) -> dict[str, dict[str, object]]:
    """What a reader needs to know of the records behind edges, to read a network as an answer: each
    record's title, dates as written and description, and its authors, informants and what it is
    about, each as ``[IRI, label]`` in the order of their labels. Texts found in several forms (two
    sources' titles) are all kept, sorted; the page shows the first title and every date."""
    found: dict[str, dict[str, object]] = {}
    for start in range(0, len(records), _RECORDS_AT_ONCE):
        batch = " ".join(f"<{record}>" for record in records[start:start + _RECORDS_AT_ONCE])
        for row in store.select_text(RECORD_PARTS.format(records=batch)):
            entry = found.setdefault(row["record"], {part: [] for part in _PARTS})
            value = [row["value"], row.get("label", row["value"])] if row["part"] in _NAMED_PARTS else row["value"]
            parts: list[object] = entry[row["part"]]  # type: ignore[assignment]
            if value not in parts:
                parts.append(value)
    for entry in found.values():
        for part in _PARTS:
            entry[part] = sorted(entry[part], key=_by_label)  # type: ignore[call-overload]
    return found


def _by_label(value: str | list[str]) -> tuple[str, ...]:
    """Texts by themselves, named things by their label, then IRI."""
    return (value,) if isinstance(value, str) else (value[1], value[0])


_NAMED_PARTS = ("authors", "informants", "about")
_PARTS = ("title", "dates", "description", *_NAMED_PARTS)
