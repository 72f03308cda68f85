"""The cast: what records and events refer to — the sources, places, Korean bodies, factions, states
with their missions in Pyongyang, ministries and archives, and the Wilson Center — made first, in a
fixed order, and kept in a ``Cast`` that the persons, records and events draw from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from mosaic.graph.iris import slugify
from mosaic.synth.claims import Claims, Source
from mosaic.synth.tables import FACTIONS, KWP_BODIES, PLACES, STATES, State
from mosaic.synth.terms import (
    ALT,
    DESCRIPTION,
    FORMAL_ORGANIZATION,
    KIND,
    PREF,
    RECORD,
    RECORD_SET,
    TITLE,
    A,
    M,
    entity,
    term,
)

__all__ = ["Person", "Cast", "fixed_cast"]


@dataclass(frozen=True)
class Person:
    node: ox.NamedNode
    name: str  # the English form, for titles


@dataclass
class Cast:
    """Everything records and events refer to, built before them."""

    missions: dict[str, ox.NamedNode] = field(default_factory=dict)
    mission_names: dict[str, str] = field(default_factory=dict)
    ministries: dict[str, ox.NamedNode] = field(default_factory=dict)
    archives: dict[str, list[tuple[ox.NamedNode, str]]] = field(default_factory=dict)
    factions: list[ox.NamedNode] = field(default_factory=list)
    bodies: dict[str, ox.NamedNode] = field(default_factory=dict)
    places: list[ox.NamedNode] = field(default_factory=list)
    place_names: list[str] = field(default_factory=list)
    koreans: list[Person] = field(default_factory=list)  # most prominent first
    translators: list[Person] = field(default_factory=list)
    diplomats: dict[tuple[str, int], list[Person]] = field(default_factory=dict)  # (state, year) -> in post
    conditions: int = 0


def fixed_cast(claims: Claims, cast: Cast) -> Iterator[list[ox.Quad]]:
    """The units (each the claims about one thing) of the fixed cast, filling ``cast`` as they are made."""
    for source in claims.sources:
        yield _source(claims, source)
    yield _places(claims, cast)
    dprk = entity("state", "synth-dprk")
    yield _korean_bodies(claims, cast, dprk)
    for slug, name, other in FACTIONS:
        yield _faction(claims, cast, slug, name, other)
    for state in STATES:
        yield _state(claims, cast, state, dprk)
    yield _wilson_center(claims, cast)


def _source(claims: Claims, source: Source) -> list[ox.Quad]:
    claim = claims.open()
    claim.add(source.node, A, RECORD)
    claim.add(source.node, KIND, term("kind", "archive-listing"))
    claim.label(source.node, TITLE, source.title)
    claims.date(claim, source.node, M["date"], "2020", "2020")
    claim.label(source.node, DESCRIPTION, "A made-up listing of embassy records, persons and events, standing "
                                          "in for a real finding aid in benchmarks. Nothing in it is true.")
    return claims.close(claim, "stated", source, "head of the listing, line")


def _places(claims: Claims, cast: Cast) -> list[ox.Quad]:
    claim = claims.open()
    for name in PLACES:
        place = entity("place", f"synth-{slugify(name)}")
        claim.add(place, A, M["Place"])
        claim.label(place, PREF, name)
        cast.places.append(place)
        cast.place_names.append(name)
    return claims.close(claim, "stated")


def _korean_bodies(claims: Claims, cast: Cast, dprk: ox.NamedNode) -> list[ox.Quad]:
    claim = claims.open()
    claim.add(dprk, A, M["State"])
    claim.label(dprk, PREF, "Democratic People's Republic of Korea")
    claim.label(dprk, ALT, "North Korea")
    claim.label(dprk, PREF, "조선민주주의인민공화국", "ko")
    for slug, name, _ in KWP_BODIES:
        body = entity("body", f"synth-{slug}")
        claim.add(body, A, FORMAL_ORGANIZATION)
        claim.label(body, PREF, name)
        cast.bodies[slug] = body
    return claims.close(claim, "stated")


def _faction(claims: Claims, cast: Cast, slug: str, name: str, other: str) -> list[ox.Quad]:
    claim = claims.open()
    faction = entity("faction", f"synth-{slug}")
    claim.add(faction, A, M["Faction"])
    claim.label(faction, PREF, name)
    claim.label(faction, ALT, other)
    cast.factions.append(faction)
    return claims.close(claim, "stated")


def _state(claims: Claims, cast: Cast, state: State, dprk: ox.NamedNode) -> list[ox.Quad]:
    """A sending state, its mission in Pyongyang (Hungary's a legation), its foreign ministry and archives."""
    claim = claims.open()
    node, mission = entity("state", f"synth-{state.slug}"), entity("mission", f"synth-{state.slug}-embassy-pyongyang")
    claim.add(node, A, M["State"])
    claim.label(node, PREF, state.name)
    claim.label(node, PREF, state.native, state.language)
    mission_name = f"{state.adjective} Embassy in Pyongyang"
    claim.add(mission, A, M["Legation" if state.slug == "hungary" else "Embassy"])
    claim.label(mission, PREF, mission_name)
    claim.add(mission, M["sendingState"], node)
    claim.add(mission, M["receivingState"], dprk)
    claim.add(mission, M["seat"], cast.places[0])
    ministry = entity("body", f"synth-{state.slug}-foreign-ministry")
    claim.add(ministry, A, FORMAL_ORGANIZATION)
    claim.label(ministry, PREF, f"{state.adjective} Ministry of Foreign Affairs")
    archives = []
    for slug, name in state.archives:
        archive = entity("archive", f"synth-{slug}")
        claim.add(archive, A, M["Archive"])
        claim.label(archive, PREF, name)
        archives.append((archive, name))
    cast.missions[state.slug] = mission
    cast.mission_names[state.slug], cast.ministries[state.slug] = mission_name, ministry
    cast.archives[state.slug] = archives
    return claims.close(claim, "stated")


def _wilson_center(claims: Claims, cast: Cast) -> list[ox.Quad]:
    claim = claims.open()
    for slug, name in (("nkidp", "North Korea International Documentation Project"),
                       ("wilson-center", "Woodrow Wilson International Center for Scholars")):
        body = entity("body", f"synth-{slug}")
        claim.add(body, A, FORMAL_ORGANIZATION)
        claim.label(body, PREF, name)
        cast.bodies[slug] = body
    collection = entity("collection", "synth-wilson-digital-archive")
    claim.add(collection, A, RECORD_SET)
    claim.label(collection, TITLE, "Wilson Center Digital Archive (synthetic)")
    cast.bodies["archive-collection"] = collection
    return claims.close(claim, "stated")
