"""Analyses of the graph: networks (``network``, with its SPARQL in ``network_queries``), their
``measures``, ``network_files`` and ``plot``, ``coverage``, ``caveats`` per record, and ``stats``.

Uses the graph (``mosaic.graph``) and ``mosaic.errors`` only; never the sources, synth, the web or the
command line, which use it.
"""
