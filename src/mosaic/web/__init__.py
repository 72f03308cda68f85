"""The HTTP face of Mosaic: the SPARQL endpoint, linked-data resources and the pages.

What it holds: the app factory ``create_app`` (in ``app``), which registers each part with its
``init_app``; the app's shared state (``state``: configuration, store, query workers, what is built
once per generation); the endpoint (``endpoint``), its RDF answers (``rdf``), the linked-data
resources (``resources``), the name resolver (``resolve``), the pages by family (``pages``: query,
entity, network, coverage), errors, headers, templates, static files and the example queries; and
running it all under waitress (``server``, over the query ``workers``).

What it may use: the analyses, the sources and the graph, never the command line. No part imports
this package back: they share the app's state through ``mosaic.web.state``.
"""

from __future__ import annotations

from mosaic.web.app import create_app

__all__ = ["create_app"]
