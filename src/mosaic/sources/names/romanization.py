"""Korean names in Latin letters: McCune–Reischauer, Revised Romanization, the DPRK's system, and English usage.

Libraries that romanize Hangul (korean-romanizer, koroman, hangul-romanize, ko-pron) romanize running
text: they apply the sound changes across a whole word and return one string (김일성 → "gimilseong"),
and none writes McCune–Reischauer's name conventions. Names are romanized syllable by syllable —
the surname apart, the given name's syllables with only the voicing of plain stops (Yong-gŏn,
Tu-bong) — so the tables are written here, from the systems' published tables.
"""

from __future__ import annotations

from mosaic.sources.names.hangul import FINALS, INITIALS, MEDIALS
from mosaic.sources.names.scheme import Scheme, table

__all__ = ["MCCUNE_REISCHAUER", "REVISED", "DPRK", "ENGLISH_DPRK", "ENGLISH_ROK", "strip_marks"]


_MR_FINALS = table(FINALS, "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")
_MR_VOWELS = table(MEDIALS, "a ae ya yae ŏ e yŏ ye o wa wae oe yo u wŏ we wi yu ŭ ŭi i")
_PLAIN_VOWELS = table(MEDIALS, "a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i")
_VOICED = table("ㄱㄷㅂㅈ", "g d b j")

# McCune–Reischauer as the Library of Congress applies it to names: 이 is Yi.
MCCUNE_REISCHAUER = Scheme(
    initials=table(INITIALS, "k kk n t tt r m p pp s ss - ch tch ch' k' t' p' h"),
    vowels=_MR_VOWELS, finals=_MR_FINALS, voiced=_VOICED, after_l="l", before_i={"ㅅ": "sh"},
    surnames={"이": ("Yi", "I"), "리": ("Ri", "Yi")},
)

# Revised Romanization (2000): letter for letter, no sound changes inside names; surnames also as
# the families spell them, which the system allows.
REVISED = Scheme(
    initials=table(INITIALS, "g kk n d tt r m b pp s ss - j jj ch k t p h"),
    vowels=table(MEDIALS, "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i"),
    finals=_MR_FINALS,
    surnames={"이": ("I", "Yi", "Lee"), "리": ("Ri", "Yi", "Lee"), "김": ("Gim", "Kim"), "박": ("Bak", "Park", "Pak"),
              "최": ("Choe", "Choi"), "정": ("Jeong", "Jung", "Chung"), "조": ("Jo", "Cho"), "강": ("Gang", "Kang"),
              "장": ("Jang", "Chang"), "윤": ("Yun", "Yoon"), "임": ("Im", "Lim"), "신": ("Sin", "Shin"),
              "서": ("Seo", "Suh"), "허": ("Heo", "Huh"), "노": ("No", "Roh"), "방": ("Bang", "Pang"),
              "고": ("Go", "Ko"), "권": ("Gwon", "Kwon"), "구": ("Gu", "Koo")},
)

# The DPRK's own romanization (1992): McCune–Reischauer's vowels, kh th ph for the aspirates,
# j for ㅈ, and ㄹ kept as r at the start of a name (Ri, Rim, Ryu).
DPRK = Scheme(
    initials=table(INITIALS, "k kk n t tt r m p pp s ss - j jj ch kh th ph h"),
    vowels=_MR_VOWELS, finals=_MR_FINALS, voiced=_VOICED, after_l="l",
    surnames={"이": ("Ri",), "임": ("Rim",), "유": ("Ryu",), "노": ("Ro",), "나": ("Ra",)},
)

_ENGLISH_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("Kim",), "박": ("Pak", "Park"), "이": ("Lee", "Rhee", "Yi", "Ri"), "리": ("Ri", "Lee"), "최": ("Choe", "Choi"),
    "정": ("Jong", "Chung", "Jung"), "조": ("Cho",), "강": ("Kang",), "윤": ("Yun", "Yoon"), "장": ("Chang", "Jang"),
    "임": ("Lim", "Im"), "림": ("Rim", "Lim"), "오": ("O", "Oh"), "서": ("So", "Suh"), "신": ("Sin", "Shin"),
    "안": ("An", "Ahn"), "전": ("Jon", "Chun"), "유": ("Yu", "Yoo"), "류": ("Ryu", "Yoo"), "문": ("Mun", "Moon"),
    "배": ("Pae", "Bae"), "백": ("Paek", "Baek"), "허": ("Ho", "Huh"), "노": ("No", "Roh"), "주": ("Ju", "Joo"),
    "우": ("U", "Woo"), "구": ("Ku", "Koo"), "방": ("Pang", "Bang"), "현": ("Hyon", "Hyun"), "성": ("Song", "Sung"),
}

# English as North Korean and wire-service texts write names: McCune–Reischauer without marks,
# j for ㅈ, each syllable a word (Kim Jong Il, Pak Kum Chol).
ENGLISH_DPRK = Scheme(
    initials=table(INITIALS, "k kk n t tt r m p pp s ss - j jj ch k t p h"),
    vowels=_PLAIN_VOWELS, finals=_MR_FINALS, voiced=_VOICED, after_l="l", surnames=_ENGLISH_SURNAMES,
)

# English as South Korean and American usage writes names: u for ㅓ and oo for ㅜ where the
# spelling follows the sound (Kim Il Sung, Kim Young Sam, Chun Doo-hwan), surnames as families spell them.
ENGLISH_ROK = Scheme(
    initials=table(INITIALS, "k kk n d tt r m p pp s ss - j jj ch k t p h"),
    vowels=table(MEDIALS, "a ae ya yae o e yo ye o wa wae oe yo oo wo we wi yu eu ui i"),
    closed=table("ㅓㅕㅜ", "u yu u"), finals=_MR_FINALS, voiced=table("ㄱㅂ", "g b"), before_i={"ㅅ": "sh"},
    whole={"영": "young", "희": "hee"}, surnames={**_ENGLISH_SURNAMES, "박": ("Park", "Pak")},
)

_MARKS = str.maketrans({"ŏ": "o", "ŭ": "u", "Ŏ": "O", "Ŭ": "U", "'": ""})


def strip_marks(text: str) -> str:
    """McCune–Reischauer without its breves and apostrophes, as most English texts print it."""
    return text.translate(_MARKS)
