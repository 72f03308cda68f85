"""The persons: Korean officials with their name forms in several scripts, bloc diplomats in post in
Pyongyang, and the Wilson Center's translators — each with the posts and faction memberships the
sources give them.

Korean names are made in Hangul and romanized through :func:`mosaic.sources.names.variants`, so the
synthetic graph holds the same name forms, in the same scripts, as the name authority makes.
"""

from __future__ import annotations

import random
from functools import cache

import pyoxigraph as ox

from mosaic.graph.iris import slugify
from mosaic.sources.names import variants
from mosaic.synth.cast import Cast, Person
from mosaic.synth.claims import Claim, Claims
from mosaic.synth.draws import ROLE_DRAW, STATE_DRAW, YEAR_DRAW, pick
from mosaic.synth.tables import (
    FOREIGN_FORMS,
    KOREAN_GIVEN,
    KOREAN_SURNAMES,
    KWP_BODIES,
    PATRONYMICS,
    RUSSIAN_GIVEN,
    SOVIET_KOREANS,
    TRANSLATOR_GIVEN,
    TRANSLATOR_SURNAMES,
    State,
)
from mosaic.synth.terms import ALT, HIDDEN, PERSON, PREF, A, entity
from mosaic.synth.written_dates import membership_period

__all__ = ["Persons"]


class Persons:
    """Makes one person at a time, with their claims, and enrols them in the cast."""

    def __init__(self, claims: Claims, cast: Cast) -> None:
        self.claims, self.cast, self.rng = claims, cast, claims.rng

    def person(self) -> list[ox.Quad]:
        """The next person: four translators first, then mostly Koreans (some Soviet Koreans) and diplomats."""
        if len(self.cast.translators) < 4 or self.rng.random() < 0.02:
            return self._translator()
        roll = self.rng.random()
        if roll < 0.32:
            return self._diplomat(STATE_DRAW.draw(self.rng))
        return self._korean(soviet=roll < 0.42)

    def _new_person(self, claim: Claim, name: str) -> Person:
        person = Person(entity("person", f"synth-{slugify(name)}-{self.claims.count}"), name)
        claim.add(person.node, A, PERSON)
        claim.label(person.node, PREF, name)
        return person

    def _translator(self) -> list[ox.Quad]:
        claim = self.claims.open()
        name = f"{self.rng.choice(TRANSLATOR_GIVEN)} {self.rng.choice(TRANSLATOR_SURNAMES)}"
        person = self._new_person(claim, name)
        role = "member" if self.cast.translators else "coordinator"
        self.claims.membership(claim, person.node, self.cast.bodies["nkidp"], role, None)
        self.cast.translators.append(person)
        return self.claims.close(claim, "stated")

    def _korean_name(self) -> str:
        rng = self.rng
        given = rng.choice(KOREAN_GIVEN) + (rng.choice(KOREAN_GIVEN) if rng.random() < 0.93 else "")
        return rng.choice(KOREAN_SURNAMES) + given

    def _korean(self, soviet: bool) -> list[ox.Quad]:
        hangul = self._korean_name()
        forms = _korean_forms(hangul)
        claim = self.claims.open()
        person = self._new_person(claim, forms["mccune-reischauer-plain"][0])
        claim.label(person.node, PREF, hangul, "ko")
        claim.label(person.node, PREF, forms["mccune-reischauer"][0], "ko-Latn-x-mr")
        if self.rng.random() < 0.3 and len(forms["mccune-reischauer"]) > 1:
            claim.label(person.node, ALT, forms["mccune-reischauer"][1], "ko-Latn-x-mr")
        if self.rng.random() < 0.3:
            claim.label(person.node, ALT, forms["english"][0])
        units = self.claims.close(claim, "stated") + self._foreign_forms(person, forms, soviet)
        faction = self.cast.factions[SOVIET_KOREANS] if soviet else pick(self.rng, self.cast.factions)
        if self.rng.random() < 0.8:
            units += self._faction_membership(person, faction)
        if self.rng.random() < 0.45:
            units += self._korean_post(person)
        self.cast.koreans.append(person)
        return units

    def _foreign_forms(self, person: Person, forms: dict[str, list[str]], soviet: bool) -> list[ox.Quad]:
        """How bloc documents print the name: in another claim, from the source that prints them."""
        claim = self.claims.open()
        for language, system in FOREIGN_FORMS:
            if self.rng.random() < (0.7 if language.startswith("ru") else 0.3):
                claim.label(person.node, PREF, forms[system][0], language)
        if soviet:
            surname = forms["russian"][0].split()[0]
            given, patronymic = self.rng.choice(RUSSIAN_GIVEN).split("|"), self.rng.choice(PATRONYMICS).split("|")
            claim.label(person.node, ALT, f"{given[0]} {patronymic[0]} {surname}", "ru")
            claim.label(person.node, ALT, f"{given[1]} {patronymic[1]} {forms['russian-latin'][0].split()[0]}")
        if self.rng.random() < 0.04:
            claim.label(person.node, HIDDEN, _misspelt(person.name, self.rng))
        if not claim.quads:
            claim.label(person.node, PREF, forms["russian"][0], "ru")
        return self.claims.close(claim, "stated", locator="index of names, entry")

    def _faction_membership(self, person: Person, faction: ox.NamedNode) -> list[ox.Quad]:
        claim = self.claims.open()
        start = self.rng.randint(1945, 1950)
        period = membership_period(self.rng, start, start + self.rng.randint(4, 14)) if self.rng.random() < 0.7 \
            else None
        self.claims.membership(claim, person.node, faction, "member", period)
        units = self.claims.close(claim, "stated")
        if self.rng.random() < 0.05:  # another source places the person elsewhere; both claims are kept
            other = self.claims.open()
            self.claims.membership(other, person.node, pick(self.rng, self.cast.factions), "member", None)
            units += self.claims.close(other, "implied")
        return units

    def _korean_post(self, person: Person) -> list[ox.Quad]:
        claim = self.claims.open()
        slug, _, roles = self.rng.choice(KWP_BODIES)
        start = self.rng.randint(1948, 1965)
        self.claims.membership(claim, person.node, self.cast.bodies[slug], self.rng.choice(roles),
                               membership_period(self.rng, start, start + self.rng.randint(1, 6)))
        return self.claims.close(claim, "stated")

    def _diplomat(self, state: State) -> list[ox.Quad]:
        """A diplomat of ``state`` in post in Pyongyang for a few years (listed in the cast for each year)."""
        given, surname = self.rng.choice(state.given).split("|"), self.rng.choice(state.surnames).split("|")
        native = f"{surname[0]}{'' if state.language == 'zh' else ' '}{given[0]}" if state.surname_first \
            else f"{given[0]} {surname[0]}"
        english = f"{surname[-1]} {given[-1]}" if state.language == "zh" else f"{given[-1]} {surname[-1]}"
        claim = self.claims.open()
        person = self._new_person(claim, english)
        if native != english:
            claim.label(person.node, PREF, native, state.language)
        if state.language == "zh":
            claim.label(person.node, PREF, english, "zh-Latn-pinyin")
        claim.label(person.node, ALT, f"{given[-1][0]}. {surname[-1]}")
        start = self.rng.choice(YEAR_DRAW.items)
        end = min(start + self.rng.randint(1, 4), 1970)
        period = membership_period(self.rng, start, end) if self.rng.random() < 0.9 else None
        self.claims.membership(claim, person.node, self.cast.missions[state.slug], ROLE_DRAW.draw(self.rng), period)
        for year in range(start, end + 1):
            self.cast.diplomats.setdefault((state.slug, year), []).append(person)
        return self.claims.close(claim, "stated")


@cache
def _korean_forms(hangul: str) -> dict[str, list[str]]:
    return variants(hangul)


def _misspelt(name: str, rng: random.Random) -> str:
    """A slip a source might print: two neighbouring letters swapped."""
    letters = [i for i in range(len(name) - 1) if name[i].isalpha() and name[i + 1].isalpha()]
    i = rng.choice(letters) if letters else 0
    return name[:i] + name[i + 1] + name[i] + name[i + 2:] if letters else name + "e"
