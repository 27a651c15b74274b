"""English temporal expressions, normalised against the publication date.

The English counterpart of :mod:`.dates` (same :class:`DateMention` contract), smaller because
English news dates are few in kind: explicit dates ("Jan. 5, 2024", "5 January 2024",
"2024-01-05"), a month with a year ("January 2024"), month and day without a year ("on Jan. 5"),
weekdays ("on Wednesday"), day anchors ("yesterday"), shifted periods ("last week",
"next year") and "N days/weeks/months/years ago". Words come from ``lexicon/dates_en.py``.

Resolution: explicit dates are read as written. A weekday is the nearest such day before the
publication date (the publication day itself counts), or after it when a future cue precedes it
("next Monday", "until Friday") or its sentence speaks of the future ("will", "is expected").
A month and day without a year take the year that puts them nearest to publication. Without a
publication date relative mentions keep ``value=None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from pressespiegel.analyze.dates import DateMention
from pressespiegel.analyze.lexicon import dates_en as lex

__all__ = ["find_dates_en"]


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_MONTH = rf"(?P<month>{_alt(lex.MONTHS)})(?![\w])"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_WEEKDAY = rf"(?P<weekday>{_alt(lex.WEEKDAYS)})"
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])(?!\d)")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d{{2}})(?!:)")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!,?\s+(?:19|20)\d{{2}})")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}")),
    ("weekday", re.compile(rf"\b(?:(?P<shift>next|last|this|coming)\s+)?{_WEEKDAY}\b")),
    ("anchor", re.compile(rf"(?i)\b(?P<anchor>{_alt(lex.DAY_ANCHORS)})\b")),
    ("period", re.compile(rf"(?i)\b(?P<shift>{_alt(lex.PERIOD_SHIFTS)})\s+(?P<period>week|month|year)\b")),
    ("ago", re.compile(rf"(?i)\b(?P<n>\d+|{_alt(lex.NUMBERS)})\s+(?P<period>{_alt(lex.PERIODS)})\s+ago\b")),
]


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _future(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start].lower().split()
    if before and before[-1] in lex.FUTURE_CUES:
        return True
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right = min((i for i in (text.find(".", end), text.find("\n", end)) if i >= 0), default=len(text))
    return any(w in lex.FUTURE_TENSE for w in re.findall(r"[a-z]+", text[left:right].lower()))


def _month_shift(pub: date, k: int) -> str:
    index = pub.year * 12 + pub.month - 1 + k
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _value(kind: str, m: re.Match[str], text: str, pub: date | None) -> tuple[str | None, bool]:
    g = m.groupdict()
    month = lex.MONTHS.get(g.get("month") or "", 0)
    if kind == "iso":
        d = _safe(int(g["year"]), int(g["m"]), int(g["day"]))
        return (d.isoformat() if d else None), False
    if kind in ("mdy", "dmy"):
        d = _safe(int(g["year"]), month, int(g["day"]))
        return (d.isoformat() if d else None), False
    if kind == "my":
        return f"{int(g['year']):04d}-{month:02d}", False
    if pub is None:
        return None, True
    if kind in ("md", "dm"):
        options = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe(y, month, int(g["day"])))]
        if not options:
            return None, True
        return min(options, key=lambda d: (abs((d - pub).days), d)).isoformat(), True
    if kind == "weekday":
        wd = lex.WEEKDAYS[g["weekday"]]
        shift = g.get("shift")
        forward = shift in ("next", "coming") or (shift != "last" and _future(text, m.start(), m.end()))
        if forward:
            delta = (wd - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=delta)).isoformat(), True
        delta = (pub.weekday() - wd) % 7
        if g.get("shift") == "last" and delta == 0:
            delta = 7
        return (pub - timedelta(days=delta)).isoformat(), True
    if kind == "anchor":
        return (pub + timedelta(days=lex.DAY_ANCHORS[g["anchor"].lower()])).isoformat(), True
    if kind == "period":
        k = lex.PERIOD_SHIFTS[g["shift"].lower()]
        period = g["period"].lower()
        if period == "year":
            return f"{pub.year + k:04d}", True
        if period == "month":
            return _month_shift(pub, k), True
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
        year, week, _ = monday.isocalendar()
        return f"{year:04d}-W{week:02d}", True
    if kind == "ago":
        word = g["n"].lower()
        n = int(word) if word.isdigit() else lex.NUMBERS.get(word, 0)
        if not n:
            return None, True
        period = g["period"].lower().rstrip("s")
        if period == "day":
            return (pub - timedelta(days=n)).isoformat(), True
        if period == "week":
            year, week, _ = (pub - timedelta(weeks=n)).isocalendar()
            return f"{year:04d}-W{week:02d}", True
        if period == "month":
            return _month_shift(pub, -n), True
        return f"{pub.year - n:04d}", True
    return None, True


def find_dates_en(text: str, published: date | None = None) -> list[DateMention]:
    """Temporal expressions in English ``text``: longest match first, no overlaps, in text order."""
    candidates = []
    for kind, pattern in _RULES:
        for m in pattern.finditer(text):
            if kind == "anchor" and text[max(0, m.start() - 4) : m.start()].lower().endswith("of "):
                continue  # "the Britain of today", "the world of tomorrow": not a date
            candidates.append((m.start(), m.end(), kind, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for start, end, kind, m in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        value, relative = _value(kind, m, text, published)
        out.append(DateMention(text=text[start:end], start=start, end=end, value=value, relative=relative))
    return sorted(out, key=lambda d: d.start)
