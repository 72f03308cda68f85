"""Validation against the SHACL shapes: by pySHACL over a graph in memory (``shacl``), and by the
shapes compiled to SPARQL (``compiler``) and run on the engine (``engine``), with the same report.

It may use ``mosaic.errors`` and the rest of the graph (the store's ``Selects``, the vocabularies);
``mosaic.graph.load`` and the command line use it, and nothing of it reaches above the graph.
"""
