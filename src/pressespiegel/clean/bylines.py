"""Who wrote an article: person names from page metadata and visible bylines, agencies apart.

1. Split a credit into names ("Birgit Baumann; Anna Giulia Fink", "Von A und B", "A/B", "A og B").
2. Each name is an agency (credited as such, never an author), a person, or neither (an outlet,
   a desk, initials: "MND Staff", "IN-Redaktion", "srf/hosb").
3. Metadata names come first (what the page declares), visible bylines add the ones it left out.

A person's name is two to five words that each start with a capital letter (particles like "von",
"de", "bin" may stand between), or one to four characters of a CJK or Hangul name; no digits, no
organisation words (:data:`~pressespiegel.clean.sources_data.NON_PERSON_WORDS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pressespiegel.clean import patterns as P
from pressespiegel.clean.credits import agency
from pressespiegel.clean.sources_data import NAME_PARTICLES, NON_PERSON_WORDS

_NAME_SEPARATORS = re.compile(
    r"\s*(?:[;,|/·•]|\s(?:und|and|&|og|och|et|y|e|en|i|ve|и|та|dan)\s)\s*", re.IGNORECASE
)
_CJK_NAME = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,4}$|^[\uac00-\ud7af]{2,4}$")
#: Suffixes Korean and Japanese bylines put after a name ("박준석 기자", "松岡大地記者").
_ROLE_SUFFIX = re.compile(r"\s*(?:기자|특파원|記者|特派員)(?:\s*외\s*\d+명)?$")
_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")


@dataclass(frozen=True, kw_only=True, slots=True)
class Byline:
    """What a byline or metadata credit says: the people who wrote, the agencies credited."""

    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


def split_names(text: str) -> list[str]:
    """The names in a credit, separators and a leading "Von"/"By"/"Text:" removed."""
    m = P.BYLINE.match(text.strip())
    body = m["names"] if m else text
    body = P.BYLINE_TAIL.sub("", body)
    body = P.BYLINE_ROLE.sub(", ", body)  # "Associated Press writer Sheikh Saaliq"
    return [part.strip(" .:()[]【】") for part in _NAME_SEPARATORS.split(body) if part.strip(" .:()[]【】")]


def is_person(name: str) -> bool:
    """True for a person's name ("Anna Giulia Fink", "Chus del Pino", "松岡大地", "배윤경")."""
    name = _ROLE_SUFFIX.sub("", name.strip())
    if _CJK_NAME.match(name):
        return True
    words = name.split()
    if not 2 <= len(words) <= P.NAME_MAX_WORDS or len(name) > P.NAME_MAX_CHARS:
        return False
    capitals = 0
    for word in words:
        lower = word.lower().strip(".")
        if lower in NON_PERSON_WORDS or lower.endswith((".com", ".de", ".at", ".be", ".is", ".ch")):
            return False
        if lower in NAME_PARTICLES:
            continue
        if not _WORD.match(word) or not word[0].isupper():
            return False
        capitals += 1
    first = words[0].lower()
    return capitals >= 2 and first not in NAME_PARTICLES and first not in P.NOT_FIRST_NAMES


def person_name(name: str) -> str:
    """The name as shown: role suffixes dropped, ALL-CAPS words title-cased ("STEVE PEOPLES")."""
    name = " ".join(_ROLE_SUFFIX.sub("", name).split())
    if name.isupper() and not _CJK_NAME.match(name):
        return " ".join(
            w if len(w) <= 2 else "-".join(part.capitalize() for part in w.split("-")) for w in name.split()
        )
    return name


def read_credit(text: str) -> Byline:
    """People and agencies in one credit string (a metadata author field or a byline line)."""
    authors: list[str] = []
    agencies: list[str] = []
    for name in split_names(text):
        credited = agency(name) or agency(name.split(",")[0])
        if credited:
            if credited not in agencies:
                agencies.append(credited)
        elif is_person(name):
            shown = person_name(name)
            if shown not in authors:
                authors.append(shown)
    return Byline(authors=tuple(authors), agencies=tuple(agencies))


def byline_line(text: str) -> Byline | None:
    """What a line of text credits, if the line is a byline and nothing else; else None.

    A byline is a line opened by a byline word ("Von", "By", "Text:", "Ein Kommentar von") and
    made of names, or a short line of nothing but person names (the one under a headline or at
    the end of an article), or an agency-only byline ("dpa", "AFP/dpa").
    """
    line = text.strip()
    if not line or len(line.split()) > P.BYLINE_MAX_WORDS:
        return None
    opened = P.BYLINE.match(line)
    names = split_names(line)
    if not names:
        return None
    credit = read_credit(line)
    known = len(credit.authors) + sum(1 for n in names if agency(n) or agency(n.split(",")[0]))
    tolerated = opened and credit.authors and known >= len(names) - 1 and P.BYLINE_TAIL.search(line)
    if known < len(names) and not tolerated:  # a part neither a person nor an agency: no byline
        return None
    if not (credit.authors or credit.agencies):
        return None
    if not opened and not credit.authors and len(names) > 1 and "/" not in line:
        return None  # "dpa, AFP" alone is a credit line, handled as such; a list of orgs is not
    return credit


def merge(credits: Iterable[Byline]) -> Byline:
    """Several credits as one, first mention first, without repeats (case-insensitive)."""
    authors: list[str] = []
    agencies: list[str] = []
    for credit in credits:
        for name in credit.authors:
            if name.lower() not in {a.lower() for a in authors}:
                authors.append(name)
        for name in credit.agencies:
            if name not in agencies:
                agencies.append(name)
    return Byline(authors=tuple(authors), agencies=tuple(agencies))
