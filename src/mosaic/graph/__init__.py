"""The graph: where it lives and how it is kept true.

Stores (``store``: embedded and remote, behind one interface), loading (``load``), validation
(``validation``: pySHACL and the engine-side compiler), derivation and its rules (``derived``,
``rules``), dates, IRIs, vocabularies, formats, SPARQL text and what an update may change
(``update_scope``), and the blank nodes two claims write alike (``twins``).
The lowest layer: it may use ``mosaic.errors`` and ``mosaic.settings``, and nothing else of Mosaic;
the sources, the analyses, synth, the web and the command line all build on it.
"""
