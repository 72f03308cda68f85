"""Which persons of the graph a written name may stand for, ranked, with the reason.

The resolver links; it never rewrites. It reads the name forms the graph records — each with the
language tag its source gave it — indexes every reading of each by its phonetic key, and answers a
name with the persons one of whose recorded forms has the same key, scored as
:func:`mosaic.sources.names.match` scores them. Nothing under :data:`~mosaic.sources.names.matching.MIN_SCORE` is
returned, so a name that matches nothing gives an empty list rather than a guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mosaic.sources.names.keys import Reading, readings, show
from mosaic.sources.names.matching import MIN_SCORE, same_key_score

if TYPE_CHECKING:
    from mosaic.graph.store import Selects

__all__ = ["Candidate", "Resolver", "PERSON_NAMES"]

PERSON_NAMES = """\
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?person ?name WHERE {
  VALUES (?property ?rank) { (skos:prefLabel 0) (skos:altLabel 1) (skos:hiddenLabel 2) }
  ?person a foaf:Person ; ?property ?name .
} ORDER BY ?person ?rank (LANG(?name) != "en") ?name
"""


@dataclass(frozen=True)
class Candidate:
    """A person a name may stand for, and through which recorded form."""

    iri: str
    label: str
    score: float
    reason: str
    matched_form: str
    form_language: str

    def as_json(self) -> dict[str, object]:
        return {"iri": self.iri, "label": self.label, "score": self.score, "reason": self.reason,
                "matched_form": self.matched_form, "form_language": self.form_language}


@dataclass(frozen=True)
class _Form:
    iri: str
    written: str
    language: str


class Resolver:
    """Written names → persons, over (person IRI, written form, language tag) entries.

    A person's label is the first form given for it (``from_store`` gives the English prefLabel first).
    """

    def __init__(self, entries: Iterable[tuple[str, str, str]]) -> None:
        self._forms = [_Form(*entry) for entry in dict.fromkeys(entries)]
        self._labels: dict[str, str] = {}
        self._index: dict[tuple[str, ...], list[tuple[_Form, Reading]]] = defaultdict(list)
        for form in self._forms:
            self._labels.setdefault(form.iri, form.written)
            for reading in readings(form.written):
                self._index[reading.key].append((form, reading))

    @classmethod
    def from_store(cls, store: Selects) -> Resolver:
        """A resolver over every skos:prefLabel, altLabel and hiddenLabel of every foaf:Person in ``store``."""
        rows = store.select(PERSON_NAMES)
        return cls((str(row["person"]), str(row["name"]), _tag(getattr(row["name"], "language", None) or ""))
                   for row in rows)

    def __len__(self) -> int:
        """The number of recorded forms."""
        return len(self._forms)

    def resolve(self, name: str, limit: int = 10) -> list[Candidate]:
        """The persons ``name`` may stand for, best first, at most ``limit``; [] when none reaches MIN_SCORE."""
        best: dict[str, Candidate] = {}
        for query in readings(name):
            for form, recorded in self._index.get(query.key, ()):
                candidate = self._candidate(name, query, form, recorded)
                if candidate.score >= MIN_SCORE and (form.iri not in best or candidate.score > best[form.iri].score):
                    best[form.iri] = candidate
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.label, c.iri))
        return ranked[:limit]

    def _candidate(self, name: str, query: Reading, form: _Form, recorded: Reading) -> Candidate:
        score = same_key_score(name, form.written, query.cost + recorded.cost)
        language = f"({form.language})" if form.language else "(no language tag)"
        if name.strip() == form.written:
            reason = f"the recorded form {form.written!r} {language} itself"
        else:
            notes = "; ".join(dict.fromkeys(query.notes + recorded.notes))
            reason = (f"same phonetic key as the recorded form {form.written!r} {language}: {show(query.key)}"
                      + (f" ({notes})" if notes else ""))
        return Candidate(form.iri, self._labels[form.iri], score, reason, form.written, form.language)


def _tag(language: str) -> str:
    """A language tag in BCP 47's usual case (stores may give it in lower case): ru-latn → ru-Latn."""
    parts = language.split("-")
    for i, part in enumerate(parts[1:], 1):
        if part.lower() == "x":  # private-use subtags follow, kept as they are
            break
        parts[i] = part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part
    return "-".join(parts)
