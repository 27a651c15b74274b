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
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy, StreamDictionaryFactory

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


#: The language whose lemma dictionary is held as a Python dict (simplemma's default, fastest
#: lookups): German is the product's first language and that dictionary is loaded anyway
#: (quotation cues, search).
FULL_DICTIONARY_LANG = "de"
#: Other languages' dictionaries kept loaded at once: all of simplemma's (54). They are read
#: from simplemma's front-coded streams (~9 MB and ~0.3 CPU-s per language, against ~100 MB and
#: ~1.3 s as dicts), so a multilingual stream loads each language once: with simplemma's default
#: cache of 8, the ~25 languages of the fundus pages reloaded a dictionary every few articles
#: (bench/pipeline.py profile: 22 loads for 100 articles, most of grouping's time).
STREAM_DICTIONARIES_KEPT = 64
_STREAMED = Lemmatizer(
    lemmatization_strategy=DefaultStrategy(
        dictionary_factory=StreamDictionaryFactory(cache_max_size=STREAM_DICTIONARIES_KEPT)
    )
)


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    """The lemma of ``word``, lower-cased; the same lemmas from either kind of dictionary
    (checked over 12k words in nine languages)."""
    if lang == FULL_DICTIONARY_LANG:
        return str(simplemma.lemmatize(word, lang=lang)).lower()
    return str(_STREAMED.lemmatize(word, lang)).lower()


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
#: Languages whose full ("best") wordfreq list is read; the others read the "small" list (words
#: down to Zipf 3). wordfreq keeps every list it reads for the life of the process, and the full
#: lists take 40–80 MB each: 614 MB for the 15 large languages of the fundus pages, against
#: 68 MB with small lists (bench/pipeline.py). A word between Zipf 2 and 3 then gets the unknown
#: prior (6.0) instead of 5–6; German (the product's first language) and English (the most
#: common one) stay exact, and the analysis loads their lists anyway.
FULL_FREQUENCY_LANGS = frozenset({"de", "en"})


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
        wordlist = "best" if language in FULL_FREQUENCY_LANGS else "small"
        zipf = zipf_frequency(term, language, wordlist=wordlist)
    except Exception:  # a language wordfreq lacks, or its tokenizer (jieba, MeCab) is not installed
        return UNKNOWN_PRIOR_IDF / 2
    return UNKNOWN_PRIOR_IDF if zipf == 0 else max(0.0, min(UNKNOWN_PRIOR_IDF, ZIPF_CEILING - zipf))
