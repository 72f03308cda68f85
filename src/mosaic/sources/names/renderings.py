"""A Russian form of a name as German, Hungarian, Polish, Czech and Romanian texts spell it, and in Latin letters.

The East-European records of North Korea name Koreans as the Soviet reports did, spelled in each
language's own orthography: Ким Ир Сен is "Kim Ir Szen" in Hungarian, Цой Чан Ик is "Zoi Tschan Ik"
in German and "Coj Czan Ik" in Polish. Each table is the language's usual transcription of Russian
(German after Duden, Hungarian after the Academy's rules, Polish and Czech after their standard
transcriptions, Romanian after its usual practice, which keeps k in Korean names). iuliia knows
many Latin schemes for Russian but none of these orthographies, so it gives only the plain Latin
forms (Wikipedia's and ICAO's schemes: "Tsoy Chan Ik", "Tsoi Chan Ik").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import iuliia

__all__ = ["Orthography", "ORTHOGRAPHIES", "latin"]

_VOWELS = frozenset("аеёиоуыэюя")
_SOFTENED = frozenset("еёюя")  # written with a j or i at the start of a word or after a vowel


@dataclass(frozen=True)
class Orthography:
    """How one language spells Russian letters: single letters, word-initial е ё ю я, and letter pairs."""

    letters: Mapping[str, str]
    initial: Mapping[str, str]  # е ё ю я at the start of a word or after a vowel
    pairs: Mapping[str, str] = field(default_factory=dict)  # two letters spelled together (Polish ли → li)

    def spell(self, russian: str) -> str:
        """``russian`` in this orthography, keeping capitals, spaces and hyphens."""
        out: list[str] = []
        lower = russian.lower()
        i = 0
        while i < len(lower):
            pair = lower[i:i + 2]
            if pair in self.pairs:
                written, step = self.pairs[pair], 2
            elif lower[i] in _SOFTENED and (i == 0 or not lower[i - 1].isalpha() or lower[i - 1] in _VOWELS):
                written, step = self.initial[lower[i]], 1
            else:
                written, step = self.letters.get(lower[i], lower[i]), 1
            out.append(written.capitalize() if russian[i].isupper() else written)
            i += step
        return "".join(out)


def _letters(written: str) -> dict[str, str]:
    spellings = written.split()
    return {letter: "" if spelling == "-" else spelling for letter, spelling in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                                                                                      spellings, strict=True)}


ORTHOGRAPHIES: dict[str, Orthography] = {
    "german": Orthography(
        _letters("a b w g d e jo sch s i i k l m n o p r s t u f ch z tsch sch schtsch - y - e ju ja"),
        {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"}),
    "hungarian": Orthography(
        _letters("a b v g d e jo zs z i j k l m n o p r sz t u f h c cs s scs - i - e ju ja"),
        {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"}),
    "polish": Orthography(
        _letters("a b w g d e io ż z i j k ł m n o p r s t u f ch c cz sz szcz - y - e iu ia"),
        {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
        {"ле": "le", "лё": "lo", "ли": "li", "лю": "lu", "ля": "la", "ль": "l",
         "жи": "ży", "ши": "szy", "чи": "czy", "ци": "cy"}),
    "czech": Orthography(
        _letters("a b v g d e jo ž z i j k l m n o p r s t u f ch c č š šč - y - e ju ja"),
        {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
        {"де": "dě", "те": "tě", "не": "ně"}),
    "romanian": Orthography(
        _letters("a b v g d e io j z i i k l m n o p r s t u f h ț ci ș șt - î - e iu ia"),
        {"е": "ie", "ё": "io", "ю": "iu", "я": "ia"},
        {"ге": "ghe", "ги": "ghi", "че": "ce", "чи": "ci"}),
}

_LATIN_SCHEMES = (iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303)


def latin(russian: str) -> list[str]:
    """The usual Latin forms of a Russian name (Wikipedia's scheme, then ICAO's), without repeats."""
    return list(dict.fromkeys(scheme.translate(russian) for scheme in _LATIN_SCHEMES))
