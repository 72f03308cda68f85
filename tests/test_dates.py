"""Uncertain dates get the calendar bounds a historian means, and bad values a clear error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import ONTOLOGY, SHAPES, TEST_DATA
from flask import Flask

from mosaic.errors import DateError
from mosaic.graph.dates import bounds, parse_written
from mosaic.graph.load import load
from mosaic.graph.store import EmbeddedStore, Store
from mosaic.graph.vocab import ID_BASE
from mosaic.web import create_app
from mosaic.web.pages.entity import entity_page
from mosaic.web.state import ServerConfig


@pytest.mark.parametrize(("edtf", "earliest", "latest"), [
    ("1956-07-24", date(1956, 7, 24), date(1956, 7, 24)),
    ("1956-05", date(1956, 5, 1), date(1956, 5, 31)),
    ("1955-23", date(1955, 9, 1), date(1955, 11, 30)),      # fall of 1955
    ("1954-41", date(1954, 7, 1), date(1954, 12, 31)),      # late (second half of) 1954
    ("[1995..2001]", date(1995, 1, 1), date(2001, 12, 31)),
    ("1964/1967", date(1964, 1, 1), date(1967, 12, 31)),
    ("1962-41/1964-23", date(1962, 7, 1), date(1964, 11, 30)),
    ("1956-23/..", date(1956, 9, 1), None),
    ("../1954-08", None, date(1954, 8, 31)),
])
def test_bounds(edtf: str, earliest: date | None, latest: date | None) -> None:
    assert bounds(edtf) == (earliest, latest)


@pytest.mark.parametrize("bad", ["autumn 1955", "1955-13-40", "", "1954-41~"])
def test_unreadable_values_raise_a_date_error_naming_them(bad: str) -> None:
    with pytest.raises(DateError, match="is not a date in EDTF"):
        bounds(bad)


# --- dates as written -> EDTF (the conventions table of data/README.md) ---------------------------


@pytest.mark.parametrize(("written", "edtf"), [
    ("July 24, 1956", "1956-07-24"),
    ("8 August 1960", "1960-08-08"),
    ("Sept. 13, 1954", "1954-09-13"),
    ("May 1956", "1956-05"),
    ("March, 1949", "1949-03"),
    ("May of 1967", "1967-05"),
    ("1956 August", "1956-08"),
    ("mid-November 1945", "1945-11"),
    ("1966", "1966"),
    ("In 1994", "1994"),
    ("spring of 1954", "1954-21"),
    ("In the fall of 1955", "1955-23"),
    ("autumn 1955", "1955-23"),
    ("winter 1955", "1955-24"),
    ("early 1954", "1954-40"),
    ("the first half of 1954", "1954-40"),
    ("late 1954", "1954-41"),
    ("by the end of 1954", "1954-41"),
    ("mid-1954", "1954-05/1954-08"),
    ("the middle of 1954", "1954-05/1954-08"),
    ("from 1964 to 1967", "1964/1967"),
    ("Between 2009 and 2014", "2009/2014"),
    ("1904–1905", "1904/1905"),
    ("late 1954 and early 1955", "1954-41/1955-40"),
    ("from late 1962 to the fall of 1964", "1962-41/1964-23"),
    ("from the fall of 1956", "1956-23/.."),
    ("From mid-1954", "1954-05/.."),
    ("Since 2017", "2017/.."),
    ("until late 1954", "../1954-41"),
    ("until at least 1956", "../1956"),
    ("[1995-2001]", "[1995..2001]"),
    ("undated [1955]", "1955?"),
    ("26–27.XI.1957", "1957-11-26/1957-11-27"),
    ("May 7–8, 1956", "1956-05-07/1956-05-08"),
    ("the 1960s", "196X"),
    ("the early 1990s", "1990~/1993~"),
    ("the mid-1990s", "1993~/1996~"),
    ("the late 1960s", "1966~/1969~"),
    ("Starting in the early 2000s", "2000~/.."),
    ("c. 1955", "1955~"),
    ("1956-07-24", "1956-07-24"),
    ("1955-23", "1955-23"),
])
def test_dates_as_written_become_edtf(written: str, edtf: str) -> None:
    assert parse_written(written) == edtf
    bounds(edtf)  # and the value is one the loader can bound


@pytest.mark.parametrize("written", ["undated", "Mya 1956", "May", "February 30, 1956", "31.XIII.1957",
                                     "sometime in 1956", "from 1967 to 1964", "", "12"])
def test_what_is_not_a_date_gives_none_rather_than_a_guess(written: str) -> None:
    assert parse_written(written) is None


@pytest.mark.parametrize(("written", "earliest", "latest"), [
    ("the early 1990s", date(1990, 1, 1), date(1993, 12, 31)),
    ("the mid-1990s", date(1993, 1, 1), date(1996, 12, 31)),
    ("the late 1960s", date(1966, 1, 1), date(1969, 12, 31)),
    ("the 1960s", date(1960, 1, 1), date(1969, 12, 31)),
])
def test_early_mid_and_late_stay_in_the_bounds_of_a_decade(written: str, earliest: date, latest: date) -> None:
    """"the late 1960s" is not the whole decade: a record of 1961 must not sort or filter as one of it."""
    edtf = parse_written(written)
    assert edtf is not None and bounds(edtf) == (earliest, latest)


# --- pages list dates by their bounds ------------------------------------------------------------------

# Three posts whose dates as written sort "July 1956", "June 8, 1956", "March 5, 1956" as text.
POSTS_TRIG = """
claim:posts-L1 {
    [] a org:Membership ; org:member person:test-diplomat ; org:organization mission:test-embassy ;
        org:role role:ambassador ;
        org:memberDuring [ a mosaic:TimeSpan ; mosaic:asWritten "July 1956" ; mosaic:edtf "1956-07"^^edtf:EDTF ] .
    [] a org:Membership ; org:member person:test-diplomat ; org:organization mission:test-embassy ;
        org:role role:first-secretary ;
        org:memberDuring [ a mosaic:TimeSpan ; mosaic:asWritten "June 8, 1956" ; mosaic:edtf "1956-06-08"^^edtf:EDTF ] .
    [] a org:Membership ; org:member person:test-diplomat ; org:organization mission:test-embassy ;
        org:role role:third-secretary ;
        org:memberDuring [ a mosaic:TimeSpan ; mosaic:asWritten "March 5, 1956" ; mosaic:edtf "1956-03-05"^^edtf:EDTF ] .
}
claim:posts-L1 a mosaic:Claim ; prov:wasDerivedFrom doc:test-source ; mosaic:locator "line 1" ; mosaic:line 1 ;
    mosaic:evidence evidence:stated .
"""


@pytest.fixture(scope="module")
def posts_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The app over the test base graph plus a diplomat's three dated posts."""
    data = tmp_path_factory.mktemp("posts-data")
    base = (TEST_DATA / "good" / "base.trig").read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in base.splitlines() if line.startswith("@prefix"))
    (data / "base.trig").write_text(base, encoding="utf-8")
    (data / "posts.trig").write_text(header + POSTS_TRIG, encoding="utf-8")
    store: Path = tmp_path_factory.mktemp("posts-store") / "store"
    load(EmbeddedStore(store), data, ONTOLOGY, SHAPES)
    app = create_app(ServerConfig(store=store, query_timeout=10, max_rows=0, workers=1, memory=False, update_token="",
                                  max_query_length=100_000, max_body=1_000_000, federation=()))
    try:
        yield app
    finally:
        app.extensions["mosaic.workers"].close()


def _dates_in(app: Flask, iri: str, heading: str) -> list[str]:
    """The last cell (the date as written) of each line of a section of an entity's page."""
    with app.test_request_context():
        page = entity_page(ID_BASE + iri)
    section = next(s for s in page.sections if s.heading == heading)
    return [line.cells[-1][0].text for line in section.lines]


@pytest.mark.parametrize(("iri", "heading"), [("person/test-diplomat", "Posts and memberships"),
                                              ("mission/test-embassy", "Members and posts")])
def test_pages_list_posts_by_the_bounds_of_their_dates(posts_app: Flask, iri: str, heading: str) -> None:
    assert _dates_in(posts_app, iri, heading) == ["March 5, 1956", "June 8, 1956", "July 1956"]


# --- the curated data keeps the part of a decade it names -------------------------------------------------


def test_every_date_in_the_data_that_names_a_part_of_a_decade_keeps_it(loaded_store: Store) -> None:
    """"the late 1960s" stored as 196X would sort and filter a record of 1961 as one of the late 1960s."""
    rows = loaded_store.select_text("""SELECT DISTINCT ?claim ?written ?edtf WHERE {
        GRAPH ?claim { ?span mosaic:asWritten ?written ; mosaic:edtf ?edtf }
        FILTER (REGEX(?written, "(early|mid-?|late) ?[0-9]{3}0s", "i")) }""")
    assert rows, "the curated data has dates such as \"the early 1990s\""
    wrong = [f"{row['claim'].rsplit('/', 1)[1]}: {row['written']!r} is {row['edtf']}, beyond {_part(row['written'])}"
             for row in rows if not _within(bounds(row["edtf"]), _part(row["written"]))]
    assert not wrong, "\n".join(wrong)


def _part(written: str) -> tuple[date | None, date | None]:
    """The bounds of the part of a decade a date as written names ("Starting in the early 2000s": 2000-2003)."""
    phrase = re.search(r"(early|mid-?|late) ?[0-9]{3}0s", written, re.IGNORECASE)
    edtf = parse_written(phrase.group(0)) if phrase else None
    assert edtf, written
    return bounds(edtf)


def _within(value: tuple[date | None, date | None], part: tuple[date | None, date | None]) -> bool:
    """Whether bounds start in the part and, unless open, end in it."""
    (earliest, latest), (first, last) = value, part
    return bool(earliest and first and last and first <= earliest <= last and (latest is None or latest <= last))


def test_every_network_edge_lists_its_records_and_dates_by_their_bounds(loaded_store: Store) -> None:
    """Not as written ("July 1956" before "March 5, 1956"), nor by the records' IRIs."""
    from mosaic.analysis.network import KINDS, build

    earliest = {row["record"]: row["earliest"] for row in loaded_store.select_text(
        "SELECT ?record (MIN(?e) AS ?earliest) WHERE { ?record mosaic:date/mosaic:earliest ?e } GROUP BY ?record")}
    checked = 0
    for kind in KINDS:
        for *_, data in build(loaded_store, kind).edges(data=True):
            dated = [earliest[record] for record in data["records"] if record in earliest]
            assert dated == sorted(dated), (kind, data["records"])
            checked += len(dated) > 1
    assert checked > 0, "some edge has several dated records"


def test_an_edge_lists_its_records_by_bounds_not_by_iri_or_as_written() -> None:
    from mosaic.analysis.network import build

    store = EmbeddedStore(None)
    store.update("""INSERT DATA { GRAPH <urn:test:claim> {
        <urn:m> a mosaic:Embassy . <urn:p> a foaf:Person .
        <urn:a> rico:hasAuthor <urn:m> ; rico:hasOrHadSubject <urn:p> ;
            mosaic:date [ mosaic:asWritten "July 1956" ; mosaic:earliest "1956-07-01"^^xsd:date ;
                          mosaic:latest "1956-07-31"^^xsd:date ] .
        <urn:b> rico:hasAuthor <urn:m> ; rico:hasOrHadSubject <urn:p> ;
            mosaic:date [ mosaic:asWritten "March 5, 1956" ; mosaic:earliest "1956-03-05"^^xsd:date ;
                          mosaic:latest "1956-03-05"^^xsd:date ] . } }""")
    edge = build(store, "reporting").edges["urn:m", "urn:p"]
    assert edge["records"] == ["urn:b", "urn:a"] and edge["dates"] == ["March 5, 1956", "July 1956"]
