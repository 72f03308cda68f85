"""The curated data checked against the source texts: what a claim quotes stands where it says."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pytest
from conftest import DATA, SEEDS

from mosaic.graph.iris import SlugRegistry, parse_iri
from mosaic.graph.store import Store

SOURCE_FILES = {
    "article-diplomatic-record": "001_4675ceefadc4d072.txt",
    "loc-guide-soviet-korean-biographies": "000_2053618a4aeeec76.txt",
    "wilson-listing-1-10-of-31": "002_9a8c6aabd09fe589.txt",
}


@cache
def _lines(source_slug: str) -> list[str]:
    return (SEEDS / SOURCE_FILES[source_slug]).read_text(encoding="utf-8").splitlines()


def _plain(text: str) -> str:
    """Text compared loosely: same characters, quotes and dashes unified, spaces folded."""
    text = unicodedata.normalize("NFC", text)
    for fancy, plain in {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"}.items():
        text = text.replace(fancy, plain)
    text = text.replace(',"', '"')  # the citation's comma inside closing quotes is not part of a title
    return re.sub(r"\s+", " ", text).strip()


def _claimed(store: Store, statement: str) -> list[tuple[str, str, int]]:
    """(value, source slug, line) for each value that ``statement`` (binding ?value in GRAPH ?claim) yields."""
    rows = store.select(f"""
        SELECT ?value ?source ?line WHERE {{
            GRAPH ?claim {{ {statement} }}
            ?claim prov:wasDerivedFrom ?source ; mosaic:line ?line .
        }}""")
    return [(str(r["value"]), str(r["source"]).rsplit("/", 1)[1], int(r["line"])) for r in rows]


def _misplaced(found: list[tuple[str, str, int]], span: int = 1) -> list[str]:
    """Values not found on their cited line (or within ``span`` lines from it, for entries that wrap)."""
    return [f"{value!r} is not on line {line} of {source}" for value, source, line in found
            if _plain(value) not in _plain(" ".join(_lines(source)[line - 1:line - 1 + span]))]


def test_every_claim_cites_one_of_the_source_texts_at_a_line_it_has(loaded_store: Store) -> None:
    rows = loaded_store.select("SELECT ?claim ?source ?line WHERE { ?claim a mosaic:Claim ; prov:wasDerivedFrom ?source ; mosaic:line ?line }")
    assert len(rows) > 200
    for row in rows:
        source = str(row["source"]).rsplit("/", 1)[1]
        assert source in SOURCE_FILES, f"{row['claim']} cites {source}, not a source text"
        assert 1 <= int(row["line"]) <= len(_lines(source)), f"{row['claim']} cites a line {source} does not have"
        assert _lines(source)[int(row["line"]) - 1].strip(), f"{row['claim']} cites an empty line"


def test_every_quotation_stands_on_the_line_its_claim_cites(loaded_store: Store) -> None:
    found = loaded_store.select("""SELECT ?value ?source ?line WHERE {
        ?claim mosaic:quote ?value ; prov:wasDerivedFrom ?source ; mosaic:line ?line }""")
    quotes = [(str(r["value"]), str(r["source"]).rsplit("/", 1)[1], int(r["line"])) for r in found]
    assert len(quotes) > 20
    assert _misplaced(quotes) == []


def test_every_cited_title_stands_in_the_citation_it_comes_from(loaded_store: Store) -> None:
    titles = _claimed(loaded_store, "?record dcterms:title ?value")
    assert len(titles) > 50
    assert _misplaced(titles, span=3) == []  # a Works Cited entry prints its title on the line after the author


def test_every_archival_reference_is_kept_as_written(loaded_store: Store) -> None:
    references = _claimed(loaded_store, "?record mosaic:archivalReference [ mosaic:asWritten ?value ]")
    assert len(references) >= 20
    assert _misplaced(references) == []


def test_every_wilson_center_id_stands_in_its_citation(loaded_store: Store) -> None:
    ids = _claimed(loaded_store, "?translation mosaic:wilsonCenterId ?value")
    assert len(ids) >= 20
    assert [i for i in ids if f"document/{i[0]}" not in _lines(i[1])[i[2] - 1]] == []


def test_every_entity_iri_is_in_the_slug_registry_and_every_slug_is_used(loaded_store: Store) -> None:
    rows = loaded_store.select("SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { ?x ?p ?s } FILTER isIRI(?s) }")
    used = {str(r["s"]) for r in rows if (parsed := parse_iri(str(r["s"]))) and parsed[0] not in ("claim", "caveat")}
    registry = SlugRegistry.read(DATA / "slugs.tsv")
    assert used - registry.iris() == set(), "entities missing from data/slugs.tsv"
    assert registry.iris() - used == set(), "registered slugs that no data uses"
    keys = [(r["kind"], r["slug"]) for r in registry.rows]
    assert len(keys) == len(set(keys)), "a slug is registered twice"


@pytest.mark.parametrize("kind", ["person", "faction", "mission", "state", "body", "archive", "collection",
                                  "document", "event", "place", "condition"])
def test_every_entity_has_a_type_and_a_name(loaded_store: Store, kind: str) -> None:
    rows = loaded_store.select(f"""
        SELECT DISTINCT ?e ?type ?name WHERE {{
            {{ ?e ?p ?o }} UNION {{ ?x ?p ?e }}
            FILTER STRSTARTS(STR(?e), "https://w3id.org/mosaic/id/{'collection' if kind == 'collection' else kind}/")
            OPTIONAL {{ ?e a ?type }} OPTIONAL {{ ?e skos:prefLabel|dcterms:title ?name }}
        }}""")
    assert rows, f"no {kind} in the graph"
    assert [str(r["e"]) for r in rows if "type" not in r or "name" not in r] == []
