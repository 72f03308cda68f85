"""Small facts about SPARQL text that the edges need before they run a query."""

from __future__ import annotations

import re

__all__ = ["query_form"]

_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n|PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s+<[^>]*>)", re.IGNORECASE)
_FORM = re.compile(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(query: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe``; None if the text is no query of these forms."""
    position = 0
    while match := _PROLOGUE.match(query, position):
        position = match.end()
    match = _FORM.match(query, position)
    return match.group(1).lower() if match else None
