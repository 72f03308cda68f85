"""The pages in a real browser: headless Chromium (Debian's, through Playwright) against the real server.

Each test opens pages as a reader would, clicks, types and runs queries, then checks that the browser
console stayed free of errors (a script error or a Content-Security-Policy violation shows there).
The browser may reach only the server under test: every other request is aborted.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest
from conftest import Tab, running_server
from playwright import sync_api
from test_pages import evil_store

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_clicking_an_example_fills_the_editor_runs_it_and_shows_linked_rows(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto(live_server + "/")
    page.wait_for_selector(".CodeMirror")  # the editor loaded despite the strict Content-Security-Policy
    page.click("a.example:has-text('Fond 5, Opis 28, Delo 410')")
    page.wait_for_selector("table.results tbody tr")
    assert page.locator("table.results tbody tr").count() == 4
    assert "4 rows" in page.inner_text("#status")
    editor_text = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "Fond 5, Opis 28, Delo 410" in editor_text
    link = page.locator("table.results a", has_text="doc:rgani-5-28-410-ll301-303")
    assert link.get_attribute("href") == "/id/document/rgani-5-28-410-ll301-303"
    assert "James F. Person" in page.inner_text("table.results")
    assert "?query=" in page.url  # the address now holds the query, so it can be shared
    csv_link = page.get_attribute("#download-csv", "href") or ""
    download = page.request.get(live_server + csv_link if csv_link.startswith("/") else csv_link)
    assert download.ok and download.headers["content-type"].startswith("text/csv")
    assert "rgani-5-28-410-ll301-303" in download.text()
    link.click()
    page.wait_for_selector("h1")
    assert "Nam Il" in page.inner_text("h1")
    tab.assert_no_problems()


def test_a_typed_query_runs_with_the_button(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto(live_server + "/")
    page.wait_for_selector(".CodeMirror")
    tab.run_query("SELECT ?name WHERE { person:kim-il-sung skos:altLabel ?name } ORDER BY ?name")
    page.wait_for_selector("table.results tbody tr")
    table = page.inner_text("table.results")
    assert "Kim Ir Sen" in table and "Kim Il-sŏng" in table
    assert page.locator(".cm-keyword").count() > 0  # the SPARQL mode highlights keywords
    tab.assert_no_problems()


def test_a_query_in_the_address_runs_when_the_page_opens(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto(live_server + "/?" + urlencode({"query": "SELECT ?n WHERE { person:nam-il skos:prefLabel ?n }"}))
    page.wait_for_selector("table.results tbody tr")
    assert "Nam Il" in page.inner_text("table.results")
    tab.assert_no_problems()


def test_a_malformed_query_shows_the_endpoint_message(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto(live_server + "/")
    page.wait_for_selector(".CodeMirror")
    tab.run_query("SELECT ?x WHERE { ?x ")
    page.wait_for_selector("#status.error")
    message = page.inner_text("#status")
    assert "could not be run" in message and "400" in message
    assert page.locator("table.results").count() == 0
    tab.assert_no_problems("status of 400")  # Chromium logs every 4xx answer to a fetch


def test_a_query_over_the_time_limit_says_it_was_stopped(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto(live_server + "/")
    page.wait_for_selector(".CodeMirror")
    tab.run_query(RUNAWAY)
    page.wait_for_selector("#status.error", timeout=60_000)
    assert "took too long" in page.inner_text("#status")
    tab.assert_no_problems("status of 503")


def test_the_person_page_shows_name_forms_and_sourced_facts(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto(live_server + "/id/person/kim-il-sung")
    assert page.inner_text("h1") == "Kim Il Sung"
    names = page.locator("section", has=page.locator("h2", has_text="Names"))
    text = names.inner_text()
    assert "Kim Ir Sen" in text and "Kim Il-sŏng" in text and "ru-Latn" in text
    source = names.locator("tr", has_text="Kim Ir Sen").locator(".cite a")
    assert source.get_attribute("href") == "/id/document/article-diplomatic-record"
    assert "line 21" in source.inner_text()
    assert "Rosetta Stone" in (source.get_attribute("title") or "")
    events = page.locator("section", has=page.locator("h2", has_text="Events they took part in"))
    assert "In the fall of 1955" in events.inner_text()
    source.click()
    page.wait_for_selector("h1")
    assert "Article on the diplomatic record" in page.inner_text("h1")
    assert "claims cite this source" in page.inner_text("main")
    tab.assert_no_problems()


def test_the_record_page_shows_its_reference_and_its_translation(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto(live_server + "/id/document/rgani-5-28-410-ll301-303")
    parts = page.locator("section", has=page.locator("h2", has_text="part by part")).inner_text()
    for part in ("fond\t5", "opis\t28", "delo\t410", "listy\t301–303"):
        assert part in parts
    translations = page.locator("section", has=page.locator("h2", has_text="Translations"))
    assert "James F. Person" in translations.inner_text()
    wilson = translations.locator("a[href='https://digitalarchive.wilsoncenter.org/document/113371']")
    assert wilson.count() == 1
    tab.assert_no_problems()


def test_a_label_with_a_script_tag_is_shown_as_text_and_never_runs(browser: sync_api.Browser,
                                                                   tmp_path_factory: pytest.TempPathFactory) -> None:
    """Values from the data are escaped: in a real browser, the hostile label reads as text and no
    script in it, its attributes or its links ever runs (a dialog would be one)."""
    with running_server(evil_store(tmp_path_factory)) as base_url:
        context = browser.new_context()
        origin = urlsplit(base_url).netloc  # nothing may leave the machine, nor the server under test
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == origin
                      else route.abort())
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base_url + "/id/person/test-evil")
        page.wait_for_selector("h1")
        assert "<script>alert(1)</script>" in page.inner_text("h1")
        assert "<img src=x onerror=alert(3)>" in page.inner_text("body")
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith("javascript:"), href
        page.mouse.move(200, 150)
        page.goto(base_url + "/id/document/test-memo")
        page.wait_for_selector("h1")
        assert dialogs == [] and page.locator("script:not([src])").count() == 0
        context.close()
