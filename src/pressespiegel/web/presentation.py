"""What the page templates need beyond the data: the language's messages and formats, labels of
internal codes, and titles shortened at a word boundary."""

from __future__ import annotations

import re

from jinja2 import Environment
from markupsafe import Markup, escape

from pressespiegel.i18n import Language
from pressespiegel.i18n import install as install_language
from pressespiegel.i18n.labels import (
    API_TEXTS_DE,
    PARAMETER_PLACES_DE,
    contradiction_label,
    date_method_label,
    removed_label,
)

#: Longest title or lead shown in a list before it is shortened (characters).
SHORT_TEXT = 160


def shorten(text: object, limit: int = SHORT_TEXT) -> str:
    """``text`` cut at the last word boundary before ``limit`` with "…"; never mid-word."""
    value = " ".join(str(text or "").split())
    if len(value) <= limit:
        return value
    cut = value[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:–-— ")
    return (cut or value[:limit]) + " …"


_CODE = re.compile(r"`([^`]+)`")


def code_spans(text: object) -> Markup:
    """Text with `backticks` as ``<code>`` (escaped first: no markup from the text itself)."""
    return Markup(_CODE.sub(r"<code>\1</code>", str(escape(str(text or "")))))


def api_text(method: str, path: str, summary: str, lang: Language) -> str:
    """What an endpoint does, in ``lang``: the German text of the API page, or the OpenAPI
    summary (English)."""
    if lang == "de":
        return API_TEXTS_DE.get((method.upper(), path), summary)
    return summary


def install(env: Environment, lang: Language) -> None:
    """Messages, plurals and date formats of ``lang``, plus ``shorten``, ``contradiction`` and
    ``date_method`` filters."""
    install_language(env, lang)
    env.filters["shorten"] = shorten
    env.filters["contradiction"] = lambda kind: contradiction_label(kind, lang)
    env.filters["date_method"] = lambda method: date_method_label(method, lang)
    env.filters["removed_reason"] = lambda reason: removed_label(reason, lang)
    env.filters["code"] = code_spans
    env.globals["api_text"] = lambda method, path, summary: api_text(method, path, summary, lang)
    env.globals["api_place"] = lambda where: PARAMETER_PLACES_DE.get(where, where) if lang == "de" else where
