"""The SPARQL parser's complaints, put so that a person can act on them.

The engine's parser reports what its grammar expected next: for a prefix nobody declared, six lines
of Unicode ranges; for an empty query, "expected [_]". ``explain`` turns the common mistakes into
what went wrong, where, and what to write instead, and shortens the rest to the tokens a person can
type.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from mosaic.graph.sparql import blank_opaque
from mosaic.graph.vocab import PREFIXES

__all__ = ["explain", "undeclared_prefixes"]

# a prefixed name's prefix (SPARQL's PNAME_NS), not part of a variable, a blank node or a longer name
_PREFIX_USED = re.compile(r"(?<![\w?$:.-])((?:[A-Za-z][\w.-]*)?):")
_PREFIX_DECLARED = re.compile(r"\bPREFIX\s+((?:[A-Za-z][\w.-]*)?):", re.IGNORECASE)
_POSITION = re.compile(r"^error at (\d+):(\d+): ", re.IGNORECASE)
# what the grammar expected: punctuation in quotes, keywords, and character classes in brackets (left out)
_EXPECTED = re.compile(r'"[^"]*"|\[(?:\'[^\']*\'|[^\]\'])*\]|[A-Za-z][A-Za-z ]*[A-Za-z]')


def explain(message: str, text: str) -> str:
    """What is wrong with the query or update ``text``, given the parser's ``message`` about it."""
    if _is_empty(text):
        return ("the query is empty: write a SELECT, ASK, CONSTRUCT or DESCRIBE query "
                "(after any PREFIX lines), e.g. SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    undeclared = undeclared_prefixes(text)
    if undeclared:
        return _undeclared(undeclared, text)
    return _shortened(message, text)


def undeclared_prefixes(text: str) -> dict[str, int]:
    """Each prefix ``text`` uses but neither declares nor has declared for it, with where it is first used."""
    plain = blank_opaque(text)  # strings, IRIs and comments hold no prefixed names
    declared = set(_PREFIX_DECLARED.findall(plain)) | set(PREFIXES)
    found: dict[str, int] = {}
    for match in _PREFIX_USED.finditer(plain):
        name = match.group(1)
        if name.endswith("."):
            continue  # "a.b:" cannot be a prefix; the parser will say what else is wrong
        if name not in declared and name not in found:
            found[name] = match.start()
    return found


def _is_empty(text: str) -> bool:
    """Whether ``text`` holds nothing but comments, PREFIX and BASE lines: with a query added it parses."""
    try:
        ox.Store().query(text + "\nASK {}")
    except SyntaxError:
        return False
    return True


def _undeclared(undeclared: dict[str, int], text: str) -> str:
    names = ", ".join(f"{name}:" for name in undeclared)
    where = "; ".join(f"{name}: at {_where(text, offset)}" for name, offset in undeclared.items()) \
        if len(undeclared) > 1 else _where(text, *undeclared.values())
    first = next(iter(undeclared))
    what = f"prefix {names} is" if len(undeclared) == 1 else f"prefixes {names} are"
    it = "it" if len(undeclared) == 1 else "each"
    return (f"{what} not declared ({where}). Declare {it} before the query, with the namespace it stands for: "
            f"PREFIX {first}: <http://example.org/namespace#>. Mosaic declares these for you: "
            f"{', '.join(f'{p}:' for p in sorted(PREFIXES))}.")


def _shortened(message: str, text: str) -> str:
    """The parser's message with its character classes left out, and the line it stopped at, marked."""
    position = _POSITION.match(message)
    if not position:
        return message
    line, column = int(position.group(1)), int(position.group(2))
    expected = message[position.end():]
    listed = expected.removeprefix("expected one of ").removeprefix("expected ")
    tokens = list(dict.fromkeys(t for t in _EXPECTED.findall(listed) if not t.startswith("[")))
    at_end = _offset(text, line, column) >= len(text.rstrip())
    if at_end and (not tokens or expected.strip() == "expected [_]"):
        what = "the query ends too soon: something is missing at its end"
    elif tokens:
        what = f"expected {' or '.join(tokens) if len(tokens) < 3 else 'one of ' + ', '.join(tokens)}"
    else:
        what = "cannot read what comes here"
    return f"line {line}, column {column}: {what}\n{_marked(text, line, column)}"


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(each) + 1 for each in lines[:line - 1]) + column - 1


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _marked(text: str, line: int, column: int) -> str:
    """The line the parser stopped at, and a caret under the column."""
    lines = text.split("\n")
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"  {shown}\n  {' ' * (column - 1)}^"
