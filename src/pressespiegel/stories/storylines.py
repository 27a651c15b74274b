"""Storylines: stories about the same actors and subject, linked across weeks, months and years.

Stories are taken in order of their first article; each joins the storyline whose combined
centroid it resembles most (term cosine blended with shared entities, a slow time decay), or
starts a new one. Deterministic and cheap: it runs over story summaries, not articles, so it is
simply recomputed after every ingest.

Precision before recall: a reader accepts a storyline only if its stories share actors and
subject, not just vocabulary ("Tipps" and "Garten" tie a lemon tree to bougainvillea). So where
stories carry embeddings, a link also needs their embedding centroids to be close
(``STORYLINE_EMBEDDING_MIN``: the same subject, in any language) and, where both sides have
entities, at least ``STORYLINE_SHARED_ACTORS`` of them in common (the same actors).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from pressespiegel.stories.cluster import (
    STORY_ENTITIES,
    UNDATED,
    StoryState,
    _top,
    cosine,
    rescaled_embedding,
)

#: Minimum score for a story to join a storyline. Swept with STORYLINE_TAU_DAYS on the train split
#: of bench/data/storylines_wikinews.jsonl for pairwise F1 (0.1–0.5 × 365/780/3000 days): best
#: 0.2 / 3000 (P 0.69, R 0.32); bench/cluster.py reports dev. Tune the two as a set.
STORYLINE_THRESHOLD = 0.2
#: Very slow decay: a storyline a year old needs a ~1.13x stronger match (exp(365/3000)).
STORYLINE_TAU_DAYS = 3000.0
#: Terms kept per storyline centroid.
STORYLINE_TERMS = 120
#: Weight of shared entities (0 when stories carry none).
STORYLINE_ENTITY_WEIGHT = 0.4
#: With embeddings: the cosine two stories' embedding centroids need to share a storyline, the
#: weight of the (rescaled) embedding cosine against the term cosine, the entities both must
#: share when both have entities, and the minimum score. Swept (min 0–0.6, weight 0.25/0.5,
#: actors 0–2, threshold 0.2–0.45) on the train split of storylines_wikinews (analyzed, so German
#: entities are there) and the tune part of stories_real for pairwise precision first (≥ 0.9 on
#: both), then recall: 0.6 / 0.5 / 1 / 0.35 gives P 0.90 R 0.16 on Wikinews train and P 1.00
#: R 0.93 on real tune (terms only at 0.2: P 0.65 R 0.34 on Wikinews train). Tune as a set.
STORYLINE_EMBEDDING_MIN = 0.6
STORYLINE_EMBEDDING_WEIGHT = 0.5
STORYLINE_SHARED_ACTORS = 1
STORYLINE_EMBEDDING_THRESHOLD = 0.35


@dataclass(kw_only=True)
class Storyline:
    """A chain of stories: its id is the id of its first story, prefixed with "L"."""

    id: str
    stories: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None
    embedding: np.ndarray | None = None  # sum of the stories' embedding directions
    languages: Counter[str] = field(default_factory=Counter)


def link_storylines(stories: Iterable[StoryState]) -> list[Storyline]:
    """Group stories into storylines; every story belongs to exactly one."""
    lines: list[Storyline] = []
    index: dict[str, set[int]] = {}
    for story in sorted(stories, key=lambda s: (s.first == UNDATED, s.first, s.id)):
        candidates: set[int] = set()
        for term in story.key_terms(25):
            candidates |= index.get(term, set())
        best, best_score = None, 0.0
        for i in sorted(candidates):
            score = _score(story, lines[i])
            if score > best_score:
                best, best_score = i, score
        threshold = STORYLINE_THRESHOLD if story.embedding is None else STORYLINE_EMBEDDING_THRESHOLD
        if best is None or best_score < threshold:
            lines.append(Storyline(id="L" + story.id))
            best = len(lines) - 1
        line = lines[best]
        line.stories.append(story.id)
        merged = dict(line.centroid)
        for term, weight in story.centroid.items():
            merged[term] = merged.get(term, 0.0) + weight
        line.centroid = _top(merged, STORYLINE_TERMS)
        line.entities.update(dict(story.entities.most_common(STORY_ENTITIES)))
        direction = story.unit_embedding()
        if direction is not None:
            line.embedding = direction.copy() if line.embedding is None else line.embedding + direction
        line.languages.update(story.languages)
        if story.first != UNDATED:  # a story with no dated article leaves the span as it is
            line.first = story.first if line.first is None else min(line.first, story.first)
            line.last = story.last if line.last is None else max(line.last, story.last)
        for term in story.key_terms(25):
            index.setdefault(term, set()).add(best)
    return lines


def _majority(languages: Counter[str]) -> str | None:
    return min(languages.items(), key=lambda kv: (-kv[1], kv[0]))[0] if languages else None


def _score(story: StoryState, line: Storyline) -> float:
    sim = cosine(story.centroid, line.centroid)
    mine = {e for e, _ in story.entities.most_common(10)}
    theirs = {e for e, _ in line.entities.most_common(STORY_ENTITIES)}
    direction = story.unit_embedding()
    if direction is not None and line.embedding is not None:
        norm = float(np.linalg.norm(line.embedding))
        semantic = float(direction @ line.embedding) / norm if norm else 0.0
        if semantic < STORYLINE_EMBEDDING_MIN:
            return 0.0  # not the same subject
        if mine and theirs and len(mine & theirs) < STORYLINE_SHARED_ACTORS:
            return 0.0  # not the same actors
        rescaled = rescaled_embedding(semantic)
        lexical = sim if story.language == _majority(line.languages) else max(sim, rescaled)
        sim = (1 - STORYLINE_EMBEDDING_WEIGHT) * lexical + STORYLINE_EMBEDDING_WEIGHT * rescaled
    if mine and theirs:
        shared = len(mine & theirs) / max(1, min(len(mine), 10))
        sim = (1 - STORYLINE_ENTITY_WEIGHT) * sim + STORYLINE_ENTITY_WEIGHT * shared
    if line.last is None or story.first == UNDATED:  # undated: content alone
        return sim
    gap = max(0.0, (story.first - line.last).total_seconds() / 86400)
    return sim * math.exp(-gap / STORYLINE_TAU_DAYS)
