"""English direct quotations with their speakers: '"...," said X', '"...," X said', 'X said: "..."'.

English attribution is simpler than German: the speech verb sits right next to the quotation and
the speaker next to the verb, in a handful of orders (AP/Reuters style). Rules:

1. Find each quotation (a pair from ``QUOTE_PAIRS``, at least ``MIN_QUOTE_WORDS`` words).
2. After it: ``, said NAME[, ROLE]`` / ``, NAME said`` / ``, he said`` / ``, the spokesman said``
   (the comma may sit inside the quotation, as American style puts it).
3. Before it: ``NAME said: "..."`` / ``NAME said, "..."`` / ``NAME told Reuters: "..."``.
4. A pronoun speaker is resolved to the nearest full name before it (``speaker_name``); a role
   phrase keeps its text as the speaker and no name.

Words come from ``lexicon/quotes_en.py``. Indirect speech ("X said that ...") is not attributed:
its boundaries need a parser; German indirect speech has the subjunctive to mark it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pressespiegel.analyze.lexicon import quotes_en as lex
from pressespiegel.analyze.quotes import Quote, Span

__all__ = ["find_quotes_en"]

#: Quotations shorter than this many words are scare quotes or titles, not speech.
MIN_QUOTE_WORDS = 3
#: How far (characters) after a quotation the frame may reach: ', said Jane Doe, a spokeswoman for …'.
FRAME_AFTER_CHARS = 160
#: How far (characters) before a quotation the frame may start.
FRAME_BEFORE_CHARS = 120


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_CUE = rf"(?:{_alt(lex.CUE_VERBS)})"
_CAP = r"(?:[A-Z]\.|[A-Z][\w'’\-]*)"  # a capitalised word or an initial ("John F. Kennedy")
_PARTICLE = rf"(?:{_alt(lex.NAME_PARTICLES)})"
_TITLE = rf"(?:(?:{_alt(lex.TITLES)})\s+)?"
_NAME = rf"{_TITLE}{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}){{0,4}}"
_ROLE = rf"(?:(?:the|a|an|one)\s+)?(?:[\w\-]+\s+){{0,3}}(?:{_alt(lex.ROLE_HEADS)})"
_PRONOUN = rf"(?:{_alt({p.capitalize() for p in lex.PRONOUNS} | lex.PRONOUNS)})"
_SPEAKER = rf"(?P<speaker>{_NAME}|{_PRONOUN}|{_ROLE})"
_APPOSITION = r"(?:,\s*(?P<role>(?:the|a|an)\s+[^,.;\"“”]{3,80}?))?(?=[,.;]|\s*$)"
#: After a quotation: ', said Jane Doe, a spokeswoman' / ', Doe said' / ', he told reporters'.
_AFTER = re.compile(
    rf"^\s*[,—–-]?\s*(?:(?P<cue1>{_CUE})\s+{_SPEAKER}{_APPOSITION}"
    rf"|(?P<speaker2>{_NAME}|{_PRONOUN}|{_ROLE})\s+(?P<cue2>{_CUE})\b(?:\s+(?:reporters|journalists|[A-Z][\w.]+))?)"
)
#: Before a quotation: 'Doe said: ' / 'Doe told Reuters, ' / 'Jane Doe, the mayor, said: '.
_BEFORE = re.compile(
    rf"(?P<speaker>{_NAME}|{_PRONOUN}|{_ROLE})(?:,\s*(?P<role>(?:the|a|an)\s+[^,.;\"“”]{{3,80}}),)?\s+"
    rf"(?P<cue>{_CUE})\b(?:\s+(?:reporters|journalists|[A-Z][\w.]+))?\s*[:,]\s*$"
)
_FULL_NAME = re.compile(rf"\b{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP})+")


def _quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's content, left to right, not overlapping."""
    found: list[tuple[int, int]] = []
    for opening, closing in lex.QUOTE_PAIRS:
        start = 0
        while (i := text.find(opening, start)) >= 0:
            j = text.find(closing, i + 1)
            if j < 0:
                break
            if "\n\n" not in text[i:j]:
                found.append((i + 1, j))
            start = j + 1
    found.sort()
    kept: list[tuple[int, int]] = []
    for span in found:
        if not kept or span[0] > kept[-1][1]:
            kept.append(span)
    return [(s, e) for s, e in kept if len(text[s:e].split()) >= MIN_QUOTE_WORDS]


def _is_name(phrase: str) -> bool:
    first = phrase.split()[0].rstrip(".")
    return phrase[:1].isupper() and first not in lex.NOT_NAMES and phrase.lower() not in lex.PRONOUNS


def _resolve(text: str, before: int, phrase: str) -> str | None:
    """The name a speaker phrase stands for: itself if a name, else (pronoun) the last full name before."""
    if _is_name(phrase) and phrase.split()[0].lower() not in lex.PRONOUNS:
        words = phrase.split()
        return " ".join(w for w in words if w not in lex.TITLES) or phrase
    if phrase.lower() in lex.PRONOUNS:
        names = [m.group(0) for m in _FULL_NAME.finditer(text[max(0, before - 600) : before])
                 if _is_name(m.group(0))]  # fmt: skip
        return names[-1] if names else None
    return None


def _span(text: str, start: int, end: int) -> Span:
    return Span(text=text[start:end], spans=((start, end),))


def find_quotes_en(text: str, sentences: Sequence[tuple[int, int]] = ()) -> list[Quote]:
    """Direct quotations in English ``text`` with speaker, role and cue (steps 1–4)."""
    del sentences  # the frames are local; sentence bounds are not needed
    quotes: list[Quote] = []
    for start, end in _quotations(text):
        inner = text[start:end].rstrip()
        q_end = start + len(inner.rstrip(",.;:"))
        after_from = end + 1
        tail = text[after_from : after_from + FRAME_AFTER_CHARS]
        m = _AFTER.match(tail)
        if m and (inner.endswith(",") or tail.lstrip().startswith((",", "—", "–", "-")) or m.group("cue2")):
            if m.group("cue1"):
                sp, role, cue = "speaker", "role", "cue1"
            else:
                sp, role, cue = "speaker2", None, "cue2"
            speaker = _span(text, after_from + m.start(sp), after_from + m.end(sp))
            quotes.append(Quote(
                quote=_span(text, start, q_end), speaker=speaker,
                speaker_name=_resolve(text, start, speaker.text),
                speaker_role=(m.group(role) or None) if role else None,
                cue=_span(text, after_from + m.start(cue), after_from + m.end(cue)), type="direct",
                frame=_span(text, after_from + m.start(), after_from + m.end()),
            ))  # fmt: skip
            continue
        head_from = max(0, start - 1 - FRAME_BEFORE_CHARS)
        head = text[head_from : start - 1]
        b = _BEFORE.search(head)
        if b:
            speaker = _span(text, head_from + b.start("speaker"), head_from + b.end("speaker"))
            quotes.append(Quote(
                quote=_span(text, start, q_end), speaker=speaker,
                speaker_name=_resolve(text, head_from + b.start(), speaker.text),
                speaker_role=b.group("role") or None,
                cue=_span(text, head_from + b.start("cue"), head_from + b.end("cue")), type="direct",
                frame=_span(text, head_from + b.start(), start - 1),
            ))  # fmt: skip
    return quotes
