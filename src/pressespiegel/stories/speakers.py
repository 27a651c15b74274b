"""Who said what: a story's quotations grouped by speaker (canonical name and role).

Speakers are grouped by their entity (``speaker_entity``, see :mod:`pressespiegel.analyze.linking`):
"Peskow", "Dmitri Peskow" and "der Kremlsprecher" in three articles are one speaker, named by the
entity's canonical name. Quotes without an entity group by the resolved name as before.
The same quotation printed by several outlets (agency copies, or two rewrites quoting the same
press conference) is one statement with several citations; independent origins are counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pressespiegel.stories.members import Citation, Member

#: Entity labels that can speak: persons and organisations ("der Kreml", "das Ministerium").
SPEAKER_LABELS = frozenset({"PER", "ORG"})
#: Quotation marks around a quote's text; the views print their own.
QUOTE_MARKS = " „“”\"»«‚‘’'"
#: Words that head a source phrase rather than a speaker ("nach Angaben", "Berichten zufolge"),
#: and time words the quote rules sometimes take for one ("Ende Mai").
NOT_SPEAKERS = frozenset(
    "Angaben Angabe Berichten Bericht Berichte Informationen Information Medienberichten Medien "
    "Ende Anfang Mitte Reise Besuch Schätzungen Umfrage Umfragen Daten Zahlen Experten".split()
)
_SOURCE_PREFIX = re.compile(
    r"^(?:Angaben|Informationen|Berichten|Darstellung|Aussagen)\s+(?:der|des|von|vom)\s+"
)
#: Characters of a quotation's normalized text that identify it across outlets.
QUOTE_KEY_CHARS = 60
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(kw_only=True)
class Statement:
    """One quotation of one speaker, with every place it was printed."""

    text: str
    type: str
    cue: str | None
    #: The speaker's role in this statement as the article gives it ("Kremlsprecher").
    role: str | None = None
    citations: list[Citation] = field(default_factory=list)
    origins: set[str] = field(default_factory=set)

    @property
    def first_published(self) -> str | None:
        return min((c.published for c in self.citations if c.published), default=None)

    @property
    def quoted(self) -> bool:
        """Only the speaker's own words go in quotation marks; indirect and reported speech are
        shown as paraphrase with their cue."""
        return self.type == "direct"

    @property
    def lead(self) -> str:
        """How a paraphrase is introduced: the cue verb of indirect speech ("sagte", "teilte mit"),
        the source marker of reported speech ("laut", "nach Angaben")."""
        cue = " ".join((self.cue or "").split())
        if self.type == "indirect":
            return cue or "sagte"
        if self.type == "reported":
            low = cue.lower()
            if low in ("laut", "zufolge", "so", "gemäß", "gemäss", "demnach") or not cue:
                return "laut"
            if low == "nach":
                return "nach Angaben von"
            return cue
        return cue

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text, "type": self.type, "cue": self.cue, "origins": len(self.origins),
            "published": self.first_published, "citations": [c.to_json() for c in self.citations],
            "quoted": self.quoted, "lead": self.lead, "role": self.role,
        }  # fmt: skip


@dataclass(kw_only=True)
class SpeakerGroup:
    """A speaker's statements in a story, oldest first."""

    name: str
    role: str | None
    statements: list[Statement] = field(default_factory=list)
    #: The speaker's entity id (None when the quote rules named no linked entity).
    entity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.name, "entity": self.entity, "role": self.role,
            "statements": [s.to_json() for s in self.statements],
        }  # fmt: skip


def speaking_entities(analysis: Mapping[str, Any]) -> set[str]:
    """Names of the persons and organisations the NER found in an article."""
    return {e["text"] for e in analysis.get("entities") or [] if e.get("label") in SPEAKER_LABELS}


def named_speaker(quote: Mapping[str, Any], entities: set[str]) -> str | None:
    """The quote's speaker if it is a named person or organisation, or carries a role.

    "nach Angaben", "Berichten zufolge", "Ende Mai" come out of the quote rules as sources; they
    are not speakers a reader wants listed.
    """
    name = quote.get("speaker_name") or None
    if not name:
        return None
    name = _SOURCE_PREFIX.sub("", str(name)).strip(
        ' "„“'
    )  # "Angaben der ukrainischen Armee" → "ukrainischen Armee"
    if not name or name.split()[0] in NOT_SPEAKERS:
        return None
    if quote.get("speaker_role") or any(name in e or e in name for e in entities):
        return name
    words = name.split()
    # an institution named by a noun phrase ("Kreml", "ukrainischen Armee", "Verteidigungsministerium")
    if len(words) <= 4 and words[-1][:1].isupper() and words[-1] not in NOT_SPEAKERS:
        return name
    return None


def entity_names(analysis: Mapping[str, Any]) -> dict[str, str]:
    """Entity id → canonical name for the entities of an article's analysis."""
    return {
        str(e["entity"]): str(e.get("name") or e.get("text"))
        for e in analysis.get("entities") or []
        if e.get("entity")
    }


def speaker_of(
    quote: Mapping[str, Any], entities: set[str], names: Mapping[str, str]
) -> tuple[str, str] | None:
    """(group key, display name) of a quote's speaker: the linked entity and its canonical name,
    else the resolved name (:func:`named_speaker`); None when the quote has no speaker to list."""
    name = named_speaker(quote, entities)
    entity = quote.get("speaker_entity")
    if entity and (name or entity in names):
        return str(entity), names.get(str(entity)) or _kb_name(str(entity)) or str(name)
    return (name, name) if name else None


def _kb_name(entity: str) -> str | None:
    """The knowledge base's name of an entity no mention in the article names ("Kremlsprecher")."""
    from pressespiegel.analyze.linking import knowledge_base

    entry = knowledge_base().entries.get(entity)
    return entry.name if entry else None


def quote_key(text: str) -> str:
    """Identity of a quotation across outlets: its first letters, case and punctuation ignored."""
    return _NOT_WORD.sub("", text.lower())[:QUOTE_KEY_CHARS]


def who_said_what(members: Sequence[Member]) -> list[SpeakerGroup]:
    """Quotations with a known speaker, grouped by speaker, most statements first.

    One speaker is one group: by the canonical entity when the entity linking gave one, else by
    name, with a surname alone folded into the one full name of the story that ends in it
    ("Peskow" in one article, "Dmitri Peskow" in another). Each statement keeps the role it was
    said in; the group shows the most specific one.
    """
    groups: dict[str, SpeakerGroup] = {}
    roles: dict[str, Counter[str]] = {}
    seen: dict[tuple[str, str], Statement] = {}
    said = []
    for member in sorted(members, key=lambda m: (m.published or "9999", m.article.id)):
        analysis = member.article.analysis or {}
        entities = speaking_entities(analysis)
        names = entity_names(analysis)
        for quote in analysis.get("quotes") or []:
            speaker = speaker_of(quote, entities, names)
            if speaker is not None:
                said.append((member, quote, speaker))
    canonical = _canonical_names({display for _, _, (key, display) in said if key == display})
    for member, quote, (key, display) in said:
        linked = key != display or key == quote.get("speaker_entity")  # grouped by the entity id
        if not linked:
            key = display = canonical.get(display, display)
        text = ((quote.get("quote") or {}).get("text") or "").strip(QUOTE_MARKS)
        if not text.strip():
            continue
        entity = quote.get("speaker_entity") if linked else None
        group = groups.setdefault(key, SpeakerGroup(name=display, role=None, entity=entity))
        if not linked and len(display) > len(group.name):
            group.name = display
        role = quote.get("speaker_role")
        if role:
            roles.setdefault(key, Counter())[role] += 1
        statement = seen.get((key, quote_key(text)))
        if statement is None:
            cue = quote.get("cue") or {}
            statement = Statement(
                text=" ".join(text.split()), type=quote.get("type", "direct"), cue=cue.get("text"), role=role
            )
            seen[(key, quote_key(text))] = statement
            group.statements.append(statement)
        citation = Citation.of(member.article)
        if citation not in statement.citations:
            statement.citations.append(citation)
        statement.origins.add(member.origin)
    for key, group in groups.items():
        if key in roles:
            # the most specific role seen ("Kremlsprecher" over "Sprecher"), then the most frequent
            group.role = max(roles[key].items(), key=lambda kv: (len(kv[0]), kv[1], kv[0]))[0]
        group.statements.sort(key=lambda s: (s.first_published or "9999", s.text))
    return sorted(groups.values(), key=lambda g: (-len(g.statements), g.name))


def _canonical_names(names: set[str]) -> dict[str, str]:
    """A one-word name -> the one longer name of the story that ends (or starts) with it."""
    out: dict[str, str] = {}
    full = [n for n in names if " " in n]
    for name in names:
        if " " in name:
            continue
        ends = {f for f in full if f.split()[-1] == name} or {f for f in full if f.split()[0] == name}
        if len(ends) == 1:
            out[name] = ends.pop()
    return out
