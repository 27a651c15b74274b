"""Step 7b: a speaker phrase split into name and role ("Sprecherin des Nationalen Sicherheitsrats
der USA, Adrienne Watson" -> name Adrienne Watson, role Sprecherin des ...), with its gender.
"""

from __future__ import annotations

import re

from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.quotes.words import ADJ, is_cap, is_role


def split_speaker(words: list[str]) -> tuple[str | None, str | None, str]:
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
        while k < len(part) and (part[k].lower() in lex.DETERMINERS or ADJ.match(part[k])):
            if part[k].lower() in ("die", "eine", "ihre") and k == 0:
                gender = "f"
            elif part[k].lower() in ("der", "ein", "sein") and k == 0:
                gender = "m"
            k += 1
        rest = part[k:]
        role_idx = [m for m, w in enumerate(rest) if is_role(w)]
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
            name.extend(w for w in tail if is_cap(w) or w in lex.SURNAME_PARTICLES)
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
    person = head[0].lower() not in lex.DETERMINERS and is_person_name(" ".join(head))
    return head if person or any(is_role(w) for w in head) else part


def is_person_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 4:
        return False
    low = name.lower()
    return not low.endswith(lex.INSTITUTION_SUFFIXES) and all(
        is_cap(w) or w in lex.SURNAME_PARTICLES for w in words
    )
