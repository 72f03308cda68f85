"""A way of writing Hangul names letter by letter in another script: one engine for every system.

Romanizations and Cyrillic transcriptions of Korean names differ in their tables, and in a handful
of rules of context — a plain stop is voiced after a vowel or a sonorant (Il-sŏng but Yong-gŏn),
ㄹ reads l after ㄹ, ㅅ is "sh" before i in McCune–Reischauer, a final ㅇ is "нъ" before a vowel in
Kontsevich. A :class:`Scheme` holds the tables and switches those rules on; :meth:`Scheme.name`
writes a name as :class:`NameParts`, which :mod:`mosaic.sources.names.variants` formats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from mosaic.sources.names.hangul import Syllable, compose, split_name, syllables, voiced_after

__all__ = ["Scheme", "NameParts", "table"]

_I_VOWELS = frozenset("ㅣㅟ")


def table(letters: str | tuple[str, ...], written: str) -> Mapping[str, str]:
    """A letter table from the letters and their spellings separated by spaces ("-" writes nothing)."""
    spellings = written.split()
    if len(spellings) != len(letters):
        raise ValueError(f"{len(letters)} letters but {len(spellings)} spellings in {written!r}")
    return MappingProxyType({k: "" if v == "-" else v for k, v in zip(letters, spellings, strict=True)})


class NameParts(NamedTuple):
    """A name written in one system: its surname (alternatives, the system's own first) and given syllables."""

    surnames: tuple[str, ...]
    given: tuple[str, ...]


@dataclass(frozen=True)
class Scheme:
    """The tables of one writing system, and which rules of context it follows."""

    initials: Mapping[str, str]
    vowels: Mapping[str, str]
    finals: Mapping[str, str]
    voiced: Mapping[str, str] = field(default_factory=dict)  # ㄱ ㄷ ㅂ ㅈ after a vowel or sonorant of the same word
    after_l: str | None = None  # ㄹ after a final ㄹ
    before_i: Mapping[str, str] = field(default_factory=dict)  # initials written otherwise before ㅣ and ㅟ
    closed: Mapping[str, str] = field(default_factory=dict)  # vowels written otherwise when a final follows
    final_before_vowel: Mapping[str, str] = field(default_factory=dict)  # finals written otherwise before a vowel
    whole: Mapping[str, str] = field(default_factory=dict)  # whole syllables written by convention (영 → young)
    surnames: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    voice_across_words: bool = False  # whether the surname's last sound voices the given name's first

    def syllable(self, current: Syllable, previous: Syllable | None, following: Syllable | None) -> str:
        """One syllable, with its neighbours in the same word (None at either end)."""
        if (written := self.whole.get(compose(current))) is not None:
            return written
        return self._initial(current, previous) + self._vowel(current) + self._final(current, following)

    def word(self, hangul: str, before: Syllable | None = None) -> tuple[str, ...]:
        """The syllables of a word, ``before`` being the sound that precedes it, if it counts."""
        parts = syllables(hangul)
        previous = [before, *parts[:-1]]
        following = [*parts[1:], None]
        return tuple(self.syllable(s, p, f) for s, p, f in zip(parts, previous, following, strict=True))

    def name(self, hangul: str) -> NameParts:
        """A whole name in Hangul (surname first) in this system."""
        surname, given = split_name(hangul)
        before = syllables(surname)[-1] if self.voice_across_words else None
        return NameParts(self.surname(surname), self.word(given, before))

    def surname(self, hangul: str) -> tuple[str, ...]:
        """The surname's forms: the conventional ones this system lists, else its regular form."""
        return self.surnames.get(hangul) or ("".join(self.word(hangul)).capitalize(),)

    def _initial(self, current: Syllable, previous: Syllable | None) -> str:
        letter = current.initial
        if letter == "ㄹ" and self.after_l and previous is not None and previous.final == "ㄹ":
            return self.after_l
        if letter in self.voiced and voiced_after(previous):
            return self.voiced[letter]
        if letter in self.before_i and current.medial in _I_VOWELS:
            return self.before_i[letter]
        return self.initials[letter]

    def _vowel(self, current: Syllable) -> str:
        if current.final and current.medial in self.closed:
            return self.closed[current.medial]
        return self.vowels[current.medial]

    def _final(self, current: Syllable, following: Syllable | None) -> str:
        if following is not None and following.initial == "ㅇ" and current.final in self.final_before_vowel:
            return self.final_before_vowel[current.final]
        return self.finals[current.final]
