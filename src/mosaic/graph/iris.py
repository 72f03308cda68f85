"""The only place that mints and parses entity IRIs, and the slug registry that keeps them unique.

IRIs are ``https://w3id.org/mosaic/id/<kind>/<slug>``. A slug is never made from a name alone
without asking the registry (``data/slugs.tsv``): names collide, and a slug once given is never
given to anything else, even after the thing is gone.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from mosaic.graph.vocab import ID_BASE

__all__ = ["KINDS", "entity_iri", "parse_iri", "local_path", "iri_of_path", "slugify", "short_slug", "SlugRegistry"]

# kind of entity -> the path segment of its IRIs
KINDS: dict[str, str] = {
    "person": "person",
    "faction": "faction",
    "mission": "mission",
    "state": "state",
    "body": "body",
    "archive": "archive",
    "collection": "collection",
    "document": "document",
    "translation": "translation",
    "event": "event",
    "place": "place",
    "condition": "condition",
}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CLAIM_NAME = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")  # claims name their source line: article-notes-L123


def entity_iri(kind: str, slug: str) -> str:
    """The IRI of the entity ``slug`` of ``kind``; refuses unknown kinds and malformed slugs."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of entity {kind!r}; known: {', '.join(KINDS)}")
    if not _SLUG.match(slug):
        raise ValueError(f"malformed slug {slug!r}: use lowercase ASCII words joined by hyphens")
    return f"{ID_BASE}{KINDS[kind]}/{slug}"


def parse_iri(iri: str) -> tuple[str, str] | None:
    """``(kind, slug)`` for an entity, claim or caveat IRI of Mosaic, else None."""
    if not iri.startswith(ID_BASE):
        return None
    segment, _, slug = iri[len(ID_BASE):].partition("/")
    if segment == "claim":
        return ("claim", slug) if _CLAIM_NAME.match(slug) else None
    if segment == "caveat":  # derived: <record slug>--<condition slug>
        return ("caveat", slug) if all(_SLUG.match(part) for part in slug.split("--")) and "--" in slug else None
    kind = next((k for k, s in KINDS.items() if s == segment), None)
    return (kind, slug) if kind and _SLUG.match(slug) else None


def local_path(iri: str) -> str | None:
    """The path under which the server serves an IRI of Mosaic (``/id/person/nam-il``), else None."""
    return "/id/" + iri[len(ID_BASE):] if iri.startswith(ID_BASE) else None


def iri_of_path(path: str) -> str:
    """The IRI a server path ``/id/…`` stands for: the inverse of ``local_path``."""
    return ID_BASE + path.removeprefix("/id/")


def slugify(name: str) -> str:
    """A slug from a written name: accents folded, apostrophes dropped, other marks turned to hyphens."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    without_apostrophes = re.sub(r"['’ʻʼ`]", "", ascii_only.lower())
    return re.sub(r"[^a-z0-9]+", "-", without_apostrophes).strip("-")


SLUG_WORDS = 8  # most words of a slug made from a title: long titles make long IRIs
# Words a shortened slug does not end on: they lead on to what was cut ("…-conversation-with-the").
_LEADING_ON = frozenset("a an the of with and or to in on at by for from about between into over under as "
                        "concerning regarding its his her their".split())


def short_slug(*parts: str, words: int = SLUG_WORDS) -> str:
    """A slug of at most ``words`` words from ``parts`` (a date and a title), cut where it reads whole.

    A title cut at a fixed count ends mid-phrase (``1956-05-07-memorandum-of-conversation-with-the``).
    So a cut inside a phrase goes back to before the phrase (its last "of", "with", "the" …), and a
    slug never ends on such a word: ``1956-05-07-memorandum-of-conversation``. The slug is a base
    for minting: the registry or the graph adds ``-2`` if it is taken.
    """
    every = slugify(" ".join(part for part in parts if part)).split("-")
    kept = every[:words]
    if len(every) > words and every[words] not in _LEADING_ON:
        opening = max((i for i, word in enumerate(kept) if word in _LEADING_ON), default=0)
        if any(word.isalpha() for word in kept[:opening]):
            kept = kept[:opening]
    while len(every) > words and len(kept) > 1 and kept[-1] in _LEADING_ON:
        kept.pop()
    return "-".join(kept)


@dataclass
class SlugRegistry:
    """Every slug ever minted, by kind; read from and written to a TSV file (kind, slug, label, note)."""

    path: Path
    rows: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> SlugRegistry:
        with path.open(encoding="utf-8", newline="") as f:
            return cls(path, list(csv.DictReader(f, delimiter="\t")))

    def taken(self, kind: str, slug: str) -> bool:
        return any(r["kind"] == kind and r["slug"] == slug for r in self.rows)

    def iris(self) -> set[str]:
        return {entity_iri(r["kind"], r["slug"]) for r in self.rows}

    def mint(self, kind: str, name: str, note: str = "") -> str:
        """A new slug for ``name``: its slugified form, or that form with -2, -3 … if taken."""
        base = slugify(name) or kind
        slug, n = base, 1
        while self.taken(kind, slug):
            n += 1
            slug = f"{base}-{n}"
        self.rows.append({"kind": kind, "slug": slug, "label": name, "note": note})
        return slug

    def write(self) -> None:
        with self.path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=["kind", "slug", "label", "note"], delimiter="\t",
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows)
