"""Step 7c: persons named so far (the salience list) and resolution of pronouns and role nouns."""

from __future__ import annotations

from dataclasses import dataclass

from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.quotes.records import Span
from pressespiegel.analyze.quotes.speakers import is_person_name, split_speaker
from pressespiegel.analyze.quotes.words import ADJ, is_cap, is_role
from pressespiegel.analyze.sentences import Token


@dataclass
class _Person:
    name: str
    role: str | None
    gender: str  # "m", "f" or "?"
    pos: int


class Registry:
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


def scan_people(sentences: list[list[Token]], registry: Registry) -> None:
    """Register "Role Firstname Lastname" mentions anywhere in the text."""
    for sent in sentences:
        n = len(sent)
        for i, tok in enumerate(sent):
            if not is_role(tok.text):
                continue
            j = i + 1
            while j < n and j < i + 4 and is_cap(sent[j].text) and not is_role(sent[j].text):
                if sent[j].text.lower() in lex.SPEAKER_STOP_WORDS:
                    break
                j += 1
            if j - i >= 2:
                name = " ".join(t.text for t in sent[i + 1 : j])
                if is_person_name(name):
                    gender = "f" if tok.text.endswith("in") else "m"
                    registry.add(name, tok.text, gender, sent[i + 1].start)


def resolve_speaker(registry: Registry, text: str, toks: list[Token]) -> tuple[Span, str | None, str | None]:
    """(mention, name, role) of the speaker phrase ``toks``: a pronoun or a role noun alone resolves
    to the most recent compatible person; a named person is registered for later mentions."""
    words = [t.text for t in toks]
    mention = Span(text[toks[0].start : toks[-1].end], ((toks[0].start, toks[-1].end),))
    pos = toks[0].start
    if len(words) == 1 and words[0].lower() in lex.ANAPHORIC_SOURCE_CUES:
        return mention, None, None
    if len(words) == 1 and (words[0].lower() in lex.PRONOUNS or words[0] in lex.RELATIVE_PRONOUNS):
        gender = lex.PRONOUNS.get(words[0].lower()) or lex.RELATIVE_PRONOUNS[words[0]]
        person = registry.resolve_pronoun(gender if gender != "1" else "?", pos)
        if person is None and gender == "f":
            person = registry.resolve_pronoun("?", pos)
        if person is None:
            return mention, None, None
        return mention, person.name, person.role
    if (words[-1] in lex.SOURCE_NOUNS or words[-1] in lex.POSTPOSED_NACH) and all(
        w.lower() in lex.DETERMINERS or ADJ.match(w.lower()) for w in words[:-1]
    ):
        return mention, None, None  # "Dem Vernehmen (nach)", "eigenen Angaben": nobody named
    name, role, gender = split_speaker(words)
    if name and is_person_name(name):
        person = registry.add(name, role, gender, pos)
        return mention, person.name, role or person.role
    if role and not name:
        if " " in role:  # "der Sprecher des Frontabschnitts": a person of its own
            return mention, None, role
        person = registry.resolve_role(role, gender, pos)
        if person is None:  # "der SPD-Politiker": the last person of matching gender
            person = registry.resolve_pronoun(gender, pos)
        if person is not None:
            return mention, person.name, role
        return mention, None, role
    if name:
        return mention, name, role
    return mention, None, role
