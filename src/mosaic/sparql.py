"""Small facts about SPARQL text that the edges need before they run a query."""

from __future__ import annotations

import re

__all__ = ["query_form", "is_update", "remote_targets", "capped", "nesting_depth"]

_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n|PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s+<[^>]*>)", re.IGNORECASE)
_FORM = re.compile(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# strings (long and short, either quote), IRIs and comments: where keywords cannot stand
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*', re.DOTALL)
# SERVICE or LOAD as a keyword: not part of a variable, a prefixed name or a longer word
_REMOTE = re.compile(r"(?<![\w:?$-])(?:SERVICE|LOAD)(?![\w:-])", re.IGNORECASE)
_TARGET = re.compile(r"(?:\s+SILENT)?\s*<([^>]*)>", re.IGNORECASE)
_BRACKET = re.compile(r"[(){}\[\]]")


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
        r"(?<![\w:?$-])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)(?![\w:-])", _blank_opaque(text),
        re.IGNORECASE))


def remote_targets(text: str) -> list[str | None]:
    """The endpoints a query's SERVICE clauses or an update's LOAD would contact (None: a variable)."""
    targets: list[str | None] = []
    folded = text.casefold()
    if "service" not in folded and "load" not in folded:
        return targets  # neither word anywhere, so neither keyword: the common case, at a tenth of the cost
    for keyword in _REMOTE.finditer(_blank_opaque(text)):  # blanking keeps positions, so read the IRI from text
        iri = _TARGET.match(text, keyword.end())
        targets.append(iri.group(1) if iri else None)
    return targets


def _blank_opaque(text: str) -> str:
    """The text with strings, IRIs and comments replaced by as many spaces, so keywords stand out."""
    return _OPAQUE.sub(lambda match: " " * len(match.group(0)), text)


def capped(query: str, max_rows: int) -> str:
    """A SELECT query whose answer stops after ``max_rows`` rows, by wrapping it in a sub-select.

    A query with FROM clauses cannot be a sub-select; it is returned as it is.
    """
    position = 0
    while match := _PROLOGUE.match(query, position):
        position = match.end()
    body = query[position:]
    if re.search(r"(?<![\w:?$-])FROM(?![\w:-])", _blank_opaque(body), re.IGNORECASE):
        return query
    return f"{query[:position]}\nSELECT * WHERE {{\n{body}\n}} LIMIT {max_rows}"


def nesting_depth(text: str) -> int:
    """How deeply brackets, braces and parentheses nest outside strings, IRIs and comments.

    The engine's parser recurses once per level and overflows its stack somewhere between a
    thousand and ten thousand levels, killing the process; the edge refuses deep nesting first.
    """
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_blank_opaque(text)):
        if bracket.group() in "({[":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest
