"""Every setting Mosaic reads, in one table: name, default and help.

Settings come from ``MOSAIC_<NAME>`` environment variables; command-line options override them.
The README's settings table is checked against this one by a test, so a setting cannot go undocumented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Setting", "SETTINGS", "get", "project_root"]


def project_root() -> Path:
    """Where data/, ontology/, shapes/ and rules/ are: inside the package when it was installed from a
    wheel (pyproject.toml ships them there), else the checkout the package runs from."""
    package = Path(__file__).resolve().parent
    return package if (package / "ontology").is_dir() else package.parents[1]


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return f"MOSAIC_{self.name.upper()}"


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("store", ".mosaic/store",
                "Where the graph lives: a directory for the embedded store, or the URL of an external SPARQL 1.1 "
                "query endpoint (Oxigraph, Fuseki, GraphDB, Virtuoso, QLever …) to use instead."),
        Setting("store_update", "",
                "The external store's SPARQL Update URL; empty: its query URL with /query replaced by /update "
                "(Oxigraph, Fuseki), else the query URL itself."),
        Setting("store_token", "", "Bearer token Mosaic sends to the external store's update endpoint, if it needs one."),
        Setting("data", str(project_root() / "data"), "Folder of curated TriG files that `mosaic load` reads."),
        Setting("ontology", str(project_root() / "ontology"), "Folder of the ontology's Turtle files."),
        Setting("shapes", str(project_root() / "shapes"), "Folder of the SHACL shapes' Turtle files."),
        Setting("imports", "",
                "Folder where `mosaic import … --load` keeps each import as a TriG file, which `mosaic load` reads "
                "after the data; empty: imported/ in the embedded store's folder, or .mosaic/imported/<host-port-path> "
                "for an external store."),
        Setting("host", "127.0.0.1", "Address the server binds; keep it on loopback unless a proxy fronts it."),
        Setting("port", "8090", "Port the server listens on."),
        Setting("query_timeout", "30", "Seconds a query may run before it is stopped and answered 503."),
        Setting("max_rows", "0", "Most rows a SELECT answer returns over HTTP; 0 for no limit."),
        Setting("workers", "2", "Query worker processes (each can be stopped at the time limit)."),
        Setting("memory", "on",
                "on: each query worker also holds the default graph (the merge of the claims) in memory (about "
                "0.5 GB per million triples) and answers queries without named graphs from there, the disk "
                "staying the record; off: queries read the disk."),
        Setting("threads", "8", "Request threads of the WSGI server."),
        Setting("max_query_length", "100000", "Most characters a query or update may have; longer ones get 413."),
        Setting("max_body", "10000000", "Most bytes a request body may have; larger ones get 413."),
        Setting("update_token", "", "Bearer token that allows SPARQL Update; empty: updates refused."),
        Setting("federation", "",
                "Endpoints SERVICE and LOAD may reach: comma-separated IRI prefixes, * for any; empty: none."),
    ]
}


def get(name: str) -> str:
    """The value of setting ``name``: its environment variable if set, else its default."""
    setting = SETTINGS[name]
    return os.environ.get(setting.env, setting.default)
