"""The name authority: which person of the graph a written name stands for, across scripts and transliterations.

- :func:`variants` writes a Korean name, given in Hangul, in every system the sources use;
- :func:`match` tells whether two written names are the same name, by their phonetic key
  (:mod:`mosaic.sources.names.keys` documents the key's rules);
- :class:`Resolver` links a written name to the persons of the graph, never rewriting a recorded form.

Self-contained: its modules use one another and the transliteration libraries (anyascii, iuliia);
the resolver reads the graph through any ``mosaic.graph.store.Selects`` it is given (named for type
checking only). Synth, the web and the command line use it; it uses nothing above the graph.
"""

from mosaic.sources.names.matching import MIN_SCORE, Match, match
from mosaic.sources.names.resolver import Candidate, Resolver
from mosaic.sources.names.variants import SYSTEMS, variants

__all__ = ["variants", "SYSTEMS", "match", "Match", "MIN_SCORE", "Resolver", "Candidate"]
