"""What the graph holds: entities per class, and statements and claims per source."""

from __future__ import annotations

from mosaic.graph.store import Rows, Store
from mosaic.graph.vocab import GRAPH_BASE

__all__ = ["per_class", "per_source"]


def per_class(store: Store) -> Rows:
    """Distinct things of each class, outside the ontology; most numerous first."""
    return store.select(f"""
        SELECT ?class (COUNT(DISTINCT ?thing) AS ?count) WHERE {{
            GRAPH ?g {{ ?thing a ?class }}
            FILTER (!STRSTARTS(STR(?g), "{GRAPH_BASE}"))
        }} GROUP BY ?class ORDER BY DESC(?count) ?class""")


def per_source(store: Store) -> Rows:
    """For each source: how many claims cite it and how many statements those claims make."""
    return store.select("""
        SELECT ?source ?title (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(*) AS ?statements) WHERE {
            ?claim a mosaic:Claim ; prov:wasDerivedFrom ?source .
            GRAPH ?claim { ?s ?p ?o }
            OPTIONAL { ?source skos:prefLabel|dcterms:title ?title }
        } GROUP BY ?source ?title ORDER BY DESC(?statements)""")
