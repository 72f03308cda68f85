"""Mosaic: a knowledge graph of Cold War reporting on North Korea, with a source for every fact."""

__version__ = "0.1.0"
