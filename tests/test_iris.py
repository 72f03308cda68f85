"""IRIs are minted in one place, from a registry that never gives a slug twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from mosaic.graph.iris import SlugRegistry, entity_iri, parse_iri, short_slug, slugify


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


def test_a_shortened_slug_ends_where_it_reads_whole() -> None:
    title = "Memorandum of Conversation with the Soviet Ambassador"
    assert short_slug("1956-05-07", title) == "1956-05-07-memorandum-of-conversation"  # was …-with-the
    assert short_slug("1956-05", title) == "1956-05-memorandum-of-conversation"  # not …-with-the-soviet
    assert short_slug("1942-09-06", "Letter from Kim Il Sung to Stalin about the Army") == \
        "1942-09-06-letter-from-kim-il-sung"  # the cut falls between phrases: kept
    assert short_slug("1966", "Report of the Embassy") == "1966-report-of-the-embassy"  # short: whole
    assert short_slug("undated", "The the the the the the the the the") == "undated"


@pytest.mark.parametrize("title", ["On the Situation in the Korean Workers' Party and of the Sŏ Hwi Group",
                                   "Memorandum of Conversation with the Ambassador of the PRC to the DPRK",
                                   "To the Central Committee of the Korean Workers' Party"])
def test_a_shortened_slug_follows_the_slug_rules_and_never_ends_on_a_word_that_leads_on(title: str) -> None:
    slug = short_slug("1956-09", title)
    assert entity_iri("document", slug)  # lowercase ASCII words joined by hyphens
    assert len(slug.split("-")) <= 8
    assert slug.rsplit("-", 1)[-1] not in {"the", "of", "with", "and", "to", "a", "on", "in"}


def test_shortened_slugs_stay_unique_through_the_registry(tmp_path: Path) -> None:
    path = tmp_path / "slugs.tsv"
    path.write_text("kind\tslug\tlabel\tnote\n", encoding="utf-8")
    registry = SlugRegistry.read(path)
    base = short_slug("1956-05-07", "Memorandum of Conversation with the Soviet Ambassador")
    assert [registry.mint("document", base) for _ in range(2)] == [base, f"{base}-2"]
