"""Storylines: stories about the same actors and subject, linked across weeks, months and years.

Stories are taken in order of their first article; each joins the storyline whose combined
centroid it resembles most (term cosine blended with shared entities, a slow time decay), or
starts a new one. Deterministic and cheap: it runs over story summaries, not articles, so it is
simply recomputed after every ingest.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pressespiegel.stories.cluster import STORY_ENTITIES, UNDATED, StoryState, _top, cosine

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


@dataclass(kw_only=True)
class Storyline:
    """A chain of stories: its id is the id of its first story, prefixed with "L"."""

    id: str
    stories: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None


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
        if best is None or best_score < STORYLINE_THRESHOLD:
            lines.append(Storyline(id="L" + story.id))
            best = len(lines) - 1
        line = lines[best]
        line.stories.append(story.id)
        merged = dict(line.centroid)
        for term, weight in story.centroid.items():
            merged[term] = merged.get(term, 0.0) + weight
        line.centroid = _top(merged, STORYLINE_TERMS)
        line.entities.update(dict(story.entities.most_common(STORY_ENTITIES)))
        if story.first != UNDATED:  # a story with no dated article leaves the span as it is
            line.first = story.first if line.first is None else min(line.first, story.first)
            line.last = story.last if line.last is None else max(line.last, story.last)
        for term in story.key_terms(25):
            index.setdefault(term, set()).add(best)
    return lines


def _score(story: StoryState, line: Storyline) -> float:
    sim = cosine(story.centroid, line.centroid)
    if story.entities and line.entities:
        mine = {e for e, _ in story.entities.most_common(10)}
        theirs = {e for e, _ in line.entities.most_common(STORY_ENTITIES)}
        shared = len(mine & theirs) / max(1, min(len(mine), 10))
        sim = (1 - STORYLINE_ENTITY_WEIGHT) * sim + STORYLINE_ENTITY_WEIGHT * shared
    if line.last is None or story.first == UNDATED:  # undated: content alone
        return sim
    gap = max(0.0, (story.first - line.last).total_seconds() / 86400)
    return sim * math.exp(-gap / STORYLINE_TAU_DAYS)
