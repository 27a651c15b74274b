"""Lexicon for English temporal expressions: calendar words and relative anchors.

Source: own work for pressespiegel, written by hand from English news usage (AP/Reuters style:
"Jan. 5", "on Wednesday", "last week", "two years ago"); Apache-2.0 like the rest of the package.
``analyze/dates_en.py`` builds its patterns from these tables. Words are matched case-insensitively
except month and weekday names, which English capitalises ("may" is a verb, "May" the month).
"""

from __future__ import annotations

#: Month names and abbreviations (AP style, with their full stop) → month number.
MONTHS: dict[str, int] = {
    "January": 1, "Jan.": 1, "February": 2, "Feb.": 2, "March": 3, "Mar.": 3, "April": 4, "Apr.": 4,
    "May": 5, "June": 6, "July": 7, "August": 8, "Aug.": 8, "September": 9, "Sept.": 9, "Sep.": 9,
    "October": 10, "Oct.": 10, "November": 11, "Nov.": 11, "December": 12, "Dec.": 12,
    # AFP and British style write the abbreviations without the full stop ("Jan 22, 2024")
    "Jan": 1, "Feb": 2, "Aug": 8, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip

#: Weekday names → ``date.weekday()`` index (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6,
}  # fmt: skip

#: Day anchors relative to publication → offset in days.
DAY_ANCHORS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}

#: Modifiers of a period ("last week", "next month", "this year") → offset in periods.
PERIOD_SHIFTS: dict[str, int] = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}

#: Periods a shift or "ago" applies to.
PERIODS: frozenset[str] = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})

#: Number words for "three years ago".
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0, "few": 0,
}  # fmt: skip

#: Words right before a weekday or a month/day without year that point to the future.
FUTURE_CUES: frozenset[str] = frozenset({"next", "until", "till", "by", "from", "coming"})
#: Words in the same sentence that mark it as about the future (else a bare weekday is past).
FUTURE_TENSE: frozenset[str] = frozenset(
    {"will", "would", "shall", "plans", "planned", "expected", "scheduled", "due"}
)
