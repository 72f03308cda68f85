"""The sections of persons and bodies: a person's posts and memberships, an organisation's members and
staff (both org:Membership nodes, seen from either end)."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import ORG

from mosaic.web.pages.common import Cell, Section
from mosaic.web.pages.context import Context
from mosaic.web.pages.facts import Fact, Facts
from mosaic.web.pages.sections import comma_joined, fact_lines

__all__ = ["posts_section", "members_section"]


def posts_section(facts: Facts, context: Context) -> Section:
    """A person's posts and memberships: org:Membership nodes whose member is the person."""
    posts = fact_lines(facts.take(ORG.member, incoming=True), context,
                       lambda f: _membership_cells(f, context, ORG.organization),
                       order=lambda f: (*f.when(ORG.memberDuring),
                                        *(context.shown(v).text for v in f.detail(ORG.organization)[:1])))
    return Section("Posts and memberships", ("Organisation", "Role", "When (as written)"), posts)


def members_section(facts: Facts, context: Context) -> Section:
    """An organisation's members and staff: org:Membership nodes whose organisation it is."""
    members = [f for f in facts.take(ORG.organization, incoming=True) if f.detail(ORG.member)]
    lines = fact_lines(members, context, lambda f: _membership_cells(f, context, ORG.member),
                       order=lambda f: (*(context.shown(v).text for v in f.detail(ORG.member)[:1]),
                                        *f.when(ORG.memberDuring)))
    return Section("Members and posts", ("Who", "Role", "When (as written)"), lines)


def _membership_cells(fact: Fact, context: Context, other_end: URIRef) -> tuple[Cell, ...]:
    def cell(predicate: URIRef) -> Cell:
        return comma_joined([context.shown(v, fact) for v in fact.detail(predicate)])

    return cell(other_end), cell(ORG.role), cell(ORG.memberDuring)
