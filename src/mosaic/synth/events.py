"""Events and reporting conditions: plenums, purges, visits and incidents with their participants,
and the conditions (isolation, curtailed information, purged informants) under which a mission reported.
"""

from __future__ import annotations

import pyoxigraph as ox

from mosaic.synth.cast import Cast
from mosaic.synth.claims import Claims
from mosaic.synth.draws import STATE_DRAW, YEAR_DRAW, pick
from mosaic.synth.records import Records
from mosaic.synth.tables import CONDITIONS, EVENT_KINDS, SEASONS
from mosaic.synth.terms import PREF, A, M, entity, term
from mosaic.synth.written_dates import membership_period, record_date

__all__ = ["Events"]

_CENTRAL_COMMITTEE_EVENTS = ("plenum", "party-congress")
_MISSION_EVENTS = ("delegation-visit", "meeting")
_PLACES_ABROAD = 2  # the last places in the table (Moscow, Beijing): no event is held there


class Events:
    """Makes events, numbered with the records, and reporting conditions, numbered in the cast."""

    def __init__(self, claims: Claims, cast: Cast, records: Records) -> None:
        self.claims, self.cast, self.records, self.rng = claims, cast, records, claims.rng

    def event(self) -> list[ox.Quad]:
        kind, template = self.rng.choice(EVENT_KINDS)
        state = STATE_DRAW.draw(self.rng)
        year = YEAR_DRAW.draw(self.rng)
        participants = [pick(self.rng, self.cast.koreans, 2.0) for _ in range(self.rng.randint(1, 4))]
        place = self.rng.randrange(len(self.cast.places) - _PLACES_ABROAD)
        name = template.format(name=participants[0].name, adjective=state.adjective,
                               place=self.cast.place_names[place])
        written, edtf = record_date(self.rng, year, kind)
        event = entity("event", f"synth-{kind}-{year}-{self.records.number()}")
        claim = self.claims.open()
        claim.add(event, A, M["Event"])
        claim.label(event, PREF, f"{name}, {written}")
        claim.add(event, M["eventKind"], term("eventkind", kind))
        self.claims.date(claim, event, M["date"], written, edtf)
        for person in dict.fromkeys(participants):
            claim.add(event, M["participant"], person.node)
        if kind in _CENTRAL_COMMITTEE_EVENTS:
            claim.add(event, M["participant"], self.cast.bodies["kwp-central-committee"])
        if kind in _MISSION_EVENTS:
            claim.add(event, M["participant"], self.cast.missions[state.slug])
        claim.add(event, M["place"], self.cast.places[place])
        return self.claims.close(claim, "stated")

    def condition(self) -> list[ox.Quad]:
        """A condition of one mission (at times two), from a season or a span of years."""
        kind, template = self.rng.choice(CONDITIONS)
        state = STATE_DRAW.draw(self.rng)
        self.cast.conditions += 1
        condition = entity("condition", f"synth-{kind}-{self.cast.conditions}")
        claim = self.claims.open()
        claim.add(condition, A, M["Condition"])
        claim.label(condition, PREF, template.format(mission=self.cast.mission_names[state.slug],
                                                     adjective=state.adjective, state=state.name))
        claim.add(condition, M["conditionKind"], term("condition", kind))
        scope = [state] + ([STATE_DRAW.draw(self.rng)] if self.rng.random() < 0.2 else [])
        for each in dict.fromkeys(scope):
            claim.add(condition, M["appliesTo"], self.cast.missions[each.slug])
        start = self.rng.randint(1950, 1966)
        if self.rng.random() < 0.3:
            season, code = self.rng.choice(SEASONS)
            self.claims.date(claim, condition, M["date"], f"from the {season} of {start}", f"{start}-{code}/..")
        else:
            period = membership_period(self.rng, start, start + self.rng.randint(0, 3))
            self.claims.date(claim, condition, M["date"], *period)
        return self.claims.close(claim, "stated", locator="paragraph")
