"""How to read a source: the caveats of one record, as the rules in rules/ derived them (see
mosaic.graph.rules and mosaic.graph.derived): which conditions apply or may apply, why, by which
rule, and the passage each condition rests on."""

from __future__ import annotations

from mosaic.graph.store import Rows, Selects

__all__ = ["caveats_for"]


def caveats_for(store: Selects, record: str) -> Rows:
    """The caveats of one record: condition, whether it applies, why, the rule, and the passage it rests on."""
    return store.select(f"""
        SELECT ?caveat ?condition (SAMPLE(?conditionLabel) AS ?label) (GROUP_CONCAT(DISTINCT ?kindName; separator=", ") AS ?kinds)
               (SAMPLE(?applies) AS ?applicability) (SAMPLE(?reason) AS ?why) (SAMPLE(?ruleOf) AS ?rule)
               (SAMPLE(?title) AS ?ruleTitle) (SAMPLE(?from) AS ?source) (SAMPLE(?where) AS ?locator)
               (SAMPLE(?quoted) AS ?quote) WHERE {{
            ?caveat mosaic:caveatFor <{record}> ; mosaic:basedOn ?condition ; mosaic:applicability ?applies ;
                    mosaic:why ?reason ; mosaic:derivedBy ?ruleOf .
            ?condition skos:prefLabel ?conditionLabel ; mosaic:conditionKind ?kind .
            BIND (STRAFTER(STR(?kind), "/vocab/condition/") AS ?kindName)
            ?ruleOf rdfs:label ?title .
            OPTIONAL {{
                GRAPH ?claim {{ ?condition mosaic:conditionKind ?anyKind }}
                ?claim prov:wasDerivedFrom ?from ; mosaic:locator ?where .
                OPTIONAL {{ ?claim mosaic:quote ?quoted }}
            }}
        }} GROUP BY ?caveat ?condition ORDER BY ?applicability ?label""")
