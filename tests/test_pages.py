"""The HTML pages, rendered in-process over the real curated graph: the query page and its examples,
entity pages that cite a source for every fact, and escaping of whatever the data holds."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ONTOLOGY, SHAPES, TEST_DATA
from flask import Flask
from markupsafe import escape

from mosaic.graph.load import load
from mosaic.graph.store import EmbeddedStore
from mosaic.graph.vocab import ID_BASE
from mosaic.web import create_app
from mosaic.web.pages import context as pages
from mosaic.web.pages import examples, render_entity, render_query_page
from mosaic.web.state import ServerConfig, workers

KIM = ID_BASE + "person/kim-il-sung"
CHOE = ID_BASE + "person/choe-chang-ik"
NAM_IL_MEMO = ID_BASE + "document/rgani-5-28-410-ll301-303"
HUNGARIAN_MISSION = ID_BASE + "mission/hungary-mission-pyongyang"
ARTICLE = ID_BASE + "document/article-diplomatic-record"
EVIL = ID_BASE + "person/test-evil"

# A person whose every label, description, quotation and locator tries to break out of the page.
EVIL_TRIG = """
claim:evil-L1 {
    person:test-evil a foaf:Person ;
        skos:prefLabel "<script>alert(1)</script>"@en ;
        skos:altLabel "\\" onmouseover=\\"alert(2)"@en ;
        dcterms:description "<img src=x onerror=alert(3)>"@en ;
        foaf:page <javascript:alert(5)> .
    doc:test-memo rico:hasOrHadSubject person:test-evil .
}
claim:evil-L1 a mosaic:Claim ; prov:wasDerivedFrom doc:test-source ; mosaic:locator "line <b>1</b>" ;
    mosaic:line 1 ; mosaic:evidence evidence:stated ; mosaic:quote "\\"><script>alert(4)</script>" .
"""


def _app(store: Path) -> Iterator[Flask]:
    app = create_app(ServerConfig(store=store, query_timeout=10, max_rows=0, workers=1, memory=True, update_token="",
                                  max_query_length=100_000, max_body=1_000_000, federation=()))
    try:
        yield app
    finally:
        app.extensions["mosaic.workers"].close()


@pytest.fixture(scope="module")
def app(store_path: Path) -> Iterator[Flask]:
    """The app over the store loaded from data/ (read only)."""
    yield from _app(store_path)


def evil_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the test base graph plus a person whose label holds a script tag."""
    data = tmp_path_factory.mktemp("evil-data")
    base = (TEST_DATA / "good" / "base.trig").read_text(encoding="utf-8")
    (data / "base.trig").write_text(base, encoding="utf-8")
    header = "".join(line + "\n" for line in base.splitlines() if line.startswith("@prefix"))
    (data / "evil.trig").write_text(header + EVIL_TRIG, encoding="utf-8")
    store = tmp_path_factory.mktemp("evil-store") / "store"
    load(EmbeddedStore(store), data, ONTOLOGY, SHAPES)
    return store


@pytest.fixture(scope="module")
def evil_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The app over the evil store."""
    yield from _app(evil_store(tmp_path_factory))


def _entity(app: Flask, iri: str) -> str:
    with app.test_request_context():
        response = render_entity(iri)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def _rows(page: str, containing: str) -> list[str]:
    """The table rows (and type list items) of ``page`` whose text contains ``containing``."""
    rows = re.findall(r"<(?:tr|li)>.*?</(?:tr|li)>", page, flags=re.DOTALL)
    return [row for row in rows if containing in html.unescape(re.sub(r"<[^>]+>", "", row))]


def _one_row(page: str, *texts: str) -> str:
    found = [row for row in _rows(page, texts[0]) if all(t in html.unescape(row) for t in texts[1:])]
    assert found, f"no row with {texts}"
    return found[0]


# --- the query page ----------------------------------------------------------------------------


def test_there_are_at_least_six_examples_each_with_a_title() -> None:
    found = examples()
    assert len(found) >= 6
    for example in found:
        assert example.text.startswith("# Title: ") and example.title and example.title != example.name


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_every_example_returns_rows_on_the_real_data(app: Flask, example: Any) -> None:
    with app.app_context():
        rows = workers().call("select", example.text)
    assert len(rows) >= 1, example.title


def test_the_query_page_lists_the_examples_and_loads_the_editor(app: Flask) -> None:
    response = app.test_client().get("/", headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    for example in examples():
        assert str(escape(example.title)) in page
        assert f'data-query="{escape(example.text)}"' in page
    assert '<script src="/static/vendor/codemirror/codemirror.js"></script>' in page
    assert '<script src="/static/query.js"></script>' in page
    assert 'action="/sparql"' in page and 'id="download-csv"' in page and "format=csv" in page
    for source in ("article-diplomatic-record", "loc-guide-soviet-korean-biographies", "wilson-listing-1-10-of-31"):
        assert f'href="/id/document/{source}"' in page


def test_the_query_page_takes_a_query_from_the_address_and_escapes_it(app: Flask) -> None:
    with app.test_request_context("/?query=SELECT+*+{+?s+?p+'</textarea><script>alert(1)</script>'+}"):
        page = render_query_page().get_data(as_text=True)
    assert "<script>alert(1)" not in page and "</textarea><script>" not in page
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)" in page
    assert 'data-run-at-once="true"' in page


def test_static_files_are_served(app: Flask) -> None:
    client = app.test_client()
    for path in ("/static/query.js", "/static/style.css", "/static/favicon.svg",
                 "/static/vendor/codemirror/codemirror.js", "/static/vendor/codemirror/sparql.js",
                 "/static/vendor/codemirror/codemirror.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()


# --- entity pages ------------------------------------------------------------------------------


def test_the_person_page_of_kim_il_sung_shows_every_name_form_with_its_source(app: Flask) -> None:
    page = _entity(app, KIM)
    assert "<h1>Kim Il Sung</h1>" in page
    ir_sen = _one_row(page, "Kim Ir Sen")
    assert 'href="/id/document/article-diplomatic-record"' in ir_sen and "line 21" in ir_sen
    assert 'title="developed a Rosetta Stone of sorts' in ir_sen  # the claim's quotation
    assert "ru-Latn" in ir_sen
    il_song = _one_row(page, "Kim Il-sŏng")
    assert 'href="/id/document/loc-guide-soviet-korean-biographies"' in il_song and "ko-Latn-x-mr" in il_song


def test_the_person_page_lists_records_and_events_with_dates_and_sources(app: Flask) -> None:
    page = _entity(app, KIM)
    assert "Records about them" in page and "Records informed by them (as interlocutor)" in page
    memo = _one_row(page, "Memorandum of Conversation with Minister of Foreign Affairs of the DPRK, Nam Il")
    assert 'href="/id/document/rgani-5-28-410-ll301-303"' in memo and "July 24, 1956" in memo
    assert "Events they took part in" in page
    ban = _one_row(page, "ban on social visits")
    assert "In the fall of 1955" in ban and "line 51" in ban


def test_the_person_page_of_choe_chang_ik_shows_the_china_returned_membership_and_its_source(app: Flask) -> None:
    page = _entity(app, CHOE)
    row = _one_row(page, "China-returned Koreans")
    assert 'href="/id/faction/china-returned-koreans"' in row
    assert "note 28" in row
    assert "(implied)" in row  # the second claim reads the faction into the note: it says so


def test_the_person_page_of_a_translator_lists_what_they_translated_and_obtained(app: Flask) -> None:
    page = _entity(app, ID_BASE + "person/james-f-person")
    row = _one_row(page, "Remarks on the Draft Statutes of the KWP", "Wilson Center 111638")
    assert "note 46" in row
    assert "Records obtained by them" in page


def test_the_record_page_shows_its_reference_part_by_part_its_translator_and_the_wilson_page(app: Flask) -> None:
    page = _entity(app, NAM_IL_MEMO)
    for part, value in (("fond", "5"), ("opis", "28"), ("delo", "410"), ("listy", "301–303")):
        row = _one_row(page, "RGANI, Fond 5, Opis 28, Delo 410, Listy 301–303", f">{part}<", f">{value}<")
        assert "note 10" in row
    translation = _one_row(page, "James F. Person", "113371")
    assert 'href="https://digitalarchive.wilsoncenter.org/document/113371"' in translation
    assert 'href="/id/translation/wilson-113371"' in translation
    assert _one_row(page, "Date", "July 24, 1956") and _one_row(page, "Date", "July 1956")
    assert "removed from the archive" in _one_row(page, "Status")
    assert 'href="/id/person/nam-il"' in _one_row(page, "Interlocutor")


def test_a_mission_page_shows_both_types_with_their_sources_and_its_staff(app: Flask) -> None:
    page = _entity(app, HUNGARIAN_MISSION)
    assert "note 31" in _one_row(page, "legation")
    assert "note 15" in _one_row(page, "embassy")
    assert "line 45" in _one_row(page, "Zsigmond Csuka", "chargé d", "December 1953")
    assert "Records by it" in page


def test_a_source_page_links_to_a_query_for_everything_it_supports(app: Flask) -> None:
    page = _entity(app, ARTICLE)
    assert "Claims citing this source" in page
    link = re.search(r'<a href="(/\?query=[^"]+)">List every statement it supports</a>', page)
    assert link and "prov%3AwasDerivedFrom" in link.group(1)


def test_pages_carry_no_inline_script_or_style(app: Flask) -> None:
    with app.test_request_context():
        pages = [render_query_page().get_data(as_text=True)] + [_entity(app, iri) for iri in (KIM, NAM_IL_MEMO)]
    for page in pages:
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)
        assert "<style" not in page and " style=" not in page
        assert not re.search(r"<[^>]+\son[a-z]+=", page)


def test_a_page_asks_only_a_few_queries(app: Flask) -> None:
    pool = app.extensions["mosaic.workers"]
    calls: list[str] = []
    original = pool.call

    def counting(method: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(method)
        return original(method, *args, **kwargs)

    pool.call = counting
    try:
        for iri in (KIM, NAM_IL_MEMO, HUNGARIAN_MISSION):
            calls.clear()
            _entity(app, iri)
            assert len(calls) <= 6, iri
    finally:
        del pool.call


def test_citations_asked_a_few_claims_at_a_time_give_the_same_page(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy entity's claims are cited in batches (one query for thousands is slow); none is lost."""
    whole = _entity(app, KIM)
    pool = app.extensions["mosaic.workers"]
    calls: list[str] = []
    original = pool.call
    monkeypatch.setattr(pages, "_VALUES_AT_ONCE", 3)
    monkeypatch.setattr(pool, "call", lambda method, *args, **kw: calls.append(args[0]) or original(method, *args, **kw))
    batched = _entity(app, KIM)
    assert sum("VALUES ?claim" in query for query in calls) > 3
    assert batched == whole


def test_the_sources_every_page_shows_are_counted_once_per_change_of_the_graph(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Counting every source's claims costs 0.25 s at a million triples, so pages share one count
    until a change makes a new generation; after an update the header shows the new source."""
    for app in _app(evil_store(tmp_path_factory)):
        pool = app.extensions["mosaic.workers"]
        counts: list[str] = []
        original = pool.call

        def counting(method: str, *args: Any, **kwargs: Any) -> Any:
            if args and "COUNT(DISTINCT ?claim) AS ?claims" in str(args[0]):
                counts.append(method)
            return original(method, *args, **kwargs)

        pool.call = counting
        client = app.test_client()
        first = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
        client.get("/id/person/kim-il-sung", headers={"Accept": "text/html"})
        assert len(counts) == 1 and "A source added by an update" not in first
        original("update", f"""INSERT DATA {{
            GRAPH <{ID_BASE}claim/test-update> {{
                <{ID_BASE}person/test-update> a foaf:Person ; skos:prefLabel "Test Update"@en .
                <{ID_BASE}document/test-update-source> a rico:Record ; skos:prefLabel "A source added by an update"@en ;
                    dcterms:title "A source added by an update"@en }}
            GRAPH <https://w3id.org/mosaic/graph/updates> {{ <{ID_BASE}claim/test-update> a mosaic:Claim ;
                prov:wasDerivedFrom <{ID_BASE}document/test-update-source> ; mosaic:locator "a test" ;
                mosaic:evidence evidence:stated }}
        }}""")
        after = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
        assert len(counts) == 2 and "A source added by an update" in after


def test_the_entity_route_serves_the_page_to_browsers(app: Flask) -> None:
    response = app.test_client().get("/id/person/kim-il-sung", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "Kim Ir Sen" in response.get_data(as_text=True)


# --- escaping ----------------------------------------------------------------------------------


def test_labels_quotes_and_locators_from_the_data_are_escaped(evil_app: Flask) -> None:
    page = _entity(evil_app, EVIL)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, in the title and the names
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(3)&gt;" in page
    assert "<script>alert(4)" not in page and '"><script>' not in page
    assert "<b>1</b>" not in page and "line &lt;b&gt;1&lt;/b&gt;" in page
    assert not re.search(r"<[^>]+\sonmouseover=", page)
    assert 'href="javascript:' not in page
    memo = _entity(evil_app, ID_BASE + "document/test-memo")
    assert "<script>alert(1)</script>" not in memo and "&lt;script&gt;alert(1)&lt;/script&gt;" in memo


def test_every_entity_in_the_graph_has_a_page_with_a_title(app: Flask) -> None:
    with app.app_context():
        rows = workers().call("select", f"""SELECT DISTINCT ?s WHERE {{
            GRAPH ?claim {{ ?s ?p ?o }} ?claim a mosaic:Claim FILTER (STRSTARTS(STR(?s), "{ID_BASE}")) }}""")
    assert len(rows) > 300
    for row in rows:
        page = _entity(app, str(row["s"]))
        title = re.search(r"<h1>(.*?)</h1>", page, flags=re.DOTALL)
        assert title and title.group(1).strip(), row["s"]
