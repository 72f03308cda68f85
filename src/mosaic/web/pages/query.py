"""The query page at /: a SPARQL editor, the example queries of src/mosaic/web/examples, and a results
table (filled in by query.js)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from flask import Response, request

from mosaic.graph.iris import local_path
from mosaic.graph.vocab import ID_BASE, PREFIXES
from mosaic.web.pages.common import cited_sources, html_page, sources_header

__all__ = ["EXAMPLES", "Example", "examples", "render_query_page"]

EXAMPLES = Path(__file__).parent.parent / "examples"  # src/mosaic/web/examples


@dataclass(frozen=True)
class Example:
    """An example query of src/mosaic/web/examples: its file name, its title line, and its text."""

    name: str
    title: str
    text: str

    @property
    def href(self) -> str:
        return "/?" + urlencode({"query": self.text})


def examples() -> list[Example]:
    """The example queries, in the order of their file names; each file opens with ``# Title: …``."""
    found = []
    for path in sorted(EXAMPLES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.removeprefix("# Title:").strip() if first.startswith("# Title:") else path.stem
        found.append(Example(path.stem, title, text))
    return found


def render_query_page() -> Response:
    """The query page: a SPARQL editor, the examples, and a results table (filled in by query.js)."""
    known = examples()
    asked = request.args.get("query", "")
    query = asked or (known[0].text if known else "")
    return html_page("query.html", examples=known, query=query, run_at_once=bool(asked),
                     downloads={f: "/sparql?" + urlencode({"query": query, "format": f}) for f in ("csv", "json")},
                     prefixes=json.dumps(PREFIXES), id_base=ID_BASE, local_base=local_path(ID_BASE),
                     sources=sources_header(cited_sources()))
