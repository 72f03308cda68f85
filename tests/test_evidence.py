"""Evidence kinds agree: no passage both says a statement and leaves it to be inferred, unless a claim says why.

The kinds (ontology/vocabularies.ttl) fall in two: the passage says it (stated, cited, quoted, reported; a
passage may do several at once, as when the article states a fact and quotes a record saying it), or the
passage only implies it (implied). One passage (a source and a line) cannot do both for one statement; a
claim that disagrees with another on purpose gives its reason in ``rdfs:comment`` (data/README.md).
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

from conftest import ONTOLOGY, SHAPES, TEST_DATA

from mosaic.graph.load import load
from mosaic.graph.store import EmbeddedStore, Store

SAID = {"stated", "cited", "quoted", "reported"}

# Each statement of each claim: a triple between named things, or a membership (member, organisation, role),
# which is written with a blank node and so must be compared by what it joins.
STATEMENTS = """
SELECT ?claim ?s ?p ?o ?evidence ?source ?line ?reason WHERE {
  ?claim a mosaic:Claim ; mosaic:evidence ?evidence ; prov:wasDerivedFrom ?source ; mosaic:line ?line .
  OPTIONAL { ?claim rdfs:comment ?reason }
  { GRAPH ?claim { ?s ?p ?o } FILTER (!isBlank(?s) && !isBlank(?o)) }
  UNION { GRAPH ?claim { ?membership org:member ?s ; org:organization ?organisation .
                         OPTIONAL { ?membership org:role ?role } }
          BIND (org:memberOf AS ?p) BIND (CONCAT(STR(?organisation), " as ", COALESCE(STR(?role), "?")) AS ?o) }
}"""


def contradictions(store: Store) -> list[str]:
    """Each statement a passage both says and implies, with its claims and their kinds, where no claim says why."""
    passages: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
    reasoned: set[tuple[str, ...]] = set()
    for row in store.select_text(STATEMENTS):
        key = (row["s"], row["p"], row["o"], row["source"], row["line"])
        passages[key][row["claim"].rsplit("/", 1)[1]] = row["evidence"].rsplit("/", 1)[1]
        if "reason" in row:
            reasoned.add(key)
    return [f"{' '.join(key[:3])} (line {key[4]}): {claims}" for key, claims in sorted(passages.items())
            if "implied" in claims.values() and SAID & set(claims.values()) and key not in reasoned]


def test_no_passage_both_says_and_implies_a_statement(loaded_store: Store) -> None:
    found = contradictions(loaded_store)
    assert not found, "said and implied by the same passage, with no rdfs:comment to say why:\n" + "\n".join(found)


# --- the check itself, on a small graph -----------------------------------------------------------------

TWO_CLAIMS = """
claim:kinds-L7-a {
    [] a org:Membership ; org:member person:test-official ; org:organization faction:test-faction ; org:role role:member .
    person:test-official skos:altLabel "Official T."@en .
}
claim:kinds-L7-a a mosaic:Claim ; prov:wasDerivedFrom doc:test-source ; mosaic:locator "line 7" ; mosaic:line 7 ;
    mosaic:evidence evidence:stated .
claim:kinds-L7-b {
    [] a org:Membership ; org:member person:test-official ; org:organization faction:test-faction ; org:role role:member .
    person:test-official skos:altLabel "Official T."@en .
}
claim:kinds-L7-b a mosaic:Claim ; prov:wasDerivedFrom doc:test-source ; mosaic:locator "line 7" ; mosaic:line 7 ;
    mosaic:evidence evidence:implied .
"""
REASON = 'claim:kinds-L7-b rdfs:comment "Why this claim reads the passage otherwise."@en .\n'


def _store(folder: Path, extra: str) -> Store:
    shutil.copy(TEST_DATA / "good" / "base.trig", folder)
    base = (TEST_DATA / "good" / "base.trig").read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in base.splitlines() if line.startswith("@prefix"))
    (folder / "kinds.trig").write_text(header + extra, encoding="utf-8")
    store = EmbeddedStore(None)
    load(store, folder, ONTOLOGY, SHAPES)
    return store


def test_a_statement_said_and_implied_by_one_passage_is_found(tmp_path: Path) -> None:
    found = contradictions(_store(tmp_path, TWO_CLAIMS))
    assert len(found) == 2  # the membership, compared by what it joins, and the name
    assert all("'kinds-L7-a': 'stated'" in f and "'kinds-L7-b': 'implied'" in f for f in found)
    assert any("test-faction as" in f for f in found)


def test_a_claim_that_gives_its_reason_is_not_a_contradiction(tmp_path: Path) -> None:
    assert contradictions(_store(tmp_path, TWO_CLAIMS + REASON)) == []
