"""Importers: citations and spreadsheets turned into claim graphs that validate with the rest.

``citations`` reads Wilson Center Digital Archive citations as the article's notes write them,
``references`` the archives and archival references they name, and ``records`` writes them as
graphs; ``spreadsheet`` reads CSV files of persons, documents, events and memberships. Both
``records.to_graphs`` and ``spreadsheet.to_graphs`` return the named graphs to write (one claim
graph per citation or row, and a file graph describing the claims) and a report for a person to
read; ``mosaic.graph.load.add`` validates and writes them.
"""

__all__: list[str] = []
