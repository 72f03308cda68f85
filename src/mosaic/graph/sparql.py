"""Small facts about SPARQL text that the edges need before they run a query."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from mosaic.graph.vocab import PREFIXES

__all__ = ["Dataset", "UNION", "BASE", "blank_opaque", "query_form", "is_update", "remote_targets", "capped",
           "nesting_depth", "names_graphs", "split_dataset"]

# What relative IRIs in a query or update resolve against when it declares no BASE: the root of
# Mosaic's own IRIs, so that <id/person/nam-il> names the same person as the data does.
BASE = "https://w3id.org/mosaic/"


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a query names (FROM, FROM NAMED) or a request gives (default-graph-uri,
    named-graph-uri). Given neither, a query reads the store's own default graph: the merge of all
    its named graphs. Given only named graphs, the default graph is empty; given only default
    graphs, there are no named graphs (SPARQL 1.1 Query, section 13.2)."""

    default_graphs: tuple[str, ...] = field(default=())
    named_graphs: tuple[str, ...] = field(default=())

    @property
    def given(self) -> bool:
        """Whether a dataset was named at all; if not, the store's own dataset is queried."""
        return bool(self.default_graphs or self.named_graphs)


UNION = Dataset()  # no dataset named: the default graph is the merge of the named graphs

_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n|PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s+<[^>]*>)", re.IGNORECASE)
_FORM = re.compile(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# strings (long and short, either quote), IRIs and comments: where keywords cannot stand
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*', re.DOTALL)
# SERVICE or LOAD as a keyword: not part of a variable, a prefixed name or a longer word
_REMOTE = re.compile(r"(?<![\w:?$-])(?:SERVICE|LOAD)(?![\w:-])", re.IGNORECASE)
_TARGET = re.compile(r"(?:\s+SILENT)?\s*<([^>]*)>", re.IGNORECASE)
_BRACKET = re.compile(r"[(){}\[\]]")
_GRAPH = re.compile(r"(?<![\w:?$-])GRAPH(?![\w:-])", re.IGNORECASE)
_FROM = re.compile(r"(?<![\w:?$-])FROM(\s+NAMED)?(?![\w:-])", re.IGNORECASE)
_GRAPH_NAME = re.compile(r"\s*(?:<([^<>\"{}|^`\\\s]*)>|([A-Za-z][\w.-]*)?:((?:[\w.:%-]|\\.)*))")
_DECLARED = re.compile(r"\s*(?:#[^\n]*\n|PREFIX\s+([\w-]*):\s*<([^>]*)>|BASE\s+<([^>]*)>)", re.IGNORECASE)


def query_form(query: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe``; None if the text is no query of these forms."""
    position = 0
    while match := _PROLOGUE.match(query, position):
        position = match.end()
    match = _FORM.match(query, position)
    return match.group(1).lower() if match else None


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update rather than a query (it has no query form)."""
    return query_form(text) is None and bool(re.search(
        r"(?<![\w:?$-])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:-])", blank_opaque(text),
        re.IGNORECASE))


def remote_targets(text: str) -> list[str | None]:
    """The endpoints a query's SERVICE clauses or an update's LOAD would contact (None: a variable)."""
    targets: list[str | None] = []
    folded = text.casefold()
    if "service" not in folded and "load" not in folded:
        return targets  # neither word anywhere, so neither keyword: the common case, at a tenth of the cost
    for keyword in _REMOTE.finditer(blank_opaque(text)):  # blanking keeps positions, so read the IRI from text
        iri = _TARGET.match(text, keyword.end())
        targets.append(iri.group(1) if iri else None)
    return targets


def blank_opaque(text: str) -> str:
    """The text with strings, IRIs and comments replaced by as many spaces, so keywords stand out."""
    return _OPAQUE.sub(lambda match: " " * len(match.group(0)), text)


def capped(query: str, max_rows: int) -> str:
    """A SELECT query whose answer stops after ``max_rows`` rows, by wrapping it in a sub-select.

    A sub-select cannot name a dataset, so the FROM clauses move to the outer query.
    """
    position = 0
    while match := _PROLOGUE.match(query, position):
        position = match.end()
    dataset = _dataset_clauses(query, position)
    body = _without(query, dataset)[position:]
    clauses = " ".join(query[start:end] for start, end in dataset)
    return f"{query[:position]}\nSELECT * {clauses} WHERE {{\n{body}\n}} LIMIT {max_rows}"


def names_graphs(query: str) -> bool:
    """Whether a query reads named graphs: a GRAPH clause outside strings, IRIs and comments."""
    return "graph" in query.casefold() and bool(_GRAPH.search(blank_opaque(query)))


def split_dataset(query: str, base: str = BASE) -> tuple[Dataset, str]:
    """The dataset a query names in its FROM and FROM NAMED clauses (UNION if none), and the query
    without those clauses (blanked, so that the engine's error positions still point into the text).

    The store then applies the dataset itself: the engine would take a list of default graphs as a
    bag, repeating a triple once per graph that states it, where SPARQL merges them into a set.
    """
    if "from" not in query.casefold():
        return UNION, query  # no FROM anywhere, so no dataset clause: the common case, asked of every query
    position, prefixes = 0, dict(PREFIXES)
    while match := _DECLARED.match(query, position):
        position = match.end()
        if match.group(1) is not None:
            prefixes[match.group(1)] = match.group(2)
        elif match.group(3) is not None:
            base = urljoin(base, match.group(3))
    spans = _dataset_clauses(query, position)
    if not spans:
        return UNION, query
    default: list[str] = []
    named: list[str] = []
    for start, end in spans:
        keyword = _FROM.match(query, start)
        assert keyword is not None
        iri = _graph_iri(query[keyword.end():end], prefixes, base)
        (named if keyword.group(1) else default).append(iri)
    return Dataset(tuple(dict.fromkeys(default)), tuple(dict.fromkeys(named))), _without(query, spans)


def _dataset_clauses(query: str, position: int) -> list[tuple[int, int]]:
    """Where the FROM and FROM NAMED clauses of the query stand (after the prologue, before the first brace)."""
    blanked = blank_opaque(query)
    brace = blanked.find("{", position)
    spans = []
    for keyword in _FROM.finditer(blanked, position, brace if brace >= 0 else len(blanked)):
        name = _GRAPH_NAME.match(query, keyword.end())
        spans.append((keyword.start(), name.end() if name else keyword.end()))
    return spans


def _graph_iri(name: str, prefixes: dict[str, str], base: str) -> str:
    """The IRI a FROM clause names: an IRI (resolved against the base) or a prefixed name."""
    match = _GRAPH_NAME.match(name)
    if match is None:
        raise ValueError(f"FROM must name a graph by an IRI or a prefixed name, not {name.strip()!r}")
    if match.group(1) is not None:
        return urljoin(base, match.group(1))
    prefix = match.group(2) or ""
    if prefix not in prefixes:
        raise ValueError(f"the prefix {prefix}: in a FROM clause is not declared")
    return prefixes[prefix] + re.sub(r"\\(.)", r"\1", match.group(3))


def _without(query: str, spans: list[tuple[int, int]]) -> str:
    """The query with the given spans replaced by spaces."""
    for start, end in spans:
        query = query[:start] + " " * (end - start) + query[end:]
    return query


def nesting_depth(text: str) -> int:
    """How deeply brackets, braces and parentheses nest outside strings, IRIs and comments.

    The engine's parser recurses once per level and overflows its stack somewhere between a
    thousand and ten thousand levels, killing the process; the edge refuses deep nesting first.
    """
    depth = deepest = 0
    for bracket in _BRACKET.finditer(blank_opaque(text)):
        if bracket.group() in "({[":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest
