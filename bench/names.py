"""Precision and recall of the name resolver on the test list of persons and their written forms.

The resolver is built from one canonical form per person (the list's first form for each: its
McCune–Reischauer form where it has one) and nothing else; every other form of the list is then
resolved, and so is every form :func:`mosaic.sources.names.variants` generates from each person's Hangul.
A form is correct when its top candidate is its person, wrong when it is another person, and
unresolved when nothing reaches the minimum score. A confusable pair is merged when a form of one
person has the other among its candidates at all. Last, each person in turn is left out of a
resolver built from every form of the others: any of its forms linked to someone is a false link.

    python bench/names.py            # exits 1 if a listed form fails or a confusable pair merges
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mosaic.sources.names import Resolver, variants
from mosaic.sources.names.hangul import is_hangul

LIST = Path(__file__).resolve().parents[1] / "tests" / "data" / "names"


@dataclass
class Tally:
    """Outcomes of resolving a set of forms."""

    correct: int = 0
    wrong: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def forms(self) -> int:
        return self.correct + len(self.wrong) + len(self.unresolved)

    def row(self, name: str) -> str:
        decided = self.correct + len(self.wrong)
        precision = self.correct / decided if decided else 1.0
        recall = self.correct / self.forms if self.forms else 1.0
        per_form = 1000 * self.seconds / self.forms if self.forms else 0.0
        return (f"{name:<20}{self.forms:>6}{self.correct:>9}{len(self.wrong):>7}{len(self.unresolved):>12}"
                f"{precision:>11.3f}{recall:>8.3f}{per_form:>10.2f}")


def read_list() -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
    """The persons' forms (person → [(form, system)], canonical first) and the confusable pairs."""
    persons: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with (LIST / "persons.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            persons[row["person_id"]].append((row["form"], row["system"]))
    with (LIST / "confusable.csv").open(encoding="utf-8", newline="") as f:
        pairs = [(row["person_a"], row["person_b"]) for row in csv.DictReader(f)]
    return dict(persons), pairs


def canonical_resolver(persons: dict[str, list[tuple[str, str]]]) -> Resolver:
    """A resolver that knows each person by its first form only."""
    return Resolver((person, forms[0][0], forms[0][1]) for person, forms in persons.items())


def resolve_all(resolver: Resolver, forms: list[tuple[str, str]]) -> Tally:
    """Resolve each (person, form) and tally the outcomes."""
    tally = Tally()
    for person, form in forms:
        started = time.perf_counter()
        candidates = resolver.resolve(form)
        tally.seconds += time.perf_counter() - started
        if not candidates:
            tally.unresolved.append(f"{form!r} ({person}): nothing")
        elif candidates[0].iri == person:
            tally.correct += 1
        else:
            tally.wrong.append(f"{form!r} ({person}): {candidates[0].iri} via {candidates[0].matched_form!r}")
    return tally


def merged_pairs(resolver: Resolver, persons: dict[str, list[tuple[str, str]]],
                 pairs: list[tuple[str, str]]) -> list[str]:
    """Each form of one person of a confusable pair that the resolver also links to the other."""
    merged = []
    for a, b in pairs:
        for one, other in ((a, b), (b, a)):
            for form, _ in persons[one]:
                if any(c.iri == other for c in resolver.resolve(form)):
                    merged.append(f"{form!r} of {one} also resolves to {other}")
    return merged


def false_links(persons: dict[str, list[tuple[str, str]]]) -> tuple[int, list[str]]:
    """Forms of a person left out of the resolver (built from every form of the others) that it links anyway."""
    forms, linked = 0, []
    for absent, absent_forms in persons.items():
        others = Resolver((p, form, system) for p, written in persons.items() if p != absent
                          for form, system in written)
        for form, _ in absent_forms:
            forms += 1
            if candidates := others.resolve(form):
                linked.append(f"{form!r} of absent {absent}: linked to {candidates[0].iri} via "
                              f"{candidates[0].matched_form!r}")
    return forms, linked


def generated_forms(persons: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """Every form variants() writes for each person whose Hangul the list gives."""
    return [(person, form) for person, forms in persons.items() for written, _ in forms if is_hangul(written)
            for system_forms in variants(written).values() for form in system_forms]


def main() -> int:
    persons, pairs = read_list()
    resolver = canonical_resolver(persons)
    listed = resolve_all(resolver, [(p, form) for p, forms in persons.items() for form, _ in forms[1:]])
    generated = resolve_all(resolver, generated_forms(persons))
    merged = merged_pairs(resolver, persons, pairs)
    absent_forms, linked = false_links(persons)
    print(f"resolver built from {len(persons)} canonical forms, one per person\n")
    print(f"{'forms':<20}{'forms':>6}{'correct':>9}{'wrong':>7}{'unresolved':>12}{'precision':>11}{'recall':>8}"
          f"{'ms/form':>10}")
    print(listed.row("listed (seed)"))
    print(generated.row("generated"))
    print(f"\nconfusable pairs: {len(pairs)}, merged: {len(merged)}")
    print(f"forms of a person absent from the resolver: {absent_forms}, linked to another person: {len(linked)}")
    for problem in [*listed.wrong, *listed.unresolved, *generated.wrong, *generated.unresolved, *merged, *linked]:
        print("  " + problem)
    return 1 if listed.wrong or listed.unresolved or merged else 0


if __name__ == "__main__":
    sys.exit(main())
