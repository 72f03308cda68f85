"""The ontology is documented term by term, and the code's closed namespace matches it."""

from __future__ import annotations

import pytest
from conftest import ONTOLOGY
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from mosaic.graph.vocab import MOSAIC, compact

NS = str(MOSAIC._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ONTOLOGY.glob("*.ttl"):
        graph.parse(path)
    return graph


def _own_terms(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_the_closed_namespace_holds_exactly_the_ontology_terms(ontology: Graph) -> None:
    assert {str(t)[len(NS):] for t in _own_terms(ontology)} == set(MOSAIC.__annotations__)


def test_a_misspelt_term_fails_loudly() -> None:
    with pytest.raises(AttributeError):
        MOSAIC.interlocuter  # noqa: B018


def test_every_term_has_an_english_label_and_comment(ontology: Graph) -> None:
    for term in _own_terms(ontology):
        assert any(label.language == "en" for label in ontology.objects(term, RDFS.label)), term
        assert any(c.language == "en" for c in ontology.objects(term, RDFS.comment)), term


def test_every_property_and_class_is_declared_as_such(ontology: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    for term in _own_terms(ontology):
        assert set(ontology.objects(term, RDF.type)) & kinds, f"{term} is neither class nor property"


def test_every_concept_has_a_label_definition_and_scheme(ontology: Graph) -> None:
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 80
    for concept in concepts:
        assert ontology.value(concept, SKOS.prefLabel) and ontology.value(concept, SKOS.definition), concept
        assert (ontology.value(concept, SKOS.inScheme), RDF.type, SKOS.ConceptScheme) in ontology, concept


def test_iris_are_shown_with_their_prefix() -> None:
    assert compact("https://w3id.org/mosaic/id/person/nam-il") == "person:nam-il"
    assert compact("https://example.org/x y") == "<https://example.org/x y>"
