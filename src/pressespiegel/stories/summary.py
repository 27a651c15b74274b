"""Multi-source extractive summary of a story, every sentence citing its source.

1. Candidate sentences come from the story's independent origins only (a copy adds nothing new);
   headings, very short and very long sentences are left out.
2. Each sentence is a TF-IDF vector over content lemmas (IDF from general word frequencies, see
   :func:`pressespiegel.stories.terms.prior_idf`); the story centroid is their sum.
3. Relevance = cosine to the centroid, plus a bonus for lead sentences and for sources that
   reported first.
4. Maximal marginal relevance picks sentences one by one, trading relevance against similarity to
   what is already picked, with a small penalty for repeating an outlet (coverage of sources).
5. The picked sentences are shown in the order of the articles' publication and position.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pressespiegel.stories.cluster import cosine
from pressespiegel.stories.members import Citation, Member, sentences_of
from pressespiegel.stories.terms import content_terms, prior_idf

#: Sentences in a summary: at most MAX, at least MIN when the story has that many candidates.
MAX_SENTENCES = 7
MIN_SENTENCES = 5
#: MMR trade-off: 1.0 is pure relevance, 0.0 pure novelty. 0.7 is the usual choice for news
#: (Carbonell & Goldstein 1998); it kept near-paraphrases of one fact out on the seeds.
MMR_LAMBDA = 0.7
#: Bonus for the first two sentences of an article (the lead states the news).
LEAD_BONUS = 0.15
#: Bonus for the earliest source, falling linearly to 0 for the latest.
EARLY_BONUS = 0.05
#: Penalty for each sentence already picked from the same outlet.
OUTLET_PENALTY = 0.06
#: Sentences with fewer or more words are not summary material.
MIN_WORDS, MAX_WORDS = 8, 60


@dataclass(frozen=True, kw_only=True, slots=True)
class SummarySentence:
    """A sentence of the summary and where it comes from."""

    text: str
    citation: Citation
    position: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, **self.citation.to_json()}


@dataclass(frozen=True, kw_only=True, slots=True)
class _Sentence:
    text: str
    member: Member
    order: int
    position: int
    vector: dict[str, float]


def _vector(text: str, language: str | None) -> dict[str, float]:
    terms = content_terms(text, language)
    weights = {t: (1 + math.log(c)) * prior_idf(t, language) for t, c in terms.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items() if w}


def summarize(members: Sequence[Member]) -> list[SummarySentence]:
    """Pick the summary sentences of a story (steps 1–5 of the module docstring)."""
    origins = sorted(
        (m for m in members if not m.is_copy), key=lambda m: (m.published or "9999", m.article.id)
    )
    candidates: list[_Sentence] = []
    headings = {p.text for m in origins for p in m.article.paragraphs if p.kind in {"heading", "list"}}
    for order, member in enumerate(origins):  # 1.
        for position, (_, _, text) in enumerate(sentences_of(member.article)):
            text = " ".join(text.split())
            if text in headings or not MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                continue
            vector = _vector(text, member.article.language)  # 2.
            if vector:
                candidates.append(
                    _Sentence(text=text, member=member, order=order, position=position, vector=vector)
                )
    if not candidates:
        return []
    centroid: Counter[str] = Counter()
    for cand in candidates:
        centroid.update(cand.vector)
    span = max(1, len(origins) - 1)
    relevance = {
        id(c): cosine(c.vector, dict(centroid))
        + (LEAD_BONUS if c.position < 2 else 0.0)
        + EARLY_BONUS * (1 - c.order / span)
        for c in candidates
    }  # 3.
    picked: list[_Sentence] = []
    per_outlet: Counter[str | None] = Counter()
    while candidates and len(picked) < MAX_SENTENCES:  # 4.

        def mmr(c: _Sentence) -> float:
            redundancy = max((cosine(c.vector, p.vector) for p in picked), default=0.0)
            return (
                MMR_LAMBDA * relevance[id(c)]
                - (1 - MMR_LAMBDA) * redundancy
                - OUTLET_PENALTY * per_outlet[c.member.article.outlet]
            )

        best = max(candidates, key=lambda c: (mmr(c), -c.order, -c.position))
        if len(picked) >= MIN_SENTENCES and mmr(best) <= 0:
            break
        picked.append(best)
        per_outlet[best.member.article.outlet] += 1
        candidates = [c for c in candidates if c is not best and cosine(c.vector, best.vector) < 0.8]
    picked.sort(key=lambda c: (c.order, c.position))  # 5.
    return [
        SummarySentence(text=c.text, citation=Citation.of(c.member.article), position=c.position)
        for c in picked
    ]
