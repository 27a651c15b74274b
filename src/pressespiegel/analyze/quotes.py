"""Quotation attribution for German news: who said what, in direct, indirect and reported speech.

Rule-based and fast (no model). The finder runs these steps over one article text:

1. Tokenise with offsets (SoMaJo, ``sentences.py``) and pair quotation marks by position:
   „…“ and »…« and «…» and "…" (straight quotes: opener after a space, closer before one).
   „ pairs with “ (U+201C), which in English text is an *opening* mark.
2. Group sentences into units so that no quotation crosses a unit boundary (a direct quote of
   several sentences is one unit).
3. In each unit, find cues outside quotation marks: speech verbs (lemma via simplemma, separable
   particles glued back: "teilte ... mit"), "heißt es", and source markers "laut X", "X zufolge",
   "nach Angaben X", ", so X", ", wie X mitteilte".
4. Direct quotes: attach the frame after the quote (``„…“, sagte X``), before it
   (``X sagte: „…“``) or a passive one (``„…“, wird X zitiert``); a quote interrupted by its frame
   (``„A“, sagte X, „B“``) becomes one quote with two spans.
5. Indirect quotes: ``X sagte, (dass) …`` and ``…, sagte X``; reported: the unit minus the frame
   for source markers.
6. Continuations: a following sentence in Konjunktiv I is attributed to the speaker of the
   previous quote (one quote over consecutive sentences); a direct quote without own frame only
   to the speaker of a previous *direct* quote. A Konjunktiv-I sentence far from any quote is
   free indirect speech without a speaker. Stance verbs with their preposition ("halten ... für",
   "werten ... als") and anaphoric sources ("Demnach", ", wonach") make reported speech.
7. Speakers (``_subject``): a relative pronoun opening the clause (", der sagte"); a noun phrase
   filling the prefield unless it is an object ("Den X beziffert ...", "Die Tat bezeichnete er");
   the inverted subject after the finite verb, past adverbs, "sich" and time phrases ("Am Montag
   sagte dazu der Sprecher"); the phrase opening the clause; for impersonal cues the document
   ("In der Erklärung heißt es"). Phrases take appositions, short quoted names („Golem“) and
   places ("ein Sprecher in Berlin"). The mention is split into name and role; pronouns and
   role-only mentions resolve to the most recent compatible person (salience = recency).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Literal

import simplemma

from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.sentences import Token, tokenize_sentences

__all__ = ["Quote", "Span", "find_quotes", "find_quotes_in_tokens"]

QuoteType = Literal["direct", "indirect", "reported"]

# A direct quote needs this many tokens inside its marks to stand alone as a quotation; shorter
# ones („Taurien“, „fahrlässig“) are names or scare quotes unless a cue verb governs them.
# Wikinews train, joint F1: 2 → 60.80, 3 → 60.86, 4 → 60.85, 5 → 60.77 (flat); 4 keeps short
# titles out of the output. A quote that opens its sentence needs only 2 („Ich bestätige das“).
MIN_DIRECT_TOKENS = 4

# How many units (sentences) after a quote a frame-less quote may still inherit its speaker.
# Wikinews train, joint F1: 0 → 60.58, 1 → 60.85, 2 → 60.90 but speaker F1 falls (52.41 → 52.14).
CONTINUATION_GAP = 1

# A direct quote without its own frame is attributed to the last speaker if that quote is at most
# this many sentences back (direct quotes continue a speaker across a short narrative sentence).
# Wikinews train, joint F1: 1 → 60.89, 3 → 60.85, 5 → 60.83 (flat); 3 follows news style, where
# a quote often continues after one narrative sentence.
DIRECT_GAP = 3

# A Konjunktiv-I sentence further than CONTINUATION_GAP from the last quote is still free indirect
# speech when it has at least this many tokens (Wikinews train: quote F1 70.0 → 71.4).
MIN_FREE_TOKENS = 5

# A speaker phrase longer than this many tokens is almost always a parse error.
MAX_SPEAKER_TOKENS = 14

# At most this many adverb and time-phrase tokens between a finite cue verb and its inverted
# subject ("sagte am Montag dazu der Sprecher").
MAX_MIDFIELD_TOKENS = 6

# An extended attribute between article and noun ("der für die Region zuständige Koordinator")
# is looked for over at most this many tokens.
MAX_ATTRIBUTE_TOKENS = 8

# A quoted name inside a speaker phrase („Die Zeit“, „Reporter ohne Grenzen“) has at most this
# many tokens; longer quotations are quotes.
MAX_TITLE_TOKENS = 5


@dataclass(frozen=True, slots=True)
class Span:
    """Text with its (possibly discontinuous) character spans in the article."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def to_json(self) -> dict[str, object]:
        """``{"text": ..., "spans": [[s, e], ...]}``."""
        return {"text": self.text, "spans": [[s, e] for s, e in self.spans]}


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed quotation.

    ``speaker`` is the mention in the text (name, role phrase or pronoun); ``speaker_name`` the
    resolved person or organisation; ``frame`` the introducing clause (speaker, cue and what lies
    between), kept for evaluation and not part of the JSON contract.
    """

    quote: Span
    speaker: Span | None
    speaker_name: str | None
    speaker_role: str | None
    cue: Span | None
    type: QuoteType
    frame: Span | None = None
    #: The canonical entity id of the speaker (see the entity linking), when it is known.
    speaker_entity: str | None = None

    def to_json(self) -> dict[str, object]:
        """The JSON contract: quote, speaker, speaker_name, speaker_role, speaker_entity, cue, type."""
        return {
            "quote": self.quote.to_json(),
            "speaker": self.speaker.to_json() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "speaker_role": self.speaker_role,
            "speaker_entity": self.speaker_entity,
            "cue": self.cue.to_json() if self.cue else None,
            "type": self.type,
        }


# --------------------------------------------------------------------------------------------
# token helpers


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="de").lower()


@lru_cache(maxsize=65536)
def _function_word(word: str) -> bool:
    """A capitalised word whose lemma is lower-case: an adverb, adjective or particle that opens
    the sentence ("Insbesondere", "Dennoch", "Besorgt"), never the head of a speaker phrase."""
    lemma = simplemma.lemmatize(word, lang="de")
    # "Gall" → "gallen" is a name read as a verb: only a lemma that the word starts with counts
    return word[:1].isupper() and lemma[:1].islower() and word.lower().startswith(lemma)


_NAME_PREFIX = re.compile(r"^(al|el|ad|as|at|ar|an|asch|ibn|abu|bin)-[A-ZÄÖÜ]")


# Lower-case names that act like capitalised ones: web addresses ("t-online.de", "ndr.de").
_WEB_NAME = re.compile(r"^[a-z0-9][\w-]*\.(de|com|org|net|at|ch|eu|info)$")


@lru_cache(maxsize=65536)
def _is_cap(word: str) -> bool:
    return (
        word[:1].isupper()
        or (word[:1].isdigit() and "-" in word)
        or bool(_NAME_PREFIX.match(word))
        or word in lex.LOWERCASE_NAMES
        or bool(_WEB_NAME.match(word))
    )


@lru_cache(maxsize=65536)
def _is_role(word: str) -> bool:
    if word in lex.ROLE_NOUNS:
        return True
    low = word.lower()
    return _is_cap(word) and low.endswith(lex.ROLE_SUFFIXES)


@lru_cache(maxsize=65536)
def _is_source_noun(word: str) -> bool:
    if word in lex.SOURCE_NOUNS:
        return True
    low = word.lower()
    return _is_cap(word) and low.endswith(lex.SOURCE_NOUN_SUFFIXES)


_PUNCT = re.compile(r"^\W+$")
_ADJ = re.compile(r"^[a-zäöüß][a-zäöüß\-]*(e|en|er|es|em)$")
_PARTICIPLE = re.compile(r"nde[nrsm]?$")
# adjectives of origin, which may stand between a preposition and a place: "im indischen Dharamshala"
_PLACE_ADJ = re.compile(r"^[a-zäöü][a-zäöüß\-]*isch(e|en|er|es|em)$")
_AUX = frozenset(
    [
        "hat",
        "hatte",
        "hatten",
        "haben",
        "habe",
        "wird",
        "wurde",
        "wurden",
        "werden",
        "ist",
        "war",
        "sind",
        "waren",
        "will",
        "wollte",
        "soll",
        "sollte",
        "kann",
        "konnte",
        "muss",
        "musste",
    ]
)
_OPENERS = '„»«"“'


def _is_punct(word: str) -> bool:
    return bool(_PUNCT.match(word))


def _looks_like_title(inner: str) -> bool:
    """Names and titles in quotation marks: „Deus caritas est“, „Automobilwoche“, „PLoS Biology“
    (all words but one capitalised, no final punctuation)."""
    words = [w for w in inner.split() if not _is_punct(w)]
    caps = sum(1 for w in words if _is_cap(w))
    return not inner.rstrip().endswith((".", "!", "?")) and caps >= len(words) - 1


def _after_title_noun(text: str, start: int) -> bool:
    """A capitalised quotation right after a noun that names it: das Motto „Freiheit statt Angst“,
    die Studie „Linke Gewalt in Berlin“ (but "nannte das Programm „völlig unzureichend“" is
    wording)."""
    if start + 1 >= len(text) or not (text[start + 1].isupper() or text[start + 1].isdigit()):
        return False
    line = text[max(0, start - 40) : start].rsplit("\n", 1)[-1]
    before = line.split()
    if not before or not _is_cap(before[-1]) or not before[-1].isalpha():
        return False
    low = before[-1].lower()
    stems = {low} | {low[: -len(e)] for e in ("s", "es") if low.endswith(e)}
    return any(
        stem == noun or (stem.endswith(noun) and len(noun) >= lex.MIN_TITLE_HEAD)
        for stem in stems
        for noun in lex.TITLE_NOUN_SUFFIXES
    )


def _all_caps_words(inner: str) -> bool:
    """Every word capitalised: „Discovery“, „Bild am Sonntag“."""
    words = [w for w in inner.split() if not _is_punct(w)]
    return all(_is_cap(w) for w in words)


# --------------------------------------------------------------------------------------------
# 1. quotation marks


def _quote_mark_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, depth) of paired quotation marks, marks included."""
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int, int]] = []
    n = len(text)
    for i, c in enumerate(text):
        if c == "\n":
            stack.clear()
            continue
        if c not in '„“”»«"':
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        top = stack[-1][0] if stack else ""
        if c == "„":
            stack.append((c, i))
        elif c == "“":
            if top == "„" or (top == "“" and not prev.isspace()):
                found.append((stack.pop()[1], i + 1, len(stack)))
            else:
                stack.append((c, i))
        elif c == "”":
            if top in ("„", "“"):
                found.append((stack.pop()[1], i + 1, len(stack)))
        elif c in "»«":
            partner = lex.QUOTE_PAIRS.get(top, "")
            if top in "»«" and top and c == partner:
                found.append((stack.pop()[1], i + 1, len(stack)))
            else:
                stack.append((c, i))
        else:  # straight quote: decide by position
            opener = prev.isspace() or prev in "([/–—-:" or i == 0
            closer = not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)–-" or i + 1 == n)
            if top == '"' and (closer or not opener):
                found.append((stack.pop()[1], i + 1, len(stack)))
            elif opener:
                stack.append((c, i))
    found.sort()
    return found


# --------------------------------------------------------------------------------------------
# units and cues


@dataclass
class _Unit:
    tokens: list[Token]
    marks: list[tuple[int, int, int]]  # quotation-mark spans starting in this unit
    inside: list[bool] = field(default_factory=list)  # token lies inside quotation marks

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @cached_property
    def starts(self) -> list[int]:
        """Token start offsets, for bisecting (tokens are in text order)."""
        return [t.start for t in self.tokens]

    def within(self, mark: tuple[int, int, int]) -> list[Token]:
        """The tokens strictly inside a quotation span (its marks excluded)."""
        i = bisect.bisect_right(self.starts, mark[0])
        found: list[Token] = []
        while i < len(self.tokens) and self.tokens[i].end < mark[1]:
            found.append(self.tokens[i])
            i += 1
        return found

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def _units(sentences: list[list[Token]], marks: list[tuple[int, int, int]]) -> list[_Unit]:
    units: list[_Unit] = []
    top = [(s, e) for s, e, d in marks if d == 0]
    for sent in sentences:
        if units and any(s < units[-1].end < e and s < sent[0].start < e for s, e in top):
            units[-1].tokens.extend(sent)
        else:
            units.append(_Unit(list(sent), []))
    for unit in units:
        unit.marks = [m for m in marks if unit.start <= m[0] < unit.end]
        unit.inside = _inside(unit.tokens, unit.marks)
    return units


def _inside(tokens: list[Token], marks: list[tuple[int, int, int]]) -> list[bool]:
    """For each token, whether it lies within one of the quotation spans (a sweep over the spans
    sorted by start, linear in tokens + spans: pages full of quotation marks stay fast)."""
    spans = sorted((s, e) for s, e, _ in marks)
    flags: list[bool] = []
    k = 0
    reach = -1  # the furthest end among spans that start at or before the current token
    for t in tokens:
        while k < len(spans) and spans[k][0] <= t.start:
            reach = max(reach, spans[k][1])
            k += 1
        flags.append(t.end <= reach)
    return flags


@dataclass
class _Cue:
    kind: Literal["verb", "laut", "zufolge", "nach", "so", "wie", "heisst", "demnach"]
    idx: list[int]  # token indices of the cue words
    weak: bool = False


def _find_cues(unit: _Unit) -> list[_Cue]:
    toks = unit.tokens
    cues: list[_Cue] = []
    n = len(toks)
    for i, tok in enumerate(toks):
        if unit.inside[i]:
            continue
        w = tok.text
        low = w.lower()
        if low in lex.ANAPHORIC_SOURCE_CUES:
            cues.append(_Cue("demnach", [i]))
            continue
        if low in lex.PREPOSITION_CUES and i + 1 < n:
            cues.append(_Cue("laut", [i]))
            continue
        if low in lex.POSTPOSITION_CUES and i > 0:
            cues.append(_Cue("zufolge", [i]))
            continue
        if (
            low == "nach"
            and i > 1
            and (toks[i - 1].text in lex.POSTPOSED_NACH or _is_source_noun(toks[i - 1].text))
        ):
            cues.append(_Cue("zufolge", [i]))  # "seiner Meinung nach", "Polizeiangaben nach"
            continue
        if low == "nach" and i + 1 < n:
            j = i + 1
            while j < n and j < i + 4 and not _is_source_noun(toks[j].text):
                if not (toks[j].text.lower() in lex.DETERMINERS or _ADJ.match(toks[j].text)):
                    break
                j += 1
            if (
                j < n
                and _is_source_noun(toks[j].text)
                and (
                    toks[j].text not in lex.SOURCE_NOUNS_NEEDING_AUTHOR
                    or (
                        j + 1 < n
                        and (
                            toks[j + 1].text in lex.GENITIVE_DETERMINERS or toks[j + 1].text in ("von", "vom")
                        )
                    )
                )
            ):
                # "Nach einer Stellungnahme der Armee" cites; "Nach den Ermittlungen fuhr er" is time
                cues.append(_Cue("nach", [i]))
            continue
        if low == lex.SO_CUE and i > 0 and toks[i - 1].text in (",", "“", '"', "«", "»") and i + 1 < n:
            nxt = toks[i + 1].text
            if _is_cap(nxt) or nxt.lower() in lex.DETERMINERS:
                cues.append(_Cue("so", [i]))
            continue
        if not w[:1].islower() and i > 0:
            continue
        lemma = _lemma(w)
        if (lemma == "heißen" and i + 1 < n and toks[i + 1].text == "es") or (
            lemma == "heißen" and i > 0 and toks[i - 1].text.lower() == "es"
        ):
            cues.append(_Cue("heisst", [i]))
            continue
        full = lemma
        idx = [i]
        if (
            lemma not in lex.CUE_VERBS
            and i > 0
            and toks[i - 1].text in lex.SEPARABLE_PARTICLES
            and toks[i - 1].text != "zu"  # "die Renten zu sichern" is no "zusichern"
            and w.lower() != lemma  # a finite verb: "bekannt gab", not "bekannt geben"
            and toks[i - 1].text + lemma in lex.CUE_VERBS
        ):
            # verb-final clause with the particle written apart: "wie Adidas bekannt gab"
            cues.append(_Cue("verb", [i - 1, i], weak=toks[i - 1].text + lemma in lex.WEAK_CUE_VERBS))
            continue
        # separable verb: particle at the end of the clause ("teilte ... mit", "forderte ... auf")
        particle = _clause_final_particle(unit, i)
        if particle is not None and toks[particle].text + lemma in lex.CUE_VERBS:
            full = toks[particle].text + lemma
            idx = [i, particle]
        if full in lex.CUE_VERBS and not (w[:1].isupper() and i > 0):
            if full == lemma and _has_trailing_particle(unit, i):
                continue  # "stellte ... vor", "gab ... ab": a different verb
            cues.append(_Cue("verb", idx, weak=full in lex.WEAK_CUE_VERBS))
    return cues


def _clause_final_particle(unit: _Unit, i: int) -> int | None:
    toks = unit.tokens
    for j in range(i + 1, min(len(toks), i + 25)):
        if unit.inside[j]:
            return None
        w = toks[j].text
        if w in (",", ";", ":", ".", "!", "?") or w in _OPENERS:
            prev = toks[j - 1].text
            return j - 1 if prev in lex.SEPARABLE_PARTICLES and j - 1 > i else None
    last = len(toks) - 1
    return last if last > i and toks[last].text in lex.SEPARABLE_PARTICLES else None


def _has_trailing_particle(unit: _Unit, i: int) -> bool:
    j = _clause_final_particle(unit, i)
    return j is not None and unit.tokens[j].text not in ("zu", "an", "mit") and j > i + 1


# --------------------------------------------------------------------------------------------
# speaker noun phrases


def _title_end(unit: _Unit, j: int) -> int | None:
    """End (exclusive) of a short quoted name opening at token ``j``: „Die Zeit“, „Golem“."""
    toks = unit.tokens
    if j >= len(toks) or toks[j].text not in _OPENERS:
        return None
    for s, e, _ in unit.marks:
        if s == toks[j].start:
            k = j + 1
            while k < len(toks) and toks[k].end < e:
                k += 1
            inner = toks[j + 1 : k]
            if 0 < len(inner) <= MAX_TITLE_TOKENS and _is_cap(inner[0].text) and inner[-1].text not in ".!?":
                return k + 1
            return None
    return None


def _in_title(unit: _Unit, k: int) -> bool:
    """Whether token ``k`` lies in a short quoted name rather than in a quotation."""
    t = unit.tokens[k]
    for s, e, _ in unit.marks:
        if s <= t.start and t.end <= e:
            j = k
            while j > 0 and unit.tokens[j].start > s:
                j -= 1
            return _title_end(unit, j) is not None
    return False


def _skip_extended_attribute(unit: _Unit, j: int) -> int:
    """Past a participle phrase between article and noun: "der [für die Region zuständige]
    Koordinator"; ``j`` unchanged when none is there."""
    toks = unit.tokens
    n = len(toks)
    if j >= n or (
        toks[j].text not in lex.ATTRIBUTE_PREPOSITIONS and toks[j].text not in lex.ATTRIBUTE_ADVERBS
    ):
        return j
    for k in range(j + 1, min(n - 1, j + MAX_ATTRIBUTE_TOKENS)):
        if unit.inside[k] or _is_punct(toks[k].text):
            return j
        w = toks[k].text
        if (
            _ADJ.match(w)
            and w not in lex.DETERMINERS
            and _is_cap(toks[k + 1].text)
            and not unit.inside[k + 1]
        ):
            return k
    return j


def _np_right(unit: _Unit, i: int) -> tuple[int, int] | None:
    """Speaker phrase starting at token ``i``: ``(start, end)`` token indices, end exclusive."""
    toks = unit.tokens
    n = len(toks)
    if i >= n:
        return None
    if unit.inside[i]:
        title = _title_end(unit, i)
        return (i, _extend_np(unit, title)) if title is not None else None
    w = toks[i].text
    if w.lower() in lex.PRONOUNS:
        return (i, i + 1)
    if w.lower() in lex.DEMONSTRATIVES and (
        i + 1 >= n
        or not (
            _is_cap(toks[i + 1].text)
            or (_ADJ.match(toks[i + 1].text) and i + 2 < n and _is_cap(toks[i + 2].text))
        )
    ):
        return (i, i + 1)  # "Dieser bestätigte, ...", "Dieser behauptete, ..." (no adjective)
    j = i
    if w.lower() in lex.PARTITIVES and j + 2 < n and toks[j + 1].text in ("der", "des"):
        j += 2  # "einer der Randalierer"
    elif w.lower() in lex.DETERMINERS:
        j += 1
        j = _skip_extended_attribute(unit, j)
    if (
        j == i
        and (i == 0 or _is_punct(toks[i - 1].text))
        and j + 1 < n
        and _ADJ.match(w.lower())
        and w.lower() not in lex.SPEAKER_STOP_WORDS
        and _is_cap(toks[j + 1].text)
    ):
        j += 1  # an adjective capitalised at the sentence start: "Politische Berater sagen"
    while j < n and (
        (_ADJ.match(toks[j].text) and toks[j].text not in lex.SPEAKER_STOP_WORDS) or toks[j].text.isdigit()
    ):
        j += 1
    if j < n and unit.inside[j]:
        title = _title_end(unit, j)
        return (i, _extend_np(unit, title)) if title is not None and j > i else None
    if j >= n or not _is_cap(toks[j].text):
        return None
    if (j == 0 or _is_punct(toks[j - 1].text)) and _function_word(toks[j].text):
        return None
    head = toks[j].text.lower()
    if head in lex.SPEAKER_STOP_WORDS or head in lex.NON_SPEAKERS or toks[j].text in lex.TIME_NOUNS:
        return None
    j = _extend_np(unit, j)
    return (i, j) if j - i <= MAX_SPEAKER_TOKENS else None


def _caps_end(unit: _Unit, j: int) -> int:
    """End (exclusive) of the run of capitalised words outside quotation marks starting at ``j``."""
    toks = unit.tokens
    while j < len(toks) and _is_cap(toks[j].text) and not unit.inside[j]:
        j += 1
    return j


def _extend_np(unit: _Unit, j: int) -> int:
    """Extend over capitalised words, genitive chains, name particles and appositions."""
    toks = unit.tokens
    n = len(toks)
    j = _caps_end(unit, j)
    while j < n:
        w = toks[j].text
        if (w, toks[j + 1].text if j + 1 < n else "") in lex.NAME_TAILS:
            j += 2  # "Ärzte ohne Grenzen"
            continue
        if (
            w.isdigit()
            and len(w) <= 2
            and j + 1 < n
            and ((w[0] == "0" and _is_cap(toks[j + 1].text)) or toks[j + 1].text == "/")
        ):
            # numbers inside names: "Bayer 04 Leverkusen", "Bündnis 90/Die Grünen" (not a count
            # after the name: "nach Angaben der Zeitung 40 Menschen")
            k = j + 1 if toks[j + 1].text != "/" else j + 2
            if k < n and _is_cap(toks[k].text) and not unit.inside[k]:
                j = _caps_end(unit, k)
                continue
            break
        title = _title_end(unit, j) if unit.inside[j] else None
        if title is not None:  # Internet-Nachrichtensite „Golem“
            j = title
            continue
        k = (
            j + 2
            if w in ("von", "aus") and j + 2 < n and toks[j + 1].text in ("der", "dem", "den")
            else j + 1
        )
        if w in lex.LOCATIVE_PREPOSITIONS:
            while k + 1 < n and _PLACE_ADJ.match(toks[k].text):
                k += 1  # "im norwegischen Oslo"
        if (
            w in lex.LOCATIVE_PREPOSITIONS
            and k < n
            and _is_cap(toks[k].text)
            and not unit.inside[k]
            and toks[k].text not in lex.TIME_NOUNS
            and not _function_word(toks[k].text)
            and not toks[k].text.endswith(("keit", "heit"))
        ):
            # "ein Sprecher in Berlin", "Josef Schuster vom Zentralrat", "Greaves von der University"
            j = _caps_end(unit, k + 1)
            continue
        if w == "für" and j + 1 < n and _is_cap(toks[j - 1].text):
            # "Koordinator für Naturkatastrophen", "Bundesagentur für Arbeit",
            # "Sekretariat für wirtschaftliche Entwicklung"
            k = j + 1
            while k < n and _ADJ.match(toks[k].text):
                k += 1
            if k < n and _is_cap(toks[k].text) and not unit.inside[k] and not _function_word(toks[k].text):
                j = _caps_end(unit, k + 1)
                continue
            break
        if w in lex.GENITIVE_DETERMINERS and j + 1 < n:
            k = j + 1
            while k < n and _ADJ.match(toks[k].text):
                k += 1
            if (
                k < n
                and toks[k].text.lower().endswith(lex.MEDIA_SUFFIXES)
                and not _is_role(toks[j - 1].text)
                and not _is_source_noun(toks[j - 1].text)
            ):
                break  # dative addressee after a name: "sagte Merkel der Zeitung"
            if k < n and _is_cap(toks[k].text) and not unit.inside[k]:
                j = k
                while j < n and _is_cap(toks[j].text):
                    j += 1
                continue
            break
        if (
            _ADJ.match(w)
            and w.endswith("er")
            and w not in lex.SPEAKER_STOP_WORDS  # "gegenüber", "über" are no adjectives
            and j + 1 < n
            and _is_cap(toks[j + 1].text)
        ):
            # genitive plural without article: "Angaben französischer Behörden"
            j += 1
            while j < n and _is_cap(toks[j].text):
                j += 1
            continue
        if (
            (w in lex.SURNAME_PARTICLES or w == "vom")
            and j + 1 < n
            and _is_cap(toks[j + 1].text)
            and toks[j + 1].text not in lex.TIME_NOUNS
        ):
            j += 2
            while j < n and _is_cap(toks[j].text):
                j += 1
            continue
        if w == "(" and j + 2 < n and toks[j + 2].text == ")":
            j += 3
            continue
        if w in ("und", "sowie") and j + 1 < n and not unit.inside[j + 1]:
            # coordinated speakers: "Özcan Mutlu und Benedikt Lux", "die Polizei und die Feuerwehr"
            k = j + 1
            if toks[k].text.lower() in lex.DETERMINERS:
                k += 1
            while k < n and _ADJ.match(toks[k].text):
                k += 1
            if (
                k < n
                and _is_cap(toks[k].text)
                and not unit.inside[k]
                and not _function_word(toks[k].text)
                and toks[k].text.lower() not in lex.SPEAKER_STOP_WORDS
                and toks[k].text not in lex.TIME_NOUNS
            ):
                j = _caps_end(unit, k + 1)
                continue
            break
        if w == "," and j + 1 < n:
            # apposition: ", der Sprecher des X," or ", Adrienne Watson"
            k = j + 1
            if toks[k].text in ("der", "die", "ein", "eine", "dem", "den", "einem") and k + 1 < n:
                m = k + 1
                while m < n and _ADJ.match(toks[m].text):
                    m += 1
                if m < n and _is_role(toks[m].text):
                    # the apposition counts even where its own end is not found ("Fraktionschefin
                    # von Bündnis 90/Die Grünen"): +0.4 speaker F1 on train
                    return _extend_np(unit, m + 1)
                break
            m = k
            while m < n and _ADJ.match(toks[m].text):
                m += 1
            if m < n and _is_role(toks[m].text) and k > 0 and _is_cap(toks[j - 1].text):
                # bare role after a name: "Matthias Freude, Präsident des Landesumweltamtes",
                # "Charles Bouchard, kanadischer General"
                return _extend_np(unit, m + 1)
            if _is_cap(toks[k].text) and toks[k].text.lower() not in lex.SPEAKER_STOP_WORDS:
                m = k
                while (
                    m < n
                    and not _is_role(toks[m].text)
                    and (_is_cap(toks[m].text) or (toks[m].text in lex.NAME_PARTICLES and m + 1 < n))
                ):
                    m += 1
                if (
                    m > k
                    and m - k <= 3
                    and (m >= n or toks[m].text in (",", ".", ":"))
                    and _looks_like_role_phrase(unit, j)
                ):
                    return m
            break
        break
    return j


def _is_role_form(word: str) -> bool:
    """A role noun, also in the genitive or weak declension ("des Parteichefs", "Präsidenten")."""
    if _is_role(word):
        return True
    return any(word.endswith(e) and _is_role(word[: -len(e)]) for e in lex.ROLE_INFLECTIONS)


def _looks_like_role_phrase(unit: _Unit, comma: int) -> bool:
    """Whether the tokens before ``comma`` (back to a determiner) contain a role noun."""
    return any(_is_role_form(unit.tokens[k].text) for k in range(comma - 1, max(-1, comma - 10), -1))


def _np_left(unit: _Unit, end: int, lo: int) -> tuple[int, int] | None:
    """Speaker phrase ending right before token ``end``, not reaching before ``lo``."""
    toks = unit.tokens
    if end <= lo:
        return None
    if end - 1 >= lo and toks[end - 1].text.lower() in lex.PRONOUNS and end - 1 == lo:
        return (end - 1, end)
    # The subject in first position: the whole stretch lo..end must look like a noun phrase.
    start = lo
    while start < end and toks[start].text.lower() in ("auch", "selbst", "sogar", "nur", "so"):
        start += 1
    if start >= end:
        return None
    span = _np_right(unit, start)
    if span is None or span[1] > end:
        return None
    # between subject and cue only a comma (after an apposition), auxiliaries and adverbs
    if _object_first(unit, span[0], end):
        return None
    between = [t.text.lower() for t in toks[span[1] : end]]
    if all(w in _AUX or w in lex.SPEAKER_STOP_WORDS or w == "," for w in between) and (
        not between or between[0] in _AUX or between[0] == ","
    ):
        return span
    return None


def _object_first(unit: _Unit, start: int, verb: int) -> bool:
    """Whether the phrase at ``start`` before the finite ``verb`` is an object, not the subject:
    it opens with a dative/accusative article ("Den Börsenwert beziffert ...") or a subject
    pronoun follows the verb ("Die Tat bezeichnete er als sinnlos")."""
    toks = unit.tokens
    if toks[start].text.lower() in lex.OBLIQUE_DETERMINERS:
        return True
    return verb + 1 < len(toks) and toks[verb + 1].text in lex.SUBJECT_PRONOUNS


def _skip_midfield(unit: _Unit, k: int) -> int:
    """First token after adverbs and time phrases that follow a finite verb."""
    toks = unit.tokens
    n = len(toks)
    for _ in range(MAX_MIDFIELD_TOKENS):
        if k >= n or unit.inside[k]:
            return k
        w = toks[k].text
        time_word = w in lex.TIME_NOUNS or w.lower() in lex.MIDFIELD_ADVERBS
        opens_time = w.lower() in lex.TIME_DETERMINERS and k + 1 < n and toks[k + 1].text in lex.TIME_NOUNS
        if not (time_word or opens_time):
            return k
        k += 1
    return k


def _finite_before(unit: _Unit, c: int, lo: int) -> int:
    """The finite auxiliary of a participle cue ("hat ... mitgeteilt"), else the cue itself."""
    toks = unit.tokens
    for k in range(c - 1, max(lo - 1, c - 12), -1):
        if unit.inside[k] or toks[k].text in (",", ".", ";", ":"):
            break
        if toks[k].text.lower() in _AUX:
            return k
    return c


def _relative_pronoun(unit: _Unit, c: int, lo: int) -> int | None:
    """The relative pronoun opening the clause of a clause-final cue (", der am Montag sagte")."""
    toks = unit.tokens
    for k in range(c - 1, max(lo, c - 10) - 1, -1):
        w = toks[k].text
        if w in (",", "–") and k + 2 <= c:
            r = k + 1
            nxt = toks[r + 1].text
            article = _is_cap(nxt) or (_ADJ.match(nxt) and r + 2 < c and _is_cap(toks[r + 2].text))
            if toks[r].text in lex.RELATIVE_PRONOUNS and not article:
                return r
            return None
        if unit.inside[k] or w in (".", ";", ":"):
            return None
    return None


def _subject(unit: _Unit, c: int, lo: int) -> tuple[int, int] | None:
    """The subject of the cue verb at ``c`` in the main clause starting at ``lo``.

    1. A noun phrase filling the whole prefield ("Der Sprecher (hat) sagte").
    2. Inverted order: after the finite verb, past adverbs ("Am Montag sagte dazu der Sprecher").
    3. A noun phrase opening the clause, followed by an apposition or relative clause.
    """
    toks = unit.tokens
    rel = _relative_pronoun(unit, c, lo)
    if rel is not None:
        return (rel, rel + 1)
    sp = _np_left(unit, c, lo)
    if sp is not None:
        return sp
    f = _finite_before(unit, c, lo)
    if f != c:
        sp = _np_left(unit, f, lo)
        if sp is not None:
            return sp
    first = _np_right(unit, lo)
    if first is not None and first[1] <= f and f < len(toks):
        rest = toks[first[1] : f]
        if rest and rest[0].text == "," and toks[first[1] - 1].text != ",":
            return first
    k = _skip_midfield(unit, f + 1)
    if k < len(toks):
        sp = _np_right(unit, k)
        if sp is not None and (f == c or sp[1] <= c):
            return sp
    if first is not None and first[1] <= f:
        return first
    return None


# --------------------------------------------------------------------------------------------
# speaker names, roles and coreference


@dataclass
class _Person:
    name: str
    role: str | None
    gender: str  # "m", "f" or "?"
    pos: int


def _split_speaker(words: list[str]) -> tuple[str | None, str | None, str]:
    """(name, role, gender) of a speaker phrase."""
    parts: list[list[str]] = [[]]
    for w in words:
        if w == ",":
            parts.append([])
        else:
            parts[-1].append(w)
    parts = [_without_place(part) for part in parts]
    name: list[str] = []
    role: list[str] = []
    gender = "?"
    for part in parts:
        k = 0
        while k < len(part) and (part[k].lower() in lex.DETERMINERS or _ADJ.match(part[k])):
            if part[k].lower() in ("die", "eine", "ihre") and k == 0:
                gender = "f"
            elif part[k].lower() in ("der", "ein", "sein") and k == 0:
                gender = "m"
            k += 1
        rest = part[k:]
        role_idx = [m for m, w in enumerate(rest) if _is_role(w)]
        if role_idx:
            r = role_idx[0]
            head = rest[r]
            gender = "f" if head.endswith("in") and not head.endswith("Bin") else "m"
            # genitive complement belongs to the role: "Sprecher des US-Außenministeriums"
            tail = rest[r + 1 :]
            if tail and tail[0] in ("des", "der", "von", "vom"):
                role.extend(rest[r:])
                continue
            role.extend(rest[: r + 1])
            name.extend(w for w in tail if _is_cap(w) or w in lex.SURNAME_PARTICLES)
        elif rest:
            name.extend(rest)
    return _joined(name), _joined(role), gender


_AFTER_OPENING_MARK = re.compile(r"([„»‚]) ")
_BEFORE_CLOSING_MARK = re.compile(r" ([“«‘])")


def _joined(words: list[str]) -> str | None:
    """Words of a name or role as written: no space inside German quotation marks ("Zeitung „Bild“")."""
    text = _BEFORE_CLOSING_MARK.sub(r"\1", _AFTER_OPENING_MARK.sub(r"\1", " ".join(words)))
    return text or None


def _without_place(part: list[str]) -> list[str]:
    """Where a person was is not part of their name ("Merkel im Bundestag" is Merkel, "der Sprecher
    in Berlin" a Sprecher); an institution keeps its place ("das Verteidigungsministerium in
    London" is not the one in Moskau)."""
    m = next((m for m, w in enumerate(part) if m > 0 and w in lex.PLACE_PREPOSITIONS), None)
    if m is None:
        return part
    head = part[:m]
    person = head[0].lower() not in lex.DETERMINERS and _is_person_name(" ".join(head))
    return head if person or any(_is_role(w) for w in head) else part


def _is_person_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 4:
        return False
    low = name.lower()
    return not low.endswith(lex.INSTITUTION_SUFFIXES) and all(
        _is_cap(w) or w in lex.SURNAME_PARTICLES for w in words
    )


class _Registry:
    """Persons named so far, in text order: the salience list for coreference."""

    def __init__(self) -> None:
        self.people: list[_Person] = []

    def add(self, name: str, role: str | None, gender: str, pos: int) -> _Person:
        for p in self.people:
            if p.name == name or p.name.endswith(" " + name):
                p.pos = max(p.pos, pos)
                if role and not p.role:
                    p.role = role
                if p.gender == "?":
                    p.gender = gender
                return p
        person = _Person(name, role, gender, pos)
        self.people.append(person)
        return person

    def resolve_pronoun(self, gender: str, pos: int) -> _Person | None:
        cands = [p for p in self.people if p.pos < pos and p.gender in (gender, "?")]
        return max(cands, key=lambda p: p.pos) if cands else None

    def resolve_role(self, role: str, gender: str, pos: int) -> _Person | None:
        head = role.split()[0].lower()
        head = head.split("-")[-1]
        base = head[:-2] if head.endswith("in") else head
        cands = [
            p
            for p in self.people
            if p.pos < pos and p.role and base in p.role.lower() and p.gender in (gender, "?")
        ]
        return max(cands, key=lambda p: p.pos) if cands else None


def _scan_people(sentences: list[list[Token]], registry: _Registry) -> None:
    """Register "Role Firstname Lastname" mentions anywhere in the text."""
    for sent in sentences:
        n = len(sent)
        for i, tok in enumerate(sent):
            if not _is_role(tok.text):
                continue
            j = i + 1
            while j < n and j < i + 4 and _is_cap(sent[j].text) and not _is_role(sent[j].text):
                if sent[j].text.lower() in lex.SPEAKER_STOP_WORDS:
                    break
                j += 1
            if j - i >= 2:
                name = " ".join(t.text for t in sent[i + 1 : j])
                if _is_person_name(name):
                    gender = "f" if tok.text.endswith("in") else "m"
                    registry.add(name, tok.text, gender, sent[i + 1].start)


# --------------------------------------------------------------------------------------------
# building quotes


@dataclass
class _Attribution:
    speaker: tuple[int, int] | None  # token span in the unit
    cue: list[int]
    frame: tuple[int, int] | None
    unit: _Unit


def _span_of(unit: _Unit, idx: list[int], text: str) -> Span:
    spans: list[tuple[int, int]] = []
    for i in sorted(idx):
        s, e = unit.tokens[i].start, unit.tokens[i].end
        if spans and spans[-1][1] >= s - 1 and i - 1 in idx:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return Span(" ".join(text[s:e] for s, e in spans), tuple(spans))


def _char_span(text: str, spans: list[tuple[int, int]]) -> Span:
    spans = [(s, e) for s, e in spans if e > s]
    return Span(" ".join(text[s:e] for s, e in spans), tuple(spans))


class _Finder:
    def __init__(self, text: str, sentences: list[list[Token]]) -> None:
        self.text = text
        self.marks = _quote_mark_spans(text)
        self.units = _units(sentences, self.marks)
        self.registry = _Registry()
        _scan_people(sentences, self.registry)
        self.quotes: list[Quote] = []

    # speaker resolution ---------------------------------------------------------------------
    def _speaker(
        self, unit: _Unit, span: tuple[int, int] | None
    ) -> tuple[Span | None, str | None, str | None]:
        if span is None:
            return None, None, None
        toks = unit.tokens[span[0] : span[1]]
        words = [t.text for t in toks]
        mention = Span(self.text[toks[0].start : toks[-1].end], ((toks[0].start, toks[-1].end),))
        pos = toks[0].start
        if len(words) == 1 and words[0].lower() in lex.ANAPHORIC_SOURCE_CUES:
            return mention, None, None
        if len(words) == 1 and (words[0].lower() in lex.PRONOUNS or words[0] in lex.RELATIVE_PRONOUNS):
            gender = lex.PRONOUNS.get(words[0].lower()) or lex.RELATIVE_PRONOUNS[words[0]]
            person = self.registry.resolve_pronoun(gender if gender != "1" else "?", pos)
            if person is None and gender == "f":
                person = self.registry.resolve_pronoun("?", pos)
            if person is None:
                return mention, None, None
            return mention, person.name, person.role
        if (words[-1] in lex.SOURCE_NOUNS or words[-1] in lex.POSTPOSED_NACH) and all(
            w.lower() in lex.DETERMINERS or _ADJ.match(w.lower()) for w in words[:-1]
        ):
            return mention, None, None  # "Dem Vernehmen (nach)", "eigenen Angaben": nobody named
        name, role, gender = _split_speaker(words)
        if name and _is_person_name(name):
            person = self.registry.add(name, role, gender, pos)
            return mention, person.name, role or person.role
        if role and not name:
            if " " in role:  # "der Sprecher des Frontabschnitts": a person of its own
                return mention, None, role
            person = self.registry.resolve_role(role, gender, pos)
            if person is None:  # "der SPD-Politiker": the last person of matching gender
                person = self.registry.resolve_pronoun(gender, pos)
            if person is not None:
                return mention, person.name, role
            return mention, None, role
        if name:
            return mention, name, role
        return mention, None, role

    def _emit(
        self,
        quote_spans: list[tuple[int, int]],
        attribution: _Attribution | None,
        qtype: QuoteType,
        inherited: Quote | None = None,
    ) -> Quote:
        qspan = _char_span(self.text, quote_spans)
        if attribution is not None:
            unit = attribution.unit
            speaker, name, role = self._speaker(unit, attribution.speaker)
            cue = _span_of(unit, attribution.cue, self.text) if attribution.cue else None
            frame = None
            if attribution.frame is not None:
                a, b = attribution.frame
                frame = Span(
                    self.text[unit.tokens[a].start : unit.tokens[b - 1].end],
                    ((unit.tokens[a].start, unit.tokens[b - 1].end),),
                )
            quote = Quote(qspan, speaker, name, role, cue, qtype, frame)
        elif inherited is not None:
            quote = Quote(
                qspan, inherited.speaker, inherited.speaker_name, inherited.speaker_role, None, qtype
            )
        else:
            quote = Quote(qspan, None, None, None, None, qtype)
        self.quotes.append(quote)
        return quote

    # main loop ------------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        last: Quote | None = None
        gap = 99
        for ui, unit in enumerate(self.units):
            produced = self._resumed(unit, self.units[ui - 1]) if ui > 0 else None
            if produced is None:
                produced = self._unit(unit, last, gap)
            if produced is not None:
                last, gap = produced, 0
            else:
                gap += 1
        # a quote whose spans all came out empty has no text to show (and no place to sort by)
        self.quotes = [q for q in self.quotes if q.quote.spans]
        self._nested()
        self._fill_speakers()
        return self.quotes

    def _fill_speakers(self) -> None:
        """A quote no frame attributes, opened inside its sentence, gets that sentence's subject.

        "Der Minister nannte die Pläne „überfällig“": the noun phrase opening the sentence, when
        it ends before the quotation. Looking further back (previous sentence, previous speaker)
        was tried and lowered speaker F1 on train: it is wrong more often than right.
        """
        starts = [u.start for u in self.units]
        for qi, q in enumerate(self.quotes):
            if q.speaker is not None or q.cue is not None:
                continue
            qs = q.quote.spans[0][0]
            ui = bisect.bisect_right(starts, qs) - 1
            if ui < 0 or qs <= self.units[ui].start:
                continue
            unit = self.units[ui]
            first = 1 if unit.tokens[0].text in lex.FOCUS_PARTICLES else 0  # "Auch der Sprecher"
            sp = _np_right(unit, first)
            if (
                sp is None
                or unit.tokens[sp[1] - 1].end > qs
                or unit.tokens[first].text.lower() in lex.OBLIQUE_DETERMINERS
            ):
                continue
            speaker, name, role = self._speaker(unit, sp)
            self.quotes[qi] = Quote(q.quote, speaker, name, role, None, q.type, q.frame)

    def _nested(self) -> None:
        """Quotation marks inside an indirect or reported quote are nested direct quotes."""
        taken = {q.quote.spans[0][0] for q in self.quotes if q.type == "direct"}
        extra: list[Quote] = []
        for s, e, _ in self.marks:
            inner = self.text[s + 1 : e - 1]
            # inside reported speech a lower-case word in quotation marks is the speaker's
            # wording („anhabe“, „mutmaßliche“), not a title (+0.5 speaker F1 on train)
            if (
                s in taken
                or e - s < 3
                or (_looks_like_title(inner) and _all_caps_words(inner))
                or (not inner.rstrip().endswith((".", "!", "?")) and _after_title_noun(self.text, s))
            ):
                continue
            for qi, q in enumerate(self.quotes):
                if q.type == "direct":
                    continue
                if q.quote.spans == ((s, e),):  # '"Das stimmt", sagte Miller.': one quote, direct
                    self.quotes[qi] = replace(q, type="direct")
                    break
                in_speaker = q.speaker is not None and any(a <= s and e <= b for a, b in q.speaker.spans)
                if not in_speaker and any(a <= s and e <= b for a, b in q.quote.spans):
                    extra.append(
                        Quote(
                            Span(self.text[s:e], ((s, e),)),
                            q.speaker,
                            q.speaker_name,
                            q.speaker_role,
                            q.cue,
                            "direct",
                            q.frame,
                        )
                    )
                    break
        self.quotes.extend(extra)
        self.quotes.sort(key=lambda q: q.quote.spans[0][0])

    def _unit(self, unit: _Unit, last: Quote | None, gap: int) -> Quote | None:
        cues = _find_cues(unit)
        direct = [m for m in unit.marks if m[2] == 0 and self._is_direct(unit, m)]
        if direct and not all(self._embedded(unit, m) for m in direct):
            return self._direct(
                unit,
                direct,
                cues,
                last if gap <= DIRECT_GAP and (last is None or last.type == "direct") else None,
            )
        previous = last if gap <= CONTINUATION_GAP else None
        produced = self._indirect(unit, cues)
        if produced is not None:
            return produced
        if direct:
            return self._direct(
                unit,
                direct,
                cues,
                last if gap <= DIRECT_GAP and (last is None or last.type == "direct") else None,
            )
        if self._free_indirect(unit):
            return self._whole(unit, previous, "indirect")
        if previous is not None and self._konjunktiv(unit, strong=gap > 0):
            return self._continue(unit, previous)
        produced = self._reported_verb(unit, cues)
        if produced is None and self._konjunktiv(unit, strong=True) and len(unit.tokens) >= MIN_FREE_TOKENS:
            # free indirect speech far from its frame: a quote without a speaker (inheriting the
            # last speaker at gaps 2-3 lowered speaker F1 on train)
            return self._whole(unit, None, "indirect")
        return produced

    def _resumed(self, unit: _Unit, previous: _Unit) -> Quote | None:
        """ "Dies bestätigte der Vatikan.": the pronoun takes up the sentence before, which is the
        quote; the frame names speaker and cue. (The corpus adds the pronoun to the quote; a
        press review shows the sentence alone.) Only a sentence that is nothing but the frame
        counts: "Das sagte der Minister: „…“" has a quote of its own."""
        toks = unit.tokens
        if len(toks) < 3 or toks[0].text not in lex.RESUMPTIVE_PRONOUNS or unit.marks or unit.inside[0]:
            return None
        if any(
            t.text in (":", ";") or t.text.lower() in ("dass", "ob") for t in toks
        ) or self._has_konjunktiv(unit, 0, len(toks)):
            return None
        cue = next((c for c in _find_cues(unit) if c.idx[0] == 1 and c.kind == "verb" and not c.weak), None)
        if cue is None:
            return None
        sp = _np_right(unit, _skip_midfield(unit, 2))
        if sp is None or toks[sp[0]].text.lower() in lex.OBLIQUE_DETERMINERS:
            return None  # "Das erklärt den Anstieg der Mieten": an object, nobody speaking
        if self.quotes and self.quotes[-1].quote.spans[-1][1] > previous.start:
            q = self.quotes[-1]
            if q.speaker is not None:
                return None  # the sentence before has its own attribution
            speaker, name, role = self._speaker(unit, sp)
            cue_span = _span_of(unit, cue.idx, self.text)
            self.quotes[-1] = Quote(q.quote, speaker, name, role, cue_span, q.type, q.frame)
            return self.quotes[-1]
        att = _Attribution(sp, cue.idx, (1, max(sp[1], *[x + 1 for x in cue.idx])), unit)
        return self._emit([(previous.start, previous.end)], att, "indirect")

    def _embedded(self, unit: _Unit, mark: tuple[int, int, int]) -> bool:
        """A quotation inside running text ("sei ein „Opfer des Terrorismus“")."""
        i = self._tok_index(unit, mark[0])
        return i > 0 and unit.tokens[i - 1].text not in (":", ",", "(", "–", "-")

    def _is_direct(self, unit: _Unit, mark: tuple[int, int, int]) -> bool:
        inner = [t.text for t in unit.within(mark)]
        at_start = mark[0] == unit.start
        if len(inner) < (2 if at_start else MIN_DIRECT_TOKENS):
            return False
        words = [w for w in inner if not _is_punct(w)]
        if inner[-1] not in (".", "!", "?") and _after_title_noun(self.text, mark[0]):
            return False  # das Motto „Freiheit statt Angst“
        # titles and names: „Confederação Brasileira de Futebol“, „And Tango Makes Three“
        caps = sum(1 for w in words if _is_cap(w))
        return not (caps >= len(words) - 1 and inner[-1] not in (".", "!", "?"))

    def _free_indirect(self, unit: _Unit) -> bool:
        """Hearsay modal: "Es soll zu Ausschreitungen gekommen sein"."""
        words = [t.text for t in unit.tokens]
        if not any(w in ("soll", "sollen") for w in words):
            return False
        tail = [w.lower() for w in words[-4:]]
        return any(w in ("sein", "haben", "worden") for w in tail)

    def _whole(self, unit: _Unit, previous: Quote | None, qtype: QuoteType) -> Quote:
        spans = self._tok_spans(unit, 0, len(unit.tokens))
        return self._emit(spans, None, qtype, inherited=previous)

    def _reported_verb(self, unit: _Unit, cues: list[_Cue]) -> Quote | None:
        """A speech act without its content: "Die Schüler klagten über zu viel Stress."."""
        toks = unit.tokens
        for cue in cues + self._stance_cues(unit):
            if cue.kind != "verb" or cue.weak:
                continue
            c = cue.idx[0]
            if _PARTICIPLE.search(toks[c].text) or (c > 0 and toks[c - 1].text.lower() in lex.DETERMINERS):
                continue
            need = lex.REPORTED_VERB_REQUIRES.get(_lemma(toks[c].text))
            if need is not None and not any(t.text.lower() in need for t in toks):
                continue  # "Ihm droht eine Haftstrafe" is no threat anybody made
            sp = _np_left(unit, c, 0)
            if sp is None and (_np_right(unit, 0) is None or _object_first(unit, 0, c)):
                sp = _np_right(unit, c + 1)  # inverted: "Am Montag kritisierte die Opposition"
            if sp is None:
                continue
            att = _Attribution(sp, [], None, unit)
            return self._emit(self._tok_spans(unit, 0, len(toks)), att, "reported")
        return None

    def _stance_cues(self, unit: _Unit) -> list[_Cue]:
        """Verbs of judgement that report a stance with their preposition ("Analysten halten X für
        wahrscheinlich", "Beobachter werten X als Erfolg")."""
        toks = unit.tokens
        words = {t.text.lower() for k, t in enumerate(toks) if not unit.inside[k]}
        found: list[_Cue] = []
        for k, t in enumerate(toks):
            if unit.inside[k] or not t.text[:1].islower():
                continue
            need = lex.STANCE_VERBS.get(_lemma(t.text))
            if need is not None and (not need or words & need) and _clause_final_particle(unit, k) is None:
                found.append(_Cue("verb", [k]))
        return found

    def _n_tokens(self, unit: _Unit, mark: tuple[int, int, int]) -> int:
        return len(unit.within(mark))

    def _tok_index(self, unit: _Unit, char: int) -> int:
        return bisect.bisect_left(unit.starts, char)

    # direct ---------------------------------------------------------------------------------
    def _direct(
        self,
        unit: _Unit,
        marks: list[tuple[int, int, int]],
        cues: list[_Cue],
        previous: Quote | None,
    ) -> Quote | None:
        toks = unit.tokens
        groups: list[list[tuple[int, int, int]]] = []
        atts: list[_Attribution | None] = []
        for mark in marks:
            qs = self._tok_index(unit, mark[0])
            qe = self._tok_index(unit, mark[1])  # first token after the closing mark
            att = self._frame_after(unit, qe, cues)
            if att is None:
                att = self._frame_before(unit, qs, cues)
            prev_att = atts[-1] if atts else None
            if prev_att is not None and self._interrupt(unit, groups[-1][-1], mark, prev_att):
                groups[-1].append(mark)  # „A“, sagte X, „B“
                continue
            groups.append([mark])
            atts.append(att)
        last: Quote | None = None
        for group, att in zip(groups, atts, strict=True):
            spans = [(m[0], m[1]) for m in group]
            last = self._emit(spans, att, "direct", inherited=last or previous)
        _ = toks
        return last

    def _interrupt(
        self, unit: _Unit, prev: tuple[int, int, int], mark: tuple[int, int, int], att: _Attribution
    ) -> bool:
        """``„A“, sagte X, „B“``: the frame sits between the two marks."""
        if att.frame is None:
            return False
        f0 = unit.tokens[att.frame[0]].start
        f1 = unit.tokens[att.frame[1] - 1].end
        between = self.text[prev[1] : mark[0]]
        return prev[1] <= f0 and f1 <= mark[0] and len(between) < (f1 - f0) + 8

    def _frame_after(self, unit: _Unit, qe: int, cues: list[_Cue]) -> _Attribution | None:
        toks = unit.tokens
        n = len(toks)
        i = qe
        if i < n and toks[i].text == ",":
            i += 1
        if i >= n:
            return None
        for cue in cues:
            c = cue.idx[0]
            if c != i:
                continue
            if cue.kind == "verb":
                sp = _np_right(unit, _skip_midfield(unit, c + 1))
                end = max([sp[1] if sp else c + 1, *cue.idx]) if sp else c + 1
                return _Attribution(sp, cue.idx, (i, end), unit)
            if cue.kind == "so":
                sp = _np_right(unit, c + 1)
                return _Attribution(sp, cue.idx, (i, sp[1] if sp else c + 1), unit)
            if cue.kind == "heisst":
                # „…“, heißt es in der Erklärung
                hsp = None
                if c + 3 < n and toks[c + 2].text.lower() in ("in", "im"):
                    more = _np_right(unit, c + 3)
                    hsp = None if more is None else (c + 3, more[1])
                end_f = hsp[1] if hsp else min(n, c + 2)
                return _Attribution(hsp, [c, c + 1] if c + 1 < n else [c], (i, end_f), unit)
        # passive: „…“, wird X zitiert / hatte X gesagt
        if toks[i].text.lower() in ("wird", "wurde", "hatte", "hat", "habe", "so"):
            for cue in cues:
                c = cue.idx[0]
                if cue.kind == "verb" and c > i + 1:
                    sp = _np_right(unit, i + 1)
                    if sp is not None and sp[1] <= c:
                        return _Attribution(
                            sp,
                            [i, *cue.idx] if toks[i].text.lower() in ("wird", "wurde") else cue.idx,
                            (i, c + 1),
                            unit,
                        )
        return None

    def _frame_before(self, unit: _Unit, qs: int, cues: list[_Cue]) -> _Attribution | None:
        toks = unit.tokens
        before = [c for c in cues if c.idx[0] < qs and c.kind == "verb" and not c.weak]
        if not before:
            heisst = [c for c in cues if c.idx[0] < qs and c.kind == "heisst"]
            if not heisst or qs == 0 or toks[qs - 1].text != ":":
                return None
            c = heisst[-1].idx[0]  # "In der Erklärung heißt es: „…“"
            hsp = self._source_pp(unit, c)
            cue_idx = [c, c + 1] if toks[c + 1].text == "es" else [c - 1, c]
            return _Attribution(hsp, cue_idx, (hsp[0] if hsp else c, qs), unit)
        cue = before[-1]
        c = cue.idx[0]
        # the clause must run up to the quote: "X sagte (dem Blatt): „…“"
        clause_start = 0
        for k in range(c - 1, -1, -1):
            if toks[k].text in (".", ";", ":") or (unit.inside[k] and not _in_title(unit, k)):
                clause_start = k + 1
                break
        sp = _subject(unit, c, clause_start)
        frame_end = qs
        if frame_end > 0 and toks[frame_end - 1].text == ":":
            frame_end = frame_end
        lo = sp[0] if sp and sp[0] < c else c
        return _Attribution(sp, cue.idx, (lo, max(frame_end, c + 1)), unit)

    # indirect -------------------------------------------------------------------------------
    def _indirect(self, unit: _Unit, cues: list[_Cue]) -> Quote | None:
        toks = unit.tokens
        n = len(toks)
        end = n
        closing = {e for _, e, _ in unit.marks}
        while end > 0 and toks[end - 1].text in (".", "!", "?", '"', "“", "«", "»"):
            if toks[end - 1].end in closing:  # closes a quotation inside the quote: keep it
                break
            end -= 1
        question = toks[-1].text == "?" and not unit.inside[n - 1]
        for cue in cues:
            c = cue.idx[0]
            if question and cue.kind in ("laut", "nach", "zufolge"):
                continue  # "Welche Vorschläge sind Ihrer Meinung nach verfassungswidrig?"
            if cue.kind in ("laut", "nach"):
                sp = _np_right(unit, c + 1)
                if sp is None:
                    continue
                if sp[1] + 1 < n and toks[sp[1]].text in ("von", "vom", "aus", "in"):
                    more = _np_right(unit, sp[1] + 1)
                    # "in Flensburg", not "in dem Land" / "in die Luft"
                    if more is not None and (toks[sp[1]].text != "in" or _is_cap(toks[sp[1] + 1].text)):
                        sp = (sp[0], more[1])
                frame = (c, sp[1])
                return self._reported(unit, cue, sp, frame, end)
            if cue.kind == "zufolge":
                sp = self._np_before(unit, c)
                if sp is None:
                    continue
                return self._reported(unit, cue, sp, (sp[0], c + 1), end)
            if cue.kind == "so" and c > 1:
                sp = _np_right(unit, c + 1)
                if sp is None:
                    continue
                att = _Attribution(sp, cue.idx, (c - 1, sp[1]), unit)
                return self._emit(self._tok_spans(unit, 0, c - 1), att, "reported")
            if cue.kind == "demnach":
                # "Demnach sei ...": the adverb is both source and cue (it points back to one)
                if c + 1 >= end:
                    continue
                lo = c + 1 if toks[c].text.lower() == "wonach" else 0
                spans = self._tok_spans(unit, lo, c) + self._tok_spans(unit, c + 1, end)
                source = (c, c + 1)
                if lo and c > 1 and toks[c - 1].text == ",":  # "ein Bericht der Agentur X, wonach"
                    source = self._np_before(unit, c - 1) or source
                att = _Attribution(source, [c], (c, c + 1), unit)
                return self._emit(_merge(spans), att, "reported")
            if cue.kind == "heisst":
                # "In der Erklärung heißt es, (dass) ...": the document is the source
                comma = self._next_comma(unit, c)
                if comma is not None and comma + 1 < end and toks[comma].text == ",":
                    hsp = self._source_pp(unit, c)
                    cue_idx = [c, c + 1] if toks[c + 1].text == "es" else [c - 1, c]
                    att = _Attribution(hsp, cue_idx, (hsp[0] if hsp else c, comma + 1), unit)
                    return self._emit(self._tok_spans(unit, comma + 1, end), att, "indirect")
                continue
            if cue.kind != "verb":
                continue
            # "Wie X mitteilte, ..." / "..., wie X mitteilte."
            wie = self._wie_frame(unit, cue, end)
            if wie is not None:
                return wie
            # "X sagte (dem Blatt), (dass) ..."
            comma = self._next_comma(unit, c)
            if comma is not None and c > 0:
                inv = _np_right(unit, _skip_midfield(unit, c + 1))
                if inv is not None and inv[1] > comma and inv[1] < end and toks[inv[1]].text == ",":
                    comma = inv[1]  # inverted subject with apposition: "sagte der Koordinator, X, dass"
                if comma + 1 < end and toks[comma + 1].text == "gegenüber":
                    comma = self._next_comma(unit, comma + 1)  # ", gegenüber der BBC, dass"
            if (
                comma is not None
                and comma + 1 < end
                and not (cue.weak and toks[comma + 1].text.lower() not in ("dass", "ob"))
            ):
                passive = self._passive(unit, cue)
                if passive:
                    sp = self._agent(unit, max(cue.idx))
                else:
                    sp = self._subject_or_inverted(unit, c, comma) if c > 0 else None
                if sp is None:
                    sp = self._source_pp(unit, c)  # "In einer Erklärung wurde verkündet, dass"
                content = toks[comma + 1].text.lower()
                if (
                    content in ("dass", "ob")
                    or self._has_konjunktiv(unit, comma + 1, end)
                    or ((sp is not None or passive) and self._zu_infinitive(unit, comma + 1, end))
                    or (sp is not None and content in ("er", "sie", "es", "man") and not cue.weak)
                ):
                    lo = sp[0] if sp and sp[0] < c else c
                    att = _Attribution(sp, cue.idx, (lo, comma + 1), unit)
                    return self._emit(self._tok_spans(unit, comma + 1, end), att, "indirect")
            # "..., sagte X."  (post-posed frame)
            if c > 1 and toks[c - 1].text == "," and not cue.weak:
                sp = _np_right(unit, _skip_midfield(unit, c + 1))
                closes = sp is not None and max(sp[1], *[x + 1 for x in cue.idx]) >= end
                if sp is not None and (closes or self._has_konjunktiv(unit, 0, c - 1)):
                    att = _Attribution(sp, cue.idx, (c - 1, max(sp[1], *[x + 1 for x in cue.idx])), unit)
                    return self._emit(self._tok_spans(unit, 0, c - 1), att, "indirect")
        return None

    def _wie_frame(self, unit: _Unit, cue: _Cue, end: int) -> Quote | None:
        toks = unit.tokens
        c = max(cue.idx)
        for k in range(cue.idx[0] - 1, max(-1, cue.idx[0] - MAX_SPEAKER_TOKENS), -1):
            if toks[k].text.lower() == "wie" and (k == 0 or toks[k - 1].text == ","):
                break
            if toks[k].text in (",", ".", ":", ";"):
                return None
        else:
            return None
        if (c + 1 < len(toks) and toks[c + 1].text in (",", ".", "!", "?") and c + 1 >= end - 1) or (
            c + 1 < len(toks) and toks[c + 1].text == ","
        ):
            first = k + 1
            if first < len(toks) and toks[first].text.lower() in lex.SOURCE_PREPOSITIONS:
                first += 1  # "wie aus dem Bericht hervorgeht": the document is the source
            sp = _np_right(unit, first)
            if sp is not None and sp[1] > cue.idx[0]:
                sp = None
            if k == 0:  # "Wie X mitteilte, ..."
                frame = (0, c + 2)
                att = _Attribution(sp, cue.idx, frame, unit)
                return self._emit(self._tok_spans(unit, c + 2, end), att, "reported")
            frame = (k - 1, c + 1)  # "..., wie X mitteilte"
            att = _Attribution(sp, cue.idx, frame, unit)
            spans = self._tok_spans(unit, 0, k - 1)
            if c + 2 < end:
                spans += self._tok_spans(unit, c + 2, end)
            return self._emit(spans, att, "reported")
        return None

    def _zu_infinitive(self, unit: _Unit, a: int, b: int) -> bool:
        words = [t.text for t in unit.tokens[a:b]]
        return len(words) >= 2 and (words[-2] == "zu" or "zu" in words[-1][2:-2])

    def _reported(
        self, unit: _Unit, cue: _Cue, sp: tuple[int, int], frame: tuple[int, int], end: int
    ) -> Quote | None:
        toks = unit.tokens
        a, b = frame
        # commas around an inserted frame are not part of the quote
        left_end = a
        if left_end > 0 and toks[left_end - 1].text == ",":
            left_end -= 1
        right_start = b
        if right_start < end and toks[right_start].text == ",":
            right_start += 1
        spans = self._tok_spans(unit, 0, left_end) + self._tok_spans(unit, right_start, end)
        if not spans:
            return None
        att = _Attribution(sp, cue.idx, frame, unit)
        return self._emit(_merge(spans), att, "reported")

    def _np_before(self, unit: _Unit, c: int) -> tuple[int, int] | None:
        toks = unit.tokens
        for start in range(max(0, c - MAX_SPEAKER_TOKENS), c):
            if (
                start > 0
                and toks[start - 1].text not in (",",)
                and toks[start - 1].text[:1].isupper()
                and start - 1 != 0
            ):
                continue
            w = toks[start].text
            if w.islower() and w not in lex.DETERMINERS and _lemma(w) == w:
                continue  # a verb, not an adjective: "gewinnen Medienberichten zufolge"
            sp = _np_right(unit, start)
            if sp is not None and sp[1] == c:
                return sp
        return None

    def _subject_or_inverted(self, unit: _Unit, c: int, comma: int) -> tuple[int, int] | None:
        toks = unit.tokens
        clause_start = 0
        for k in range(c - 1, -1, -1):
            if toks[k].text in (";", ":") or (unit.inside[k] and not _in_title(unit, k)):
                clause_start = k + 1
                break
        sp = _subject(unit, c, clause_start)
        if sp is not None and sp[0] > c and sp[1] > comma:
            return None
        return sp

    def _source_pp(self, unit: _Unit, c: int) -> tuple[int, int] | None:
        """The source of an impersonal cue, the phrase after its preposition (as the corpus marks
        it): opening the clause ("In der Erklärung heißt es", "Bei der Agentur RIA hieß es") or,
        after "heißt es", following it ("So heißt es in der Meldung: ...")."""
        toks = unit.tokens
        if c >= 2 and toks[0].text.lower() in lex.SOURCE_PREPOSITIONS:
            sp = _np_right(unit, 1)
            return sp if sp is not None and sp[1] <= c else None
        after = c + 2  # the preposition after "heißt es"
        if (
            c + 1 < len(toks)
            and toks[c + 1].text == "es"
            and after + 1 < len(toks)
            and toks[after].text.lower() in lex.SOURCE_PREPOSITIONS
        ):
            return _np_right(unit, after + 1)
        return None

    def _next_comma(self, unit: _Unit, c: int) -> int | None:
        toks = unit.tokens
        for k in range(c + 1, min(len(toks), c + 12)):
            if toks[k].text in (",", ":"):
                return k
            if toks[k].text in (".", ";") or unit.inside[k]:
                return None
        return None

    def _passive(self, unit: _Unit, cue: _Cue) -> bool:
        """A passive cue ("Er wurde aufgefordert, ..."): its subject is addressed, not speaking."""
        toks = unit.tokens
        verb = max(cue.idx)
        if toks[verb].text.lower() == _lemma(toks[verb].text):  # infinitive: "wird sagen"
            return False
        if _lemma(toks[verb].text) in lex.PASSIVE_SPEAKER_VERBS:
            return False  # "Merkel wird mit den Worten zitiert": the subject is the speaker
        for k in range(verb - 1, -1, -1):
            if toks[k].text in (",", ";", ":") or toks[k].text in ("und", "oder", "aber") or unit.inside[k]:
                return False  # "Er wurde Präsident und erklärte": another clause
            if toks[k].text.lower() in lex.PASSIVE_AUXILIARIES:
                return True
        return False

    def _agent(self, unit: _Unit, verb: int) -> tuple[int, int] | None:
        """The "von" phrase of a passive cue, preposition included as the corpus marks it ("von
        einem Sprecher wurde angegeben")."""
        toks = unit.tokens
        for k in range(verb - 1, -1, -1):
            if toks[k].text in (",", ";", ":"):
                return None
            if toks[k].text.lower() in ("von", "vom"):
                np = _np_right(unit, k + 1)
                return (k, np[1]) if np is not None and np[1] <= verb else None
        return None

    def _has_konjunktiv(self, unit: _Unit, a: int, b: int) -> bool:
        return any(not unit.inside[k] and unit.tokens[k].text in lex.KONJUNKTIV_I_STRONG for k in range(a, b))

    def _konjunktiv(self, unit: _Unit, strong: bool) -> bool:
        """Konjunktiv I anywhere; right after a quote also the Konjunktiv II substitutes."""
        if self._has_konjunktiv(unit, 0, len(unit.tokens)):
            return True
        return not strong and any(
            not unit.inside[k] and t.text in lex.KONJUNKTIV_FORMS for k, t in enumerate(unit.tokens)
        )

    def _continue(self, unit: _Unit, previous: Quote) -> Quote:
        spans = self._tok_spans(unit, 0, len(unit.tokens))
        if (
            previous.cue is None
            and previous.type == "indirect"
            and self.quotes
            and self.quotes[-1] is previous
            and self.text[previous.quote.spans[-1][1] : spans[0][0]].strip() == ""
        ):
            # consecutive Konjunktiv sentences form one quote
            merged = Quote(
                _char_span(self.text, [(previous.quote.spans[0][0], spans[-1][1])]),
                previous.speaker,
                previous.speaker_name,
                previous.speaker_role,
                None,
                "indirect",
            )
            self.quotes[-1] = merged
            return merged
        quote = Quote(
            _char_span(self.text, spans),
            previous.speaker,
            previous.speaker_name,
            previous.speaker_role,
            None,
            "indirect",
        )
        self.quotes.append(quote)
        return quote

    def _tok_spans(self, unit: _Unit, a: int, b: int) -> list[tuple[int, int]]:
        if b <= a:
            return []
        return [(unit.tokens[a].start, unit.tokens[b - 1].end)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [s for s in spans if s[1] > s[0]]


def _group_tokens(text: str, sentences: list[tuple[int, int]]) -> list[list[Token]]:
    tokens = [t for sent in tokenize_sentences(text) for t in sent]
    groups: list[list[Token]] = []
    k = 0
    for s, e in sentences:
        group: list[Token] = []
        while k < len(tokens) and tokens[k].start < e:
            if tokens[k].start >= s:
                group.append(tokens[k])
            k += 1
        if group:
            groups.append(group)
    return groups


def find_quotes(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Quotations in ``text`` with speaker, cue and type; offsets are character offsets.

    ``sentences`` (spans from :func:`pressespiegel.analyze.sentences.split_sentences`) may be
    passed to reuse an earlier split; otherwise the text is split here.
    """
    token_sents = tokenize_sentences(text) if sentences is None else _group_tokens(text, sentences)
    return find_quotes_in_tokens(text, token_sents)


def find_quotes_in_tokens(text: str, sentences: list[list[Token]]) -> list[Quote]:
    """:func:`find_quotes` on a text already split into sentences of tokens (the analysis does)."""
    if not sentences:
        return []
    return _Finder(text, sentences).run()
