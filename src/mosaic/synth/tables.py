"""The tables the generator draws from: states and their diplomats' names, factions, places, Korean
names, translators, roles, kinds of record, titles, events and conditions.

Constant data only, kept apart from the code that draws from it, so that a new state, name or kind
of record is a line here and the generator's modules read as what they make. The weights are
relative; ``draws`` turns them into populations to draw from.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

__all__ = ["State", "STATES", "FACTIONS", "SOVIET_KOREANS", "PLACES", "KWP_BODIES", "KOREAN_SURNAMES",
           "KOREAN_GIVEN", "RUSSIAN_GIVEN", "PATRONYMICS", "TRANSLATOR_GIVEN", "TRANSLATOR_SURNAMES",
           "FOREIGN_FORMS", "DIPLOMAT_ROLES", "RECORD_KINDS", "TOPICS", "TITLES", "EVENT_KINDS", "CONDITIONS",
           "MONTHS", "ROMAN", "SEASONS"]


@dataclass(frozen=True)
class State:
    """A sending state, with how its archives cite records and how its diplomats' names are written."""

    slug: str
    name: str
    adjective: str
    language: str
    native: str
    weight: int
    archives: tuple[tuple[str, str], ...]  # (slug, name as the sources write it)
    reference: str  # which citation style its archives use (see citations.STYLES)
    given: tuple[str, ...]  # "native|English" where the scripts differ
    surnames: tuple[str, ...]
    surname_first: bool = False


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


STATES = (
    State("ussr", "Soviet Union", "Soviet", "ru", "Советский Союз", 30, (("rgani", "RGANI"), ("avprf", "AVPRF")),
          "soviet", _names("Александр|Aleksandr Василий|Vasilii Сергей|Sergei Николай|Nikolai Иван|Ivan "
                           "Михаил|Mikhail Григорий|Grigorii Пётр|Pyotr"),
          _names("Пузанов|Puzanov Суздалев|Suzdalev Иванов|Ivanov Петров|Petrov Филатов|Filatov "
                 "Самсонов|Samsonov Пименов|Pimenov Лазарев|Lazarev Тихомиров|Tikhomirov Мосеев|Moseev")),
    State("prc", "People's Republic of China", "Chinese", "zh", "中华人民共和国", 15,
          (("prc-fma", "PRC FMA"),), "chinese",
          _names("晓光|Xiaoguang 建国|Jianguo 志远|Zhiyuan 德明|Deming "
                 "文华|Wenhua 振东|Zhendong 国华|Guohua 立新|Lixin"),
          _names("王|Wang 李|Li 张|Zhang 刘|Liu 陈|Chen 杨|Yang 赵|Zhao 乔|Qiao"), surname_first=True),
    State("hungary", "Hungary", "Hungarian", "hu", "Magyarország", 10, (("mol", "MOL"),), "hungarian",
          _names("Pál Sándor Károly János László Ferenc István Imre"),
          _names("Szarvas Kurimszky Pataki Tóth Nagy Kovács Horváth Szabó Fekete"), surname_first=True),
    State("poland", "Poland", "Polish", "pl", "Polska", 10, (("amsz", "AMSZ"),), "polish",
          _names("Jerzy Stanisław Tadeusz Henryk Andrzej Zbigniew Józef Marian"),
          _names("Siedlecki Wójcik Kowalski Lewandowski Zieliński Szymański Dąbrowski Kamiński")),
    State("gdr", "German Democratic Republic", "East German", "de", "Deutsche Demokratische Republik", 10,
          (("sapmo-ba", "SAPMO-BA"), ("pa-aa", "PA AA")), "german",
          _names("Horst Kurt Werner Helmut Günter Karl Walter Heinz"),
          _names("Schneidewind Fischer Becker Richter Wagner Schulz Hoffmann Krüger")),
    State("czechoslovakia", "Czechoslovakia", "Czechoslovak", "cs", "Československo", 8, (("amzv", "AMZV"),),
          "czech", _names("Jan Josef Václav Karel Miroslav Jaroslav Zdeněk František"),
          _names("Novák Dvořák Svoboda Černý Procházka Kučera Veselý Horák")),
    State("romania", "Romania", "Romanian", "ro", "România", 6, (("amae", "AMAE"),), "romanian",
          _names("Ion Gheorghe Constantin Vasile Nicolae Mihai Petre Dumitru"),
          _names("Popescu Ionescu Dumitrescu Stan Moldovan Constantinescu Marin Radu")),
    State("bulgaria", "Bulgaria", "Bulgarian", "bg", "България", 5, (("tsda", "TsDA"),), "bulgarian",
          _names("Георги|Georgi Иван|Ivan Димитър|Dimitar Петър|Petar Стефан|Stefan Тодор|Todor Христо|Hristo"),
          _names("Георгиев|Georgiev Димитров|Dimitrov Николов|Nikolov Стоянов|Stoyanov Христов|Hristov "
                 "Тодоров|Todorov Ангелов|Angelov Маринов|Marinov")),
    State("mongolia", "Mongolia", "Mongolian", "mn", "Монгол Улс", 3, (("mfa-mongolia", "Mongolian MFA archive"),),
          "mongolian", _names("Дорж|Dorj Батбаяр|Batbayar Гомбо|Gombo Очир|Ochir Лхагва|Lkhagva Цэдэн|Tseden"),
          _names("Дамдин|Damdin Содном|Sodnom Жамц|Jamts Пүрэв|Pürev Намжил|Namjil Лувсан|Luvsan"),
          surname_first=True),
    State("albania", "Albania", "Albanian", "sq", "Shqipëria", 3, (("aqsh", "AQSh"),), "albanian",
          _names("Agim Besnik Fatos Ilir Kujtim Petrit Sokol Artan"),
          _names("Kola Dervishi Leka Gjoka Prifti Hasani Çela Marku")),
)

FACTIONS = (  # slug, name, another name historians use
    ("partisan-faction", "Manchurian partisans", "Kapsan faction"),
    ("soviet-koreans", "Soviet Koreans", "Soviet faction"),
    ("china-returned-koreans", "China-returned Koreans", "Yan'an faction"),
    ("domestic-faction", "Domestic communists", "South Korean Workers' Party group"),
)
SOVIET_KOREANS = 1  # in FACTIONS
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
KOREAN_SURNAMES = ("김" * 22 + "이" * 15 + "박" * 9 + "최" * 5 + "정" * 4
                   + "강조윤장임한오서신권황안송류홍전고문손양배백허남심노하곽성차주우구민유나진지엄채원방공현함")
KOREAN_GIVEN = "일성정철영수호민준석용국남창익동진현광명학희순옥숙경춘식만봉길덕원태상혁환규무웅찬형재승"
RUSSIAN_GIVEN = _names("Александр|Aleksandr Алексей|Aleksei Николай|Nikolai Пётр|Pyotr Иван|Ivan Михаил|Mikhail")
PATRONYMICS = _names("Иванович|Ivanovich Петрович|Petrovich Николаевич|Nikolaevich Алексеевич|Alekseevich "
                     "Григорьевич|Grigorevich Фёдорович|Fedorovich")
TRANSLATOR_GIVEN = _names("James Gary Charles Sergey Jakub Balázs Rachel Daniel Christian Eliza Kathryn Ryo")
TRANSLATOR_SURNAMES = _names("Goldberg Kraus Ostermann Radchenko Poleszak Szalontai Schaefer Lee Ohn Weathersby "
                             "Mansourov Person")
# the scripts a Korean name is printed in besides Hangul and McCune–Reischauer: language tag -> system
FOREIGN_FORMS = (("ru", "russian"), ("ru-Latn", "russian-latin"), ("hu", "hungarian"), ("de", "german"),
                 ("pl", "polish"), ("cs", "czech"), ("ro", "romanian"))

DIPLOMAT_ROLES = (("ambassador", 6), ("charge-d-affaires", 3), ("charge-d-affaires-ad-interim", 3),
                  ("first-secretary", 20), ("third-secretary", 20), ("secretary", 14), ("diplomat", 34))
RECORD_KINDS = (("memorandum-of-conversation", 35), ("embassy-report", 14), ("political-report", 5),
                ("journal", 10), ("cable", 15), ("letter", 5), ("record-of-meeting", 8), ("memorandum", 8))
TOPICS = ("the Situation in the Korean Workers' Party", "Economic Conditions in the DPRK", "the Work of the Embassy",
          "Relations between the DPRK and the PRC", "the Three-Year Plan", "the Five-Year Plan", "Cadre Policy",
          "the Cooperativization of Agriculture", "the Chollima Movement", "the Personality Cult",
          "the Withdrawal of the Chinese People's Volunteers", "Reconstruction in Pyongyang", "the Food Situation",
          "Soviet Koreans in the DPRK", "the Repatriation of Koreans from Japan", "Propaganda against the South",
          "the Armistice Negotiations", "Trade with the Fraternal Countries", "the Party Congress")
TITLES = {
    "memorandum-of-conversation": "Memorandum of Conversation with {interlocutor}",
    "journal": "Journal of the {mission}, {date}",
    "political-report": "Political Report of the {mission} for {date}",
    "cable": "Cable from the {mission} on {topic}",
    "letter": "Letter from the {mission} to the {adjective} Ministry of Foreign Affairs on {topic}",
    "record-of-meeting": "Record of a Meeting on {topic}",
    "embassy-report": "Report on {topic}",
    "memorandum": "Memorandum on {topic}",
}
EVENT_KINDS = (("plenum", "Plenum of the KWP Central Committee"),
               ("party-congress", "Congress of the Korean Workers' Party"), ("purge", "Purge of {name}"),
               ("delegation-visit", "{adjective} delegation to the DPRK"),
               ("meeting", "Meeting of {name} with the {adjective} ambassador"),
               ("conference", "Conference of the fraternal embassies"), ("incident", "Incident in {place}"))
CONDITIONS = (("temporary-premises", "{mission} housed in temporary premises outside the capital"),
              ("physical-isolation", "Movement of the {adjective} diplomats restricted"),
              ("skeleton-staff", "{mission} working with a skeleton staff"),
              ("meetings-refused", "North Korean officials refused meetings with the {adjective} diplomats"),
              ("information-curtailed", "Information given to the {adjective} embassy curtailed"),
              ("local-staff-replaced", "Local staff of the {mission} replaced"),
              ("social-visits-banned", "Social visits to the {adjective} embassy banned"),
              ("informants-purged", "Informants of the {adjective} embassy purged"),
              ("poor-relations", "Poor relations between the DPRK and {state}"))
MONTHS = tuple(calendar.month_name)
ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
SEASONS = (("spring", 21), ("summer", 22), ("fall", 23), ("winter", 24))
