"""Spreadsheets import all or nothing, name the bad row and column, and their templates load."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ONTOLOGY, ROOT, SHAPES, TEST_DATA

from mosaic.graph.load import add, load
from mosaic.graph.store import EmbeddedStore, Store
from mosaic.sources.importers import spreadsheet
from mosaic.sources.importers.spreadsheet import COLUMNS, BadRows, RowError

TEMPLATES = ROOT / "examples" / "templates"
IMPORTS = TEST_DATA / "import"


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    """A store of its own, built from data/, for a test that writes."""
    built = EmbeddedStore(tmp_path / "s")
    load(built, DATA, ONTOLOGY, SHAPES)
    return built


@pytest.mark.parametrize("kind", list(COLUMNS))
def test_each_template_has_the_documented_columns(kind: str) -> None:
    with (TEMPLATES / f"{kind}.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == [column.name for column in COLUMNS[kind]]
    assert all(column.name in (spreadsheet.__doc__ or "") for column in COLUMNS[kind])


def test_every_template_imports_into_the_real_graph_and_validates(store: EmbeddedStore) -> None:
    for kind in COLUMNS:
        graphs, report = spreadsheet.convert(TEMPLATES / f"{kind}.csv", kind, f"template-{kind}", store)
        add(store, graphs, SHAPES)
        assert report[-1] == "3 rows: 3 imported, 0 skipped"
    assert store.ask('ASK { GRAPH claim:template-membership-R2 { [] org:member person:horst-brie ; '
                     'org:organization mission:gdr-embassy-pyongyang ; org:role role:ambassador ; org:memberDuring '
                     '[ mosaic:asWritten "from 1964 to 1967" ; mosaic:edtf "1964/1967"^^edtf:EDTF ] } }')
    assert store.ask('ASK { GRAPH claim:template-document-R2 { tr:wilson-113371 prov:wasDerivedFrom '
                     'doc:rgani-5-28-410-ll301-303 ; mosaic:translatedBy person:james-f-person } }')
    assert store.ask('ASK { claim:template-person-R4 prov:wasDerivedFrom doc:article-diplomatic-record ; '
                     'mosaic:locator ?where ; mosaic:line 21 . GRAPH claim:template-person-R4 { '
                     'person:kim-il-sung skos:prefLabel "Kim Il Sung"@en ; skos:altLabel "Kim Ir Sen"@ru-Latn } }')
    assert store.ask('ASK { GRAPH claim:template-person-R2 { person:horst-brie skos:prefLabel "Horst Brie"@en } }')


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_returned(loaded_store: Store) -> None:
    rows, errors = spreadsheet.read(IMPORTS / "documents-bad-row.csv", "document")
    assert errors == [RowError(3, "date", "'Mya 1956' is not a date")]
    assert str(errors[0]) == "row 3, column 'date': 'Mya 1956' is not a date"
    assert [row.number for row in rows] == [2, 4]
    with pytest.raises(BadRows, match="row 3, column 'date': 'Mya 1956' is not a date"):
        spreadsheet.convert(IMPORTS / "documents-bad-row.csv", "document", "test-bad", loaded_store)


def test_with_skip_bad_the_good_rows_come_through_and_the_bad_are_listed(store: EmbeddedStore) -> None:
    graphs, report = spreadsheet.convert(IMPORTS / "documents-bad-row.csv", "document", "test-skip", store,
                                         skip_bad=True)
    claims = sorted(name.rsplit("/", 1)[1] for name in graphs if "/claim/" in name)
    assert claims == ["test-skip-R2", "test-skip-R4"]
    assert report[0] == "skipped: row 3, column 'date': 'Mya 1956' is not a date"
    add(store, graphs, SHAPES)
    assert store.ask('ASK { ?r dcterms:title "Report about Test Matters"@en ; rico:hasOrHadHolder archive:mol ; '
                     'mosaic:archivalReference [ mosaic:box "97" ; mosaic:registryNumber "09997/1966" ] }')


def test_a_row_citing_a_source_the_graph_lacks_stops_the_import(store: EmbeddedStore) -> None:
    rows, errors = spreadsheet.read(IMPORTS / "events-unknown-source.csv", "event")
    assert errors == [] and len(rows) == 2
    with pytest.raises(BadRows) as error:
        spreadsheet.to_graphs(rows, "event", "test-events", store)
    assert [str(e) for e in error.value.errors] == [
        ("row 3, column 'source': no record of the graph is 'doc:no-such-record': cite doc:…, <IRI>, "
         "or a record's exact title")]
    graphs, report = spreadsheet.to_graphs(rows, "event", "test-events", store, skip_bad=True)
    add(store, graphs, SHAPES)
    assert report[-1] == "2 rows: 1 imported, 1 skipped"
    assert store.ask('ASK { ?e skos:prefLabel "Test Visit"@en ; mosaic:eventKind eventkind:visit ; '
                     'mosaic:participant person:kim-il-sung ; mosaic:place/skos:prefLabel "Test City"@en ; '
                     'mosaic:date/mosaic:edtf "1954-21"^^edtf:EDTF }')


def test_a_bad_header_names_the_columns() -> None:
    rows, errors = spreadsheet.read(IMPORTS / "persons-bad-header.csv", "person")
    assert rows == []
    assert [(e.row, e.column) for e in errors] == [(1, "langauge"), (1, "source")]
    assert errors[1].message == "required column is missing"


def test_a_required_cell_left_empty(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,source,locator\nTest Person,,p. 1\n", encoding="utf-8")
    assert spreadsheet.read(path, "person")[1] == [RowError(2, "source", "is empty; every row needs it")]


def test_importing_a_spreadsheet_again_replaces_its_claims(store: EmbeddedStore) -> None:
    path = IMPORTS / "events-unknown-source.csv"
    for _ in range(2):
        graphs, _ = spreadsheet.convert(path, "event", "test-again", store, skip_bad=True)
        add(store, graphs, SHAPES)
        assert len(store.select('SELECT ?e WHERE { ?e skos:prefLabel "Test Visit"@en }')) == 1


def test_skipped_rows_are_counted_with_the_imported(store: EmbeddedStore) -> None:
    """The bad date of row 3 is found when the file is read: it is skipped, and counted so."""
    _, report = spreadsheet.convert(IMPORTS / "documents-bad-row.csv", "document", "test-count", store,
                                    skip_bad=True)
    assert report[0] == "skipped: row 3, column 'date': 'Mya 1956' is not a date"
    assert report[-1] == "3 rows: 2 imported, 1 skipped"


def test_the_command_counts_the_rows_it_skipped(store_path: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mosaic", "import", "csv", str(IMPORTS / "documents-bad-row.csv"),
                             "--kind", "document", "--skip-bad", "-o", str(tmp_path / "out.trig"),
                             "--store", str(store_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "skipped: row 3, column 'date'" in result.stderr
    assert "3 rows: 2 imported, 1 skipped" in result.stderr


def test_a_spreadsheet_with_no_readable_row_imports_nothing_even_skipping_bad_rows(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mosaic", "import", "csv", str(IMPORTS / "persons-bad-header.csv"),
                             "--kind", "person", "--skip-bad", "-o", str(tmp_path / "out.trig")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "nothing to import" in result.stderr and "column 'source': required column is missing" in result.stderr
    assert not (tmp_path / "out.trig").exists()
