"""Language identification of the clean body.

py3langid (a maintained fork of langid.py) classifies 97 languages from a 2 MB model in
microseconds per article; lingua is more accurate on short snippets but costs 100+ MB per language
set and seconds to load, which a whole-article text does not need (see docs/decisions.md).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: How many characters of the body to classify: enough for a stable decision, cheap to score.
SAMPLE_CHARS = 2000
#: Below this normalized probability the language is reported as unknown ("und").
MIN_CONFIDENCE = 0.5  # German news paragraphs score > 0.99; mixed or tiny texts fall below 0.5


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of ``text`` and the classifier's confidence; ("und", p) when unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < 20:
        return "und", 0.0
    lang, prob = _identifier().classify(sample)
    prob = float(prob)
    return (str(lang), prob) if prob >= MIN_CONFIDENCE else ("und", prob)
