"""Grouping features: what grouping computes of one article alone (issue 17, batch engines).

Grouping is sequential (each article is compared with the stories and copies before it), but most
of its work per article is not: the content lemmas, entities and embedding that clustering
compares (:func:`cluster_doc`) and the MinHash of the word shingles that copy detection compares
(:func:`pressespiegel.stories.dedupe.signature`) depend on the article only.
:func:`grouping_features` computes them as one typed record, so a batch engine
(:mod:`pressespiegel.execution`) computes them on its workers beside the analysis and the driver
only runs the sequential part. :meth:`pressespiegel.stories.Grouper.add` takes them precomputed or
computes them itself; the grouping is the same either way (tests/stories/test_features.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np

from pressespiegel.analyze.embedding import article_embedding
from pressespiegel.records import Article
from pressespiegel.stories.cluster import UNDATED, ClusterDoc
from pressespiegel.stories.dedupe import signature
from pressespiegel.stories.evidence import article_entities
from pressespiegel.stories.terms import content_terms

#: Title and lead name the event; their terms count this many times in the article's vector.
HEAD_WEIGHT = 2


@dataclass(frozen=True, kw_only=True, slots=True)
class GroupingFeatures:
    """The per-article part of grouping: the :class:`ClusterDoc` parts and the copy signature."""

    id: str
    terms: Counter[str]
    entities: frozenset[str]
    #: The language the terms were made for: the article's, or None when its resources failed
    #: and the language-neutral terms were taken instead.
    language: str | None
    embedding: np.ndarray | None  # unit vector, None when grouping runs without embeddings
    minhash: np.ndarray  # MinHash hash values (uint64, dedupe.NUM_PERM) of the word shingles
    shingles: int  # how many distinct shingles the MinHash summarizes

    def cluster_doc(self, when: datetime, origin: str | None = None) -> ClusterDoc:
        """The clustering view at the time the article appeared."""
        return ClusterDoc(
            id=self.id, when=when, terms=Counter(self.terms), origin=origin, language=self.language,
            entities=self.entities, embedding=self.embedding,
        )  # fmt: skip


def cluster_doc(
    article: Article, when: datetime, origin: str | None, *, embedding: bool = True
) -> ClusterDoc:
    """The clustering view of an article: content lemmas (title and lead weighted up), entities
    and its multilingual embedding (the stored one, else computed now; ``embedding=False``: none)."""
    terms = content_terms(article.text, article.language)
    head = "\n".join(x for x in (article.title, article.lead) if x)
    for term, count in content_terms(head, article.language).items():
        terms[term] += (HEAD_WEIGHT - 1) * count
    return ClusterDoc(
        id=article.id, when=when, terms=terms, origin=origin, language=article.language,
        entities=article_entities(article), embedding=article_embedding(article) if embedding else None,
    )  # fmt: skip


def grouping_features(article: Article, *, embedding: bool = True) -> GroupingFeatures:
    """Everything grouping computes of ``article`` alone. Pure: the same article gives the same
    features in any process. A broken language resource falls back to the language-neutral
    terms, as grouping always did; any other error is raised (the article stays ungrouped)."""
    try:
        doc = cluster_doc(article, UNDATED, None, embedding=embedding)
    except Exception:  # a broken language resource: the language-neutral terms instead
        doc = cluster_doc(replace(article, language=None), UNDATED, None, embedding=embedding)
    values, size = signature(article.text)
    return GroupingFeatures(
        id=article.id, terms=doc.terms, entities=doc.entities, language=doc.language,
        embedding=doc.embedding, minhash=values, shingles=size,
    )  # fmt: skip


__all__ = ["HEAD_WEIGHT", "GroupingFeatures", "cluster_doc", "grouping_features"]
