"""The graph: where it lives and how it is kept true.

Stores (embedded and remote, behind one interface), loading, validation (pySHACL and the
engine-side compiler), derivation and its rules, dates, IRIs, vocabularies, formats and SPARQL text.
The lowest layer: it may use ``mosaic.errors`` and ``mosaic.settings``, and nothing else of Mosaic.
"""
