"""A story's timeline: dated events ordered by when they happened, not by when they were reported.

1. Every normalized date in a member article (from the stored analysis) becomes a candidate with
   the sentence around it. Photo captions, removed from the text as boilerplate, are read too:
   they often carry the one exact date of an earlier event ("am 25. April 2019 in Wladiwostok").
2. Candidates merge when their dates are compatible (2019 ⊃ 2019-04 ⊃ 2019-04-25) and their
   sentences share enough content terms; the merged entry keeps the most precise date and cites
   every article, counting independent origins once (copies add citations, not weight).
3. The entries reported by most origins are kept and shown in date order; a sentence is shown
   once, under the first of its dates that survives ("Das Forum hat am Sonntag begonnen und
   dauert noch bis Mittwoch" is not repeated under Wednesday).
4. An entry keeps the wording of an article sentence when one reports it; an entry known only
   from a photo caption is flagged ``caption`` (shown as "Bildunterschrift"). Entries dated
   before the story's own period (:data:`FOCUS_DAYS_BEFORE` before its first report) are
   ``background``: the chart and the list show them apart, so the story's weeks are not
   squeezed to the edge of a five-year axis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pressespiegel.analyze import publication_day
from pressespiegel.analyze.dates import find_dates
from pressespiegel.stories.members import Citation, Member, sentences_of
from pressespiegel.stories.terms import content_terms

#: Share of content terms two sentences must have in common to describe the same dated event.
MERGE_JACCARD = 0.12  # seeds: "im April 2019 ... in Wladiwostok" variants share 0.13–0.3
#: Entries shown per story.
MAX_ENTRIES = 16
#: Sentences at the start of an article that count as its lead.
LEAD_SENTENCES = 3
#: Longest entry text shown, in characters.
MAX_TEXT = 240
#: Days before the first report that still belong to the story's own period: the week or two of
#: run-up a report recalls ("vergangene Woche") is the story; the month before is background.
FOCUS_DAYS_BEFORE = 14
_CREDIT = re.compile(r"\s*(?:Bild|Fotos?|Foto\s*:\s*©|©)\s*:?.*$", re.IGNORECASE)


@dataclass(kw_only=True)
class TimelineEntry:
    """One dated event with the sources that report it."""

    date: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    origins: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)
    lead: bool = False  # reported in the opening sentences of an article
    caption: bool = False  # known only from photo captions (until a text sentence reports it)
    background: bool = False  # before the story's own period

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "text": self.text,
            "origins": len(self.origins),
            "caption": self.caption,
            "background": self.background,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class _Candidate:
    date: str
    text: str
    terms: frozenset[str]
    member: Member
    lead: bool = False
    caption: bool = False


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _candidates(member: Member) -> list[_Candidate]:
    article = member.article
    found: list[_Candidate] = []
    sentences = list(sentences_of(article))
    for mention in (article.analysis or {}).get("dates") or []:
        value = mention.get("value")
        if not value:
            continue
        value = str(value).split("/")[0]  # a range is placed at its start
        index, text = next(
            ((i, t) for i, (s, e, t) in enumerate(sentences) if s <= mention["start"] < e),
            (99, mention["text"]),
        )
        found.append(
            _Candidate(
                date=value,
                text=text.strip(),
                terms=frozenset(content_terms(text)),
                member=member,
                lead=index < LEAD_SENTENCES,
            )
        )
    anchor = publication_day(member.published)
    for removed in article.boilerplate:
        if removed.reason != "caption":
            continue
        caption = _CREDIT.sub("", removed.text).strip()
        for mention in find_dates(caption, anchor):
            if mention.value and not mention.relative:
                found.append(
                    _Candidate(
                        date=mention.value.split("/")[0],
                        text=caption,
                        terms=frozenset(content_terms(caption)),
                        member=member,
                        caption=True,
                    )
                )
    return found


def build_timeline(members: Sequence[Member], max_entries: int = MAX_ENTRIES) -> list[TimelineEntry]:
    """The story's dated events (steps 1–3 of the module docstring)."""
    candidates = [c for m in members for c in _candidates(m)]  # 1.
    candidates.sort(key=lambda c: (-len(c.date), c.member.published or "9999", c.member.article.id))
    entries: list[TimelineEntry] = []
    for cand in candidates:  # 2.
        target = None
        for entry in entries:
            if _compatible(entry.date, cand.date):
                union = entry.terms | cand.terms
                if union and len(entry.terms & cand.terms) / len(union) >= MERGE_JACCARD:
                    target = entry
                    break
        if target is None:
            target = TimelineEntry(
                date=cand.date, text=_trim(cand.text), terms=set(cand.terms), lead=cand.lead,
                caption=cand.caption,
            )  # fmt: skip
            entries.append(target)
        else:
            if len(cand.date) > len(target.date):
                target.date = cand.date
            if target.caption and not cand.caption:  # 4. an article's own sentence reads better
                target.text, target.caption = _trim(cand.text), False
        target.lead = target.lead or cand.lead
        citation = Citation.of(cand.member.article)
        if citation not in target.citations:
            target.citations.append(citation)
        target.origins.add(cand.member.origin)
    # 3. most origins first; then what an article's opening reports, precise dates, recent dates
    ranked = sorted(entries, key=lambda e: (-len(e.origins), not e.lead, -len(e.date), _neg(e.date)))[
        :max_entries
    ]
    shown: list[TimelineEntry] = []
    for entry in sorted(ranked, key=lambda e: (calendar_key(e.date), -len(e.origins))):
        if any(entry.text == other.text for other in shown):
            continue  # the same sentence under a second date
        shown.append(entry)
    start = focus_start(members)
    for entry in shown:  # 4.
        entry.background = start is not None and calendar_key(entry.date)[:10] < start
    return shown


def focus_start(members: Sequence[Member]) -> str | None:
    """First day of the story's own period: :data:`FOCUS_DAYS_BEFORE` before its first report."""
    days = sorted(p[:10] for p in (m.published for m in members) if p and len(p) >= 10)
    if not days:
        return None
    try:
        first = date.fromisoformat(days[0])
    except ValueError:
        return None
    return (first - timedelta(days=FOCUS_DAYS_BEFORE)).isoformat()


def calendar_key(value: str) -> str:
    """Sort key placing ISO weeks ("2023-W35") at their Monday among calendar dates."""
    if "-W" in value:
        try:
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1).isoformat()
        except ValueError:
            return value
    return value


def _neg(value: str) -> tuple[int, ...]:
    """Sort key that puts later dates first."""
    return tuple(-ord(ch) for ch in value)


def _trim(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rsplit(" ", 1)[0] + "…"
