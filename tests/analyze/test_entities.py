"""Behaviour of the shipped German NER model on seed articles and small hand-written cases."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pressespiegel.analyze.entities import LABELS, Entity, find_entities, find_entities_many

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# First paragraph of seed 000 (dpa-AFX, Kim Jong Un in Russia), copied so the test runs without shared/.
KIM_VISIT = (
    "KIEW/WLADIWOSTOK (dpa-AFX) - Nordkoreas Machthaber Kim Jong Un ist nach offiziellen Angaben zu "
    'einem Treffen mit Kremlchef Wladimir Putin in Russland eingetroffen. "Ich bestätige das", sagte '
    "Kremlsprecher Dmitri Peskow am Dienstag der russischen Agentur Interfax. Wo genau das Treffen "
    "stattfinden würde, blieb zunächst geheim."
)


def _pairs(entities: list[Entity]) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in entities}


def test_kim_visit_people_places_and_agency() -> None:
    found = _pairs(find_entities(KIM_VISIT))
    assert ("Dmitri Peskow", "PER") in found
    assert ("Wladimir Putin", "PER") in found
    assert ("Russland", "LOC") in found
    assert ("Interfax", "ORG") in found


def test_role_noun_is_not_part_of_the_name() -> None:
    found = _pairs(find_entities(KIM_VISIT))
    assert not any(text.startswith(("Kremlsprecher", "Kremlchef")) for text, _ in found)


def test_offsets_point_into_the_text() -> None:
    text = "Am Montag traf Bundeskanzler Olaf Scholz in Paris den französischen Präsidenten Emmanuel Macron."
    entities = find_entities(text)
    assert entities, "expected at least one entity"
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
        assert entity.label in LABELS
    assert ("Olaf Scholz", "PER") in _pairs(entities)
    assert ("Paris", "LOC") in _pairs(entities)


def test_sentence_without_names_yields_nothing() -> None:
    assert find_entities("Die Preise für Strom und Gas sind im vergangenen Jahr deutlich gestiegen.") == []


def test_empty_text() -> None:
    assert find_entities("") == []


def test_batch_matches_single_calls_in_order() -> None:
    texts = [KIM_VISIT, "", "Die Deutsche Bahn streicht Verbindungen zwischen Hamburg und Berlin."]
    assert list(find_entities_many(texts)) == [find_entities(t) for t in texts]


def test_entity_is_frozen_and_keyword_only() -> None:
    entity = Entity(text="Berlin", label="LOC", start=0, end=6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entity.label = "ORG"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Entity("Berlin", "LOC", 0, 6)  # type: ignore[call-arg]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_seed_article_mentions_wladiwostok() -> None:
    text = (SEEDS / "000_6164cdf80299ab38.txt").read_text(encoding="utf-8")
    found = _pairs(find_entities(text))
    assert ("Wladiwostok", "LOC") in found
    assert ("Dmitri Peskow", "PER") in found
    assert ("Putin", "PER") in found
