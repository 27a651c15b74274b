"""Step 7a: speaker noun phrases: where the phrase naming the speaker starts and ends.

:func:`np_right` reads a phrase rightwards (determiner, adjectives, capitalised head, genitive
chains, name particles, appositions, places); :func:`np_left` and :func:`subject_of` find the
subject of a cue verb in the prefield, the midfield (inverted order) or a relative clause.
"""

from __future__ import annotations

from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.lexicon import speakers_de as slex
from pressespiegel.analyze.quotes.marks import Unit
from pressespiegel.analyze.quotes.words import (
    ADJ,
    AUX,
    OPENERS,
    PLACE_ADJ,
    function_word,
    is_cap,
    is_punct,
    is_role,
    is_role_form,
    is_source_noun,
)

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


def _title_end(unit: Unit, j: int) -> int | None:
    """End (exclusive) of a short quoted name opening at token ``j``: „Die Zeit“, „Golem“."""
    toks = unit.tokens
    if j >= len(toks) or toks[j].text not in OPENERS:
        return None
    for s, e, _ in unit.marks:
        if s == toks[j].start:
            k = j + 1
            while k < len(toks) and toks[k].end < e:
                k += 1
            inner = toks[j + 1 : k]
            if 0 < len(inner) <= MAX_TITLE_TOKENS and is_cap(inner[0].text) and inner[-1].text not in ".!?":
                return k + 1
            return None
    return None


def in_title(unit: Unit, k: int) -> bool:
    """Whether token ``k`` lies in a short quoted name rather than in a quotation."""
    t = unit.tokens[k]
    for s, e, _ in unit.marks:
        if s <= t.start and t.end <= e:
            j = k
            while j > 0 and unit.tokens[j].start > s:
                j -= 1
            return _title_end(unit, j) is not None
    return False


def _skip_extended_attribute(unit: Unit, j: int) -> int:
    """Past a participle phrase between article and noun: "der [für die Region zuständige]
    Koordinator"; ``j`` unchanged when none is there."""
    toks = unit.tokens
    n = len(toks)
    if j >= n or (
        toks[j].text not in lex.ATTRIBUTE_PREPOSITIONS and toks[j].text not in lex.ATTRIBUTE_ADVERBS
    ):
        return j
    found = j
    for k in range(j + 1, min(n - 1, j + MAX_ATTRIBUTE_TOKENS)):
        if unit.inside[k] or is_punct(toks[k].text):
            break
        w = toks[k].text
        if ADJ.match(w) and w not in lex.DETERMINERS and is_cap(toks[k + 1].text) and not unit.inside[k + 1]:
            # the last such adjective heads the phrase: in "der [für seine blutigen Rachefeldzüge
            # im Film berühmte] US-Regisseur" the first one belongs to the preposition's noun
            found = k
    return found


def np_right(unit: Unit, i: int) -> tuple[int, int] | None:
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
            is_cap(toks[i + 1].text)
            or (ADJ.match(toks[i + 1].text) and i + 2 < n and is_cap(toks[i + 2].text))
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
        and (i == 0 or is_punct(toks[i - 1].text))
        and j + 1 < n
        and ADJ.match(w.lower())
        and w.lower() not in lex.SPEAKER_STOP_WORDS
        and is_cap(toks[j + 1].text)
    ):
        j += 1  # an adjective capitalised at the sentence start: "Politische Berater sagen"
    while j < n and (
        (ADJ.match(toks[j].text) and toks[j].text not in lex.SPEAKER_STOP_WORDS) or toks[j].text.isdigit()
    ):
        j += 1
    if j < n and unit.inside[j]:
        title = _title_end(unit, j)
        return (i, _extend_np(unit, title)) if title is not None and j > i else None
    if j >= n or not is_cap(toks[j].text):
        return None
    if (j == 0 or is_punct(toks[j - 1].text)) and function_word(toks[j].text):
        return None
    head = toks[j].text.lower()
    if head in lex.SPEAKER_STOP_WORDS or head in lex.NON_SPEAKERS or toks[j].text in lex.TIME_NOUNS:
        return None
    j = _extend_np(unit, j)
    return (i, j) if j - i <= MAX_SPEAKER_TOKENS else None


def _caps_end(unit: Unit, j: int) -> int:
    """End (exclusive) of the run of capitalised words outside quotation marks starting at ``j``."""
    toks = unit.tokens
    while j < len(toks) and is_cap(toks[j].text) and not unit.inside[j]:
        j += 1
    return j


def _extend_np(unit: Unit, j: int) -> int:
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
            and ((w[0] == "0" and is_cap(toks[j + 1].text)) or toks[j + 1].text == "/")
        ):
            # numbers inside names: "Bayer 04 Leverkusen", "Bündnis 90/Die Grünen" (not a count
            # after the name: "nach Angaben der Zeitung 40 Menschen")
            k = j + 1 if toks[j + 1].text != "/" else j + 2
            if k < n and is_cap(toks[k].text) and not unit.inside[k]:
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
            while k + 1 < n and PLACE_ADJ.match(toks[k].text):
                k += 1  # "im norwegischen Oslo"
        if (
            w in lex.LOCATIVE_PREPOSITIONS
            and k < n
            and is_cap(toks[k].text)
            and not unit.inside[k]
            and toks[k].text not in lex.TIME_NOUNS
            and not function_word(toks[k].text)
            and not toks[k].text.endswith(("keit", "heit"))
        ):
            # "ein Sprecher in Berlin", "Josef Schuster vom Zentralrat", "Greaves von der University"
            j = _caps_end(unit, k + 1)
            continue
        if w == "für" and j + 1 < n and is_cap(toks[j - 1].text):
            # "Koordinator für Naturkatastrophen", "Bundesagentur für Arbeit",
            # "Sekretariat für wirtschaftliche Entwicklung"
            k = j + 1
            while k < n and ADJ.match(toks[k].text):
                k += 1
            if k < n and is_cap(toks[k].text) and not unit.inside[k] and not function_word(toks[k].text):
                j = _caps_end(unit, k + 1)
                continue
            break
        if w in lex.GENITIVE_DETERMINERS and j + 1 < n:
            k = j + 1
            while k < n and ADJ.match(toks[k].text):
                k += 1
            if (
                k < n
                and (toks[k].text.lower().endswith(lex.MEDIA_SUFFIXES) or toks[k].text in slex.MEDIA_NAMES)
                and not is_role(toks[j - 1].text)
                and not is_source_noun(toks[j - 1].text)
            ):
                break  # dative addressee after a name: "sagte Merkel der Zeitung"
            if k < n and is_cap(toks[k].text) and not unit.inside[k]:
                j = k
                while j < n and is_cap(toks[j].text):
                    j += 1
                continue
            break
        if (
            ADJ.match(w)
            and (w.endswith("er") or (w.endswith("en") and j > 0 and is_role_form(toks[j - 1].text)))
            and w not in lex.SPEAKER_STOP_WORDS  # "gegenüber", "über" are no adjectives
            and j + 1 < n
            and is_cap(toks[j + 1].text)
            and not unit.inside[j + 1]
        ):
            # also a role's genitive complement without its article: "der Chef russischen
            # Atombehörde Rosatom" (as printed)
            # genitive plural without article: "Angaben französischer Behörden"
            j += 1
            while j < n and is_cap(toks[j].text):
                j += 1
            continue
        if (
            (w in lex.SURNAME_PARTICLES or w == "vom")
            and j + 1 < n
            and is_cap(toks[j + 1].text)
            and toks[j + 1].text not in lex.TIME_NOUNS
        ):
            j += 2
            while j < n and is_cap(toks[j].text):
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
            while k < n and ADJ.match(toks[k].text):
                k += 1
            if (
                k < n
                and is_cap(toks[k].text)
                and not unit.inside[k]
                and not function_word(toks[k].text)
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
                while m < n and ADJ.match(toks[m].text):
                    m += 1
                if m < n and is_role(toks[m].text):
                    # the apposition counts even where its own end is not found ("Fraktionschefin
                    # von Bündnis 90/Die Grünen"): +0.4 speaker F1 on train
                    return _extend_np(unit, m + 1)
                break
            m = k
            while m < n and ADJ.match(toks[m].text):
                m += 1
            if m < n and is_role(toks[m].text) and k > 0 and is_cap(toks[j - 1].text):
                # bare role after a name: "Matthias Freude, Präsident des Landesumweltamtes",
                # "Charles Bouchard, kanadischer General"
                return _extend_np(unit, m + 1)
            if is_cap(toks[k].text) and toks[k].text.lower() not in lex.SPEAKER_STOP_WORDS:
                m = k
                while (
                    m < n
                    and not is_role(toks[m].text)
                    and (is_cap(toks[m].text) or (toks[m].text in lex.NAME_PARTICLES and m + 1 < n))
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


def _looks_like_role_phrase(unit: Unit, comma: int) -> bool:
    """Whether the tokens before ``comma`` (back to a determiner) contain a role noun."""
    return any(is_role_form(unit.tokens[k].text) for k in range(comma - 1, max(-1, comma - 10), -1))


def np_left(unit: Unit, end: int, lo: int) -> tuple[int, int] | None:
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
    span = np_right(unit, start)
    if span is None or span[1] > end:
        return None
    # between subject and cue only a comma (after an apposition), auxiliaries and adverbs
    if object_first(unit, span[0], end):
        return None
    between = [t.text.lower() for t in toks[span[1] : end]]
    if all(w in AUX or w in lex.SPEAKER_STOP_WORDS or w == "," for w in between) and (
        not between or between[0] in AUX or between[0] == ","
    ):
        return span
    return None


def object_first(unit: Unit, start: int, verb: int) -> bool:
    """Whether the phrase at ``start`` before the finite ``verb`` is an object, not the subject:
    it opens with a dative/accusative article ("Den Börsenwert beziffert ...") or a subject
    pronoun follows the verb ("Die Tat bezeichnete er als sinnlos")."""
    toks = unit.tokens
    if toks[start].text.lower() in lex.OBLIQUE_DETERMINERS:
        return True
    return verb + 1 < len(toks) and toks[verb + 1].text in lex.SUBJECT_PRONOUNS


def skip_midfield(unit: Unit, k: int) -> int:
    """First token after adverbs and time phrases that follow a finite verb."""
    toks = unit.tokens
    n = len(toks)
    for _ in range(MAX_MIDFIELD_TOKENS):
        if k >= n or unit.inside[k]:
            return k
        w = toks[k].text
        relay = _zufolge_phrase(unit, k)
        if relay is not None:  # "sagte der Mitteilung zufolge Wahlleiter Ingo Happel"
            k = relay
            continue
        time_word = w in lex.TIME_NOUNS or w.lower() in lex.MIDFIELD_ADVERBS
        opens_time = w.lower() in lex.TIME_DETERMINERS and k + 1 < n and toks[k + 1].text in lex.TIME_NOUNS
        if not (time_word or opens_time):
            return k
        k += 1
    return k


#: The longest source phrase before "zufolge" that the midfield skips ("der jüngsten Mitteilung").
MAX_ZUFOLGE_PHRASE = 4


def _zufolge_phrase(unit: Unit, k: int) -> int | None:
    """The token after "<determiner> … zufolge" opening at ``k`` (a source the frame names beside its
    speaker), or None."""
    toks = unit.tokens
    if k >= len(toks) or toks[k].text.lower() not in lex.DETERMINERS:
        return None
    for j in range(k + 1, min(len(toks), k + 1 + MAX_ZUFOLGE_PHRASE)):
        if unit.inside[j] or toks[j].text in (",", ".", ";", ":"):
            return None
        if toks[j].text == "zufolge":
            return j + 1 if j + 1 < len(toks) else None
    return None


def _finite_before(unit: Unit, c: int, lo: int) -> int:
    """The finite auxiliary of a participle cue ("hat ... mitgeteilt"), else the cue itself."""
    toks = unit.tokens
    for k in range(c - 1, max(lo - 1, c - 12), -1):
        if unit.inside[k] or toks[k].text in (",", ".", ";", ":"):
            break
        if toks[k].text.lower() in AUX:
            return k
    return c


def _relative_pronoun(unit: Unit, c: int, lo: int) -> int | None:
    """The relative pronoun opening the clause of a clause-final cue (", der am Montag sagte")."""
    toks = unit.tokens
    for k in range(c - 1, max(lo, c - 10) - 1, -1):
        w = toks[k].text
        if w in (",", "–") and k + 2 <= c:
            r = k + 1
            nxt = toks[r + 1].text
            article = is_cap(nxt) or (ADJ.match(nxt) and r + 2 < c and is_cap(toks[r + 2].text))
            if toks[r].text in lex.RELATIVE_PRONOUNS and not article:
                return r
            return None
        if unit.inside[k] or w in (".", ";", ":"):
            return None
    return None


def subject_of(unit: Unit, c: int, lo: int) -> tuple[int, int] | None:
    """The subject of the cue verb at ``c`` in the main clause starting at ``lo``.

    1. A noun phrase filling the whole prefield ("Der Sprecher (hat) sagte").
    2. Inverted order: after the finite verb, past adverbs ("Am Montag sagte dazu der Sprecher").
    3. A noun phrase opening the clause, followed by an apposition or relative clause.
    """
    toks = unit.tokens
    rel = _relative_pronoun(unit, c, lo)
    if rel is not None:
        return (rel, rel + 1)
    sp = np_left(unit, c, lo)
    if sp is not None:
        return sp
    f = _finite_before(unit, c, lo)
    if f != c:
        sp = np_left(unit, f, lo)
        if sp is not None:
            return sp
    first = np_right(unit, lo)
    if first is not None and first[1] <= f and f < len(toks):
        rest = toks[first[1] : f]
        if rest and rest[0].text == "," and toks[first[1] - 1].text != ",":
            return first
    k = skip_midfield(unit, f + 1)
    if k < len(toks):
        sp = np_right(unit, k)
        if sp is not None and (f == c or sp[1] <= c):
            return sp
    if first is not None and first[1] <= f:
        return first
    return None
