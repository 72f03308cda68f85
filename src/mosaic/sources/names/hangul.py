"""Hangul syllables taken apart into their letters (jamo), and a Korean name into surname and given name.

Every romanization and transliteration of a Korean name starts here. The decomposition is the
arithmetic the Unicode standard defines for the precomposed syllables U+AC00–U+D7A3 (chapter 3.12),
so no library is needed for it.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Syllable", "is_hangul", "syllables", "compose", "split_name", "voiced_after",
           "INITIALS", "MEDIALS", "FINALS"]

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ",
          "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
_FIRST, _LAST = 0xAC00, 0xD7A3
_PER_INITIAL = len(MEDIALS) * len(FINALS)

# Two-syllable surnames: without a space, 남궁억 is Namgung Ŏk, not Nam Kung-ŏk.
_DOUBLE_SURNAMES = frozenset({"남궁", "선우", "제갈", "황보", "독고", "사공", "서문", "동방", "어금", "망절"})
# Finals after which a plain stop is voiced inside a word (vowels count too: an empty final).
_VOICED_FINALS = frozenset({"", "ㄴ", "ㅁ", "ㅇ", "ㄹ"})


class Syllable(NamedTuple):
    """One Hangul syllable as its initial consonant, vowel and final consonant (compatibility jamo)."""

    initial: str  # "ㅇ" when the syllable starts with a vowel
    medial: str
    final: str  # "" when there is none


def is_hangul(text: str) -> bool:
    """Whether ``text`` has at least one precomposed Hangul syllable and no other letters."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(_FIRST <= ord(c) <= _LAST for c in letters)


def syllables(word: str) -> list[Syllable]:
    """The syllables of a word of precomposed Hangul; anything else in it is refused."""
    result = []
    for char in word:
        code = ord(char) - _FIRST
        if not 0 <= code <= _LAST - _FIRST:
            raise ValueError(f"{char!r} in {word!r} is not a Hangul syllable")
        result.append(Syllable(INITIALS[code // _PER_INITIAL], MEDIALS[code % _PER_INITIAL // len(FINALS)],
                               FINALS[code % len(FINALS)]))
    return result


def compose(syllable: Syllable) -> str:
    """The precomposed character of a syllable: the inverse of :func:`syllables` for one syllable."""
    code = (INITIALS.index(syllable.initial) * len(MEDIALS) + MEDIALS.index(syllable.medial)) * len(FINALS)
    return chr(_FIRST + code + FINALS.index(syllable.final))


def split_name(name: str) -> tuple[str, str]:
    """``(surname, given name)`` of a Korean name in Hangul, e.g. 김일성 → (김, 일성).

    A space, where given, separates them; otherwise the surname is the first syllable, or the
    first two for the few two-syllable surnames.
    """
    text = name.strip()
    if not is_hangul(text):
        raise ValueError(f"{name!r} is not a Korean name in Hangul (e.g. 김일성)")
    words = text.split()
    if len(words) == 2:
        return words[0], words[1]
    joined = "".join(words)
    if len(words) > 2 or len(joined) < 2:
        raise ValueError(f"{name!r} is not a Korean name of a surname and a given name (e.g. 김일성)")
    cut = 2 if joined[:2] in _DOUBLE_SURNAMES and len(joined) > 2 else 1
    return joined[:cut], joined[cut:]


def voiced_after(previous: Syllable | None) -> bool:
    """Whether a plain stop (ㄱ ㄷ ㅂ ㅈ) after ``previous`` in the same word sounds voiced (g d b j)."""
    return previous is not None and previous.final in _VOICED_FINALS
