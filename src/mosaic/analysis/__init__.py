"""Analyses of the graph: networks, their measures, network files and plots, coverage, caveats per
record, and statistics. Uses the graph (``mosaic.graph``) only; the web and the command line use it.
"""
