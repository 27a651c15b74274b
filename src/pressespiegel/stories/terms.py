"""Terms for grouping: lemmas of content words, and word shingles for copy detection.

Lemmas come from simplemma (MIT, ~2 M tokens/s, 50+ languages); for a language it lacks, the
lower-cased word is the term. Numbers and stop lemmas are dropped.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import simplemma

from pressespiegel.stories.stopwords import STOP_LEMMAS

_WORD = re.compile(r"[^\W\d_][\w\-]*[^\W_]|[^\W\d_]", re.UNICODE)
#: Runs of Han characters and kana: Chinese and Japanese put no spaces between words, and their
#: segmenters (jieba, MeCab) are not installed, so such a run is cut into character bigrams, the
#: language-neutral unit of CJK retrieval.
_UNSPACED_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
logging.getLogger("wordfreq").setLevel(logging.ERROR)  # one "nearest match" warning per language
_SHINGLE_WORD = re.compile(r"\w+", re.UNICODE)
#: Words shorter than this are not terms (abbreviation fragments, initials).
MIN_TERM_CHARS = 3
#: Words per shingle for copy detection: 5-word shingles survive light edits (one substituted
#: word breaks 5 shingles of a 400-word text) and rarely collide between independent texts.
SHINGLE_WORDS = 5
_SUPPORTED = {
    p.name.split(".")[0]
    for p in (Path(simplemma.__file__).parent / "strategies" / "dictionaries" / "data").glob("*.plzma")
}


#: The language whose lemma dictionary stays loaded in full: German is the product's first
#: language and its dictionary is loaded anyway (quotation cues, search).
FULL_DICTIONARY_LANG = "de"


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    """The lemma of ``word``, lower-cased. Other languages than German read simplemma's
    front-coded stream dictionaries (``low_memory``): the same lemmas (checked over 12k words in
    nine languages), ~15 MB per language instead of ~100 MB, so a multilingual stream keeps
    grouping under 200 MB of dictionaries; a lookup costs ~25 µs instead of ~12 µs, and this
    cache takes most of them."""
    low = lang != FULL_DICTIONARY_LANG
    return str(simplemma.lemmatize(word, lang=lang, low_memory=low)).lower()


def content_terms(text: str, language: str | None = "de") -> Counter[str]:
    """Counts of content lemmas in ``text`` (stop lemmas, numbers and short words dropped)."""
    lang = language if language in _SUPPORTED else None
    stop = STOP_LEMMAS.get(language or "", frozenset())
    counts: Counter[str] = Counter()
    for run in _UNSPACED_RUN.findall(text):
        counts.update(run[i : i + 2] for i in range(len(run) - 1))
    text = _UNSPACED_RUN.sub(" ", text)
    for word in _WORD.findall(text):
        if len(word) < MIN_TERM_CHARS:
            continue
        term = _lemma(word, lang) if lang else word.lower()
        if term not in stop and len(term) >= MIN_TERM_CHARS:
            counts[term] += 1
    return counts


def shingles(text: str) -> set[str]:
    """Lower-cased word 5-grams of ``text``: the units copy detection compares."""
    words = [w.lower() for w in _SHINGLE_WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


#: Zipf value (log10 of frequency per billion words) of the most common words; prior IDF is the
#: distance below it, so "der" weighs ~0, "Treffen" ~2.7, "Wladiwostok" ~5.2.
ZIPF_CEILING = 8.0
#: Unknown words (names, compounds like "Kremlsprecher") get this prior IDF: rare, but capped so
#: one misspelling does not dominate a vector.
UNKNOWN_PRIOR_IDF = 6.0


@lru_cache(maxsize=500_000)
def prior_idf(term: str, language: str | None) -> float:
    """An IDF estimate from general word frequencies (wordfreq), usable from the first article.

    Online TF-IDF starts cold: with ten documents seen, every name looks as common as "Regierung".
    wordfreq ships frequency lists for 40+ languages (data CC BY-SA 4.0, see its README).
    """
    if not language:
        return UNKNOWN_PRIOR_IDF / 2
    from wordfreq import zipf_frequency

    try:
        zipf = zipf_frequency(term, language)
    except Exception:  # a language wordfreq lacks, or its tokenizer (jieba, MeCab) is not installed
        return UNKNOWN_PRIOR_IDF / 2
    return UNKNOWN_PRIOR_IDF if zipf == 0 else max(0.0, min(UNKNOWN_PRIOR_IDF, ZIPF_CEILING - zipf))
