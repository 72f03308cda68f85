"""Who reported on whom: ask a running Mosaic endpoint, build the network, rank by PageRank.

    python examples/who_reported_on_whom.py [http://127.0.0.1:8090/sparql]

Uses only SPARQLWrapper and networkx, as any analyst's script would; works against any endpoint
that serves Mosaic's graph with the union of its named graphs as the default graph.
"""

import sys

import networkx as nx
from SPARQLWrapper import JSON, SPARQLWrapper

QUERY = """
PREFIX rico: <https://www.ica.org/standards/RiC/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?author ?authorName ?subject ?subjectName (COUNT(DISTINCT ?record) AS ?records) WHERE {
  ?record rico:hasAuthor ?author ; rico:hasOrHadSubject ?subject .
  ?subject a foaf:Person .
  ?author skos:prefLabel ?authorName . ?subject skos:prefLabel ?subjectName .
  FILTER (LANG(?authorName) = "en" && LANG(?subjectName) = "en")
} GROUP BY ?author ?authorName ?subject ?subjectName
"""


def main(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(QUERY)
    client.setReturnFormat(JSON)
    network = nx.DiGraph()
    for row in client.queryAndConvert()["results"]["bindings"]:
        network.add_node(row["author"]["value"], label=row["authorName"]["value"])
        network.add_node(row["subject"]["value"], label=row["subjectName"]["value"])
        network.add_edge(row["author"]["value"], row["subject"]["value"], weight=int(row["records"]["value"]))
    ranks = nx.pagerank(network, weight="weight")
    print(f"{network.number_of_nodes()} people and missions, {network.number_of_edges()} reporting ties")
    for node, rank in sorted(ranks.items(), key=lambda item: -item[1])[:10]:
        print(f"{rank:.3f}  {network.nodes[node]['label']}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8090/sparql")
