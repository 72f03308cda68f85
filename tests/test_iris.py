"""IRIs are minted in one place, from a registry that never gives a slug twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from mosaic.iris import SlugRegistry, entity_iri, parse_iri, slugify


def test_slugs_fold_accents_and_apostrophes() -> None:
    assert slugify("Pak Kŭmch'ŏl") == "pak-kumchol"
    assert slugify("Sŏ Chin-I") == "so-chin-i"
    assert slugify("Pʻi wa nunmul") == "pi-wa-nunmul"


def test_an_iri_round_trips_and_malformed_ones_are_refused() -> None:
    iri = entity_iri("person", "nam-il")
    assert iri == "https://w3id.org/mosaic/id/person/nam-il"
    assert parse_iri(iri) == ("person", "nam-il")
    assert parse_iri("https://example.org/person/nam-il") is None
    with pytest.raises(ValueError, match="malformed slug"):
        entity_iri("person", "Nam Il")
    with pytest.raises(ValueError, match="unknown kind"):
        entity_iri("spy", "nam-il")


def test_the_registry_never_mints_a_taken_slug(tmp_path: Path) -> None:
    path = tmp_path / "slugs.tsv"
    path.write_text("kind\tslug\tlabel\tnote\nperson\tkim-il\tKim Il\t\n", encoding="utf-8")
    registry = SlugRegistry.read(path)
    assert registry.mint("person", "Kim Il Sung") == "kim-il-sung"
    assert registry.mint("person", "Kim Il") == "kim-il-2"
    assert registry.mint("place", "Kim Il") == "kim-il"
    registry.write()
    assert SlugRegistry.read(path).taken("person", "kim-il-2")
