"""Claims: every synthetic statement sits in the named graph of a claim that cites a synthetic source.

``Claims`` numbers the claims and blank nodes of one run and closes each claim with its description
in the file graph (source, locator, line, evidence: the claim pattern of data/README.md). Every
maker of the generator writes through the one ``Claims`` of its run, so that the numbering, and the
random draws, come in one order whatever module makes the unit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pyoxigraph as ox

from mosaic.synth.terms import (
    DERIVED,
    DURING,
    EDTF_TYPE,
    GRAPH_NODE,
    MEMBER,
    MEMBERSHIP,
    ORGANIZATION,
    ROLE,
    XSD_INTEGER,
    A,
    M,
    claim_node,
    entity,
    term,
)

__all__ = ["Claim", "Source", "Claims", "Subject"]

Subject = ox.NamedNode | ox.BlankNode


class Claim:
    """The statements of one passage of a synthetic source, in the claim's graph."""

    __slots__ = ("node", "quads", "nested")

    def __init__(self, number: int) -> None:
        self.node = claim_node(number)
        self.quads: list[ox.Quad] = []
        self.nested: list[ox.Quad] = []  # what blank nodes say, after their holders (keeps TriG subjects together)

    def add(self, subject: Subject, predicate: ox.NamedNode, value: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(subject, predicate, value, self.node))

    def add_nested(self, subject: ox.BlankNode, predicate: ox.NamedNode, value: ox.NamedNode | ox.Literal) -> None:
        self.nested.append(ox.Quad(subject, predicate, value, self.node))

    def label(self, subject: ox.NamedNode, predicate: ox.NamedNode, text: str, language: str = "en") -> None:
        self.add(subject, predicate, ox.Literal(text, language=language))


@dataclass
class Source:
    """A synthetic source text: claims cite it by entry (their line)."""

    node: ox.NamedNode
    number: int
    entries: int = 0

    @property
    def title(self) -> str:
        return f"Synthetic finding aid {self.number} of embassy records (made up by mosaic synth)"


class Claims:
    """The claims of one run: their numbers, their blank nodes, the sources they cite."""

    def __init__(self, rng: random.Random, sources: int) -> None:
        self.rng = rng
        self.count = 0
        self.blanks = 0
        self.sources = [Source(entity("document", f"synth-source-{n}"), n) for n in range(1, sources + 1)]

    def open(self) -> Claim:
        self.count += 1
        return Claim(self.count)

    def close(self, claim: Claim, evidence: str, source: Source | None = None, locator: str = "entry",
              quote: str | None = None) -> list[ox.Quad]:
        """The claim's statements and its description in the file graph, citing ``source`` or a random one."""
        source = source or self.sources[self.rng.randrange(len(self.sources))]
        source.entries += 1
        where = ox.Literal(f"finding aid {source.number}, {locator} {source.entries}")
        described = [
            ox.Quad(claim.node, A, M["Claim"], GRAPH_NODE),
            ox.Quad(claim.node, DERIVED, source.node, GRAPH_NODE),
            ox.Quad(claim.node, M["locator"], where, GRAPH_NODE),
            ox.Quad(claim.node, M["line"], ox.Literal(str(source.entries), datatype=XSD_INTEGER), GRAPH_NODE),
            ox.Quad(claim.node, M["evidence"], term("evidence", evidence), GRAPH_NODE)]
        if quote:
            described.append(ox.Quad(claim.node, M["quote"], ox.Literal(quote), GRAPH_NODE))
        return claim.quads + claim.nested + described

    def blank(self) -> ox.BlankNode:
        self.blanks += 1
        return ox.BlankNode(f"s{self.blanks}")

    def date(self, claim: Claim, subject: Subject, predicate: ox.NamedNode, written: str, edtf: str) -> None:
        """A time span as the source writes it, with its EDTF value."""
        span = self.blank()
        claim.add(subject, predicate, span)
        claim.add_nested(span, A, M["TimeSpan"])
        claim.add_nested(span, M["asWritten"], ox.Literal(written))
        claim.add_nested(span, M["edtf"], ox.Literal(edtf, datatype=EDTF_TYPE))

    def membership(self, claim: Claim, person: ox.NamedNode, organization: ox.NamedNode, role: str,
                   period: tuple[str, str] | None) -> None:
        """A post or a membership (org:Membership), with its period as written and in EDTF."""
        membership = self.blank()
        claim.add(membership, A, MEMBERSHIP)
        claim.add(membership, MEMBER, person)
        claim.add(membership, ORGANIZATION, organization)
        claim.add(membership, ROLE, term("role", role))
        if period:
            self.date(claim, membership, DURING, *period)
