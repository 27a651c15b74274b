"""The language of what people read: web UI, API page, press review and digests.

Policy (docs/decisions.md, issue 19):

1. Pages, the review and digests are German; English is one switch away (``--lang en`` on
   ``serve``, ``review`` and ``digest``, or ``PRESSESPIEGEL_LANG=en``).
2. Texts are written in German where they are shown (templates, the few messages built in
   code) and translated in ``locale/en.po``, a gettext catalogue read with Babel; a message
   without a translation shows in German, and a test fails for every such message.
3. Counts go through ``ngettext`` (``1 Ursprung``, ``2 Ursprünge``); dates and numbers are
   formatted by Babel for the language (``12.09.2023``, ``KW 35/2023``, ``Sep 12, 2023``).
4. The command line is the operator's console and is English throughout (help, output,
   errors), with the same plural rule; it never prints German words of its own.
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from jinja2 import Environment

LOCALE_DIR = Path(__file__).parent / "locale"
Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
DEFAULT_LANGUAGE: Language = "de"
#: Environment variable naming the language of pages, reviews and digests.
ENV_VAR = "PRESSESPIEGEL_LANG"
#: Babel date patterns per language: a day, and the interval skeleton for a span of days.
_DAY_SKELETON = {"de": "yMMdd", "en": "yMMMd"}
#: Quotation marks around quoted speech, and the marks of a quote inside a quote.
QUOTES = {"de": ("„", "“", "‚", "‘"), "en": ("“", "”", "‘", "’")}
#: Marks stripped from the ends of a quotation before it is set in the language's own marks.
QUOTE_MARKS = " „“”\"»«‚‘’'"
_INNER = re.compile(r"[„“”\"»«](.+?)[“”\"«»]")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def language(value: str | None = None) -> Language:
    """The language for ``value`` ("en", "en_GB.UTF-8", "DE"), else $PRESSESPIEGEL_LANG, else German."""
    for candidate in (value, os.environ.get(ENV_VAR)):
        code = (candidate or "").strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


@cache
def translations(lang: Language) -> _gettext.NullTranslations:
    """The catalogue of ``lang``: German is the source language and needs none."""
    if lang == "de":
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with (LOCALE_DIR / f"{lang}.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)  # in memory: the shipped file is the .po a translator edits
    buffer.seek(0)
    return Translations(fp=buffer)


def gettext(message: str, lang: Language) -> str:
    """``message`` in ``lang``."""
    return translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: Language) -> str:
    """The singular or plural form for ``n`` in ``lang`` (``%(num)d`` is replaced by ``n``)."""
    return translations(lang).ngettext(singular, plural, n).replace("%(num)d", format_number(n, lang))


def format_number(n: int, lang: Language) -> str:
    """``1.234`` in German, ``1,234`` in English."""
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=lang))


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_label(value: str | None, lang: Language) -> str:
    """A date value of any precision as a reader writes it: 12.09.2023, September 2023, 2019,
    KW 35/2023 (English: Sep 12, 2023, September 2023, 2019, week 35/2023); "ohne Datum" for none."""
    from babel.dates import format_skeleton

    if not value:
        return gettext("ohne Datum", lang)
    if m := _WEEK.fullmatch(value):
        return gettext("KW %(week)s/%(year)s", lang) % {"week": int(m[2]), "year": m[1]}
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return str(format_skeleton("yMMMM", date(int(value[:4]), int(value[5:7]), 1), locale=lang))
    day = _day(value)
    if day is None:
        return value
    return str(format_skeleton(_DAY_SKELETON[lang], day, locale=lang))


def span_label(first: str | None, last: str | None, lang: Language) -> str:
    """A span of days (``02.–14.09.2023``); one day alone; "ohne Datum" when neither is known."""
    from babel.dates import format_interval

    start, end = (_day(first) if first else None), (_day(last) if last else None)
    if start and end and start != end:
        low, high = min(start, end), max(start, end)
        return str(format_interval(low, high, _DAY_SKELETON[lang], locale=lang))
    if start or end:
        return date_label((first if start else last), lang)
    return gettext("ohne Datum", lang)


def quoted(text: str | None, lang: Language) -> str:
    """Quoted speech in the language's marks, once: marks the text already carries at its ends
    are dropped, and quotations inside it take the inner marks („… ‚Nein‘ …“)."""
    open_, close, inner_open, inner_close = QUOTES[lang]
    body = (text or "").strip().strip(QUOTE_MARKS).strip()
    body = _INNER.sub(lambda m: f"{inner_open}{m[1]}{inner_close}", body)
    return f"{open_}{body}{close}"


def install(env: Environment, lang: Language) -> None:
    """Give a Jinja environment ``_``/``ngettext`` (new style: autoescaped, ``%(name)s``
    placeholders) and the filters ``date_label``, ``span_label``, ``quoted`` and ``number``;
    the global ``lang`` is the page's language."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        lambda message: gettext(message, lang),
        lambda singular, plural, n: ngettext(singular, plural, n, lang),
        newstyle=True,
    )
    env.filters["date_label"] = lambda value: date_label(value, lang)
    env.filters["span_label"] = lambda first, last=None: span_label(first, last, lang)
    env.filters["quoted"] = lambda text: quoted(text, lang)
    env.filters["number"] = lambda n: format_number(int(n or 0), lang)
    env.globals["lang"] = lang


__all__ = [
    "DEFAULT_LANGUAGE",
    "ENV_VAR",
    "LANGUAGES",
    "Language",
    "date_label",
    "format_number",
    "gettext",
    "install",
    "language",
    "ngettext",
    "quoted",
    "span_label",
    "translations",
]
