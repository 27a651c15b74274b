"""Multi-source extractive summary of a story, every sentence citing its source.

1. Candidate sentences come from the story's independent origins only (a copy adds nothing new);
   headings, very short and very long sentences are left out. A dateline at the start
   ("KIEW/WLADIWOSTOK (dpa-AFX) - ") is cut off. Quoted speech stands only with its
   attribution: a quotation whose speaker and verb are in the next sentence is joined with it
   ("„Ich bestätige das.“ Das sagte Kremlsprecher Peskow.") and one without any is left out.
2. Each sentence is a TF-IDF vector over content lemmas (IDF from general word frequencies, see
   :func:`pressespiegel.stories.terms.prior_idf`); the story centroid is their sum.
3. Relevance = cosine to the centroid, plus a bonus for lead sentences and for sources that
   reported first.
4. Maximal marginal relevance picks sentences one by one, trading relevance against similarity to
   what is already picked, with a small penalty for repeating an outlet (coverage of sources).
   Near-duplicates of a picked sentence (most of their content terms already said, or the
   same wording) are no longer candidates.
5. The picked sentences are shown in the order of the articles' publication and position.
"""

from __future__ import annotations

import math
import re
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
#: A candidate whose TF-IDF cosine to a picked sentence reaches this says the same thing.
DUPLICATE_COSINE = 0.8
#: Two leads of the same day say the same thing when this share of the smaller one's TF-IDF
#: weight is in the other. On the seeds the Kim story's two leads of 5 September ("Kim will …
#: Putin treffen und über Waffenlieferungen verhandeln" / "Kim will laut US-Medien … über
#: Waffenlieferungen verhandeln") share 0.76 at a cosine of only 0.53, while the lead of
#: 12 September ("Kim ist … eingetroffen", 0.73) is news of another day; the same share
#: between sentences of any position also caught short background sentences inside longer
#: ones ("Kim und Putin hatten sich schon 2019 in Wladiwostok getroffen", 1.0).
DUPLICATE_LEAD_SHARE = 0.7
#: Quoted speech of at most this many words ("Ich bestätige das") refers back to what the
#: sentence before it says, and is shown with that sentence.
SHORT_QUOTE_WORDS = 5
#: A dateline before the first words of a report: places in capitals or any place followed by
#: the agency's credit in brackets, then a dash.
DATELINE = re.compile(
    r"^(?:[A-ZÄÖÜ][A-ZÄÖÜ./\- ]{1,60}?(?:\s*\([^()]{1,30}\))?|[A-ZÄÖÜ][\w./\- ]{1,40}?\s*\([^()]{1,30}\))"
    r"\s*[-–—]\s+(?=\S)"
)


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


def strip_dateline(text: str) -> str:
    """The sentence without a leading dateline ("KIEW/WLADIWOSTOK (dpa-AFX) - Kim …" → "Kim …")."""
    m = DATELINE.match(text)
    return text[m.end() :] if m else text


_QUOTED = re.compile(r"[„“\"»«]([^„“”\"»«]{3,})[“”\"«»]")


def _spans(part: dict[str, Any] | None) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in ((part or {}).get("spans") or [])]


def attributed_sentences(member: Member) -> list[tuple[int, str]]:
    """(position, text) of an article's sentences where quoted speech keeps its attribution.

    A sentence holding a quotation whose speaker or cue lies in the next sentence is joined
    with that sentence; a short quotation ("Ich bestätige das") is joined with the sentence
    before it, which says what is meant; a quotation with no attribution near it, and a
    sentence that is mostly quoted speech the analysis could not attribute, are left out.
    """
    article = member.article
    sentences = list(sentences_of(article))
    quotes = [q for q in (article.analysis or {}).get("quotes") or [] if isinstance(q, dict)]
    out: list[tuple[int, str]] = []
    skip = -1
    for i, (start, end, text) in enumerate(sentences):
        if i <= skip:
            continue
        said = [q for q in quotes if any(start <= a < end for a, _ in _spans(q.get("quote")))]
        frames = [span for q in said for span in _spans(q.get("speaker")) + _spans(q.get("cue"))]
        if said and not any(start <= a < end for a, _ in frames):
            nxt = sentences[i + 1] if i + 1 < len(sentences) else None
            if nxt is not None and any(nxt[0] <= a < nxt[1] for a, _ in frames):
                out.append((i, article.text[start : nxt[1]]))
                skip = i + 1
            continue  # no attribution at hand: a quotation on its own says nothing about who
        if not said:
            quoted = sum(len(m[1]) for m in _QUOTED.finditer(text))
            if quoted > len(text) / 2:
                continue  # speech the analysis could not attribute
        words = [len(str((q.get("quote") or {}).get("text") or "").split()) for q in said]
        if said and max(words) <= SHORT_QUOTE_WORDS:
            if out and out[-1][0] == i - 1 and i > 0:
                out[-1] = (i - 1, article.text[sentences[i - 1][0] : end])
            continue  # the sentence before is not at hand: the quotation alone says too little
        out.append((i, text))
    return out


def _duplicate(a: _Sentence, b: _Sentence) -> bool:
    """True when ``a`` says what ``b`` says (:data:`DUPLICATE_COSINE`, :data:`DUPLICATE_LEAD_SHARE`)."""
    if cosine(a.vector, b.vector) >= DUPLICATE_COSINE:
        return True
    day_a, day_b = (a.member.published or "")[:10], (b.member.published or "")[:10]
    if a.position >= 2 or b.position >= 2 or not day_a or day_a != day_b:
        return False
    small, large = (a.vector, b.vector) if len(a.vector) <= len(b.vector) else (b.vector, a.vector)
    return sum(w * w for t, w in small.items() if t in large) >= DUPLICATE_LEAD_SHARE


def summarize(members: Sequence[Member]) -> list[SummarySentence]:
    """Pick the summary sentences of a story (steps 1–5 of the module docstring)."""
    origins = sorted(
        (m for m in members if not m.is_copy), key=lambda m: (m.published or "9999", m.article.id)
    )
    candidates: list[_Sentence] = []
    headings = {p.text for m in origins for p in m.article.paragraphs if p.kind in {"heading", "list"}}
    for order, member in enumerate(origins):  # 1.
        for position, text in attributed_sentences(member):
            text = strip_dateline(" ".join(text.split()))
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
        candidates = [c for c in candidates if c is not best and not _duplicate(c, best)]
    picked.sort(key=lambda c: (c.order, c.position))  # 5.
    return [
        SummarySentence(text=c.text, citation=Citation.of(c.member.article), position=c.position)
        for c in picked
    ]
