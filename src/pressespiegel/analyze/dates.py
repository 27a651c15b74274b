"""German temporal expressions, normalised against the publication date.

``find_dates(text, published)`` returns every date-like expression in ``text`` with its
character span and an ISO 8601 value at the precision the text gives: a day (``2023-09-12``),
a month (``2023-09``), a year (``2019``), an ISO week (``2023-W35``), a decade (``199``) or an
interval of two of these (``2023-09-10/2023-09-13``). Clock times, durations ("seit Jahren",
"zwei Wochen lang"), recurring times ("jeden Montag") and seasons are out of scope.

Algorithm:

1. Each rule in ``_RULES`` is a regular expression built from the word tables in
   ``lexicon/dates_de.py`` plus a resolver; all rules run over the whole text.
2. Overlapping candidates are resolved longest first, so "vom 10. bis zum 13. September" wins
   over its parts and "Freitag, dem 4. Mai" over the bare weekday.
3. Explicit dates and years are read as written. Everything else (weekdays, months without a
   year, "gestern", "vergangene Woche", "vor vier Jahren") is resolved against ``published``;
   without a publication date such a mention keeps ``value=None``.
4. Where the direction is open (a bare weekday, a month or day without a year) it comes from
   the tense: a preposition or modifier right before the expression decides first ("für
   Montag", "seit Juni", "vergangenen Freitag"); otherwise the tense cue nearest to it in the
   same sentence ("hatte", "wurde", "sagte" vs "wird", "soll", "kann"); with no cue, the nearest
   candidate wins.

Note: dateparser is not used. It parses "25. April 2019" but returns nothing for "am Dienstag",
"Mitte August" or "vergangene Woche" (checked on these machines, see ``shared/README.md``), and
importing it costs about a second; the explicit dates it would handle are one regex each here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from pressespiegel.analyze.lexicon import dates_de as lex

__all__ = ["DateMention", "find_dates"]

Direction = Literal["past", "future"] | None

# A past-tense sentence may still name a date shortly ahead ("wurde auf den 28. November
# vertagt"), so tense is a penalty, not a hard rule, for months and days without a year: the
# candidate year is the one nearest to publication after adding this penalty to a candidate
# that contradicts the tense. 240 days lets a contradicting date win only when it lies within
# about two months of publication (and the agreeing one ten months away or more).
TENSE_PENALTY_DAYS = 240
TENSE_PENALTY_MONTHS = 8  # the same trade-off for month precision ("im April" in December)

# Words before an expression that are read as local cues (preposition or modifier): how far
# back to look, in characters. Two short words ("bis zum", "auf den") fit.
LOCAL_CUE_WINDOW = 12

# "Vorjahr" refers to the year before the one the text is talking about ("im Juli 2017 ... im
# Vergleich zum Vorjahr" is 2016): look this far back (characters) for an explicit year.
VORJAHR_ANCHOR_WINDOW = 300

# Bare four-digit years: how many characters before a number to search for a quantity cue
# ("mehr als 2000") or a label ("Seite 2014").
YEAR_CONTEXT_WINDOW = 16


@dataclass(frozen=True, kw_only=True, slots=True)
class DateMention:
    """One temporal expression: ``text`` is ``source[start:end]``.

    ``value`` is ISO 8601 at the precision of the text (``None`` when it cannot be resolved,
    e.g. a weekday without a publication date). ``relative`` is True when resolving it needed
    the publication date.
    """

    text: str
    start: int
    end: int
    value: str | None
    relative: bool


# --- Regular expression building blocks (all from the lexicon). ---------------------------------


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation of ``words``, longest first so prefixes never shadow."""
    items = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"


_MON_FULL = _alt(k for k in lex.MONTHS if not k.endswith(".")) + r"(?!\w)"
_MON_ANY = "(?:" + _alt(k for k in lex.MONTHS if k.endswith(".")) + "|" + _MON_FULL + ")"
_WD = _alt(lex.WEEKDAYS)
_POD = _alt(lex.PARTS_OF_DAY)
_MODS = _alt(lex.PERIOD_SHIFTS) + r"(?:e|en|em|er|es)?"
_PARTIAL = _alt(lex.PARTIAL_WORDS)
_Y4 = r"(?<![\w.,/])\d{4}(?![\d]|[.,:/]\d)"
_Y4_FIRST = r"(?<![\w.,/])\d{4}(?!\d)"  # first year of "2007/2008", "1995-1999"
_REL_YEAR = r"(?:des\s+)?" + _MODS + r"\s+Jahres"
_WD_MODS = _alt(
    (
        "vergangenen", "letzten", "vorigen", "kommenden", "nächsten", "diesen", "diesem",
        *lex.DAY_ANCHOR_ADJECTIVES, *lex.DAY_TIME_ADJECTIVES,
    )
)  # fmt: skip
_WD_PHRASE = rf"(?:{_WD_MODS}\s+)?{_WD}(?:{_POD})?"
_DATE_PREFIX = rf"(?:(?:{_WD_PHRASE}|{_alt(lex.DAY_ANCHORS)})\s*,?\s+(?:(?:dem|den)\s+)?)"


def _day_group(name: str) -> str:
    return rf"(?<![\d.,])(?P<{name}>3[01]|[12]\d|0?[1-9])\.\s*"


# --- Candidates and context. ---------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    value: str | None
    relative: bool


@dataclass(slots=True)
class _Ctx:
    """Per-call state: the text, the publication date and lazily computed sentence bounds."""

    text: str
    published: date | None
    _bounds: list[int] | None = field(default=None)
    _cue_cache: dict[int, list[tuple[int, int, Direction]]] = field(default_factory=dict)

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence span around ``pos`` (cut at line breaks and sentence punctuation)."""
        if self._bounds is None:
            self._bounds = [0]
            for m in _SENT_BREAK.finditer(self.text):
                self._bounds.append(m.start())
                self._bounds.append(m.end())
            self._bounds.append(len(self.text))
        # The bounds alternate sentence start, sentence end: [0, e1, s2, e2, ..., len].
        k = bisect.bisect_right(self._bounds, pos) - 1
        if k % 2 == 1:  # inside a break: belongs to the next sentence
            k += 1
        k = min(k, len(self._bounds) - 2)
        return self._bounds[k], self._bounds[k + 1]

    def before(self, pos: int, width: int) -> str:
        """Up to ``width`` characters before ``pos`` inside its sentence."""
        lo, _ = self.sentence(pos)
        return self.text[max(lo, pos - width) : pos]

    def _cues(self, pos: int) -> list[tuple[int, int, Direction]]:
        """Tense cues of the sentence around ``pos`` as (start, end, direction), cached."""
        lo, hi = self.sentence(pos)
        if lo in self._cue_cache:
            return self._cue_cache[lo]
        sent = self.text[lo:hi]
        has_participle = _PARTICIPLE.search(sent) is not None
        cues: list[tuple[int, int, Direction]] = []
        for m in _WORD.finditer(sent):
            w = m.group(0)
            pol: Direction = None
            if w in lex.WERDEN_FORMS:
                pol = None if has_participle else "future"
            elif w in lex.FUTURE_CUES:
                pol = "future"
            elif w in lex.PAST_CUES or (has_participle and w in lex.PERFECT_AUXILIARIES) or _is_preterite(w):
                pol = "past"
            if pol is not None:
                cues.append((lo + m.start(), lo + m.end(), pol))
        self._cue_cache[lo] = cues
        return cues

    def direction(self, start: int, end: int, local: bool = True) -> Direction:
        """Past or future for the expression at ``[start, end)``, from tense cues (step 4)."""
        if local:
            head = " " + self.before(start, LOCAL_CUE_WINDOW).lower()
            for cue in lex.LOCAL_PAST_CUES:
                if head.endswith(" " + cue + " "):
                    return "past"
            for cue in lex.LOCAL_FUTURE_CUES:
                if head.endswith(" " + cue + " "):
                    return "future"
        best: tuple[int, Direction] | None = None
        for a, b, pol in self._cues(start):
            if a < end and b > start:
                continue
            dist = start - b if b <= start else a - end
            if best is None or dist < best[0]:
                best = (dist, pol)
        return best[1] if best else None


def _is_preterite(word: str) -> bool:
    """A lower-case weak preterite ("sagte", "berichteten"), not an ordinal or adjective."""
    return (
        _PRETERITE.fullmatch(word) is not None
        and word not in lex.NOT_PRETERITE
        and _SUPERLATIVE.search(word) is None
    )


_SENT_BREAK = re.compile(r"(?<=[^\d\s.][.!?])[\"“”»«']?\s+|(?<=[.!?][\"“”»«'])\s+|\n+")
_WORD = re.compile(r"[^\W\d_]+")
_PRETERITE = re.compile(r"[a-zäöüß]{2,}(?:te|ten)")
_SUPERLATIVE = re.compile(r"(?:ste|sten)$")
# Past participles: "ge-" anywhere ("abgefangen", "getötet"), an inseparable prefix
# ("ereignet", "verhaftet", "bestätigt") or "-iert" ("informiert").
_PARTICIPLE = re.compile(
    r"\b[a-zäöü]*ge[a-zäöüß]{2,}(?:t|en)\b|\b(?:be|emp|ent|er|ver|zer|miss)[a-zäöüß]{3,}t\b|\b[a-zäöü]{3,}iert\b"
)


# --- Calendar helpers. ----------------------------------------------------------------------------


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _weekday_date(pub: date, wd: int, direction: Direction) -> date:
    """The weekday ``wd`` nearest to ``pub`` in ``direction`` (same day counts)."""
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    if direction == "past":
        return pub - timedelta(days=back)
    if direction == "future":
        return pub + timedelta(days=fwd)
    return pub - timedelta(days=back) if back <= fwd else pub + timedelta(days=fwd)


def _year_for_day(pub: date, m: int, d: int, direction: Direction) -> date | None:
    """The year for "am 9. März": nearest to publication, tense as a penalty (step 4)."""
    best: tuple[int, date] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        cand = _safe_date(y, m, d)
        if cand is None:
            continue
        delta = (cand - pub).days
        cost = abs(delta)
        if (direction == "past" and delta > 0) or (direction == "future" and delta < 0):
            cost += TENSE_PENALTY_DAYS
        if best is None or cost < best[0]:
            best = (cost, cand)
    return best[1] if best else None


def _year_for_month(pub: date, m: int, direction: Direction) -> int:
    """The year for "im Juli", "Mitte August": nearest month, tense as a penalty."""
    best: tuple[int, int] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        delta = (y * 12 + m) - (pub.year * 12 + pub.month)
        cost = abs(delta)
        if (direction == "past" and delta > 0) or (direction == "future" and delta < 0):
            cost += TENSE_PENALTY_MONTHS
        if best is None or cost < best[0]:
            best = (cost, y)
    assert best is not None
    return best[1]


def _shift_of(word: str) -> int:
    """The period shift of a modifier ("vergangenen" → -1), also inside "des vergangenen Jahres"."""
    for token in word.lower().split():
        for stem, k in lex.PERIOD_SHIFTS.items():
            if token.startswith(stem):
                return k
    raise KeyError(word)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return lex.NUMBER_WORDS.get(word.lower())


def _weekend(pub: date, shift: int | None, direction: Direction) -> str:
    """The Saturday/Sunday interval of a weekend, as ISO interval."""
    monday = pub - timedelta(days=pub.weekday())
    if shift is None:  # plain "am Wochenende": the latest one, or the next in future tense
        sat = monday + timedelta(days=5)
        if direction != "future" and sat > pub:
            sat -= timedelta(days=7)
        if direction == "future" and pub.weekday() == 6:
            sat += timedelta(days=7)
    else:
        sat = monday + timedelta(days=5 + 7 * shift)
    return f"{sat.isoformat()}/{(sat + timedelta(days=1)).isoformat()}"


# --- Resolvers, one per rule. Each returns a candidate or None to reject the match. -------------

Resolver = Callable[[_Ctx, "re.Match[str]"], _Cand | None]


def _span(m: re.Match[str], *groups: str) -> tuple[int, int]:
    """Mention span: from the first present group in ``groups`` (else the match) to the end."""
    for g in groups:
        if m.group(g) is not None:
            return m.start(g), m.end()
    return m.start(), m.end()


def _range_end_year(
    ctx: _Ctx, start: int, end: int, month: int, day: int, explicit: str | None
) -> tuple[int | None, bool] | None:
    """Year of a range's last day and whether the publication date decided it.

    ``(None, True)`` when it needs a publication date there is none of; None to reject the match.
    """
    if explicit:
        return int(explicit), False
    if ctx.published is None:
        return None, True
    last = _year_for_day(ctx.published, month, day, ctx.direction(start, end))
    return (last.year, True) if last is not None else None


def _resolve_day_range(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    d1, d2 = int(m["d1"]), int(m["d2"])
    m2 = lex.MONTHS[m["m2"]]
    m1 = lex.MONTHS[m["m1"]] if m["m1"] else m2
    start, end = _span(m, "pre")
    found = _range_end_year(ctx, start, end, m2, d2, m["y2"] or m["y1"])
    if found is None:
        return None
    y2, relative = found
    if y2 is None:
        return _Cand(start, end, None, True)
    y1 = int(m["y1"]) if m["y1"] else (y2 if m1 <= m2 else y2 - 1)
    a, b = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    if a is None or b is None or a >= b:
        return None
    return _Cand(start, end, f"{a.isoformat()}/{b.isoformat()}", relative)


def _resolve_month_range(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    if m["conj"] == "und" and (m["pre"] or "").lower() != "zwischen":
        return None
    m1, m2 = lex.MONTHS[m["m1"]], lex.MONTHS[m["m2"]]
    start, end = _span(m, "pre")
    relative = False
    if m["y2"]:
        y2 = int(m["y2"])
    elif m["ry"]:
        if ctx.published is None:
            return _Cand(start, end, None, True)
        y2, relative = ctx.published.year + _shift_of(m["ry"]), True
    elif m["y1"]:
        y2 = int(m["y1"])
    elif ctx.published is None:
        return _Cand(start, end, None, True)
    else:
        y2, relative = _year_for_month(ctx.published, m2, ctx.direction(start, end)), True
    y1 = int(m["y1"]) if m["y1"] else (y2 if m1 <= m2 else y2 - 1)
    if (y1, m1) >= (y2, m2):
        return None
    return _Cand(start, end, f"{_month(y1, m1)}/{_month(y2, m2)}", relative)


def _resolve_year_range(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    conj, pre = m["conj"], (m["pre"] or "").lower()
    if conj == "und" and pre != "zwischen":
        return None
    y1, raw2 = int(m["y1"]), m["y2"]
    if len(raw2) == 2:
        if conj != "/":
            return None
        y2 = y1 // 100 * 100 + int(raw2)
    else:
        y2 = int(raw2)
    if not (1000 <= y1 < y2 <= y1 + 200):
        return None
    start, end = _span(m, "pre")
    return _Cand(start, end, f"{y1:04d}/{y2:04d}", False)


def _resolve_night_range(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    d1, d2 = int(m["d1"]), int(m["d2"])
    m2 = lex.MONTHS[m["m2"]]
    m1 = lex.MONTHS[m["m1"]] if m["m1"] else m2
    start, end = m.start(), m.end()
    found = _range_end_year(ctx, start, end, m2, d2, m["y2"])
    if found is None:
        return None
    y2, relative = found
    if y2 is None:
        return _Cand(start, end, None, True)
    a, b = _safe_date(y2 if m1 <= m2 else y2 - 1, m1, d1), _safe_date(y2, m2, d2)
    if a is None or b is None:
        return None
    return _Cand(start, end, f"{a.isoformat()}/{b.isoformat()}", relative)


def _resolve_full_date(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    d, mo = int(m["d"]), lex.MONTHS[m["m"]]
    start, end = m.start(), m.end()
    if m["y"]:
        y = int(m["y"])
        if not 1000 <= y <= 2199:
            return None
        value = _safe_date(y, mo, d)
        return _Cand(start, end, value.isoformat(), False) if value else None
    if _is_generic(ctx, start):
        return None
    if ctx.published is None:
        return _Cand(start, end, None, True)
    if m["ry"]:
        value = _safe_date(ctx.published.year + _shift_of(m["ry"]), mo, d)
    else:
        value = _year_for_day(ctx.published, mo, d, ctx.direction(start, end))
    return _Cand(start, end, value.isoformat(), True) if value else None


def _resolve_numeric_date(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    d, mo = int(m["d"]), int(m["m"])
    start, end = m.start(), m.end()
    raw = m["y"]
    if raw:
        y = int(raw)
        if len(raw) == 2:
            cutoff = (ctx.published.year % 100 + 1) if ctx.published else 30
            y += 2000 if y <= cutoff else 1900
        value = _safe_date(y, mo, d)
        return _Cand(start, end, value.isoformat(), False) if value else None
    if not 1 <= mo <= 12:
        return None
    if ctx.published is None:
        return _Cand(start, end, None, True)
    found = _year_for_day(ctx.published, mo, d, ctx.direction(start, end))
    return _Cand(start, end, found.isoformat(), True) if found else None


def _resolve_month_year(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    mo = lex.MONTHS[m["m"]]
    start, end = m.start(), m.end()
    if m["y"]:
        return _Cand(start, end, _month(int(m["y"]), mo), False)
    if ctx.published is None:
        return _Cand(start, end, None, True)
    return _Cand(start, end, _month(ctx.published.year + _shift_of(m["ry"]), mo), True)


def _resolve_bare_month(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    start, end = m.start("m"), m.end()
    if ctx.published is None:
        return _Cand(start, end, None, True)
    mo = lex.MONTHS[m["m"]]
    return _Cand(start, end, _month(_year_for_month(ctx.published, mo, ctx.direction(start, end)), mo), True)


def _resolve_partial_month(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    mo = lex.MONTHS[m["m"]]
    start, end = m.start(), m.end()
    if m["y"]:
        return _Cand(start, end, _month(int(m["y"]), mo), False)
    if ctx.published is None:
        return _Cand(start, end, None, True)
    if m["ry"]:
        return _Cand(start, end, _month(ctx.published.year + _shift_of(m["ry"]), mo), True)
    return _Cand(start, end, _month(_year_for_month(ctx.published, mo, ctx.direction(start, end)), mo), True)


def _resolve_partial_year(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    start, end = m.start(), m.end()
    if m["y"]:
        return _Cand(start, end, m["y"], False)
    if ctx.published is None:
        return _Cand(start, end, None, True)
    mod = m["mod"] or m["mod2"]
    shift = _shift_of(mod) if mod else 0
    return _Cand(start, end, f"{ctx.published.year + shift:04d}", True)


def _resolve_partial_week(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    start, end = m.start(), m.end()
    if ctx.published is None:
        return _Cand(start, end, None, True)
    shift = _shift_of(m["mod"]) if m["mod"] else 0
    return _Cand(start, end, _iso_week(ctx.published + timedelta(weeks=shift)), True)


def _resolve_decade(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    start, end = m.start(), m.end()
    if m["w"]:
        tens, century = lex.DECADE_WORDS[m["w"]], None
    else:
        tens, century = int(m["d"]), m["c"]
    if century:
        return _Cand(start, end, f"{century}{tens}", False)
    year = 2000 + tens * 10
    if ctx.published is None or year > ctx.published.year:
        year -= 100
    return _Cand(start, end, f"{year // 10:03d}", ctx.published is not None)


def _resolve_rel_period(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    start, end = m.start(), m.end()
    pub = ctx.published
    if pub is None:
        return _Cand(start, end, None, True)
    shift = _shift_of(m["mod"])
    unit = lex.PERIOD_UNITS[m["u"]]
    if unit == "week":
        return _Cand(start, end, _iso_week(pub + timedelta(weeks=shift)), True)
    if unit == "month":
        return _Cand(start, end, _month(*_shift_month(pub.year, pub.month, shift)), True)
    if unit == "year":
        return _Cand(start, end, f"{pub.year + shift:04d}", True)
    return _Cand(start, end, _weekend(pub, shift, None), True)


def _resolve_weekend(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    start, end = m.start("we"), m.end()
    if _is_generic(ctx, m.start()):
        return None
    if ctx.published is None:
        return _Cand(start, end, None, True)
    return _Cand(start, end, _weekend(ctx.published, None, ctx.direction(start, end, local=False)), True)


def _resolve_ago(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    n = _number(m["n"])
    if n is None:
        return None
    start, end = m.start(), m.end()
    pub = ctx.published
    if pub is None:
        return _Cand(start, end, None, True)
    unit = lex.AGO_UNITS[m["u"]]
    if unit == "day":
        return _Cand(start, end, (pub - timedelta(days=n)).isoformat(), True)
    if unit == "week":
        return _Cand(start, end, _iso_week(pub - timedelta(weeks=n)), True)
    if unit == "month":
        return _Cand(start, end, _month(*_shift_month(pub.year, pub.month, -n)), True)
    return _Cand(start, end, f"{pub.year - n:04d}", True)


def _resolve_day_anchor(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    word = m["a"]
    start, end = m.start(), m.end()
    if word[0].isupper():
        head = ctx.text[:start].rstrip()
        at_start = not head or head[-1] in '.!?:\n"„“»«' or ctx.sentence(start)[0] == start
        if not at_start:
            return None
        if word == "Morgen" and re.match(r"\s+des\b", ctx.text[end : end + 6]):
            return None
    offset = lex.DAY_ANCHORS[word.lower()]
    if ctx.published is None:
        return _Cand(start, end, None, True)
    return _Cand(start, end, (ctx.published + timedelta(days=offset)).isoformat(), True)


def _resolve_anchor_adjective(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    start, end = m.start(), m.end()
    if ctx.published is None:
        return _Cand(start, end, None, True)
    offset = lex.DAY_ANCHOR_ADJECTIVES[m["a"]]
    return _Cand(start, end, (ctx.published + timedelta(days=offset)).isoformat(), True)


def _resolve_last_year(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    """ "Vorjahr" is the year before the one the text last named, else before publication."""
    start, end = m.start(), m.end()
    named = _ANY_YEAR.findall(ctx.text, max(0, start - VORJAHR_ANCHOR_WINDOW), start)
    if named:
        return _Cand(start, end, f"{int(named[-1]) - 1:04d}", False)
    if ctx.published is None:
        return _Cand(start, end, None, True)
    return _Cand(start, end, f"{ctx.published.year - 1:04d}", True)


_ANY_YEAR = re.compile(r"(?<![\w.,/])((?:19|20)\d{2})(?![\d\w]|[.,]\d)")


def _is_generic(ctx: _Ctx, start: int) -> bool:
    """True for recurring or named weekdays/weekends: "jeden Montag", "Welt am Sonntag"."""
    head = " " + ctx.text[max(0, start - 24) : start]
    if any(head.endswith(" " + p + " ") for p in lex.GENERIC_PREFIXES):
        return True
    return any(head.endswith(p + " ") for p in lex.WEEKDAY_NAME_PREFIXES)


def _after_name(ctx: _Ctx, start: int) -> bool:
    """True when a capitalised word right before ``start`` is not the sentence opener: a weekday
    there is a surname ("Jerzy Montag", "dem Abgeordneten Montag"), not a date."""
    lo, _ = ctx.sentence(start)
    prev = _PREV_WORD.search(ctx.text, lo, start)
    return prev is not None and prev.group(1)[0].isupper() and prev.start(1) > lo


_PREV_WORD = re.compile(r"([^\W\d_][\w-]*)\s+$")


def _resolve_weekday(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    start, end = _span(m, "mod", "night")
    if _is_generic(ctx, start) or _is_generic(ctx, m.start("wd")) or _after_name(ctx, start):
        return None
    pub = ctx.published
    if pub is None:
        return _Cand(start, end, None, True)
    wd = lex.WEEKDAYS[m["wd"]]
    mod = m["mod"] or ""
    if mod in lex.DAY_ANCHOR_ADJECTIVES:
        day = pub + timedelta(days=lex.DAY_ANCHOR_ADJECTIVES[mod])
    elif mod in ("vergangenen", "letzten", "vorigen"):
        day = pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    elif mod in ("kommenden", "nächsten"):
        day = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    else:
        day = _weekday_date(pub, wd, ctx.direction(start, end))
    if m["ago"]:
        day += timedelta(days=-7 if "vor" in m["ago"] else 7)
    if m["wd0"]:
        return _Cand(start, end, f"{(day - timedelta(days=1)).isoformat()}/{day.isoformat()}", True)
    return _Cand(start, end, day.isoformat(), True)


def _resolve_year(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    y = int(m["y"])
    start, end = _span(m, "jp")
    if m["jp"] is None:
        if not lex.BARE_YEAR_MIN <= y <= lex.BARE_YEAR_MAX:
            return None
        nxt = _NEXT_WORD.match(ctx.text, m.end())
        if nxt and nxt.group(1) in lex.QUANTITY_NOUNS:
            return None
        head = " " + ctx.before(m.start(), YEAR_CONTEXT_WINDOW)
        if any(head.endswith(" " + c + " ") for c in lex.QUANTITY_CUES + lex.NUMBER_LABELS):
            return None
    elif not 1000 <= y <= 2199:
        return None
    around = ctx.text[max(0, m.start("y") - 12) : m.end("y") + 12]
    if any(name in around for name in lex.NAMES_WITH_YEAR):
        return None
    return _Cand(start, end, f"{y:04d}", False)


_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


def _rule(name: str, pattern: str, resolve: Resolver) -> _Rule:
    return _Rule(name, re.compile(pattern), resolve)


_RULES: tuple[_Rule, ...] = (
    _rule(
        "night_range",
        rf"Nacht\s+vom\s+{_day_group('d1')}(?:(?P<m1>{_MON_ANY})\s*)?(?:auf\s+den|zum)\s+"
        rf"{_day_group('d2')}(?P<m2>{_MON_ANY})(?:\s+(?P<y2>{_Y4}))?",
        _resolve_night_range,
    ),
    _rule(
        "day_range",
        rf"(?:(?P<pre>[Vv]om|[Vv]on|zwischen\s+dem)\s+)?{_day_group('d1')}"
        rf"(?:(?P<m1>{_MON_ANY})\s*(?:(?P<y1>{_Y4})\s*)?)?(?:bis\s+(?:zum\s+)?|und\s+|[-–]\s*)"
        rf"{_day_group('d2')}(?P<m2>{_MON_ANY})(?:\s+(?P<y2>{_Y4}))?",
        _resolve_day_range,
    ),
    _rule(
        "month_range",
        rf"(?:(?P<pre>[Vv]on|[Vv]om|[Zz]wischen|[Ii]m)\s+)?(?P<m1>{_MON_FULL})(?:\s+(?P<y1>{_Y4}))?\s+"
        rf"(?P<conj>bis(?:\s+(?:zum|Ende))?|und)\s+(?P<m2>{_MON_FULL})"
        rf"(?:\s+(?P<y2>{_Y4})|\s+(?P<ry>{_REL_YEAR}))?",
        _resolve_month_range,
    ),
    _rule(
        "year_range",
        rf"(?:(?P<pre>[Vv]on|[Zz]wischen|(?:den\s+)?Jahren|Jahre|Zeitraum)\s+)?(?P<y1>{_Y4_FIRST})\s*"
        rf"(?P<conj>bis(?:\s+zum\s+Jahr)?|und|[-–/])\s*(?P<y2>\d{{4}}|\d{{2}})(?![\d\w]|[.,]\d)",
        _resolve_year_range,
    ),
    _rule(
        "full_date",
        rf"{_DATE_PREFIX}?{_day_group('d')}(?P<m>{_MON_ANY})"
        rf"(?:\s+(?P<y>{_Y4})|\s+(?P<ry>{_MODS})\s+Jahres)?",
        _resolve_full_date,
    ),
    _rule(
        "numeric_date",
        rf"{_DATE_PREFIX}?(?<![\d.,])(?P<d>3[01]|[12]\d|0?[1-9])\.(?P<m>0?[1-9]|1[0-2])\."
        r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\d.]\d)",
        _resolve_numeric_date,
    ),
    _rule(
        "numeric_date_no_year",
        rf"{_DATE_PREFIX}?(?:(?<=\()|(?<![\d.,]))(?P<d>3[01]|[12]\d|0[1-9])\.(?P<m>0[1-9]|1[0-2])"
        r"(?:\.(?![\d\w])|(?=\)))(?P<y>)",
        _resolve_numeric_date,
    ),
    _rule(
        "partial_month",
        rf"{_PARTIAL}\s+(?P<m>{_MON_FULL})(?:\s+(?P<y>{_Y4})|\s+(?P<ry>{_REL_YEAR}))?",
        _resolve_partial_month,
    ),
    _rule(
        "partial_year",
        rf"{_PARTIAL}\s+(?:(?:des\s+Jahres\s+)?(?P<y>{_Y4})|(?:des|der)\s+(?:(?P<mod>{_MODS})\s+)?Jahres"
        rf"|(?P<mod2>{_MODS})\s+Jahres)",
        _resolve_partial_year,
    ),
    _rule(
        "partial_week",
        rf"{_PARTIAL}\s+(?:der|dieser)\s+(?:(?P<mod>{_MODS})\s+)?Woche(?!\w)",
        _resolve_partial_week,
    ),
    _rule(
        "decade",
        rf"(?:{_PARTIAL}\s+)?(?:(?:den|die|der)\s+)?(?:(?P<c>1[89]|20)?(?P<d>\d)0er(?:[\s-]+Jahren?)?"
        rf"|(?P<w>{_alt(lex.DECADE_WORDS)})\s+Jahren?)(?!\w)",
        _resolve_decade,
    ),
    _rule(
        "month_year",
        rf"(?P<m>{_MON_FULL})\s+(?:(?P<y>{_Y4})|(?P<ry>{_REL_YEAR}))",
        _resolve_month_year,
    ),
    _rule(
        "bare_month",
        rf"(?<!\w)(?:[Ii]m|[Ss]eit|[Bb]is|[Aa]b|[Vv]om|[Ff]ür|[Ss]chon\s+im|[Nn]och\s+im)\s+(?:Monat\s+)?"
        rf"(?P<m>{_MON_FULL})",
        _resolve_bare_month,
    ),
    _rule(
        "rel_period",
        rf"(?<!\w)(?P<mod>{_MODS})\s+(?P<u>{_alt(lex.PERIOD_UNITS)})(?!\w)",
        _resolve_rel_period,
    ),
    _rule("weekend", r"(?<!\w)(?:[Aa]m|übers|[Vv]om)\s+(?P<we>Wochenende)(?!\w)", _resolve_weekend),
    _rule(
        "ago",
        rf"(?<!\w)[Vv]or\s+(?P<n>\d{{1,3}}|{_alt(lex.NUMBER_WORDS)})\s+(?P<u>{_alt(lex.AGO_UNITS)})(?!\w)",
        _resolve_ago,
    ),
    _rule(
        "day_anchor",
        rf"(?<!\w)(?P<a>{_alt(list(lex.DAY_ANCHORS) + [w.capitalize() for w in lex.DAY_ANCHORS])})"
        rf"(?:\s+(?:{_alt(p.capitalize() for p in lex.PARTS_OF_DAY)}|früh|morgen|abend|nacht)(?!\w))?(?!\w)",
        _resolve_day_anchor,
    ),
    _rule(
        "anchor_adjective",
        rf"(?<!\w)(?P<a>{_alt(lex.DAY_ANCHOR_ADJECTIVES)})\s+{_alt(lex.DAY_NOUNS)}(?!\w)",
        _resolve_anchor_adjective,
    ),
    _rule("last_year", r"(?<!\w)Vorjahr(?:es|s)?(?!\w)", _resolve_last_year),
    _rule(
        "weekday",
        rf"(?<!\w)(?:(?P<mod>{_WD_MODS})\s+)?(?:(?P<night>Nacht)\s+(?:zum|auf|von\s+(?P<wd0>{_WD})\s+(?:auf|zum))\s+)?"
        rf"(?P<wd>{_WD})(?:{_POD})?(?!\w)(?P<ago>\s+vor\s+einer\s+Woche|\s+in\s+einer\s+Woche)?",
        _resolve_weekday,
    ),
    _rule(
        "year",
        rf"(?:(?P<jp>(?<!\w)Jahr(?:e|es|en)?)\s+)?(?P<y>{_Y4})(?!\w|-\w)",
        _resolve_year,
    ),
)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """All temporal expressions in ``text``, in text order, resolved against ``published``."""
    ctx = _Ctx(text, published)
    cands: list[tuple[int, int, int, _Cand]] = []
    for prio, rule in enumerate(_RULES):
        for m in rule.pattern.finditer(text):
            cand = rule.resolve(ctx, m)
            if cand is not None and cand.end > cand.start:
                cands.append((-(cand.end - cand.start), cand.start, prio, cand))
    cands.sort(key=lambda c: c[:3])
    taken: list[tuple[int, int]] = []
    chosen: list[_Cand] = []
    for _, _, _, cand in cands:
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        taken.append((cand.start, cand.end))
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return [
        DateMention(text=text[c.start : c.end], start=c.start, end=c.end, value=c.value, relative=c.relative)
        for c in chosen
    ]
