"""Korean names in Russian Cyrillic: the older Soviet practice (Ким Ир Сен) and Kontsevich (Ким Ильсон).

The older practice is what the embassies' reports and the Soviet press wrote, and so what the
East-European translations start from. It was a custom, not a published system: each syllable is a
word, ㄹ is always р (Ир), ㅓ is о in an open syllable and е in a closed one (Со but Сен, Хен, Чер),
ㅈ and ㅊ are both ч, plain stops are voiced after a voiced sound even across the surname (Ким Ду Бон,
Хо Га И), and 최 is Цой. The rules below reproduce the forms the sources print (Ким Ир Сен, Цой Чан
Ик, Пак Хен Ен, Цой Ен Ген, Нам Ир); names the custom spelled irregularly (Хегай for 허가이) are not
generated, only matched by their phonetic key. Kontsevich (1950s–) is the academic system now used
in Russian scholarship: the given name is one word, aspirates are кх тх пх чх, ㅈ is чж.
No library transcribes Hangul into Cyrillic, so both tables are written here.
"""

from __future__ import annotations

from mosaic.sources.names.hangul import FINALS, INITIALS, MEDIALS
from mosaic.sources.names.scheme import Scheme, table

__all__ = ["RUSSIAN", "KONTSEVICH"]

RUSSIAN = Scheme(
    initials=table(INITIALS, "к кк н т тт р м п пп с сс - ч чч ч к т п х"),
    vowels=table(MEDIALS, "а э я е о е е е о ва вэ ве ё у во ве ви ю ы ы и"),
    closed=table("ㅓㅛ", "е е"),
    finals=table(FINALS, "- к к к н н н т р к м р р р п р м п п т т н т т к т п т"),
    voiced=table("ㄱㄷㅂ", "г д б"), after_l="л", voice_across_words=True,
    surnames={"최": ("Цой",), "이": ("Ли",), "리": ("Ли",), "임": ("Лим",), "림": ("Лим",), "류": ("Лю",), "유": ("Ю",)},
)

KONTSEVICH = Scheme(
    initials=table(INITIALS, "к кк н т тт р м п пп с сс - чж чч чх кх тх пх х"),
    vowels=table(MEDIALS, "а э я я о е ё е о ва вэ ве ё у во ве ви ю ы ый и"),
    finals=table(FINALS, "- к к к н н н т ль к м ль ль ль п ль м п п т т н т т к т п т"),
    final_before_vowel={"ㄹ": "р", "ㅇ": "нъ"},
    voiced=table("ㄱㄷㅂㅈ", "г д б дж"), after_l="л",
    surnames={"이": ("Ли", "И"), "리": ("Ли", "Ри")},
)
