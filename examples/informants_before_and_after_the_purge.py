"""Who informed the embassies before and after the purge that began in the fall of 1956?

    python examples/informants_before_and_after_the_purge.py [http://127.0.0.1:8090/sparql]

Builds the informant → embassy network for two periods from a running Mosaic endpoint, using each
record's computed date bounds (so an uncertain date counts in a period it may fall in), and prints
the ties that vanished.
"""

import sys

import networkx as nx
from SPARQLWrapper import JSON, SPARQLWrapper

QUERY = """
PREFIX rico: <https://www.ica.org/standards/RiC/ontology#>
PREFIX mosaic: <https://w3id.org/mosaic/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?informant ?name ?embassy ?embassyName ?record WHERE {
  ?record mosaic:interlocutor ?informant ; rico:hasAuthor ?embassy ;
          mosaic:date [ mosaic:earliest ?earliest ; mosaic:latest ?latest ] .
  ?embassy a ?missionClass . VALUES ?missionClass { mosaic:Embassy mosaic:Legation }
  ?informant skos:prefLabel ?name . ?embassy skos:prefLabel ?embassyName .
  FILTER (LANG(?name) = "en" && LANG(?embassyName) = "en")
  FILTER (?latest >= "%s"^^<http://www.w3.org/2001/XMLSchema#date> && ?earliest <= "%s"^^<http://www.w3.org/2001/XMLSchema#date>)
}
"""
PERIODS = {"before": ("1953-07-01", "1956-08-31"), "after": ("1956-09-01", "1960-12-31")}


def informants(endpoint: str, start: str, end: str) -> nx.DiGraph:
    client = SPARQLWrapper(endpoint)
    client.setQuery(QUERY % (start, end))
    client.setReturnFormat(JSON)
    network = nx.DiGraph()
    for row in client.queryAndConvert()["results"]["bindings"]:
        network.add_edge(row["name"]["value"], row["embassyName"]["value"])
    return network


def main(endpoint: str) -> None:
    before, after = (informants(endpoint, *PERIODS[name]) for name in ("before", "after"))
    print(f"ties before September 1956: {before.number_of_edges()}; after: {after.number_of_edges()}")
    for informant, embassy in sorted(set(before.edges) - set(after.edges)):
        print(f"vanished: {informant} → {embassy}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8090/sparql")
