"""Grouping with precomputed features (what a batch engine's workers compute) equals grouping
that computes them itself: the same copies, stories, storylines, labels and saved state."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from conftest import SAMPLE, SEEDS
from pressespiegel.ingest import ingest
from pressespiegel.pipeline import update_stories
from pressespiegel.store import open_store
from pressespiegel.stories import Grouper, article_time, grouping_features
from test_pipeline import grouping


def test_update_stories_is_the_same_with_precomputed_features(tmp_path: Path) -> None:
    first = open_store(tmp_path / "a.db")
    ingest([str(SEEDS), str(SAMPLE / "wikinews.jsonl")], first)  # analyzed: entities and embeddings
    first.close()
    shutil.copy(tmp_path / "a.db", tmp_path / "b.db")
    plain, precomputed = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    features = {a.id: grouping_features(a) for a in precomputed.iter_articles()}
    assert update_stories(plain) == update_stories(precomputed, features=features, step=7) == 30
    assert grouping(precomputed) == grouping(plain)
    assert precomputed.grouping_state() == plain.grouping_state()
    stories = plain.list_stories()
    assert len(stories) >= 20 and max(s.size for s in stories) == 4
    plain.close()
    precomputed.close()


def test_grouper_uses_features_only_where_they_fit(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ingest([str(SEEDS)], store, analyze=False)
    articles = sorted(store.iter_articles(), key=lambda a: (article_time(a), a.id))
    order = [(a, article_time(a)) for a in articles]
    expected = Grouper().add(order)
    features = {a.id: grouping_features(a) for a in articles}
    assert Grouper().add(order, features=features) == expected
    # Features of another article, or made with embeddings for a grouping without them, are
    # recomputed, never used as they are.
    shifted = articles[1:] + articles[:1]
    wrong = {a.id: replace(features[b.id], id=b.id) for a, b in zip(articles, shifted, strict=True)}
    assert Grouper().add(order, features=wrong) == expected
    assert Grouper(embedding=False).add(order, features=features) == Grouper(embedding=False).add(order)
    store.close()
