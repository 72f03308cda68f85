"""Every shape catches the broken fixture made for it, with the message a historian reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ONTOLOGY, SHAPES, TEST_DATA
from rdflib import RDF, Graph, Namespace

from mosaic.graph.load import read_dataset
from mosaic.graph.validation.shacl import Report, validate

SH = Namespace("http://www.w3.org/ns/shacl#")

# fixture in tests/data/bad -> (severity, shape, words of the expected message)
CASES = {
    "person-no-name": ("Violation", "shape:PersonShape", "A person needs a name"),
    "person-two-preferred-names": ("Violation", "shape:PersonShape", "Two preferred names in the same language"),
    "person-untagged-name": ("Warning", "shape:PersonShape", "A name form has no language tag"),
    "faction-no-name": ("Violation", "shape:FactionShape", "A faction needs the name historians give it"),
    "organisation-no-name": ("Violation", "shape:OrganisationShape", "needs a name (skos:prefLabel)"),
    "state-no-name": ("Violation", "shape:StateShape", "A state needs a name"),
    "mission-no-sending-state": ("Violation", "shape:MissionShape", "must name the state it represents"),
    "archive-no-name": ("Violation", "shape:ArchiveShape", "An archive needs its name"),
    "place-no-name": ("Violation", "shape:PlaceShape", "A place needs a name"),
    "membership-no-organisation": ("Violation", "shape:MembershipShape", "must name exactly one faction, mission"),
    "record-no-title": ("Violation", "shape:RecordShape", "A record needs a title"),
    "record-unknown-status": ("Violation", "shape:RecordShape", "Unknown status"),
    "translation-no-original": ("Violation", "shape:TranslationShape", "must name the original record"),
    "translation-bad-wilson-id": ("Violation", "shape:TranslationShape", "Wilson Center document id is one number"),
    "collection-bad-item-count": ("Violation", "shape:RecordSetShape", "number of items must be one whole number"),
    "reference-not-as-written": ("Violation", "shape:ArchivalReferenceShape", "exactly as the source writes it"),
    "reference-not-split": ("Warning", "shape:ArchivalReferencePartsShape", "Split the archival reference"),
    "timespan-no-edtf": ("Violation", "shape:TimeSpanShape", "Give the date one EDTF value"),
    "timespan-ends-before-start": ("Violation", "shape:TimeSpanShape", "ends before it begins"),
    "event-no-name": ("Violation", "shape:EventShape", "An event needs a name"),
    "condition-no-kind": ("Violation", "shape:ConditionShape", "Say what kind of condition this is"),
    "report-no-document": ("Violation", "shape:ReportShape", "must name the record it is made in"),
    "claim-no-source": ("Violation", "shape:ClaimShape", "Every claim must name the one source"),
    "claim-undescribed": ("Violation", "shape:ClaimShape", "Every claim must name the one source"),
    "concept-no-scheme": ("Violation", "shape:ConceptShape", "must belong to one of Mosaic's concept schemes"),
    "caveat-without-condition": ("Violation", "shape:CaveatShape", "must rest on a reporting condition"),
}


def _validate_folder(folder: Path) -> Report:
    dataset = read_dataset(folder, ONTOLOGY)
    return validate(dataset.quads, SHAPES, dataset.files)


def test_the_base_graph_conforms_without_warnings(data_dir: Path) -> None:
    report = _validate_folder(data_dir)
    assert report.conforms, report.text()
    assert report.count("Warning") == 0, report.text()


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_each_shape_catches_its_broken_fixture(data_dir: Path, fixture: str) -> None:
    severity, shape, words = CASES[fixture]
    (data_dir / f"{fixture}.trig").write_bytes((TEST_DATA / "bad" / f"{fixture}.trig").read_bytes())
    report = _validate_folder(data_dir)
    hits = [r for r in report.results if r.shape == shape and words in r.message and r.severity == severity]
    assert hits, f"{fixture}: expected {severity} from {shape} saying {words!r}; got:\n{report.text()}"
    assert all(hit.location and ".trig:" in hit.location for hit in hits)
    assert report.conforms == (severity != "Violation")


def test_every_shape_has_a_broken_fixture() -> None:
    shapes = Graph().parse(SHAPES / "mosaic-shapes.ttl")
    node_shapes = {f"shape:{s.split('#')[1]}" for s in shapes.subjects(RDF.type, SH.NodeShape)}
    assert node_shapes == {shape for _, shape, _ in CASES.values()}


def test_a_result_names_focus_node_path_file_and_line(data_dir: Path) -> None:
    (data_dir / "bad.trig").write_bytes((TEST_DATA / "bad" / "mission-no-sending-state.trig").read_bytes())
    result = next(r for r in _validate_folder(data_dir).results if r.shape == "shape:MissionShape")
    assert result.focus == "mission:test-stateless"
    assert result.path == "mosaic:sendingState"
    assert result.location == f"{data_dir / 'bad.trig'}:34"
