"""Sources in: importers (citations, references, records, spreadsheets) and the name authority.

Uses the graph (``mosaic.graph``); never the analyses, the web or the command line.
"""
