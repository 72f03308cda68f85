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
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import accumulate
from typing import Generic, TypeVar

import pyoxigraph as ox

from mosaic.graph.dates import bounds
from mosaic.graph.iris import entity_iri, slugify
from mosaic.graph.vocab import EDTF, ID_BASE, MOSAIC, PREFIXES, file_graph
from mosaic.sources.names import variants

__all__ = ["synthesize", "with_bounds", "GRAPH", "MIN_TRIPLES"]

T = TypeVar("T")
GRAPH = file_graph("synth")  # where the claims are described, as if read from data/synth.trig
MIN_TRIPLES = 2_000  # below this the fixed cast (states, missions, archives, factions) is most of the graph

_PERSON_SHARE = 0.22  # of what the cast leaves: persons, their name forms, posts and memberships
_EVENT_SHARE = 0.06  # of the records-and-events stream


def _term(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


A = _term("rdf", "type")
PREF, ALT, HIDDEN = _term("skos", "prefLabel"), _term("skos", "altLabel"), _term("skos", "hiddenLabel")
TITLE, DESCRIPTION, LANGUAGE = _term("dcterms", "title"), _term("dcterms", "description"), _term("dcterms", "language")
DERIVED, PAGE = _term("prov", "wasDerivedFrom"), _term("foaf", "page")
MEMBER, ORGANIZATION, ROLE, DURING = (_term("org", name) for name in ("member", "organization", "role", "memberDuring"))
KIND, AUTHOR, SUBJECT, HOLDER, INCLUDED = (_term("rico", name) for name in (
    "hasDocumentaryFormType", "hasAuthor", "hasOrHadSubject", "hasOrHadHolder", "isOrWasIncludedIn"))
M = {name: ox.NamedNode(str(getattr(MOSAIC, name))) for name in (  # MOSAIC is closed: a misspelt term fails
    "Claim TimeSpan ArchivalReference Translation Report Event Condition Embassy Legation State Archive Faction "
    "Place date asWritten edtf earliest latest interlocutor recipient archivalReference status wilsonCenterId "
    "translatedBy translatedFor obtainedBy obtainedFor sendingState receivingState seat eventKind participant "
    "place conditionKind appliesTo inDocument reporter informant about relayedFrom locator line quote evidence "
    "fond opis delo papka listy box folder registryNumber series signature dossier year otherPart").split()}
PERSON, RECORD, RECORD_SET = _term("foaf", "Person"), _term("rico", "Record"), _term("rico", "RecordSet")
MEMBERSHIP, FORMAL_ORGANIZATION = _term("org", "Membership"), _term("org", "FormalOrganization")
_EDTF_TYPE = ox.NamedNode(str(EDTF))
_XSD_DATE = _term("xsd", "date")
_XSD_INTEGER = _term("xsd", "integer")
_GRAPH = ox.NamedNode(GRAPH)


def _id(kind: str, slug: str) -> ox.NamedNode:
    return ox.NamedNode(entity_iri(kind, slug))


# --- the cast: states, their missions in Pyongyang, archives, names ---------------------------------


@dataclass(frozen=True)
class _State:
    """A sending state, with how its archives cite records and how its diplomats' names are written."""

    slug: str
    name: str
    adjective: str
    language: str
    native: str
    weight: int
    archives: tuple[tuple[str, str], ...]  # (slug, name as the sources write it)
    reference: str  # which citation style its archives use (see _REFERENCES)
    given: tuple[str, ...]  # "native|English" where the scripts differ
    surnames: tuple[str, ...]
    surname_first: bool = False


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


STATES = (
    _State("ussr", "Soviet Union", "Soviet", "ru", "Советский Союз", 30, (("rgani", "RGANI"), ("avprf", "AVPRF")),
           "soviet", _names("Александр|Aleksandr Василий|Vasilii Сергей|Sergei Николай|Nikolai Иван|Ivan "
                            "Михаил|Mikhail Григорий|Grigorii Пётр|Pyotr"),
           _names("Пузанов|Puzanov Суздалев|Suzdalev Иванов|Ivanov Петров|Petrov Филатов|Filatov "
                  "Самсонов|Samsonov Пименов|Pimenov Лазарев|Lazarev Тихомиров|Tikhomirov Мосеев|Moseev")),
    _State("prc", "People's Republic of China", "Chinese", "zh", "中华人民共和国", 15,
           (("prc-fma", "PRC FMA"),), "chinese",
           _names("晓光|Xiaoguang 建国|Jianguo 志远|Zhiyuan 德明|Deming "
                  "文华|Wenhua 振东|Zhendong 国华|Guohua 立新|Lixin"),
           _names("王|Wang 李|Li 张|Zhang 刘|Liu 陈|Chen 杨|Yang 赵|Zhao 乔|Qiao"), surname_first=True),
    _State("hungary", "Hungary", "Hungarian", "hu", "Magyarország", 10, (("mol", "MOL"),), "hungarian",
           _names("Pál Sándor Károly János László Ferenc István Imre"),
           _names("Szarvas Kurimszky Pataki Tóth Nagy Kovács Horváth Szabó Fekete"), surname_first=True),
    _State("poland", "Poland", "Polish", "pl", "Polska", 10, (("amsz", "AMSZ"),), "polish",
           _names("Jerzy Stanisław Tadeusz Henryk Andrzej Zbigniew Józef Marian"),
           _names("Siedlecki Wójcik Kowalski Lewandowski Zieliński Szymański Dąbrowski Kamiński")),
    _State("gdr", "German Democratic Republic", "East German", "de", "Deutsche Demokratische Republik", 10,
           (("sapmo-ba", "SAPMO-BA"), ("pa-aa", "PA AA")), "german",
           _names("Horst Kurt Werner Helmut Günter Karl Walter Heinz"),
           _names("Schneidewind Fischer Becker Richter Wagner Schulz Hoffmann Krüger")),
    _State("czechoslovakia", "Czechoslovakia", "Czechoslovak", "cs", "Československo", 8, (("amzv", "AMZV"),),
           "czech", _names("Jan Josef Václav Karel Miroslav Jaroslav Zdeněk František"),
           _names("Novák Dvořák Svoboda Černý Procházka Kučera Veselý Horák")),
    _State("romania", "Romania", "Romanian", "ro", "România", 6, (("amae", "AMAE"),), "romanian",
           _names("Ion Gheorghe Constantin Vasile Nicolae Mihai Petre Dumitru"),
           _names("Popescu Ionescu Dumitrescu Stan Moldovan Constantinescu Marin Radu")),
    _State("bulgaria", "Bulgaria", "Bulgarian", "bg", "България", 5, (("tsda", "TsDA"),), "bulgarian",
           _names("Георги|Georgi Иван|Ivan Димитър|Dimitar Петър|Petar Стефан|Stefan Тодор|Todor Христо|Hristo"),
           _names("Георгиев|Georgiev Димитров|Dimitrov Николов|Nikolov Стоянов|Stoyanov Христов|Hristov "
                  "Тодоров|Todorov Ангелов|Angelov Маринов|Marinov")),
    _State("mongolia", "Mongolia", "Mongolian", "mn", "Монгол Улс", 3, (("mfa-mongolia", "Mongolian MFA archive"),),
           "mongolian", _names("Дорж|Dorj Батбаяр|Batbayar Гомбо|Gombo Очир|Ochir Лхагва|Lkhagva Цэдэн|Tseden"),
           _names("Дамдин|Damdin Содном|Sodnom Жамц|Jamts Пүрэв|Pürev Намжил|Namjil Лувсан|Luvsan"),
           surname_first=True),
    _State("albania", "Albania", "Albanian", "sq", "Shqipëria", 3, (("aqsh", "AQSh"),), "albanian",
           _names("Agim Besnik Fatos Ilir Kujtim Petrit Sokol Artan"),
           _names("Kola Dervishi Leka Gjoka Prifti Hasani Çela Marku")),
)

FACTIONS = (  # slug, name, another name historians use
    ("partisan-faction", "Manchurian partisans", "Kapsan faction"),
    ("soviet-koreans", "Soviet Koreans", "Soviet faction"),
    ("china-returned-koreans", "China-returned Koreans", "Yan'an faction"),
    ("domestic-faction", "Domestic communists", "South Korean Workers' Party group"),
)
_SOVIET_KOREANS = 1  # in FACTIONS
PLACES = ("Pyongyang", "Hamhung", "Wonsan", "Kaesong", "Sinuiju", "Chongjin", "Nampo", "Moscow", "Beijing")
KWP_BODIES = (  # slug, name, roles held in it
    ("kwp", "Korean Workers' Party", ("secretary", "member")),
    ("kwp-central-committee", "Central Committee of the Korean Workers' Party",
     ("member", "presidium-candidate-member")),
    ("dprk-cabinet", "DPRK Cabinet of Ministers", ("deputy-premier", "vice-premier")),
    ("dprk-foreign-ministry", "DPRK Ministry of Foreign Affairs", ("minister-of-foreign-affairs", "diplomat")),
    ("kpa", "Korean People's Army", ("commander", "defense-minister")),
)

# surnames as often as they are borne (Kim, Yi, Pak, Choe, Chong first), and given-name syllables
_KOREAN_SURNAMES = ("김" * 22 + "이" * 15 + "박" * 9 + "최" * 5 + "정" * 4
                    + "강조윤장임한오서신권황안송류홍전고문손양배백허남심노하곽성차주우구민유나진지엄채원방공현함")
_KOREAN_GIVEN = "일성정철영수호민준석용국남창익동진현광명학희순옥숙경춘식만봉길덕원태상혁환규무웅찬형재승"
_RUSSIAN_GIVEN = _names("Александр|Aleksandr Алексей|Aleksei Николай|Nikolai Пётр|Pyotr Иван|Ivan Михаил|Mikhail")
_PATRONYMICS = _names("Иванович|Ivanovich Петрович|Petrovich Николаевич|Nikolaevich Алексеевич|Alekseevich "
                      "Григорьевич|Grigorevich Фёдорович|Fedorovich")
_TRANSLATOR_GIVEN = _names("James Gary Charles Sergey Jakub Balázs Rachel Daniel Christian Eliza Kathryn Ryo")
_TRANSLATOR_SURNAMES = _names("Goldberg Kraus Ostermann Radchenko Poleszak Szalontai Schaefer Lee Ohn Weathersby "
                              "Mansourov Person")
# the scripts a Korean name is printed in besides Hangul and McCune–Reischauer: language tag -> system
_FOREIGN_FORMS = (("ru", "russian"), ("ru-Latn", "russian-latin"), ("hu", "hungarian"), ("de", "german"),
                  ("pl", "polish"), ("cs", "czech"), ("ro", "romanian"))

_DIPLOMAT_ROLES = (("ambassador", 6), ("charge-d-affaires", 3), ("charge-d-affaires-ad-interim", 3),
                   ("first-secretary", 20), ("third-secretary", 20), ("secretary", 14), ("diplomat", 34))
_RECORD_KINDS = (("memorandum-of-conversation", 35), ("embassy-report", 14), ("political-report", 5),
                 ("journal", 10), ("cable", 15), ("letter", 5), ("record-of-meeting", 8), ("memorandum", 8))
_TOPICS = ("the Situation in the Korean Workers' Party", "Economic Conditions in the DPRK", "the Work of the Embassy",
           "Relations between the DPRK and the PRC", "the Three-Year Plan", "the Five-Year Plan", "Cadre Policy",
           "the Cooperativization of Agriculture", "the Chollima Movement", "the Personality Cult",
           "the Withdrawal of the Chinese People's Volunteers", "Reconstruction in Pyongyang", "the Food Situation",
           "Soviet Koreans in the DPRK", "the Repatriation of Koreans from Japan", "Propaganda against the South",
           "the Armistice Negotiations", "Trade with the Fraternal Countries", "the Party Congress")
_TITLES = {
    "memorandum-of-conversation": "Memorandum of Conversation with {interlocutor}",
    "journal": "Journal of the {mission}, {date}",
    "political-report": "Political Report of the {mission} for {date}",
    "cable": "Cable from the {mission} on {topic}",
    "letter": "Letter from the {mission} to the {adjective} Ministry of Foreign Affairs on {topic}",
    "record-of-meeting": "Record of a Meeting on {topic}",
    "embassy-report": "Report on {topic}",
    "memorandum": "Memorandum on {topic}",
}
_EVENT_KINDS = (("plenum", "Plenum of the KWP Central Committee"),
                ("party-congress", "Congress of the Korean Workers' Party"), ("purge", "Purge of {name}"),
                ("delegation-visit", "{adjective} delegation to the DPRK"),
                ("meeting", "Meeting of {name} with the {adjective} ambassador"),
                ("conference", "Conference of the fraternal embassies"), ("incident", "Incident in {place}"))
_CONDITIONS = (("temporary-premises", "{mission} housed in temporary premises outside the capital"),
               ("physical-isolation", "Movement of the {adjective} diplomats restricted"),
               ("skeleton-staff", "{mission} working with a skeleton staff"),
               ("meetings-refused", "North Korean officials refused meetings with the {adjective} diplomats"),
               ("information-curtailed", "Information given to the {adjective} embassy curtailed"),
               ("local-staff-replaced", "Local staff of the {mission} replaced"),
               ("social-visits-banned", "Social visits to the {adjective} embassy banned"),
               ("informants-purged", "Informants of the {adjective} embassy purged"),
               ("poor-relations", "Poor relations between the DPRK and {state}"))
_MONTHS = tuple(calendar.month_name)
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_SEASONS = (("spring", 21), ("summer", 22), ("fall", 23), ("winter", 24))


class _Weighted(Generic[T]):
    """A population to draw from with fixed weights (cumulative weights computed once)."""

    def __init__(self, pairs: Sequence[tuple[T, int]]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))

    def draw(self, rng: random.Random) -> T:
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


_STATE_DRAW: _Weighted[_State] = _Weighted([(state, state.weight) for state in STATES])
_ROLE_DRAW: _Weighted[str] = _Weighted(_DIPLOMAT_ROLES)
_KIND_DRAW: _Weighted[str] = _Weighted(_RECORD_KINDS)
# records cluster in the 1950s, as the opened archives do
_YEAR_DRAW: _Weighted[int] = _Weighted([(year, 3 if 1953 <= year <= 1962 else 1) for year in range(1949, 1971)])


@cache
def _korean_forms(hangul: str) -> dict[str, list[str]]:
    return variants(hangul)


@cache
def _bounds(value: str) -> tuple[ox.Literal | None, ox.Literal | None]:
    earliest, latest = bounds(value)
    return _day(earliest), _day(latest)


def _day(day: date | None) -> ox.Literal | None:
    return None if day is None else ox.Literal(day.isoformat(), datatype=_XSD_DATE)


# --- claims -----------------------------------------------------------------------------------------


class _Claim:
    """The statements of one passage of a synthetic source, in the claim's graph."""

    __slots__ = ("node", "quads", "nested")

    def __init__(self, number: int) -> None:
        self.node = ox.NamedNode(f"{ID_BASE}claim/synth-{number}")
        self.quads: list[ox.Quad] = []
        self.nested: list[ox.Quad] = []  # what blank nodes say, after their holders (keeps TriG subjects together)

    def add(self, subject: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode,
            value: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(subject, predicate, value, self.node))

    def add_nested(self, subject: ox.BlankNode, predicate: ox.NamedNode, value: ox.NamedNode | ox.Literal) -> None:
        self.nested.append(ox.Quad(subject, predicate, value, self.node))

    def label(self, subject: ox.NamedNode, predicate: ox.NamedNode, text: str, language: str = "en") -> None:
        self.add(subject, predicate, ox.Literal(text, language=language))


@dataclass
class _Source:
    """A synthetic source text: claims cite it by entry (their line)."""

    node: ox.NamedNode
    number: int
    entries: int = 0

    @property
    def title(self) -> str:
        return f"Synthetic finding aid {self.number} of embassy records (made up by mosaic synth)"


@dataclass(frozen=True)
class _Person:
    node: ox.NamedNode
    name: str  # the English form, for titles


@dataclass
class _Cast:
    """Everything records and events refer to, built before them."""

    missions: dict[str, ox.NamedNode] = field(default_factory=dict)
    mission_names: dict[str, str] = field(default_factory=dict)
    ministries: dict[str, ox.NamedNode] = field(default_factory=dict)
    archives: dict[str, list[tuple[ox.NamedNode, str]]] = field(default_factory=dict)
    factions: list[ox.NamedNode] = field(default_factory=list)
    bodies: dict[str, ox.NamedNode] = field(default_factory=dict)
    places: list[ox.NamedNode] = field(default_factory=list)
    place_names: list[str] = field(default_factory=list)
    koreans: list[_Person] = field(default_factory=list)  # most prominent first
    translators: list[_Person] = field(default_factory=list)
    diplomats: dict[tuple[str, int], list[_Person]] = field(default_factory=dict)  # (state, year) -> in post
    conditions: int = 0


class _Synthesizer:
    """Builds the graph unit by unit (a unit: the claims about one thing), counting quads against the budget."""

    def __init__(self, triples: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.budget = triples
        self.count = 0
        self.claims = 0
        self.blanks = 0
        self.records = 0
        self.reports: list[ox.BlankNode] = []
        self.cast = _Cast()
        self.sources = [_Source(_id("document", f"synth-source-{n}"), n) for n in range(1, 4 + triples // 250_000)]

    # --- the plan ---------------------------------------------------------------------------------

    def quads(self) -> Iterator[ox.Quad]:
        for unit in self._cast_units():
            yield from self._take(unit)
        people_end = self.count + int(_PERSON_SHARE * (self.budget - self.count))
        while self.count < people_end or not self.cast.koreans:
            yield from self._take(self._person())
        for _ in range(len(STATES) * 3 + self.budget // 200_000):
            yield from self._take(self._condition())
        while True:
            unit = self._event() if self.rng.random() < _EVENT_SHARE else self._record()
            if self.count + len(unit) > self.budget:
                return
            yield from self._take(unit)

    def _take(self, unit: list[ox.Quad]) -> list[ox.Quad]:
        self.count += len(unit)
        return unit

    # --- helpers ----------------------------------------------------------------------------------

    def _claim(self) -> _Claim:
        self.claims += 1
        return _Claim(self.claims)

    def _close(self, claim: _Claim, evidence: str, source: _Source | None = None, locator: str = "entry",
               quote: str | None = None) -> list[ox.Quad]:
        """The claim's statements and its description in the file graph (the claim pattern of data/README.md)."""
        source = source or self.sources[self.rng.randrange(len(self.sources))]
        source.entries += 1
        where = ox.Literal(f"finding aid {source.number}, {locator} {source.entries}")
        described = [
            ox.Quad(claim.node, A, M["Claim"], _GRAPH),
            ox.Quad(claim.node, DERIVED, source.node, _GRAPH),
            ox.Quad(claim.node, M["locator"], where, _GRAPH),
            ox.Quad(claim.node, M["line"], ox.Literal(str(source.entries), datatype=_XSD_INTEGER), _GRAPH),
            ox.Quad(claim.node, M["evidence"], _term("evidence", evidence), _GRAPH)]
        if quote:
            described.append(ox.Quad(claim.node, M["quote"], ox.Literal(quote), _GRAPH))
        return claim.quads + claim.nested + described

    def _blank(self) -> ox.BlankNode:
        self.blanks += 1
        return ox.BlankNode(f"s{self.blanks}")

    def _date(self, claim: _Claim, subject: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode,
              written: str, edtf: str) -> None:
        span = self._blank()
        claim.add(subject, predicate, span)
        claim.add_nested(span, A, M["TimeSpan"])
        claim.add_nested(span, M["asWritten"], ox.Literal(written))
        claim.add_nested(span, M["edtf"], ox.Literal(edtf, datatype=_EDTF_TYPE))

    def _membership(self, claim: _Claim, person: ox.NamedNode, organization: ox.NamedNode, role: str,
                    period: tuple[str, str] | None) -> None:
        membership = self._blank()
        claim.add(membership, A, MEMBERSHIP)
        claim.add(membership, MEMBER, person)
        claim.add(membership, ORGANIZATION, organization)
        claim.add(membership, ROLE, _term("role", role))
        if period:
            self._date(claim, membership, DURING, *period)

    def _pick(self, items: Sequence[T], skew: float = 1.0) -> T:
        """One item; with ``skew`` > 1 the first items (the prominent) are drawn far more often."""
        return items[int(len(items) * self.rng.random() ** skew)]

    # --- the fixed cast ---------------------------------------------------------------------------

    def _cast_units(self) -> Iterator[list[ox.Quad]]:
        for source in self.sources:
            yield self._source(source)
        yield self._places()
        dprk = _id("state", "synth-dprk")
        yield self._korean_bodies(dprk)
        for slug, name, other in FACTIONS:
            yield self._faction(slug, name, other)
        for state in STATES:
            yield self._state(state, dprk)
        yield self._wilson_center()

    def _source(self, source: _Source) -> list[ox.Quad]:
        claim = self._claim()
        claim.add(source.node, A, RECORD)
        claim.add(source.node, KIND, _term("kind", "archive-listing"))
        claim.label(source.node, TITLE, source.title)
        self._date(claim, source.node, M["date"], "2020", "2020")
        claim.label(source.node, DESCRIPTION, "A made-up listing of embassy records, persons and events, standing "
                                              "in for a real finding aid in benchmarks. Nothing in it is true.")
        return self._close(claim, "stated", source, "head of the listing, line")

    def _places(self) -> list[ox.Quad]:
        claim = self._claim()
        for name in PLACES:
            place = _id("place", f"synth-{slugify(name)}")
            claim.add(place, A, M["Place"])
            claim.label(place, PREF, name)
            self.cast.places.append(place)
            self.cast.place_names.append(name)
        return self._close(claim, "stated")

    def _korean_bodies(self, dprk: ox.NamedNode) -> list[ox.Quad]:
        claim = self._claim()
        claim.add(dprk, A, M["State"])
        claim.label(dprk, PREF, "Democratic People's Republic of Korea")
        claim.label(dprk, ALT, "North Korea")
        claim.label(dprk, PREF, "조선민주주의인민공화국", "ko")
        for slug, name, _ in KWP_BODIES:
            body = _id("body", f"synth-{slug}")
            claim.add(body, A, FORMAL_ORGANIZATION)
            claim.label(body, PREF, name)
            self.cast.bodies[slug] = body
        return self._close(claim, "stated")

    def _faction(self, slug: str, name: str, other: str) -> list[ox.Quad]:
        claim = self._claim()
        faction = _id("faction", f"synth-{slug}")
        claim.add(faction, A, M["Faction"])
        claim.label(faction, PREF, name)
        claim.label(faction, ALT, other)
        self.cast.factions.append(faction)
        return self._close(claim, "stated")

    def _state(self, state: _State, dprk: ox.NamedNode) -> list[ox.Quad]:
        claim = self._claim()
        node, mission = _id("state", f"synth-{state.slug}"), _id("mission", f"synth-{state.slug}-embassy-pyongyang")
        claim.add(node, A, M["State"])
        claim.label(node, PREF, state.name)
        claim.label(node, PREF, state.native, state.language)
        mission_name = f"{state.adjective} Embassy in Pyongyang"
        claim.add(mission, A, M["Legation" if state.slug == "hungary" else "Embassy"])
        claim.label(mission, PREF, mission_name)
        claim.add(mission, M["sendingState"], node)
        claim.add(mission, M["receivingState"], dprk)
        claim.add(mission, M["seat"], self.cast.places[0])
        ministry = _id("body", f"synth-{state.slug}-foreign-ministry")
        claim.add(ministry, A, FORMAL_ORGANIZATION)
        claim.label(ministry, PREF, f"{state.adjective} Ministry of Foreign Affairs")
        archives = []
        for slug, name in state.archives:
            archive = _id("archive", f"synth-{slug}")
            claim.add(archive, A, M["Archive"])
            claim.label(archive, PREF, name)
            archives.append((archive, name))
        self.cast.missions[state.slug] = mission
        self.cast.mission_names[state.slug], self.cast.ministries[state.slug] = mission_name, ministry
        self.cast.archives[state.slug] = archives
        return self._close(claim, "stated")

    def _wilson_center(self) -> list[ox.Quad]:
        claim = self._claim()
        for slug, name in (("nkidp", "North Korea International Documentation Project"),
                           ("wilson-center", "Woodrow Wilson International Center for Scholars")):
            body = _id("body", f"synth-{slug}")
            claim.add(body, A, FORMAL_ORGANIZATION)
            claim.label(body, PREF, name)
            self.cast.bodies[slug] = body
        collection = _id("collection", "synth-wilson-digital-archive")
        claim.add(collection, A, RECORD_SET)
        claim.label(collection, TITLE, "Wilson Center Digital Archive (synthetic)")
        self.cast.bodies["archive-collection"] = collection
        return self._close(claim, "stated")

    # --- persons ----------------------------------------------------------------------------------

    def _person(self) -> list[ox.Quad]:
        if len(self.cast.translators) < 4 or self.rng.random() < 0.02:
            return self._translator()
        roll = self.rng.random()
        if roll < 0.32:
            return self._diplomat(_STATE_DRAW.draw(self.rng))
        return self._korean(soviet=roll < 0.42)

    def _new_person(self, claim: _Claim, name: str) -> _Person:
        person = _Person(_id("person", f"synth-{slugify(name)}-{self.claims}"), name)
        claim.add(person.node, A, PERSON)
        claim.label(person.node, PREF, name)
        return person

    def _translator(self) -> list[ox.Quad]:
        claim = self._claim()
        name = f"{self.rng.choice(_TRANSLATOR_GIVEN)} {self.rng.choice(_TRANSLATOR_SURNAMES)}"
        person = self._new_person(claim, name)
        role = "member" if self.cast.translators else "coordinator"
        self._membership(claim, person.node, self.cast.bodies["nkidp"], role, None)
        self.cast.translators.append(person)
        return self._close(claim, "stated")

    def _korean_name(self) -> str:
        rng = self.rng
        given = rng.choice(_KOREAN_GIVEN) + (rng.choice(_KOREAN_GIVEN) if rng.random() < 0.93 else "")
        return rng.choice(_KOREAN_SURNAMES) + given

    def _korean(self, soviet: bool) -> list[ox.Quad]:
        hangul = self._korean_name()
        forms = _korean_forms(hangul)
        claim = self._claim()
        person = self._new_person(claim, forms["mccune-reischauer-plain"][0])
        claim.label(person.node, PREF, hangul, "ko")
        claim.label(person.node, PREF, forms["mccune-reischauer"][0], "ko-Latn-x-mr")
        if self.rng.random() < 0.3 and len(forms["mccune-reischauer"]) > 1:
            claim.label(person.node, ALT, forms["mccune-reischauer"][1], "ko-Latn-x-mr")
        if self.rng.random() < 0.3:
            claim.label(person.node, ALT, forms["english"][0])
        units = self._close(claim, "stated") + self._foreign_forms(person, forms, soviet)
        faction = self.cast.factions[_SOVIET_KOREANS] if soviet else self._pick(self.cast.factions)
        if self.rng.random() < 0.8:
            units += self._faction_membership(person, faction)
        if self.rng.random() < 0.45:
            units += self._korean_post(person)
        self.cast.koreans.append(person)
        return units

    def _foreign_forms(self, person: _Person, forms: dict[str, list[str]], soviet: bool) -> list[ox.Quad]:
        """How bloc documents print the name: in another claim, from the source that prints them."""
        claim = self._claim()
        for language, system in _FOREIGN_FORMS:
            if self.rng.random() < (0.7 if language.startswith("ru") else 0.3):
                claim.label(person.node, PREF, forms[system][0], language)
        if soviet:
            surname = forms["russian"][0].split()[0]
            given, patronymic = self.rng.choice(_RUSSIAN_GIVEN).split("|"), self.rng.choice(_PATRONYMICS).split("|")
            claim.label(person.node, ALT, f"{given[0]} {patronymic[0]} {surname}", "ru")
            claim.label(person.node, ALT, f"{given[1]} {patronymic[1]} {forms['russian-latin'][0].split()[0]}")
        if self.rng.random() < 0.04:
            claim.label(person.node, HIDDEN, _misspelt(person.name, self.rng))
        if not claim.quads:
            claim.label(person.node, PREF, forms["russian"][0], "ru")
        return self._close(claim, "stated", locator="index of names, entry")

    def _faction_membership(self, person: _Person, faction: ox.NamedNode) -> list[ox.Quad]:
        claim = self._claim()
        start = self.rng.randint(1945, 1950)
        period = self._membership_period(start, start + self.rng.randint(4, 14)) if self.rng.random() < 0.7 else None
        self._membership(claim, person.node, faction, "member", period)
        units = self._close(claim, "stated")
        if self.rng.random() < 0.05:  # another source places the person elsewhere; both claims are kept
            other = self._claim()
            self._membership(other, person.node, self._pick(self.cast.factions), "member", None)
            units += self._close(other, "implied")
        return units

    def _korean_post(self, person: _Person) -> list[ox.Quad]:
        claim = self._claim()
        slug, _, roles = self.rng.choice(KWP_BODIES)
        start = self.rng.randint(1948, 1965)
        self._membership(claim, person.node, self.cast.bodies[slug], self.rng.choice(roles),
                         self._membership_period(start, start + self.rng.randint(1, 6)))
        return self._close(claim, "stated")

    def _membership_period(self, start: int, end: int) -> tuple[str, str]:
        roll = self.rng.random()
        if start == end:
            return f"in {start}", str(start)
        if roll < 0.5:
            return f"from {start} to {end}", f"{start}/{end}"
        if roll < 0.65:
            return f"from {start}", f"{start}/.."
        if roll < 0.8:
            return f"until late {end}", f"../{end}-41"
        first, last = self.rng.randint(1, 12), self.rng.randint(1, 12)
        return f"from {_MONTHS[first]} {start} to {_MONTHS[last]} {end}", f"{start}-{first:02d}/{end}-{last:02d}"

    def _diplomat(self, state: _State) -> list[ox.Quad]:
        given, surname = self.rng.choice(state.given).split("|"), self.rng.choice(state.surnames).split("|")
        native = f"{surname[0]}{'' if state.language == 'zh' else ' '}{given[0]}" if state.surname_first \
            else f"{given[0]} {surname[0]}"
        english = f"{surname[-1]} {given[-1]}" if state.language == "zh" else f"{given[-1]} {surname[-1]}"
        claim = self._claim()
        person = self._new_person(claim, english)
        if native != english:
            claim.label(person.node, PREF, native, state.language)
        if state.language == "zh":
            claim.label(person.node, PREF, english, "zh-Latn-pinyin")
        claim.label(person.node, ALT, f"{given[-1][0]}. {surname[-1]}")
        start = self.rng.choice(_YEAR_DRAW.items)
        end = min(start + self.rng.randint(1, 4), 1970)
        period = self._membership_period(start, end) if self.rng.random() < 0.9 else None
        self._membership(claim, person.node, self.cast.missions[state.slug], _ROLE_DRAW.draw(self.rng),
                         period)
        for year in range(start, end + 1):
            self.cast.diplomats.setdefault((state.slug, year), []).append(person)
        return self._close(claim, "stated")

    # --- records ----------------------------------------------------------------------------------

    def _record(self) -> list[ox.Quad]:
        state = _STATE_DRAW.draw(self.rng)
        kind = _KIND_DRAW.draw(self.rng)
        year = _YEAR_DRAW.draw(self.rng)
        written, edtf = self._record_date(year, kind)
        self.records += 1
        record = _id("document", f"synth-{state.slug}-{year}-{self.records}")
        claim = self._claim()
        claim.add(record, A, RECORD)
        claim.add(record, KIND, _term("kind", kind))
        self._date(claim, record, M["date"], written, edtf)
        authors = self._authors(claim, record, state, year)
        interlocutors = self._interlocutors(claim, record, kind, state, year)
        subjects = self._subjects(claim, record)
        self._title(claim, record, kind, state, interlocutors, written)
        if kind in ("embassy-report", "political-report", "cable", "letter") or self.rng.random() < 0.1:
            claim.add(record, M["recipient"], self.cast.ministries[state.slug])
        self._holding(claim, record, state, year)
        units = self._close(claim, "cited", locator="entry")
        if self.rng.random() < 0.3:
            units += self._language(record, state)
        chance = 0.5 if kind == "memorandum-of-conversation" else 0.1
        if self.rng.random() < chance:
            units += self._report(record, authors, interlocutors, subjects)
        return units

    def _record_date(self, year: int, kind: str) -> tuple[str, str]:
        rng, month = self.rng, self.rng.randint(1, 12)
        if kind == "political-report" or (kind == "embassy-report" and rng.random() < 0.3):
            return self._period_date(year, month)
        roll = rng.random()
        if roll < 0.62:
            day = rng.randint(1, calendar.monthrange(year, month)[1])
            style = rng.random()
            written = f"{_MONTHS[month]} {day}, {year}" if style < 0.7 else f"{day}.{_ROMAN[month]}.{year}" \
                if style < 0.85 else f"{day} {_MONTHS[month]} {year}"
            return written, f"{year}-{month:02d}-{day:02d}"
        if roll < 0.78:
            return f"{_MONTHS[month]} {year}", f"{year}-{month:02d}"
        if roll < 0.83:
            season, code = rng.choice(_SEASONS)
            return f"{season} of {year}", f"{year}-{code}"
        if roll < 0.88:
            return (f"first half of {year}", f"{year}-40") if rng.random() < 0.5 else (f"late {year}", f"{year}-41")
        if roll < 0.94:
            return str(year), str(year)
        if roll < 0.97:
            return f"undated [{year}]", f"{year}?"
        return f"c. {year}", f"{year}~"

    def _period_date(self, year: int, month: int) -> tuple[str, str]:
        """A report on a period: a span of days, a whole year, or the middle of one."""
        roll = self.rng.random()
        if roll < 0.5:
            last = min(month + self.rng.randint(0, 2), 12)
            end = calendar.monthrange(year, last)[1]
            return (f"1 {_MONTHS[month]} {year} to {end} {_MONTHS[last]} {year}",
                    f"{year}-{month:02d}-01/{year}-{last:02d}-{end:02d}")
        if roll < 0.8:
            return str(year), str(year)
        return f"mid-{year}", f"{year}-05/{year}-08"

    def _authors(self, claim: _Claim, record: ox.NamedNode, state: _State, year: int) -> list[ox.NamedNode]:
        staff = self.cast.diplomats.get((state.slug, year), [])
        roll = self.rng.random()
        authors = [] if staff and roll < 0.3 else [self.cast.missions[state.slug]]
        if staff and roll < 0.45:
            authors.append(self.rng.choice(staff).node)
        for author in authors:
            claim.add(record, AUTHOR, author)
        return authors

    def _interlocutors(self, claim: _Claim, record: ox.NamedNode, kind: str, state: _State,
                       year: int) -> list[_Person]:
        if kind not in ("memorandum-of-conversation", "record-of-meeting", "journal") or not self.cast.koreans:
            return []
        people = [self._pick(self.cast.koreans, 3.0) for _ in range(1 + (self.rng.random() < 0.25))]
        if self.rng.random() < 0.15:  # a colleague of another mission
            other = _STATE_DRAW.draw(self.rng)
            colleagues = self.cast.diplomats.get((other.slug, year), []) if other != state else []
            people += [self.rng.choice(colleagues)] if colleagues else []
        people = list(dict.fromkeys(people))
        for person in people:
            claim.add(record, M["interlocutor"], person.node)
        return people

    def _subjects(self, claim: _Claim, record: ox.NamedNode) -> list[ox.NamedNode]:
        subjects: list[ox.NamedNode] = []
        for _ in range(self.rng.randint(1, 3)):
            roll = self.rng.random()
            if roll < 0.7 and self.cast.koreans:
                subjects.append(self._pick(self.cast.koreans, 3.0).node)
            elif roll < 0.9:
                subjects.append(self._pick(self.cast.factions))
            else:
                subjects.append(self.cast.missions[_STATE_DRAW.draw(self.rng).slug])
        subjects = list(dict.fromkeys(subjects))
        for subject in subjects:
            claim.add(record, SUBJECT, subject)
        return subjects

    def _title(self, claim: _Claim, record: ox.NamedNode, kind: str, state: _State, interlocutors: list[_Person],
               written: str) -> None:
        mission = self.cast.mission_names[state.slug]
        if self.rng.random() < 0.08:  # as in data/, a record the sources cite without its title
            claim.label(record, PREF, f"{mission}, {kind.replace('-', ' ')}, {written} (no title given)")
            return
        title = _TITLES[kind].format(mission=mission, adjective=state.adjective, date=written,
                                     topic=self.rng.choice(_TOPICS),
                                     interlocutor=interlocutors[0].name if interlocutors else "a Korean official")
        claim.label(record, TITLE, title)

    def _holding(self, claim: _Claim, record: ox.NamedNode, state: _State, year: int) -> None:
        archive, name = self.rng.choice(self.cast.archives[state.slug])
        claim.add(record, HOLDER, archive)
        reference = self._blank()
        claim.add(record, M["archivalReference"], reference)
        claim.add_nested(reference, A, M["ArchivalReference"])
        parts = _REFERENCES[state.reference](self.rng, year)
        claim.add_nested(reference, M["asWritten"], ox.Literal(", ".join([name] + [text for _, _, text in parts])))
        for part, value, _ in parts:
            claim.add_nested(reference, M[part], ox.Literal(value))
        roll = self.rng.random()
        if roll < 0.3:
            self._translation(claim, record)
        elif roll < 0.33:
            claim.add(record, M["status"], _term("status", self.rng.choice(("reclassified", "lost",
                                                                            "removed-from-copy"))))

    def _translation(self, claim: _Claim, record: ox.NamedNode) -> None:
        translation = _id("translation", f"synth-{self.records}")
        identifier = str(200_000 + self.records)
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

    def _language(self, record: ox.NamedNode, state: _State) -> list[ox.Quad]:
        claim = self._claim()
        claim.add(record, LANGUAGE, ox.Literal(state.language))
        return self._close(claim, "implied", locator="entry (language implied by the holding archive)")

    def _report(self, record: ox.NamedNode, authors: list[ox.NamedNode], interlocutors: list[_Person],
                subjects: list[ox.NamedNode]) -> list[ox.Quad]:
        """Who told whom what about whom, possibly passing on an earlier report (a hearsay chain)."""
        claim = self._claim()
        report = self._blank()
        informant = interlocutors[0] if interlocutors else self._pick(self.cast.koreans, 3.0)
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
        return self._close(claim, "reported", locator="summary of the entry", quote=quote
                           if self.rng.random() < 0.2 else None)

    # --- events and conditions --------------------------------------------------------------------

    def _event(self) -> list[ox.Quad]:
        kind, template = self.rng.choice(_EVENT_KINDS)
        state = _STATE_DRAW.draw(self.rng)
        year = _YEAR_DRAW.draw(self.rng)
        participants = [self._pick(self.cast.koreans, 2.0) for _ in range(self.rng.randint(1, 4))]
        place = self.rng.randrange(len(self.cast.places) - 2)
        name = template.format(name=participants[0].name, adjective=state.adjective,
                               place=self.cast.place_names[place])
        written, edtf = self._record_date(year, kind)
        self.records += 1
        event = _id("event", f"synth-{kind}-{year}-{self.records}")
        claim = self._claim()
        claim.add(event, A, M["Event"])
        claim.label(event, PREF, f"{name}, {written}")
        claim.add(event, M["eventKind"], _term("eventkind", kind))
        self._date(claim, event, M["date"], written, edtf)
        for person in dict.fromkeys(participants):
            claim.add(event, M["participant"], person.node)
        if kind in ("plenum", "party-congress"):
            claim.add(event, M["participant"], self.cast.bodies["kwp-central-committee"])
        if kind in ("delegation-visit", "meeting"):
            claim.add(event, M["participant"], self.cast.missions[state.slug])
        claim.add(event, M["place"], self.cast.places[place])
        return self._close(claim, "stated")

    def _condition(self) -> list[ox.Quad]:
        kind, template = self.rng.choice(_CONDITIONS)
        state = _STATE_DRAW.draw(self.rng)
        self.cast.conditions += 1
        condition = _id("condition", f"synth-{kind}-{self.cast.conditions}")
        claim = self._claim()
        claim.add(condition, A, M["Condition"])
        claim.label(condition, PREF, template.format(mission=self.cast.mission_names[state.slug],
                                                     adjective=state.adjective, state=state.name))
        claim.add(condition, M["conditionKind"], _term("condition", kind))
        scope = [state] + ([_STATE_DRAW.draw(self.rng)] if self.rng.random() < 0.2 else [])
        for each in dict.fromkeys(scope):
            claim.add(condition, M["appliesTo"], self.cast.missions[each.slug])
        start = self.rng.randint(1950, 1966)
        if self.rng.random() < 0.3:
            season, code = self.rng.choice(_SEASONS)
            self._date(claim, condition, M["date"], f"from the {season} of {start}", f"{start}-{code}/..")
        else:
            self._date(claim, condition, M["date"], *self._membership_period(start, start + self.rng.randint(0, 3)))
        return self._close(claim, "stated", locator="paragraph")


# --- archival references: (part, value, as written) per citation style --------------------------


Parts = list[tuple[str, str, str]]


def _soviet(rng: random.Random, year: int) -> Parts:
    first = rng.randint(1, 300)
    listy = f"{first}–{first + rng.randint(1, 12)}"
    if rng.random() < 0.5:
        fond, opis, delo = "5", str(rng.randint(28, 30)), str(rng.randint(100, 600))
        return [("fond", fond, f"Fond {fond}"), ("opis", opis, f"Opis {opis}"), ("delo", delo, f"Delo {delo}"),
                ("listy", listy, f"Listy {listy}")]
    opis, papka, delo = str(rng.randint(9, 15)), str(rng.randint(40, 80)), str(rng.randint(1, 50))
    return [("fond", "0102", "Fond 0102"), ("opis", opis, f"Opis {opis}"), ("papka", papka, f"Papka {papka}"),
            ("delo", delo, f"Delo {delo}"), ("listy", listy, f"Listy {listy}")]


def _hungarian(rng: random.Random, year: int) -> Parts:
    box, folder = str(rng.randint(1, 20)), f"{rng.randint(1, 30)}/{rng.choice('abcdefgh')}"
    registry = f"{rng.randint(1, 12000):05d}/{year}"
    return [("series", "XIX-J-1-j Korea", "XIX-J-1-j Korea"), ("box", box, f"{box}. doboz"),
            ("folder", folder, folder), ("registryNumber", registry, registry)]


def _polish(rng: random.Random, year: int) -> Parts:
    bundle, folder = str(rng.randint(1, 40)), str(rng.randint(1, 900))
    return [("series", "Zespół Depesze", "Zespół Depesze"), ("otherPart", f"wiązka {bundle}", f"wiązka {bundle}"),
            ("folder", folder, f"teczka {folder}"), ("year", str(year), str(year))]


def _german(rng: random.Random, year: int) -> Parts:
    signature = f"IV 2/20/{rng.randint(100, 400)}"
    return [("series", "DY 30", "DY 30"), ("signature", signature, signature)]


def _czech(rng: random.Random, year: int) -> Parts:
    box = str(rng.randint(1, 12))
    return [("series", "TO-T 1945–1959, Korea", "TO-T 1945–1959, Korea"), ("box", box, f"box {box}")]


def _romanian(rng: random.Random, year: int) -> Parts:
    dossier = str(rng.randint(1, 40))
    return [("series", "Fond Coreea", "Fond Coreea"), ("otherPart", f"Problema {rng.randint(20, 241)}",
                                                       f"Problema {rng.randint(20, 241)}"),
            ("dossier", dossier, f"dosar {dossier}"), ("year", str(year), f"{year}")]


def _bulgarian(rng: random.Random, year: int) -> Parts:
    unit = str(rng.randint(100, 4000))
    return [("fond", "1-B", "Fond 1-B"), ("opis", "6", "Opis 6"), ("otherPart", f"a.e. {unit}", f"a.e. {unit}")]


def _mongolian(rng: random.Random, year: int) -> Parts:
    delo = str(rng.randint(1, 400))
    return [("fond", "2", "fond 2"), ("opis", "1", "dans 1"), ("delo", delo, f"kh/n {delo}")]


def _chinese(rng: random.Random, year: int) -> Parts:
    signature = f"106-{rng.randint(1, 1500):05d}-{rng.randint(1, 12):02d}"
    return [("signature", signature, signature)]


def _albanian(rng: random.Random, year: int) -> Parts:
    dossier = f"D{rng.randint(1, 30)}"
    return [("fond", "14", "Fond 14"), ("year", str(year), f"V. {year}"), ("dossier", dossier, dossier)]


_REFERENCES = {"soviet": _soviet, "hungarian": _hungarian, "polish": _polish, "german": _german, "czech": _czech,
               "romanian": _romanian, "bulgarian": _bulgarian, "mongolian": _mongolian, "chinese": _chinese,
               "albanian": _albanian}


def _misspelt(name: str, rng: random.Random) -> str:
    """A slip a source might print: two neighbouring letters swapped."""
    letters = [i for i in range(len(name) - 1) if name[i].isalpha() and name[i + 1].isalpha()]
    i = rng.choice(letters) if letters else 0
    return name[:i] + name[i + 1] + name[i] + name[i + 2:] if letters else name + "e"


# --- the public functions -------------------------------------------------------------------------


def synthesize(triples: int, seed: int = 1) -> Iterator[ox.Quad]:
    """About ``triples`` quads of a synthetic Mosaic graph, the same for the same arguments.

    The stream stops before the first record that would pass ``triples``, so it holds between
    ``triples`` minus one record's worth (some 60 quads) and ``triples``. Claim descriptions are in
    ``GRAPH``; date bounds are not included (see :func:`with_bounds`).

    >>> quads = list(synthesize(3_000, seed=7))
    >>> 2_900 <= len(quads) <= 3_000
    True
    >>> quads == list(synthesize(3_000, seed=7))
    True
    """
    if triples < MIN_TRIPLES:
        raise ValueError(f"ask for at least {MIN_TRIPLES} triples (got {triples})")
    return _Synthesizer(triples, seed).quads()


def with_bounds(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """``quads`` with mosaic:earliest and mosaic:latest after every EDTF value, in the same graph,
    as the loader adds them: for building a store without the loader."""
    edtf, earliest, latest = M["edtf"], M["earliest"], M["latest"]
    for quad in quads:
        yield quad
        if quad.predicate == edtf and isinstance(quad.object, ox.Literal):
            for predicate, day in zip((earliest, latest), _bounds(quad.object.value), strict=True):
                if day is not None:
                    yield ox.Quad(quad.subject, predicate, day, quad.graph_name)

