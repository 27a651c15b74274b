"""A story digest: everything a reader gets per story, as one JSON-able record.

Summary, timeline, who said what, contradictions and coverage are computed from the story's
member articles (pure functions in :mod:`pressespiegel.stories`); this module only assembles them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pressespiegel.store.records import StoryRecord
from pressespiegel.stories.contradictions import Contradiction, Statement, find_contradictions
from pressespiegel.stories.members import Citation, Member, sentences_of
from pressespiegel.stories.speakers import entity_names, speaker_of, speaking_entities, who_said_what
from pressespiegel.stories.summary import summarize
from pressespiegel.stories.timeline import build_timeline


@dataclass(frozen=True, kw_only=True)
class StoryDigest:
    """Per story: label, span, coverage, summary, timeline, quotes, contradictions, sources."""

    id: str
    label: str
    storyline: str | None
    first: str
    last: str
    coverage: dict[str, Any]
    summary: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]
    sources: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "storyline": self.storyline,
            "first": self.first,
            "last": self.last,
            "coverage": self.coverage,
            "summary": self.summary,
            "timeline": self.timeline,
            "quotes": self.quotes,
            "contradictions": self.contradictions,
            "sources": self.sources,
        }


#: Contradictions shown per story: one per pair of speakers (either order) and kind, kinds in turn.
MAX_CONTRADICTIONS = 8
#: A side without a named speaker ("nach eigenen Angaben") is shown, but after named voices.
UNNAMED_FACTOR = 0.8


def coverage(members: Sequence[Member]) -> dict[str, Any]:
    """Outlets, independent origins against copies, first and last report, language mix."""
    dates = sorted(m.published for m in members if m.published)
    return {
        "articles": len(members),
        "origins": len({m.origin for m in members}),
        "copies": sum(m.is_copy for m in members),
        "outlets": sorted({m.article.outlet for m in members if m.article.outlet}),
        "languages": dict(Counter(m.article.language or "und" for m in members).most_common()),
        "first_report": dates[0] if dates else None,
        "last_report": dates[-1] if dates else None,
    }


def statements_of(members: Sequence[Member]) -> list[Statement]:
    """What the story's independent origins say, in article order: their quotations and the
    speech acts they narrate ("Der Kreml bestätigte das Treffen nicht."), headings left out."""
    statements: list[Statement] = []
    for member in members:
        if member.is_copy:
            continue
        article = member.article
        analysis = article.analysis or {}
        sentences = list(sentences_of(article))
        names, canonical = speaking_entities(analysis), entity_names(analysis)
        headings = {p.text for p in article.paragraphs if p.kind in {"heading", "list"}}
        said = [(q, False) for q in analysis.get("quotes") or []]
        said += [(q, True) for q in analysis.get("speech_acts") or []]
        said.sort(key=lambda qa: ((qa[0].get("quote") or {}).get("spans") or [[0, 0]])[0][0])
        for i, (quote, act) in enumerate(said):
            body = (quote.get("quote") or {}).get("text")
            # the entity's canonical name; None for "nach eigenen Angaben" and the like
            voice = speaker_of(quote, names, canonical)
            speaker = voice[1] if voice else None
            if not body or body in headings:
                continue
            start = ((quote.get("quote") or {}).get("spans") or [[0, 0]])[0][0]
            sentence = next((t for s, e, t in sentences if s <= start < e), body)
            statements.append(
                Statement(
                    id=f"{article.id}:{'a' if act else 'q'}{i}",
                    article=article.id,
                    outlet=article.outlet,
                    published=member.published,
                    speaker=speaker,
                    text=body,
                    cue=(quote.get("cue") or {}).get("text"),
                    sentence=sentence.strip(),
                    role=quote.get("speaker_role"),
                )
            )
    return statements


def _day(value: str | None) -> str:
    """ "2023-09-12" -> "12.09."; empty when unknown."""
    if not value or len(value) < 10:
        return ""
    return f"{value[8:10]}.{value[5:7]}."


def summary_line(c: Contradiction) -> str:
    """One plain German line saying what the two statements do with the claim: "zunächst nicht
    bestätigt (05.09.), am 12.09. bestätigt"; "bestritten, was die andere Seite sagt"."""
    pa, pb = c.positions
    if c.kind == "development":
        when_a, when_b = _day(c.a.published), _day(c.b.published)
        first = f"zunächst {pa}" + (f" ({when_a})" if when_a else "")
        then = (f"am {when_b} " if when_b and when_b != when_a else "dann ") + pb
        return f"{first}, {then}"
    if c.kind == "opposite-assessment":
        return f"{pa}, {pb}" if pa and pb else ""
    return f"{pa} / {pb}" if pa and pb else ""


def contradictions_of(members: Sequence[Member]) -> list[dict[str, Any]]:
    """Conflicting statements in the story, from its independent origins in article order."""
    statements = statements_of(members)
    # one pair of voices per kind; kinds take turns so a strong kind does not crowd out the others
    by_kind: dict[str, list[Contradiction]] = {}
    seen: set[tuple[frozenset[str | None], str]] = set()

    def rank(c: Contradiction) -> float:
        return -c.score * (1.0 if c.a.speaker and c.b.speaker else UNNAMED_FACTOR)

    for c in sorted(find_contradictions(statements), key=rank):
        key = (frozenset((c.a.speaker, c.b.speaker)), c.kind)
        if key not in seen:
            seen.add(key)
            by_kind.setdefault(c.kind, []).append(c)
    found: list[Contradiction] = []
    while len(found) < MAX_CONTRADICTIONS and any(by_kind.values()):
        for kind in sorted(by_kind, key=lambda k: rank(by_kind[k][0]) if by_kind[k] else 0.0):
            if by_kind[kind] and len(found) < MAX_CONTRADICTIONS:
                found.append(by_kind[kind].pop(0))
    return [
        {
            "kind": c.kind,
            "label": c.label,
            "claim": c.claim,
            "summary": summary_line(c),
            "score": round(c.score, 3),
            "a": _side_json(c.a, c.positions[0]),
            "b": _side_json(c.b, c.positions[1]),
        }
        for c in found
    ]


def _side_json(s: Statement, position: str) -> dict[str, Any]:
    return {
        "speaker": s.speaker,
        "role": s.role,
        "position": position,
        "text": s.text,
        "cue": s.cue,
        "article": s.article,
        "outlet": s.outlet,
        "published": s.published,
    }


def build_digest(story: StoryRecord, members: Sequence[Member]) -> StoryDigest:
    """The digest of one story from its stored row and member articles."""
    sources = [
        {
            **Citation.of(m.article).to_json(),
            "title": m.article.title,
            "language": m.article.language,
            "copy_of": m.origin if m.is_copy else None,
        }
        for m in sorted(members, key=lambda m: (m.published or "9999", m.article.id))
    ]
    return StoryDigest(
        id=story.id,
        label=story.label,
        storyline=story.storyline,
        first=story.first,
        last=story.last,
        coverage=coverage(members),
        summary=[s.to_json() for s in summarize(members)],
        timeline=[e.to_json() for e in build_timeline(members)],
        quotes=[g.to_json() for g in who_said_what(members)],
        contradictions=contradictions_of(members),
        sources=sources,
    )
