"""The records: embassy documents with their authors, interlocutors, subjects, titles, holding
archives, archival references and Wilson Center translations, and the reports (who told whom what
about whom) that some of them carry, chained when a report passes on an earlier one.
"""

from __future__ import annotations

import pyoxigraph as ox

from mosaic.synth.cast import Cast, Person
from mosaic.synth.citations import STYLES
from mosaic.synth.claims import Claim, Claims
from mosaic.synth.draws import KIND_DRAW, STATE_DRAW, YEAR_DRAW, pick
from mosaic.synth.tables import TITLES, TOPICS, State
from mosaic.synth.terms import (
    AUTHOR,
    DERIVED,
    HOLDER,
    INCLUDED,
    KIND,
    LANGUAGE,
    PAGE,
    PREF,
    RECORD,
    SUBJECT,
    TITLE,
    A,
    M,
    entity,
    term,
)
from mosaic.synth.written_dates import record_date

__all__ = ["Records"]

_SENT_TO_THE_MINISTRY = ("embassy-report", "political-report", "cable", "letter")
_WITH_INTERLOCUTORS = ("memorandum-of-conversation", "record-of-meeting", "journal")


class Records:
    """Makes one record at a time, numbering records (and events, which share the numbers)."""

    def __init__(self, claims: Claims, cast: Cast) -> None:
        self.claims, self.cast, self.rng = claims, cast, claims.rng
        self.count = 0
        self.reports: list[ox.BlankNode] = []  # the latest, for hearsay chains

    def number(self) -> int:
        """The next record number (events take theirs from here too)."""
        self.count += 1
        return self.count

    def record(self) -> list[ox.Quad]:
        state = STATE_DRAW.draw(self.rng)
        kind = KIND_DRAW.draw(self.rng)
        year = YEAR_DRAW.draw(self.rng)
        written, edtf = record_date(self.rng, year, kind)
        record = entity("document", f"synth-{state.slug}-{year}-{self.number()}")
        claim = self.claims.open()
        claim.add(record, A, RECORD)
        claim.add(record, KIND, term("kind", kind))
        self.claims.date(claim, record, M["date"], written, edtf)
        authors = self._authors(claim, record, state, year)
        interlocutors = self._interlocutors(claim, record, kind, state, year)
        subjects = self._subjects(claim, record)
        self._title(claim, record, kind, state, interlocutors, written)
        if kind in _SENT_TO_THE_MINISTRY or self.rng.random() < 0.1:
            claim.add(record, M["recipient"], self.cast.ministries[state.slug])
        self._holding(claim, record, state, year)
        units = self.claims.close(claim, "cited", locator="entry")
        if self.rng.random() < 0.3:
            units += self._language(record, state)
        chance = 0.5 if kind == "memorandum-of-conversation" else 0.1
        if self.rng.random() < chance:
            units += self._report(record, authors, interlocutors, subjects)
        return units

    def _authors(self, claim: Claim, record: ox.NamedNode, state: State, year: int) -> list[ox.NamedNode]:
        """The mission, a diplomat then in post, or both."""
        staff = self.cast.diplomats.get((state.slug, year), [])
        roll = self.rng.random()
        authors = [] if staff and roll < 0.3 else [self.cast.missions[state.slug]]
        if staff and roll < 0.45:
            authors.append(self.rng.choice(staff).node)
        for author in authors:
            claim.add(record, AUTHOR, author)
        return authors

    def _interlocutors(self, claim: Claim, record: ox.NamedNode, kind: str, state: State,
                       year: int) -> list[Person]:
        if kind not in _WITH_INTERLOCUTORS or not self.cast.koreans:
            return []
        people = [pick(self.rng, self.cast.koreans, 3.0) for _ in range(1 + (self.rng.random() < 0.25))]
        if self.rng.random() < 0.15:  # a colleague of another mission
            other = STATE_DRAW.draw(self.rng)
            colleagues = self.cast.diplomats.get((other.slug, year), []) if other != state else []
            people += [self.rng.choice(colleagues)] if colleagues else []
        people = list(dict.fromkeys(people))
        for person in people:
            claim.add(record, M["interlocutor"], person.node)
        return people

    def _subjects(self, claim: Claim, record: ox.NamedNode) -> list[ox.NamedNode]:
        subjects: list[ox.NamedNode] = []
        for _ in range(self.rng.randint(1, 3)):
            roll = self.rng.random()
            if roll < 0.7 and self.cast.koreans:
                subjects.append(pick(self.rng, self.cast.koreans, 3.0).node)
            elif roll < 0.9:
                subjects.append(pick(self.rng, self.cast.factions))
            else:
                subjects.append(self.cast.missions[STATE_DRAW.draw(self.rng).slug])
        subjects = list(dict.fromkeys(subjects))
        for subject in subjects:
            claim.add(record, SUBJECT, subject)
        return subjects

    def _title(self, claim: Claim, record: ox.NamedNode, kind: str, state: State, interlocutors: list[Person],
               written: str) -> None:
        mission = self.cast.mission_names[state.slug]
        if self.rng.random() < 0.08:  # as in data/, a record the sources cite without its title
            claim.label(record, PREF, f"{mission}, {kind.replace('-', ' ')}, {written} (no title given)")
            return
        title = TITLES[kind].format(mission=mission, adjective=state.adjective, date=written,
                                    topic=self.rng.choice(TOPICS),
                                    interlocutor=interlocutors[0].name if interlocutors else "a Korean official")
        claim.label(record, TITLE, title)

    def _holding(self, claim: Claim, record: ox.NamedNode, state: State, year: int) -> None:
        """The archive that holds the record, its reference in the archive's style, and its fate."""
        archive, name = self.rng.choice(self.cast.archives[state.slug])
        claim.add(record, HOLDER, archive)
        reference = self.claims.blank()
        claim.add(record, M["archivalReference"], reference)
        claim.add_nested(reference, A, M["ArchivalReference"])
        parts = STYLES[state.reference](self.rng, year)
        claim.add_nested(reference, M["asWritten"], ox.Literal(", ".join([name] + [text for _, _, text in parts])))
        for part, value, _ in parts:
            claim.add_nested(reference, M[part], ox.Literal(value))
        roll = self.rng.random()
        if roll < 0.3:
            self._translation(claim, record)
        elif roll < 0.33:
            claim.add(record, M["status"], term("status", self.rng.choice(("reclassified", "lost",
                                                                           "removed-from-copy"))))

    def _translation(self, claim: Claim, record: ox.NamedNode) -> None:
        translation = entity("translation", f"synth-{self.count}")
        identifier = str(200_000 + self.count)
        translator = self.rng.choice(self.cast.translators).node
        claim.add(translation, A, M["Translation"])
        claim.add(translation, DERIVED, record)
        claim.add(translation, LANGUAGE, ox.Literal("en"))
        claim.add(translation, M["wilsonCenterId"], ox.Literal(identifier))
        claim.add(translation, PAGE, ox.NamedNode(f"https://digitalarchive.wilsoncenter.org/document/{identifier}"))
        claim.add(translation, M["translatedBy"], translator)
        claim.add(translation, M["translatedFor"], self.cast.bodies["nkidp"])
        claim.add(translation, INCLUDED, self.cast.bodies["archive-collection"])
        claim.add(record, M["obtainedBy"], self.rng.choice(self.cast.translators).node)
        claim.add(record, M["obtainedFor"], self.cast.bodies["nkidp"])

    def _language(self, record: ox.NamedNode, state: State) -> list[ox.Quad]:
        claim = self.claims.open()
        claim.add(record, LANGUAGE, ox.Literal(state.language))
        return self.claims.close(claim, "implied", locator="entry (language implied by the holding archive)")

    def _report(self, record: ox.NamedNode, authors: list[ox.NamedNode], interlocutors: list[Person],
                subjects: list[ox.NamedNode]) -> list[ox.Quad]:
        """Who told whom what about whom, possibly passing on an earlier report (a hearsay chain)."""
        claim = self.claims.open()
        report = self.claims.blank()
        informant = interlocutors[0] if interlocutors else pick(self.rng, self.cast.koreans, 3.0)
        claim.add(report, A, M["Report"])
        claim.add(report, M["inDocument"], record)
        claim.add(report, M["reporter"], authors[-1])
        claim.add(report, M["informant"], informant.node)
        for subject in subjects[:2]:
            claim.add(report, M["about"], subject)
        if self.reports and self.rng.random() < 0.25:
            claim.add(report, M["relayedFrom"], self.rng.choice(self.reports[-50:]))
        self.reports = self.reports[-49:] + [report]
        quote = f"{informant.name} said that the matter was being discussed in the Central Committee."
        return self.claims.close(claim, "reported", locator="summary of the entry", quote=quote
                                 if self.rng.random() < 0.2 else None)
