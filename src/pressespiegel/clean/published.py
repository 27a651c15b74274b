"""Publication dates from the text of a page ("Veröffentlicht 5. September 2023", "Stand: 05.09.2023").

HTML pages get their date from htmldate (see :mod:`pressespiegel.clean.article`); this module
covers plain-text scrapes, where the date survives only as a metadata line.
"""

from __future__ import annotations

import re
from datetime import date

from pressespiegel.records import PublicationDate

#: German and English month names and abbreviations → month number.
MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan": 1, "january": 1,
    "februar": 2, "feber": 2, "feb": 2, "february": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\.?\s*({_MONTH_NAME})\.?\s+(\d{{4}})\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")
#: Lines that state the first publication (not an update).
_FIRST_PUBLISHED = re.compile(r"^(?:veröffentlicht|erschienen|publiziert|published|datum|date)\b", re.I)


def parse_date(text: str) -> str | None:
    """The first calendar date in ``text`` as ISO (day or month precision), or None."""
    found: list[tuple[int, str]] = []
    for m in _DAY_MONTH_YEAR.finditer(text):
        found.append((m.start(), _iso(int(m[3]), MONTHS[m[2].lower()], int(m[1]))))
    for m in _NUMERIC.finditer(text):
        found.append((m.start(), _iso(int(m[3]), int(m[2]), int(m[1]))))
    for m in _ISO.finditer(text):
        found.append((m.start(), _iso(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)))
    valid = sorted((pos, value) for pos, value in found if value)
    return valid[0][1] if valid else None


def _iso(year: int, month: int, day: int | None) -> str:
    try:
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def date_from_lines(lines: tuple[str, ...]) -> PublicationDate | None:
    """The publication date stated in removed metadata lines, first-publication lines first."""
    ordered = sorted(lines, key=lambda line: not _FIRST_PUBLISHED.match(line))
    for line in ordered:
        value = parse_date(line)
        if value:
            # a full date on a "Veröffentlicht" line is trustworthy; a month or an update time is not
            reliable = len(value) == 10 and bool(_FIRST_PUBLISHED.match(line))
            return PublicationDate(value=value, method="text:metadata-line", reliable=reliable)
    return None
