"""Importers: citations and spreadsheets turned into claim graphs that validate with the rest.

``citations`` reads Wilson Center Digital Archive citations as the article's notes write them,
``references`` the archives and archival references they name, and ``records`` writes them as
graphs; ``spreadsheet`` turns CSV files of persons, documents, events and memberships into claims,
once ``spreadsheet_rows`` has read and checked their cells; ``graph`` is what they share (asking the
graph what it holds, minting IRIs, writing claim graphs). Both ``records.to_graphs`` and
``spreadsheet.to_graphs`` return the named graphs to write (one claim graph per citation or row, and
a file graph describing the claims) and a report for a person to read; ``mosaic.graph.load.add``
validates and writes them.

Uses the graph (its dates, IRIs, vocabularies and the store's ``Selects``) and ``mosaic.errors``;
not the name authority, which comes in as a function, nor anything above the sources.
"""

__all__: list[str] = []
