"""The pipeline over the store protocol, on both backends: grouping online, in steps, rebuilt, and
the press review, with the same results on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import BACKENDS, SAMPLE, SEEDS, new_location
from pressespiegel.ingest import ingest
from pressespiegel.pipeline import build_review, update_stories
from pressespiegel.store import Store, open_store


def grouping(store: Store) -> dict[str, Any]:
    """Everything grouping wrote, as plain data."""
    return {
        "stories": [s.to_json() for s in store.list_stories()],
        "storylines": [x.to_json() for x in store.list_storylines()],
        "members": {s.id: [m.to_json() for m in store.story_members(s.id)] for s in store.list_stories()},
    }


def test_seeds_make_one_story_and_a_storyline(store_location: str) -> None:
    store = open_store(store_location)
    ingest([str(SEEDS)], store, analyze=False)
    assert update_stories(store) == 5
    stories = store.list_stories()
    assert [s.size for s in stories] == [4, 1]
    september, july = stories
    assert september.origins == 4 and september.first.startswith("2023-09-05")
    assert september.last.startswith("2023-09-12") and july.first.startswith("2025-07-13")
    assert september.storyline == july.storyline
    assert [x.stories for x in store.list_storylines()] == [2]
    assert store.list_stories(storyline=july.storyline) == stories
    assert update_stories(store) == 0  # nothing new: nothing grouped, nothing written
    store.close()


def test_online_in_two_runs_and_in_small_steps_equal_a_rebuild(
    store_location: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = open_store(store_location)
    ingest([str(SEEDS)], store, analyze=False)
    update_stories(store)
    ingest([str(SAMPLE / "wikinews.jsonl")], store, analyze=False)
    progress: list[tuple[int, int]] = []
    assert update_stories(store, on_step=lambda done, total: progress.append((done, total))) == 25
    assert progress == [(25, 25)]
    online = grouping(store)
    assert len(online["stories"]) >= 20 and sum(len(m) for m in online["members"].values()) == 30
    assert update_stories(store, rebuild=True) == 30
    assert grouping(store) == online
    other = open_store(
        new_location(request, "sqlite" if "://" in store_location else "postgres", tmp_path, "b")
    )
    ingest([str(SEEDS)], other, analyze=False)
    update_stories(other, step=2)
    ingest([str(SAMPLE / "wikinews.jsonl")], other, analyze=False)
    steps: list[tuple[int, int]] = []
    update_stories(other, step=2, on_step=lambda done, total: steps.append((done, total)))
    assert steps[0] == (2, 25) and steps[-1] == (25, 25) and len(steps) == 13  # storylines linked at 10, 13
    assert grouping(other) == online  # steps (and the other backend) change nothing
    store.close()
    other.close()


def test_press_review_is_the_same_on_both_backends(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    reviews = []
    for backend in BACKENDS:
        store = open_store(new_location(request, backend, tmp_path, backend))
        report = ingest([str(SEEDS)], store)  # analyzed: quotes, dates and entities in the review
        assert not report.errors
        update_stories(store)
        review = build_review(store, top=0)
        review.pop("generated")
        reviews.append(review)
        store.close()
    sqlite_review, postgres_review = reviews
    assert sqlite_review["stories"] and sqlite_review["stories"][0]["quotes"]
    assert postgres_review == sqlite_review
