"""Validation against the SHACL shapes: by pySHACL over a graph in memory (``shacl``), and by the
shapes compiled to SPARQL and run on the engine (``engine``), with the same report. Uses the graph only.
"""
