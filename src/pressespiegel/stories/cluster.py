"""Stories: online clustering of articles about one event, assigned on arrival.

1. A copy of an article already in a story joins that story (copies are one origin).
2. Otherwise the article becomes a TF-IDF vector over content lemmas, with document frequencies
   updated incrementally, keeping its ``DOC_TERMS`` strongest terms.
3. Candidate stories come from an inverted index over the strongest terms of the stories active
   in the last ``ACTIVE_DAYS``: cost per article depends on the active stories sharing its terms,
   not on the size of the corpus.
   Articles with an embedding (:mod:`pressespiegel.analyze.embedding`) also find the active
   stories whose embedding centroid is closest (:class:`EmbeddingIndex`, one matrix product),
   so an English report finds the German story it shares no words with.
4. Score = (1 - w) · similarity + w · shared named entities, times a time decay; similarity is the
   term cosine, or with embeddings a blend of the term cosine and the rescaled embedding cosine
   (for an article in another language than the story's, the embedding stands in for the terms).
   The best story at or above the threshold wins, else a new story starts.
5. Stories that fall out of the window leave the index; their compact summary (top terms and
   entities) is kept for storyline linking. Memory grows with stories, not with articles.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from pressespiegel.analyze.embedding import DIM
from pressespiegel.stories.terms import prior_idf

#: Terms kept per article vector: enough for the lead's and body's key words.
DOC_TERMS = 40
#: Terms kept per story centroid (and indexed): bounded state per story.
STORY_TERMS = 80
#: Indexed terms per story: the centroid's strongest terms are enough to find it.
INDEX_TERMS = 25
#: Entities kept per story.
STORY_ENTITIES = 30
#: A story with no new article for this long is closed for new members.
ACTIVE_DAYS = 14
#: Time decay: no penalty within GRACE_DAYS of the story's last article, then exp(-Δ/TAU_DAYS).
GRACE_DAYS = 2.0
TAU_DAYS = 7.0
#: Weight of shared named entities against term cosine (0 when articles carry no entities).
ENTITY_WEIGHT = 0.3
#: Minimum score to join a story. Tuned on the tune half of bench/data/events_stream.jsonl
#: together with the constants above (bench/cluster.py reports both halves); tune as a set.
ASSIGN_THRESHOLD = 0.22
#: Embedding evidence (articles with an embedding; without one the constants above apply alone).
#: EMBEDDING_FLOOR: cosines at or below it count as no similarity (other-event pairs of the tune
#: part of bench/data/stories_real.jsonl have a median cosine of 0.30–0.35); the rest is rescaled
#: to 0..1. EMBEDDING_WEIGHT: its share against the term cosine. EMBEDDING_THRESHOLD: minimum
#: score to join. Swept together (floor 0.25–0.4, weight 0.4–0.85, threshold 0.1–0.3) on the tune
#: part of stories_real for the mean B-cubed F1 of DE–DE, DE–EN and all links, with the tune half
#: of events_stream as a check (it stays at 1.0): a plateau at floor 0.25–0.3, weight 0.4–0.7,
#: threshold 0.15–0.2 (0.955–0.962); threshold 0.2 keeps a margin to the cliff at 0.1 (DE–DE F1
#: 0.73). bench/cluster.py reports the held-out part. Tune as a set.
EMBEDDING_FLOOR = 0.3
EMBEDDING_WEIGHT = 0.5
EMBEDDING_THRESHOLD = 0.2
#: Active stories taken as candidates by embedding, nearest first, and the cosine they need.
EMBEDDING_CANDIDATES = 20
EMBEDDING_CANDIDATE_MIN = 0.35
#: Corpus size at which corpus IDF and the general-language prior weigh the same.
PRIOR_DOCS = 2000
#: Closing stale stories scans the active set; doing it once per hour of stream time is enough.
EXPIRE_EVERY = timedelta(hours=1)
#: Candidate stories scored per article, after ranking by shared indexed terms.
MAX_CANDIDATES = 50
#: The time of an article without a date (and of a story made only of such articles): it is
#: grouped by content alone, with no time decay, and never extends or expires a story's span.
UNDATED = datetime.min


@dataclass(frozen=True, kw_only=True, slots=True)
class ClusterDoc:
    """What clustering needs of an article."""

    id: str
    when: datetime
    terms: Counter[str]
    entities: frozenset[str] = frozenset()
    origin: str | None = None  # the article this one is a copy of (its origin), if any
    language: str | None = "de"
    embedding: np.ndarray | None = None  # unit vector (:mod:`pressespiegel.analyze.embedding`), if computed


@dataclass(frozen=True, kw_only=True, slots=True)
class Assignment:
    """Where an article went: its story, the score that put it there, whether it opened the story."""

    article: str
    story: str
    score: float
    new_story: bool
    vector: dict[str, float]


@dataclass(kw_only=True)
class StoryState:
    """The bounded summary of one story that clustering keeps."""

    id: str
    first: datetime
    last: datetime
    size: int = 0
    origins: int = 0
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    norm: float = 0.0  # Euclidean norm of the centroid, kept with it
    #: Sum of the members' unit embeddings (direction = the story's embedding centroid), if any.
    embedding: np.ndarray | None = None
    languages: Counter[str] = field(default_factory=Counter)
    _direction: np.ndarray | None = field(default=None, repr=False, compare=False)
    _language: str | None = field(default=None, repr=False, compare=False)

    @property
    def language(self) -> str | None:
        """The language most of the story's articles are in (cached until the next member)."""
        if self._language is None and self.languages:
            self._language = min(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        return self._language

    def add_language(self, language: str) -> None:
        self.languages[language] += 1
        self._language = None

    def unit_embedding(self) -> np.ndarray | None:
        """The direction of the embedding centroid (cached until the next member is absorbed)."""
        if self._direction is None and self.embedding is not None:
            norm = math.sqrt(float(self.embedding @ self.embedding))
            self._direction = self.embedding / norm if norm else None
        return self._direction

    def add_embedding(self, unit: np.ndarray) -> None:
        """Absorb one member's unit embedding into the centroid."""
        unit = unit.astype(np.float32, copy=False)
        self.embedding = unit.copy() if self.embedding is None else self.embedding + unit
        self._direction = None

    def key_terms(self, n: int = 5) -> list[str]:
        return [t for t, _ in sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "first": self.first.isoformat(), "last": self.last.isoformat(), "size": self.size,
            "origins": self.origins, "centroid": self.centroid,
            "entities": dict(self.entities), "languages": dict(self.languages),
            "embedding": _pack(self.embedding) if self.embedding is not None else None,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoryState:
        return cls(
            id=data["id"], first=datetime.fromisoformat(data["first"]),
            last=datetime.fromisoformat(data["last"]), size=data["size"], origins=data["origins"],
            centroid=data["centroid"], entities=Counter(data["entities"]),
            norm=math.sqrt(sum(w * w for w in data["centroid"].values())),
            languages=Counter(data.get("languages") or {}),
            embedding=_unpack(data["embedding"]) if data.get("embedding") else None,
        )  # fmt: skip


def _pack(vector: np.ndarray) -> str:
    import base64

    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def _unpack(value: str) -> np.ndarray:
    import base64

    return np.frombuffer(base64.b64decode(value), dtype="<f4").copy()


class EmbeddingIndex:
    """Embedding directions of the active stories in one matrix, for nearest-story look-ups.

    Rows are reused after a story leaves; memory is bounded by the number of active stories.
    """

    def __init__(self) -> None:
        self._matrix = np.zeros((64, DIM), dtype=np.float32)
        self._row: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._free: list[int] = []

    def __len__(self) -> int:
        return len(self._row)

    def put(self, story_id: str, direction: np.ndarray) -> None:
        row = self._row.get(story_id)
        if row is None:
            if self._free:
                row = self._free.pop()
                self._ids[row] = story_id
            else:
                row = len(self._ids)
                self._ids.append(story_id)
                if row >= len(self._matrix):
                    grown = np.zeros((2 * len(self._matrix), DIM), dtype=np.float32)
                    grown[: len(self._matrix)] = self._matrix
                    self._matrix = grown
            self._row[story_id] = row
        self._matrix[row] = direction

    def remove(self, story_id: str) -> None:
        row = self._row.pop(story_id, None)
        if row is not None:
            self._matrix[row] = 0.0
            self._ids[row] = None
            self._free.append(row)

    def nearest(self, query: np.ndarray, k: int, minimum: float) -> list[str]:
        """Up to ``k`` stories whose direction has cosine ≥ ``minimum`` with ``query``, nearest first."""
        if not self._row:
            return []
        sims = self._matrix[: len(self._ids)] @ query
        top = np.flatnonzero(sims >= minimum)
        if len(top) > k:
            top = top[np.argpartition(-sims[top], k - 1)[:k]]
        ranked = sorted(top.tolist(), key=lambda r: (-float(sims[r]), self._ids[r] or ""))
        return [s for r in ranked if (s := self._ids[r]) is not None]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values())))


def rescaled_embedding(cosine: float) -> float:
    """An embedding cosine mapped to 0..1: nothing at or below ``EMBEDDING_FLOOR``, 1 at 1."""
    return max(0.0, (cosine - EMBEDDING_FLOOR) / (1.0 - EMBEDDING_FLOOR))


def _cosine_to(unit: dict[str, float], other: dict[str, float], other_norm: float) -> float:
    """Cosine of a unit-length vector with another whose norm is known."""
    if not other_norm:
        return 0.0
    return sum(w * other.get(t, 0.0) for t, w in unit.items()) / other_norm


def _top(vector: dict[str, float], n: int) -> dict[str, float]:
    if len(vector) <= n:
        return vector
    return dict(sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


class StoryClusterer:
    """Single-pass story clustering; feed articles in arrival order with :meth:`add`."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[str, StoryState] = {}  # all stories, compact
        self.active: set[str] = set()
        self.index: dict[str, set[str]] = {}
        self.embedding_index = EmbeddingIndex()
        self.origin_story: dict[str, tuple[str, datetime]] = {}  # origin article → story, recent only
        self._origin_order: deque[str] = deque()
        self._expired_at: datetime | None = None
        self._next = 0

    # -- vectors -------------------------------------------------------------------------------
    def vectorize(self, terms: Counter[str], language: str | None = "de") -> dict[str, float]:
        """Sublinear TF times IDF, L2-normalized.

        IDF blends a prior from general word frequencies with the corpus statistics seen so far;
        the prior's share falls as the corpus grows (half at ``PRIOR_DOCS`` documents).
        """
        share = PRIOR_DOCS / (PRIOR_DOCS + self.n_docs)
        weights = {
            t: (1.0 + math.log(c))
            * (
                share * prior_idf(t, language)
                + (1 - share) * math.log((self.n_docs + 1) / (self.df.get(t, 0) + 1))
            )
            for t, c in terms.items()
        }
        weights = _top(weights, DOC_TERMS)
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    # -- online assignment -----------------------------------------------------------------------
    def add(self, doc: ClusterDoc) -> Assignment:
        """Assign one article to a story (steps 1–5 of the module docstring)."""
        if doc.when != UNDATED:
            self._expire(doc.when)
        self.n_docs += 1
        self.df.update(doc.terms.keys())
        vector = self.vectorize(doc.terms, doc.language)
        if doc.origin and doc.origin in self.origin_story:  # 1.
            story = self.stories[self.origin_story[doc.origin][0]]
            self._absorb(story, doc, vector, new_origin=False)
            return Assignment(article=doc.id, story=story.id, score=1.0, new_story=False, vector=vector)
        best, best_score = None, 0.0
        for story_id in self._candidates(vector, doc.embedding):  # 3.
            story = self.stories[story_id]
            score = self.score(vector, doc.entities, doc.when, story, doc.embedding, doc.language)  # 4.
            if score > best_score or (score == best_score and best is not None and story_id < best.id):
                best, best_score = story, score
        threshold = ASSIGN_THRESHOLD if doc.embedding is None else EMBEDDING_THRESHOLD
        if best is None or best_score < threshold:
            best = StoryState(id=self._new_id(doc.when), first=doc.when, last=doc.when)
            self.stories[best.id] = best
            self.active.add(best.id)
            new_story, best_score = True, 1.0
        else:
            new_story = False
        self._absorb(best, doc, vector, new_origin=True)
        return Assignment(
            article=doc.id, story=best.id, score=round(best_score, 4), new_story=new_story, vector=vector
        )

    def score(
        self,
        vector: dict[str, float],
        entities: frozenset[str],
        when: datetime,
        story: StoryState,
        embedding: np.ndarray | None = None,
        language: str | None = None,
    ) -> float:
        """Similarity of an article to a story, decayed by the time since the story's last article."""
        sim = _cosine_to(vector, story.centroid, story.norm)
        direction = story.unit_embedding() if embedding is not None else None
        if embedding is not None and direction is not None:
            semantic = rescaled_embedding(float(embedding @ direction))
            lexical = sim if language == story.language else max(sim, semantic)
            sim = (1 - EMBEDDING_WEIGHT) * lexical + EMBEDDING_WEIGHT * semantic
        if entities and story.entities:
            top = {e for e, _ in story.entities.most_common(STORY_ENTITIES)}
            shared = len(entities & top) / min(len(entities), 10)
            sim = (1 - ENTITY_WEIGHT) * sim + ENTITY_WEIGHT * min(1.0, shared)
        if when == UNDATED or story.last == UNDATED:  # no time to decay by: content alone
            return sim
        gap = max(0.0, (when - story.last).total_seconds() / 86400 - GRACE_DAYS)
        return sim * math.exp(-gap / TAU_DAYS)

    def _candidates(self, vector: dict[str, float], embedding: np.ndarray | None = None) -> list[str]:
        hits: Counter[str] = Counter()
        for term in vector:
            for story_id in self.index.get(term, ()):
                hits[story_id] += 1
        found = [s for s, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]
        if embedding is not None:
            seen = set(found)
            nearest = self.embedding_index.nearest(embedding, EMBEDDING_CANDIDATES, EMBEDDING_CANDIDATE_MIN)
            found += [s for s in nearest if s not in seen]
        return found

    def _absorb(
        self, story: StoryState, doc: ClusterDoc, vector: dict[str, float], *, new_origin: bool
    ) -> None:
        for term in story.key_terms(INDEX_TERMS):
            self.index.get(term, set()).discard(story.id)
        merged = dict(story.centroid)
        for term, weight in vector.items():
            merged[term] = merged.get(term, 0.0) + weight
        story.centroid = {t: round(w, 5) for t, w in _top(merged, STORY_TERMS).items()}
        story.norm = math.sqrt(sum(w * w for w in story.centroid.values()))
        if doc.embedding is not None:
            story.add_embedding(doc.embedding)
            direction = story.unit_embedding()
            if direction is not None and story.id in self.active:
                self.embedding_index.put(story.id, direction)
        if doc.language:
            story.add_language(doc.language)
        story.entities.update(doc.entities)
        if len(story.entities) > 3 * STORY_ENTITIES:
            story.entities = Counter(dict(story.entities.most_common(STORY_ENTITIES)))
        story.size += 1
        story.origins += int(new_origin)
        story.last = max(story.last, doc.when)
        if doc.when != UNDATED:
            story.first = doc.when if story.first == UNDATED else min(story.first, doc.when)
        for term in story.key_terms(INDEX_TERMS):
            self.index.setdefault(term, set()).add(story.id)
        key = doc.origin or doc.id
        if key not in self.origin_story:
            self._origin_order.append(key)
        self.origin_story[key] = (
            story.id,
            max(doc.when, self.origin_story.get(key, (story.id, doc.when))[1]),
        )

    def _expire(self, now: datetime) -> None:
        if self._expired_at is not None and timedelta(0) <= now - self._expired_at < EXPIRE_EVERY:
            return
        self._expired_at = now
        try:
            horizon = now - timedelta(days=ACTIVE_DAYS)
        except OverflowError:  # a placeholder date like 0001-01-01
            return
        for story_id in sorted(self.active):
            story = self.stories[story_id]
            if story.last < horizon:
                self.active.discard(story_id)
                for term in story.key_terms(INDEX_TERMS):
                    self.index.get(term, set()).discard(story_id)
                self.embedding_index.remove(story_id)
        while self._origin_order:
            key = self._origin_order[0]
            entry = self.origin_story.get(key)
            if entry is not None and entry[1] >= horizon:
                break
            self._origin_order.popleft()
            if entry is not None:
                del self.origin_story[key]

    def _new_id(self, when: datetime) -> str:
        self._next += 1
        return f"s{'00000000' if when == UNDATED else format(when, '%Y%m%d')}-{self._next:05d}"

    # -- persistence ---------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """JSON-able state (document frequencies, stories, index of active stories)."""
        return {
            "df": dict(self.df), "n_docs": self.n_docs, "next": self._next,
            "stories": [s.to_json() for s in self.stories.values()], "active": sorted(self.active),
            "origin_story": [[k, *[self.origin_story[k][0], self.origin_story[k][1].isoformat()]]
                             for k in self._origin_order if k in self.origin_story],
            "expired_at": self._expired_at.isoformat() if self._expired_at else None,
        }  # fmt: skip

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> StoryClusterer:
        clusterer = cls()
        clusterer.df = Counter(state["df"])
        clusterer.n_docs = state["n_docs"]
        clusterer._next = state["next"]
        clusterer.stories = {s["id"]: StoryState.from_json(s) for s in state["stories"]}
        clusterer.active = set(state["active"])
        for story_id in sorted(clusterer.active):
            for term in clusterer.stories[story_id].key_terms(INDEX_TERMS):
                clusterer.index.setdefault(term, set()).add(story_id)
            direction = clusterer.stories[story_id].unit_embedding()
            if direction is not None:
                clusterer.embedding_index.put(story_id, direction)
        for key, story_id, when in state["origin_story"]:
            clusterer.origin_story[key] = (story_id, datetime.fromisoformat(when))
            clusterer._origin_order.append(key)
        expired = state["expired_at"]
        clusterer._expired_at = datetime.fromisoformat(expired) if expired else None
        return clusterer
