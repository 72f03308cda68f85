"""A synthetic Mosaic graph of any size, for benchmarks: deterministic, streamed, valid against the shapes.

The curated graph is small; the corpus it stands for is not. ``synthesize(n, seed)`` writes a graph
of about ``n`` triples in Mosaic's own model, shaped like data/: states and their missions in
Pyongyang, archives, factions, persons with name forms in several scripts (Korean names from their
Hangul through :func:`mosaic.sources.names.variants`), posts and faction memberships, records with uncertain
dates, archival references and Wilson Center translations, report statements with informants,
events and reporting conditions. Every statement sits in a claim ``claim:synth-<n>`` that the file
graph describes (source, locator, line, evidence), and every slug starts with ``synth-`` so that
nothing collides with the curated data.

The output depends on ``n`` and ``seed`` alone (one ``random.Random(seed)``, no clock, no hashing
order), comes as a stream of quads so that ten million never sit in memory at once, and stops
within one record of ``n``. Date bounds are left to the loader, as data/README.md asks;
:func:`with_bounds` adds them for a store built without it.

What it holds: the data apart from the code — ``tables`` (states, names, factions, places, kinds of
record, titles, events, conditions) and ``citations`` (each archive's citation style) — and the
generator by what it makes: ``generator`` (the plan and ``synthesize``), ``cast`` (sources, places,
bodies, factions, states, missions, archives), ``persons``, ``records`` (with their reports) and
``events`` (with reporting conditions), over ``claims`` (the claim pattern every unit is written in),
``written_dates``, ``draws`` and ``terms``; ``bounds`` adds the loader's date bounds.

What it may use: ``mosaic.graph`` (IRIs, vocabularies, dates) and ``mosaic.sources.names`` (the
romanizations of Korean names); nothing above it. Its modules import each other, never this package.
"""

from __future__ import annotations

from mosaic.synth.bounds import with_bounds
from mosaic.synth.generator import MIN_TRIPLES, synthesize
from mosaic.synth.terms import GRAPH

__all__ = ["synthesize", "with_bounds", "GRAPH", "MIN_TRIPLES"]
