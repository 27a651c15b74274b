"""Copies: exact and near-duplicate texts, so syndicated agency material counts once.

Each article's word 5-shingles are summarized by a MinHash; an LSH index over the articles of the
last ``COPY_WINDOW_DAYS`` finds candidates, and the estimated *containment* of the shorter text in
the longer decides. Containment, not Jaccard: an outlet's reprint adds its own headline, lead and
boilerplate and cuts the last paragraph, which lowers Jaccard but leaves the shorter text
contained in the longer. A shared agency credit lowers the bar; it is a signal, not proof.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

import numpy as np
from datasketch import MinHash, MinHashLSH

from pressespiegel.stories.terms import shingles

#: MinHash permutations: 128 gives a Jaccard standard error of ~0.04, enough to verify copies.
NUM_PERM = 128
#: LSH candidate threshold on estimated Jaccard: only finds candidates, the decision is below.
#: A reprint cut to 40 % of its original with a new lead has Jaccard 0.11 with it (events stream,
#: ev017-r1), so candidates are taken generously.
LSH_THRESHOLD = 0.1
#: LSH band layout favours recall (false negative weight 0.9): a missed candidate is a missed
#: copy, while a spurious candidate only costs one containment estimate.
LSH_WEIGHTS = (0.1, 0.9)
#: Containment of the shorter shingle set in the longer above which texts are copies. On the tune
#: half of bench/data/events_stream.jsonl copies reach ≥ 0.36 and different origins (including
#: hand-written rewrites of the same event) ≤ 0.15; the bar sits between, nearer the copies.
COPY_CONTAINMENT = 0.3
#: The lower bar when both articles credit the same agency: the credit is a signal, not proof.
AGENCY_CONTAINMENT = 0.25
#: Copies appear within days of the original; older articles leave the index (bounded memory).
COPY_WINDOW_DAYS = 14
SEED = 1
#: datasketch 2 hashing scheme, named so saved state reloads with the same permutations.
SCHEME: Literal["affine32"] = "affine32"


@dataclass(frozen=True, kw_only=True, slots=True)
class CopyMatch:
    """Result for one article: its origin (itself if independent) and the article it copies."""

    origin: str
    copy_of: str | None
    containment: float


@dataclass(slots=True)
class _Entry:
    minhash: MinHash
    size: int
    when: datetime
    agencies: frozenset[str]
    origin: str


class CopyDetector:
    """Online near-duplicate detection over a sliding time window."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
        self._entries: dict[str, _Entry] = {}
        self._order: deque[str] = deque()

    def __len__(self) -> int:
        return len(self._entries)

    def add(
        self, doc_id: str, text: str, when: datetime, agencies: frozenset[str] = frozenset()
    ) -> CopyMatch:
        """Index one article (in arrival order) and return its origin."""
        values, size = signature(text)
        return self.add_signature(doc_id, values, size, when, agencies)

    def add_signature(
        self,
        doc_id: str,
        values: np.ndarray,
        size: int,
        when: datetime,
        agencies: frozenset[str] = frozenset(),
    ) -> CopyMatch:
        """:meth:`add` for an article whose :func:`signature` (MinHash values, shingle count) is
        already computed (by a batch engine's worker, :mod:`pressespiegel.stories.features`)."""
        self._evict(when)
        minhash = _minhash(values)
        best: tuple[float, str] | None = None
        for other_id in sorted(self._lsh.query(minhash)):
            other = self._entries[other_id]
            score = _containment(minhash, size, other.minhash, other.size)
            bar = AGENCY_CONTAINMENT if agencies & other.agencies else COPY_CONTAINMENT
            if score >= bar and (best is None or score > best[0]):
                best = (score, other_id)
        origin = self._entries[best[1]].origin if best else doc_id
        if doc_id not in self._entries:
            self._entries[doc_id] = _Entry(minhash, size, when, agencies, origin)
            self._order.append(doc_id)
            self._lsh.insert(doc_id, minhash)
        return CopyMatch(
            origin=origin, copy_of=best[1] if best else None, containment=best[0] if best else 0.0
        )

    def _evict(self, now: datetime) -> None:
        try:
            horizon = now - timedelta(days=COPY_WINDOW_DAYS)
        except OverflowError:  # a placeholder date like 0001-01-01
            return
        while self._order and self._entries[self._order[0]].when < horizon:
            old = self._order.popleft()
            self._lsh.remove(old)
            del self._entries[old]

    def to_state(self) -> dict[str, Any]:
        """JSON-able state, so an online run can continue in a later process."""
        return {
            doc_id: [e.minhash.hashvalues.tolist(), e.size, e.when.isoformat(), sorted(e.agencies), e.origin]
            for doc_id in self._order
            for e in [self._entries[doc_id]]
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> CopyDetector:
        detector = cls()
        for doc_id, (values, size, when, agencies, origin) in state.items():
            minhash = _minhash(np.array(values, dtype=np.uint64))
            detector._entries[doc_id] = _Entry(
                minhash, size, datetime.fromisoformat(when), frozenset(agencies), origin
            )
            detector._order.append(doc_id)
            detector._lsh.insert(doc_id, minhash)
        return detector


def signature(text: str) -> tuple[np.ndarray, int]:
    """The MinHash hash values of the word shingles of ``text`` and how many shingles there are:
    all that copy detection compares of an article."""
    units = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch([u.encode("utf-8") for u in units])
    return minhash.hashvalues, len(units)


def _minhash(values: np.ndarray) -> MinHash:
    """A MinHash with the given hash values and our permutations."""
    return MinHash(
        num_perm=NUM_PERM, seed=SEED, hashvalues=values, scheme=SCHEME, permutations=_permutations()
    )


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """The hash permutations for (NUM_PERM, SEED), made once: datasketch redraws them per MinHash."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _containment(a: MinHash, size_a: int, b: MinHash, size_b: int) -> float:
    """|A ∩ B| / min(|A|, |B|), estimated from the MinHash Jaccard and the set sizes."""
    if not size_a or not size_b:
        return 0.0
    jaccard = float(a.jaccard(b))
    intersection = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, intersection / min(size_a, size_b))
