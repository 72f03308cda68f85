"""The RDF terms the generator writes, made once: it makes millions of quads, and a term made per quad would cost."""

from __future__ import annotations

import pyoxigraph as ox

from mosaic.graph.iris import entity_iri
from mosaic.graph.vocab import EDTF, ID_BASE, MOSAIC, PREFIXES, file_graph

__all__ = ["term", "entity", "claim_node", "GRAPH", "GRAPH_NODE", "A", "PREF", "ALT", "HIDDEN", "TITLE",
           "DESCRIPTION", "LANGUAGE", "DERIVED", "PAGE", "MEMBER", "ORGANIZATION", "ROLE", "DURING", "KIND",
           "AUTHOR", "SUBJECT", "HOLDER", "INCLUDED", "M", "PERSON", "RECORD", "RECORD_SET", "MEMBERSHIP",
           "FORMAL_ORGANIZATION", "EDTF_TYPE", "XSD_DATE", "XSD_INTEGER"]

GRAPH = file_graph("synth")  # where the claims are described, as if read from data/synth.trig
GRAPH_NODE = ox.NamedNode(GRAPH)


def term(prefix: str, local: str) -> ox.NamedNode:
    """A term of one of Mosaic's prefixed vocabularies, e.g. ``term("role", "ambassador")``."""
    return ox.NamedNode(PREFIXES[prefix] + local)


def entity(kind: str, slug: str) -> ox.NamedNode:
    """The IRI of a synthetic entity, minted as the curated data's are."""
    return ox.NamedNode(entity_iri(kind, slug))


def claim_node(number: int) -> ox.NamedNode:
    """The claim ``claim:synth-<number>``, whose named graph holds its statements."""
    return ox.NamedNode(f"{ID_BASE}claim/synth-{number}")


A = term("rdf", "type")
PREF, ALT, HIDDEN = term("skos", "prefLabel"), term("skos", "altLabel"), term("skos", "hiddenLabel")
TITLE, DESCRIPTION, LANGUAGE = term("dcterms", "title"), term("dcterms", "description"), term("dcterms", "language")
DERIVED, PAGE = term("prov", "wasDerivedFrom"), term("foaf", "page")
MEMBER, ORGANIZATION, ROLE, DURING = (term("org", name) for name in ("member", "organization", "role", "memberDuring"))
KIND, AUTHOR, SUBJECT, HOLDER, INCLUDED = (term("rico", name) for name in (
    "hasDocumentaryFormType", "hasAuthor", "hasOrHadSubject", "hasOrHadHolder", "isOrWasIncludedIn"))
M = {name: ox.NamedNode(str(getattr(MOSAIC, name))) for name in (  # MOSAIC is closed: a misspelt term fails
    "Claim TimeSpan ArchivalReference Translation Report Event Condition Embassy Legation State Archive Faction "
    "Place date asWritten edtf earliest latest interlocutor recipient archivalReference status wilsonCenterId "
    "translatedBy translatedFor obtainedBy obtainedFor sendingState receivingState seat eventKind participant "
    "place conditionKind appliesTo inDocument reporter informant about relayedFrom locator line quote evidence "
    "fond opis delo papka listy box folder registryNumber series signature dossier year otherPart").split()}
PERSON, RECORD, RECORD_SET = term("foaf", "Person"), term("rico", "Record"), term("rico", "RecordSet")
MEMBERSHIP, FORMAL_ORGANIZATION = term("org", "Membership"), term("org", "FormalOrganization")
EDTF_TYPE = ox.NamedNode(str(EDTF))
XSD_DATE = term("xsd", "date")
XSD_INTEGER = term("xsd", "integer")
