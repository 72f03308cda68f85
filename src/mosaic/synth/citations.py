"""The citation styles of the bloc archives: how a synthetic record's archival reference is written.

Each style draws the parts of one reference — (part, value, as written), the part a term of
mosaic:ArchivalReference such as ``fond`` or ``signature`` — as the archive's own finding aids print
them: Fond/Opis/Delo in Moscow, box and registry number in Budapest, DY 30 signatures in Berlin.
``STYLES`` maps a state's ``reference`` (see ``tables.State``) to its style.
"""

from __future__ import annotations

import random
from collections.abc import Callable

__all__ = ["Parts", "Style", "STYLES"]

Parts = list[tuple[str, str, str]]
Style = Callable[[random.Random, int], Parts]  # (rng, year of the record) -> its reference


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


STYLES: dict[str, Style] = {"soviet": _soviet, "hungarian": _hungarian, "polish": _polish, "german": _german,
                           "czech": _czech, "romanian": _romanian, "bulgarian": _bulgarian, "mongolian": _mongolian,
                           "chinese": _chinese, "albanian": _albanian}
