"""The SPARQL behind the networks of :mod:`mosaic.analysis.network`: what each network's edges are made of,
who served in which mission, what every node is called and grouped by, and what a record behind an edge says.

Kept apart from the building so that a reader can check what a network counts against the model
(ontology/) in one place. The texts use the prefixes the stores declare and plain SPARQL 1.1, so they
answer the same from the embedded store and from any SPARQL endpoint.
"""

from __future__ import annotations

from mosaic.graph.derived import REPORTING_PAIRS

__all__ = ["NETWORK_QUERIES", "SERVED_IN", "NODES", "ISOLATED_SECOND_HAND", "RECORD_PARTS"]

_ISOLATION = ("physical-isolation", "temporary-premises", "meetings-refused", "information-curtailed",
              "social-visits-banned", "informants-purged", "skeleton-staff")
_ISOLATION_KINDS = " ".join(f"condition:{kind}" for kind in _ISOLATION)

_DATED = """OPTIONAL { ?record mosaic:date ?d . OPTIONAL { ?d mosaic:earliest ?earliest }
                       OPTIONAL { ?d mosaic:latest ?latest } OPTIONAL { ?d mosaic:asWritten ?written } }"""
_MISSION = "mosaic:Embassy mosaic:Legation mosaic:DiplomaticMission"
_PERSON_OR_MISSION = f"foaf:Person {_MISSION}"
_BODY = "org:FormalOrganization org:Organization"


def _informants(author: str, informant: str) -> str:
    """Who talked to a record's author: its interlocutors, and the informants of the reports in it."""
    return f"""{{ ?record rico:hasAuthor {author} ; mosaic:interlocutor {informant} . }}
        UNION {{ ?report mosaic:inDocument ?record ; mosaic:reporter {author} ; mosaic:informant {informant} . }}"""


def _dated_pairs(pairs: str, kinds: str, extra: str = "") -> str:
    """Source–target pairs with their records (and the ``extra`` variables the pairs bind), then each
    record's dates.

    The pairs are found first and the dates joined after: the other way round, the engine joins
    every record's dates into the union before filtering (minutes instead of seconds at 1M triples).
    """
    return f"""
        SELECT ?source ?target ?record {extra} ?earliest ?latest ?written WHERE {{
            {{ SELECT DISTINCT ?source ?target ?record {extra} WHERE {{ {pairs} {kinds} }} }}
            {_DATED}
        }}"""


NETWORK_QUERIES = {
    "reporting": _dated_pairs(
        # the first are the pairs the derived tally counts
        f"""{{ {REPORTING_PAIRS} BIND ("subject" AS ?relation) }}
            UNION {{ {_informants("?source", "?target")} BIND ("informant" AS ?relation) }}""",
        f"""FILTER EXISTS {{ ?source a ?sourceClass . VALUES ?sourceClass {{ {_PERSON_OR_MISSION} }} }}
            FILTER EXISTS {{ ?target a ?targetClass .
                             VALUES ?targetClass {{ {_PERSON_OR_MISSION} mosaic:Faction {_BODY} }} }}""",
        "?relation"),
    "information": _dated_pairs(
        _informants("?target", "?source"),
        f"FILTER EXISTS {{ ?target a ?targetClass . VALUES ?targetClass {{ {_PERSON_OR_MISSION} }} }}"),
    "co-mention": f"""
        SELECT ?record ?source ?earliest ?latest ?written WHERE {{
            ?record ?role ?source . ?source a foaf:Person .
            VALUES ?role {{ rico:hasAuthor rico:hasOrHadSubject mosaic:interlocutor mosaic:recipient }}
            {_DATED}
        }}""",
    # an affiliation's evidence is the claim (passage of a source) that asserts the membership or post
    "affiliation": """
        SELECT ?source ?target ?record ?earliest ?latest ?written WHERE {
            GRAPH ?record { ?membership org:member ?source ; org:organization ?target . }
            ?target a ?class . VALUES ?class { mosaic:Faction mosaic:Embassy mosaic:Legation }
            OPTIONAL { ?membership org:memberDuring ?d . OPTIONAL { ?d mosaic:earliest ?earliest }
                       OPTIONAL { ?d mosaic:latest ?latest } OPTIONAL { ?d mosaic:asWritten ?written } }
        }""",
}
# Who served in which mission: a diplomat's report on their own mission is a report on its own conditions.
SERVED_IN = f"""
    SELECT DISTINCT ?person ?mission WHERE {{
        ?membership org:member ?person ; org:organization ?mission .
        ?mission a ?class . VALUES ?class {{ {_MISSION} }}
    }}"""
NODES = """
    SELECT ?node ?class ?label ?faction ?state WHERE {
        ?node a ?class .
        VALUES ?class { foaf:Person mosaic:Faction mosaic:Embassy mosaic:Legation mosaic:DiplomaticMission
                        org:FormalOrganization org:Organization }
        OPTIONAL { ?node skos:prefLabel ?label FILTER (LANGMATCHES(LANG(?label), "en") || LANG(?label) = "") }
        OPTIONAL { { ?m org:member ?node ; org:organization ?f . ?f a mosaic:Faction ; skos:prefLabel ?faction }
                   UNION { ?node a mosaic:Faction ; skos:prefLabel ?faction } }
        OPTIONAL { { ?m2 org:member ?node ; org:organization/mosaic:sendingState/skos:prefLabel ?state }
                   UNION { ?node mosaic:sendingState/skos:prefLabel ?state } }
    }"""
# Records that are second-hand reports (rules/first-hand.rq) under a caveat of isolation that applies.
ISOLATED_SECOND_HAND = f"""
        SELECT DISTINCT ?record WHERE {{
            ?record mosaic:firstHand false .
            ?caveat mosaic:caveatFor ?record ; mosaic:applicability applicability:applies ;
                    mosaic:basedOn/mosaic:conditionKind ?kind .
            VALUES ?kind {{ {_ISOLATION_KINDS} }}
        }}"""
# What a reader needs of the records behind edges; ``{records}`` takes a VALUES list of their IRIs.
RECORD_PARTS = """
    SELECT ?record ?part ?value ?label WHERE {{
        VALUES ?record {{ {records} }}
        {{ ?record dcterms:title|skos:prefLabel ?value BIND ("title" AS ?part) }}
        UNION {{ ?record mosaic:date/mosaic:asWritten ?value BIND ("dates" AS ?part) }}
        UNION {{ ?record dcterms:description ?value BIND ("description" AS ?part) }}
        UNION {{ ?record rico:hasAuthor ?value BIND ("authors" AS ?part) }}
        UNION {{ {{ ?record mosaic:interlocutor ?value }}
                 UNION {{ ?report mosaic:inDocument ?record ; mosaic:informant ?value }} BIND ("informants" AS ?part) }}
        UNION {{ {{ ?record rico:hasOrHadSubject ?value }}
                 UNION {{ ?report mosaic:inDocument ?record ; mosaic:about ?value }} BIND ("about" AS ?part) }}
        OPTIONAL {{ ?value skos:prefLabel ?label FILTER (LANGMATCHES(LANG(?label), "en") || LANG(?label) = "") }}
    }}"""
