"""Steps 1 and 2: quotation marks paired by position, and sentences grouped into units.

A unit is one sentence, or several when a quotation runs across sentence ends, so that no
quotation crosses a unit boundary.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.sentences import Token

#: A line break inside a paragraph: the line does not end a sentence and the next goes on with a
#: lower-case word or a noun and a lower-case word (the sentence was wrapped). Any other line break
#: (a heading, a list item, a new paragraph) closes open marks.
SOFT_LINE_BREAK = re.compile(r"\n[^\S\n]*[a-zäöüß]|\n[^\S\n]*[A-ZÄÖÜ][a-zäöüß]+[^\S\n]+[a-zäöüß]")
_SENTENCE_END = frozenset(".!?:;")


def _last_char(text: str, i: int) -> str:
    """The last character before ``i`` that is not a space ("" at the start)."""
    j = i - 1
    while j >= 0 and text[j] in " \t\r":
        j -= 1
    return text[j] if j >= 0 else ""


def quote_mark_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, depth) of paired quotation marks, marks included."""
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int, int]] = []
    n = len(text)
    for i, c in enumerate(text):
        if c == "\n":
            # a paragraph break ends every open quotation; a single line break inside a paragraph
            # (a scraped text wrapped mid-sentence: «Eine zusätzliche\nBenzinsteuer …») does not
            if stack and not (SOFT_LINE_BREAK.match(text, i) and _last_char(text, i) not in _SENTENCE_END):
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


@dataclass
class Unit:
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


def make_units(sentences: list[list[Token]], marks: list[tuple[int, int, int]]) -> list[Unit]:
    units: list[Unit] = []
    top = [(s, e) for s, e, d in marks if d == 0]
    for sent in sentences:
        if units and any(s < units[-1].end < e and s < sent[0].start < e for s, e in top):
            units[-1].tokens.extend(sent)
        else:
            units.append(Unit(list(sent), []))
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
