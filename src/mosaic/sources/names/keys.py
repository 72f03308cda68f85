"""The phonetic key of a written name: its syllables, with what transliterations disagree on folded away.

Two forms are the same name when they have the same key, whatever system, language or script wrote
them: Kim Il Sung, Kim Il-sŏng, Gim Il-seong, Kim Ir Sen, Kim Ir Szen, Ким Ир Сен and 김일성 all
read ``kim·il·sen``. A key is a sequence of syllables, each an onset, a glide, a vowel and a coda,
each folded to a class:

- onsets: k (k g kk q gh, and the aspirates k' kh), t (t d th), p (p b ph f), c (ch j ts tz tsch
  cs cz č c z zh dzh: every affricate, Korean ㅈ ㅊ and Russian ц ч alike), s (s ss sh sz sch š),
  h (h, Russian х as kh), m, n, l (l r: Korean ㄹ is either), none;
- glides: y and w (w v: Russian в, German w); y is dropped before a mid vowel or i and after an
  affricate, where the systems disagree on writing it (Сен for 성, Хеп for 협, En for 영);
- vowels: a; i; and one mid class for everything between (ŏ eo o, ŭ eu u, ы y î, e ae э, ou oo),
  because the Russian practice writes ㅓ as о or е and English writes it u (Sung); oe oi oy oj
  we ve are w + mid (Ch'oe, Choi, Цой, Чхве); ŭi ui ы are mid;
- codas: k, t (t, and s ch c z: a final ㅅ ㅈ ㅊ is t), p, m, n (n and ng, since Russian writes ㅇ
  as н), l (l and r: **Nam Il, Nam Ir and Нам Ир are one key**, as Korean ㄹ is written l at the
  end of a syllable in romanizations and р in Russian); an h after a vowel is silent (Roh, Suh),
  and an r before another consonant too (Park);
- the initial ㄹ/ㄴ rule: l and n before i or y are dropped (Ri, Rhee, Lee, Yi and I are one
  surname) and l elsewhere is n (Ro, Roh, No).

Hyphens, spaces, case, accents and aspiration marks do not count; word order is tried both ways.
Where a letter means different things in different languages, every reading is kept, each at a
cost: ch is an affricate in English but h in German, Polish and Czech; j is an affricate in English
but y elsewhere; i may be Hungarian for ы; a lone consonant between vowels may close its syllable
(Honyong is Hŏn-yŏng). Two names match when some readings share a key; the cost of the readings
lowers the score (:mod:`mosaic.sources.names.matching`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from mosaic.sources.names.hangul import Syllable, is_hangul, split_name, syllables

__all__ = ["Reading", "readings", "show", "MAX_COST"]

MAX_COST = 3  # at most this many less likely interpretations in one reading of a name
_MAX_READINGS = 256


@dataclass(frozen=True)
class Reading:
    """One way to read a written name: its key, how many less likely choices it took, and which."""

    key: tuple[str, ...]
    cost: int = 0
    notes: tuple[str, ...] = ()


def show(key: tuple[str, ...]) -> str:
    """A key as people read it: ``kim·il·sen``."""
    return "·".join(key)


def readings(name: str) -> list[Reading]:
    """Every reading of a written name up to :data:`MAX_COST`, one per key, cheapest first."""
    words = [r for r in (_word_readings(word) for word in _words(name)) if r]
    if not words:
        return []
    found = _combine(words)
    if len(words) > 1:
        moved = _combine([words[-1], *words[:-1]])
        found += [Reading(r.key, r.cost + 1, ("given name first", *r.notes)) for r in moved if r.cost < MAX_COST]
    best: dict[tuple[str, ...], Reading] = {}
    for reading in sorted(found, key=lambda r: r.cost):
        best.setdefault(reading.key, reading)
    return list(best.values())


def _words(name: str) -> list[str]:
    """The words of a name; a Hangul name written as one word is split into surname and given name."""
    words = [w for w in re.split(r"[\s,;/()]+", name.strip()) if w and not re.fullmatch(r"\w\.", w)]
    if len(words) == 1 and is_hangul(words[0]) and len(words[0]) > 1:
        return list(split_name(words[0]))
    return words


def _combine(words: list[tuple[Reading, ...]]) -> list[Reading]:
    """Readings of consecutive words joined, the cheapest kept when the combinations grow too many."""
    combined = [Reading(())]
    for options in words:
        joined = (Reading(a.key + b.key, a.cost + b.cost, a.notes + b.notes)
                  for a, b in itertools.product(combined, options) if a.cost + b.cost <= MAX_COST)
        combined = sorted(joined, key=lambda r: r.cost)[:_MAX_READINGS]
    return combined


# --- one word ------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _word_readings(word: str) -> tuple[Reading, ...]:
    """Cached: names share their words (surnames, given-name syllables), so indexing the 43,356 names
    of a million-triple archive takes 1.7 s instead of 3.8 s."""
    if is_hangul(word):
        return (Reading(tuple(_hangul_key(s) for s in syllables(word))),)
    spelled = _from_cyrillic(word) if re.search("[\u0400-\u04ff]", word) else _from_latin(word)
    return tuple(Reading(key, cost, notes) for text, cost, notes in _interpretations(spelled)
                 if (key := _syllable_keys(text)))


_AMBIGUITIES = (  # pattern; usual reading, other reading ({} is the letters matched); what the other one means
    (re.compile(r"(?<![ts])ch(?!kh|zh)"), "C", "H", "'ch' read as h (German, Polish, Czech)"),
    (re.compile(r"(?<!d)j(?=[aeiouyEI])"), "C", "Y", "'j' read as y (German, Hungarian, Polish, Czech)"),
    (re.compile(r"(?<![aeiouy])i(?![aeiou])"), "{}", "E", "'i' read as ы (Hungarian)"),
    (re.compile(r"(?<=[aeiouyEI])[bdgklmnprt](?=[aeiouyEI])"), "{}", "{}-",
     "a lone consonant read as closing its syllable"),
    (re.compile(r"(?<=[aeiouyEI]n)(?=gh?[aeiouyEI])"), "", "-", "'ng' read as n, g"),
)


def _interpretations(text: str) -> Iterable[tuple[str, int, tuple[str, ...]]]:
    """The word with each ambiguous letter resolved, usual readings first; at most MAX_COST unusual ones."""
    sites = [(m, usual, other, note) for pattern, usual, other, note in _AMBIGUITIES for m in pattern.finditer(text)]
    sites.sort(key=lambda site: -site[0].start())  # rewritten from the end, so that earlier offsets hold
    for cost in range(min(MAX_COST, len(sites)) + 1):
        for chosen in itertools.combinations(range(len(sites)), cost):
            resolved = text
            for index, (found, usual, other, _) in enumerate(sites):
                written = (other if index in chosen else usual).format(found.group())
                resolved = resolved[:found.start()] + written + resolved[found.end():]
            yield resolved, cost, tuple(sites[i][3] for i in chosen)


# --- letters to sounds ---------------------------------------------------------------------------

_LATIN_KEPT = {"ț": "C", "ţ": "C", "î": "E", "â": "E"}  # Romanian ț is ц, and î â are ы
_CYRILLIC_PAIRS = {"нъ": "Q-", "нг": "n-g", "чж": "C", "дж": "C", "чх": "C", "кх": "K", "тх": "T", "пх": "P",
                   "ый": "E", "ий": "I"}
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "yo", "C", "z", "I", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "H", "C", "C", "S", "S", "-", "E", "", "e", "yu", "ya"], strict=True))

# Ordered: longer spellings before the letters they contain. Capitals are sounds already decided.
_SOUNDS = [(re.compile(pattern), sound) for pattern, sound in (
    (r"w(?=oo|u)", ""),  # Woo, wu: 우 has no glide
    (r"shch|szcz|schtsch", "S"),
    (r"tsch|chkh|chzh|dzh|tch|tsh|ckh", "C"),
    (r"kkh", "K"), (r"tkh|th", "T"), (r"pkh|ph", "P"), (r"kh", "H"),
    (r"sch|sh|sz|ss", "S"),
    (r"zs|zh|cz|cs|ts|tz|dz|ch", "C"),
    (r"(?<!n)gh|ck|kk|gg", "K"), (r"tt|dd", "T"), (r"pp|bb", "P"), (r"rh|ll|rr", "L"),
    (r"ng", "Q"),
    (r"ui", "E"),
    (r"o[eiyj](?![aeiou])", "WE"),
    (r"j", "i"),
    (r"eo|eu|ae|ou|oo", "E"), (r"ee", "I"),
    (r"y(?=[aeiouAEI])", "Y"), (r"y", "E"),
    (r"i(?=[aeou])", "Y"),
    (r"[wv](?=[aeiouAEI])", "W"),
    (r"a", "A"), (r"[eou]", "E"), (r"i", "I"),
    (r"[kgq]", "K"), (r"[td]", "T"), (r"[pbf]", "P"), (r"[cz]", "C"), (r"[sx]", "S"), (r"h", "H"),
    (r"m", "M"), (r"n", "N"), (r"[lr]", "L"), (r"[wv]", "V"),
)]
_CONSONANTS = "KTPCSHMNLV"
_SYLLABLE = re.compile(rf"([{_CONSONANTS}]*)([YW]?)([AEI])([{_CONSONANTS}Q]*?)(?=[{_CONSONANTS}]?[YW]?[AEI]|-|$)")


def _from_latin(word: str) -> str:
    """Latin letters folded to lowercase ASCII (anyascii), with aspiration marks dropped and MR's n'g kept apart."""
    return _letters_only("".join(_LATIN_KEPT.get(c) or anyascii(c).lower() for c in word.lower()))


def _from_cyrillic(word: str) -> str:
    """Russian letters spelled for the key; the digraphs of Kontsevich (чх, кх, нъ) are single sounds."""
    text = word.lower()
    for pair, sound in _CYRILLIC_PAIRS.items():
        text = text.replace(pair, sound)
    return _letters_only("".join(_CYRILLIC.get(c) or (c if c.isascii() else anyascii(c).lower()) for c in text))


def _letters_only(text: str) -> str:
    return re.sub(r"[^a-zA-Z-]", "", re.sub(r"n['`’ʼ](?=g)", "n-", text))


def _syllable_keys(text: str) -> tuple[str, ...]:
    for pattern, sound in _SOUNDS:
        text = pattern.sub(sound, text)
    return tuple(_fold(*m.groups()) for m in _SYLLABLE.finditer(text))


# --- the key of a syllable -----------------------------------------------------------------------

_ONSETS = dict(zip("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ", "KKNTTLMPPSS-CCCKTPH", strict=True))
_NUCLEI = dict(zip("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ",
                   "A E YA YE E E YE YE E WA WE WE YE E WE WE WI YE E E I".split(), strict=True))
_CODAS = {"": "", "ㄱ": "K", "ㄲ": "K", "ㄳ": "K", "ㅋ": "K", "ㄺ": "K", "ㄴ": "N", "ㄵ": "N", "ㄶ": "N", "ㅇ": "Q",
          "ㄹ": "L", "ㄼ": "L", "ㄽ": "L", "ㄾ": "L", "ㅀ": "L", "ㅁ": "M", "ㄻ": "M", "ㅂ": "P", "ㅄ": "P", "ㅍ": "P",
          "ㄿ": "P", **dict.fromkeys("ㄷㅅㅆㅈㅊㅌㅎ", "T")}


def _hangul_key(syllable: Syllable) -> str:
    nucleus = _NUCLEI[syllable.medial]
    return _fold(_ONSETS[syllable.initial].strip("-"), nucleus[:-1], nucleus[-1], _CODAS[syllable.final])


def _fold(onset: str, glide: str, vowel: str, coda: str) -> str:
    """One syllable's key, from the same classes whichever script it was read from."""
    if glide == "Y" and (vowel != "A" or onset.endswith("C")):
        glide = ""
    if onset in ("L", "N") and (vowel == "I" or glide == "Y"):
        onset = ""
    elif onset == "L":
        onset = "N"
    coda = coda.replace("H", "").replace("V", "")
    if len(coda) > 1 and coda[0] == "L":  # Park: an r before another consonant is not said
        coda = coda[1:]
    coda = {"Q": "N", "C": "T", "S": "T"}.get(coda[:1], coda[:1])
    return (onset + glide + vowel + coda).lower()
