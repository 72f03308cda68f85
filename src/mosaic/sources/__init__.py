"""Sources in: ``importers`` (citations, references, records, spreadsheets) and ``names``, the name authority.

Uses the graph (``mosaic.graph``); never the analyses, synth, the web or the command line. The two
packages do not import each other: an importer is handed the name authority as a function (``link``),
which the command line builds from a ``names.Resolver``.
"""
