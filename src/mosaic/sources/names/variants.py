"""Every form of a Korean name, generated from its Hangul, per system: what a reader may meet in the sources."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mosaic.sources.names.cyrillic import KONTSEVICH, RUSSIAN
from mosaic.sources.names.hangul import split_name
from mosaic.sources.names.renderings import ORTHOGRAPHIES, latin
from mosaic.sources.names.romanization import DPRK, ENGLISH_DPRK, ENGLISH_ROK, MCCUNE_REISCHAUER, REVISED, strip_marks
from mosaic.sources.names.scheme import NameParts

__all__ = ["SYSTEMS", "variants", "write"]

SYSTEMS = ("mccune-reischauer", "mccune-reischauer-plain", "revised", "dprk", "russian", "kontsevich",
           "russian-latin", "german", "hungarian", "polish", "czech", "romanian", "english")

_JOINERS = ("-", "", " ")  # Il-sŏng, Ilsŏng, Il Sŏng


def variants(hangul: str) -> dict[str, list[str]]:
    """The forms of a Korean name given in Hangul (e.g. 김일성), per system, most usual first.

    Each list holds the surname-first forms with the given name hyphenated, joined and spaced, and,
    for English and Revised Romanization, also given name first as Western usage writes it.
    Raises ValueError for anything but a Korean name in Hangul.

    >>> variants("김일성")["mccune-reischauer"][0]
    'Kim Il-sŏng'
    >>> variants("김일성")["hungarian"][0]
    'Kim Ir Szen'
    """
    split_name(hangul)  # refuses what is not a name in Hangul, with a message naming it
    mr = write(MCCUNE_REISCHAUER.name(hangul), _JOINERS, joined=_mr_join)
    russian = write(RUSSIAN.name(hangul), (" ", "-", ""))
    forms = {
        "mccune-reischauer": mr,
        "mccune-reischauer-plain": _unique(strip_marks(form) for form in mr),
        "revised": write(REVISED.name(hangul), _JOINERS, given_first=True),
        "dprk": write(DPRK.name(hangul), (" ", "-", "")),
        "russian": russian,
        "kontsevich": write(KONTSEVICH.name(hangul), ("", " ", "-")),
        "russian-latin": _unique(latin_form for form in russian for latin_form in latin(form)),
        **{language: _unique(spelling.spell(form) for form in russian) for language, spelling in ORTHOGRAPHIES.items()},
        "english": write(ENGLISH_ROK.name(hangul), (" ", "-", ""), given_first=True)
        + write(ENGLISH_DPRK.name(hangul), (" ", "-")),
    }
    return {system: _unique(forms[system]) for system in SYSTEMS}


def write(parts: NameParts, joiners: tuple[str, ...], given_first: bool = False,
          joined: Callable[[tuple[str, ...]], str] = "".join) -> list[str]:
    """The forms of a name: each surname with the given name joined each way, surname first, then given first."""
    givens = [_given(parts.given, joiner, joined) for joiner in joiners]
    forms = [f"{surname} {given}" for surname in parts.surnames for given in givens]
    if given_first:
        forms += [f"{given} {surname}" for surname in parts.surnames for given in givens]
    return _unique(forms)


def _given(syllables: tuple[str, ...], joiner: str, joined: Callable[[tuple[str, ...]], str]) -> str:
    if joiner:  # a hard sign marks a syllable boundary inside a word (Чханъик); apart, it has no use
        syllables = tuple(s.removesuffix("ъ") for s in syllables)
    if joiner == " ":
        return " ".join(s.capitalize() for s in syllables)
    text = joined(syllables) if joiner == "" else joiner.join(syllables)
    return text[:1].upper() + text[1:]


def _mr_join(syllables: tuple[str, ...]) -> str:
    """McCune–Reischauer writes an apostrophe where n meets g, so that n'g is not read ng (Yun'gŭn)."""
    text = syllables[0]
    for syllable in syllables[1:]:
        text += ("'" if text.endswith("n") and syllable.startswith("g") else "") + syllable
    return text


def _unique(forms: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(forms))
