"""Mosaic's namespaces: our own ontology as a closed namespace, plus the prefixes every output binds.

A closed namespace makes a misspelt term fail at import instead of minting a new IRI;
a test keeps MOSAIC and ontology/mosaic.ttl in step.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["MOSAIC", "RICO", "EDTF", "PREFIXES", "GRAPH_BASE", "ONTOLOGY_GRAPH", "file_graph", "is_system_graph", "prologue",
           "expand", "compact"]


class MOSAIC(DefinedNamespace):
    """Terms of https://w3id.org/mosaic/ontology# (see ontology/mosaic.ttl)."""

    _NS = Namespace("https://w3id.org/mosaic/ontology#")
    _fail = True

    ArchivalReference: URIRef
    Archive: URIRef
    Caveat: URIRef
    ReportingTally: URIRef
    Claim: URIRef
    Condition: URIRef
    DiplomaticMission: URIRef
    Embassy: URIRef
    Event: URIRef
    Faction: URIRef
    Legation: URIRef
    Place: URIRef
    Report: URIRef
    Rule: URIRef
    State: URIRef
    TimeSpan: URIRef
    Translation: URIRef

    about: URIRef
    appliesTo: URIRef
    archivalReference: URIRef
    asWritten: URIRef
    box: URIRef
    citedIn: URIRef
    compiledBy: URIRef
    concerns: URIRef
    conditionKind: URIRef
    country: URIRef
    date: URIRef
    delo: URIRef
    dossier: URIRef
    earliest: URIRef
    edtf: URIRef
    eventKind: URIRef
    evidence: URIRef
    folder: URIRef
    fond: URIRef
    inDocument: URIRef
    informant: URIRef
    interlocutor: URIRef
    issues: URIRef
    itemCount: URIRef
    latest: URIRef
    line: URIRef
    listy: URIRef
    locator: URIRef
    note: URIRef
    obtainedBy: URIRef
    obtainedFor: URIRef
    opis: URIRef
    otherPart: URIRef
    papka: URIRef
    participant: URIRef
    place: URIRef
    quote: URIRef
    rank: URIRef
    receivingState: URIRef
    recipient: URIRef
    recordGroup: URIRef
    referencePart: URIRef
    registryNumber: URIRef
    relayedFrom: URIRef
    reporter: URIRef
    seat: URIRef
    sendingState: URIRef
    series: URIRef
    signature: URIRef
    status: URIRef
    translatedBy: URIRef
    translatedFor: URIRef
    wilsonCenterId: URIRef
    year: URIRef
    applicability: URIRef
    basedOn: URIRef
    caveatFor: URIRef
    derivedBy: URIRef
    firstHand: URIRef
    originState: URIRef
    why: URIRef
    tallyReporter: URIRef
    tallySubject: URIRef
    recordCount: URIRef
    tallyRank: URIRef


RICO = Namespace("https://www.ica.org/standards/RiC/ontology#")
EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")

ID_BASE = "https://w3id.org/mosaic/id/"
VOCAB_BASE = "https://w3id.org/mosaic/vocab/"
GRAPH_BASE = "https://w3id.org/mosaic/graph/"

ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"


def file_graph(name: str) -> str:
    """The graph that holds what a data file or an import says about its claims (their sources)."""
    return f"{GRAPH_BASE}file/{name}"


def is_system_graph(name: str) -> bool:
    """Whether a graph is Mosaic's own (ontology, claim descriptions) rather than a claim."""
    return name.startswith(GRAPH_BASE)

PREFIXES: dict[str, str] = {
    "mosaic": str(MOSAIC._NS),
    "kind": VOCAB_BASE + "kind/",
    "status": VOCAB_BASE + "status/",
    "role": VOCAB_BASE + "role/",
    "evidence": VOCAB_BASE + "evidence/",
    "rank": VOCAB_BASE + "rank/",
    "eventkind": VOCAB_BASE + "event/",
    "condition": VOCAB_BASE + "condition/",
    "applicability": VOCAB_BASE + "applicability/",
    "caveat": ID_BASE + "caveat/",
    "rule": "https://w3id.org/mosaic/rule/",
    "person": ID_BASE + "person/",
    "faction": ID_BASE + "faction/",
    "mission": ID_BASE + "mission/",
    "state": ID_BASE + "state/",
    "body": ID_BASE + "body/",
    "archive": ID_BASE + "archive/",
    "coll": ID_BASE + "collection/",
    "doc": ID_BASE + "document/",
    "tr": ID_BASE + "translation/",
    "event": ID_BASE + "event/",
    "place": ID_BASE + "place/",
    "cond": ID_BASE + "condition/",
    "claim": ID_BASE + "claim/",
    "rico": str(RICO),
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "shape": "https://w3id.org/mosaic/shapes#",
    "edtf": "http://id.loc.gov/datatypes/edtf/",
}


def prologue() -> str:
    """PREFIX lines for every bound prefix, for queries sent to endpoints that predeclare none."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def expand(name: str) -> str:
    """The full IRI of ``prefix:local`` (or of ``<iri>``, or an IRI given as it is)."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES and not local.startswith("//") else name


def compact(iri: str) -> str:
    """``prefix:local`` for an IRI under a bound prefix (longest match), else ``<iri>``."""
    best = max((p for p in PREFIXES.items() if iri.startswith(p[1])), key=lambda p: len(p[1]), default=None)
    if best and _is_local_name(iri[len(best[1]):]):
        return f"{best[0]}:{iri[len(best[1]):]}"
    return f"<{iri}>"


def _is_local_name(local: str) -> bool:
    return bool(local) and all(c.isalnum() or c in "-_." for c in local) and not local.endswith(".")
