"""The pages people read, by family: the query page (``query``); a page for each entity (``entity``,
built from its ``facts``, their ``context`` and the sections of ``sections``, ``people``, ``records``
and ``missions``); the network view (``network``) and the coverage view (``coverage``); all on the
scaffolding of ``common`` (what a page shows, the site header, its sources).

What it may use: the app's state (mosaic.web.state), the RDF formats (mosaic.web.rdf), the analyses
and the graph; never the package mosaic.web itself, nor the endpoint or the resources, which use it.
``init_app`` registers the routes of the pages; an entity's page is answered at /id/… by
mosaic.web.resources, which also answers the entity in RDF.
"""

from __future__ import annotations

from flask import Flask

from mosaic.web.pages import coverage, network
from mosaic.web.pages.entity import render_entity
from mosaic.web.pages.query import Example, examples, render_query_page

__all__ = ["init_app", "render_query_page", "render_entity", "Example", "examples"]


def init_app(app: Flask) -> None:
    """The routes of the pages (the endpoint names are the view functions', as templates and links know them)."""
    app.add_url_rule("/", endpoint="pages.query", view_func=render_query_page)
    app.add_url_rule("/network", view_func=network.network_page)
    app.add_url_rule("/network.json", view_func=network.network_data)
    app.add_url_rule("/coverage", view_func=coverage.coverage_page)
    app.add_url_rule("/coverage.json", view_func=coverage.coverage_data)
