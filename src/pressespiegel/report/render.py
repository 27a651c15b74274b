"""Rendering a press review: JSON, Markdown, self-contained HTML, and PDF printed from that HTML.

The HTML carries its CSS inline and loads nothing from elsewhere, so it can be mailed as is.
The PDF is printed by headless Chromium from the same HTML (Debian's ``chromium`` package, which
``make install`` sets up); no second layout to maintain.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from pressespiegel import __version__
from pressespiegel.errors import PressespiegelError
from pressespiegel.i18n import Language, install, language
from pressespiegel.i18n.labels import contradiction_label

ReviewFormat = Literal["json", "md", "html", "pdf"]
#: Seconds Chromium may take to print a review.
PDF_TIMEOUT = 120
#: Browser binaries tried in order for PDF output.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def safe_url(url: str | None) -> str:
    """Only http(s) links reach the page; anything else (javascript:, data:, unparsable) becomes '#'."""
    try:
        if url and urlsplit(url).scheme.lower() in {"http", "https"}:
            return url
    except ValueError:  # "http://[::1", a port that is no number
        pass
    return "#"


#: Characters an article's text may not bring into Markdown as markup: raw HTML (``<script>``,
#: ``<img onerror>``; Markdown passes HTML through), entities, and link brackets.
_MD_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "[": "\\[", "]": "\\]",
                             "\n": " ", "\r": " "})  # fmt: skip


def md(value: object) -> str:
    """Text from an article as inert Markdown: no HTML, no links, no line breaks."""
    return str(value if value is not None else "").translate(_MD_SPECIAL)


def md_url(url: str | None) -> str:
    """A link target that cannot end early: only http(s) (else '#'), with ( ) < > " space escaped."""
    return quote(safe_url(url), safe=":/?#@!$&'*+,;=%~-._[]")


def review_document(
    digests: list[dict[str, Any]],
    *,
    title: str,
    period: str | None = None,
    since: str | None = None,
    total: int | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """The review as one JSON-able record.

    ``total`` is how many stories the selection had before ``--top`` cut it (the header says
    "10 von 26 Themen"); ``since`` the first day asked for; ``period`` a free phrase for the
    header instead (an alert's reason); ``lang`` the language it is rendered in.
    """
    outlets = {o for d in digests for o in d["coverage"]["outlets"]}
    return {
        "title": title,
        "period": period,
        "since": since,
        "lang": language(lang),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "articles": sum(d["coverage"]["articles"] for d in digests),
        "outlets": len(outlets),
        "total": max(total or 0, len(digests)),
        "stories": digests,
    }


def _environment(lang: Language, *, html: bool) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("pressespiegel.report", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]) if html else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    install(env, lang)
    env.filters["safe_url"] = safe_url
    env.filters["md"] = md
    env.filters["md_url"] = md_url
    env.filters["contradiction"] = lambda kind: contradiction_label(kind, lang)
    return env


def to_html(review: dict[str, Any]) -> str:
    """The review as one self-contained HTML page (inline CSS, no script, nothing loaded)."""
    env = _environment(language(review.get("lang")), html=True)
    return str(env.get_template("review.html.j2").render(review=review, version=__version__))


def to_markdown(review: dict[str, Any]) -> str:
    """The review as Markdown, the same sections as the HTML."""
    env = _environment(language(review.get("lang")), html=False)
    return str(env.get_template("review.md.j2").render(review=review, version=__version__))


def find_chromium() -> str | None:
    """Path of a Chromium-like browser, or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html: str, out: Path) -> None:
    """Print ``html`` to ``out`` with headless Chromium; raise PressespiegelError if it cannot."""
    browser = find_chromium()
    if browser is None:
        raise PressespiegelError("PDF needs Chromium: run `make install` (installs Debian's chromium) or "
                                 "`apt-get install chromium`; or choose --format html")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "review.html"
        page.write_text(html, encoding="utf-8")
        cmd = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--generate-pdf-document-outline",
            f"--user-data-dir={tmp}/profile",
            "--no-pdf-header-footer", f"--print-to-pdf={out.resolve()}", page.as_uri(),
        ]  # fmt: skip
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=PDF_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PressespiegelError(f"Chromium did not print the PDF within {PDF_TIMEOUT} s") from None
        if run.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            raise PressespiegelError(f"Chromium could not print the PDF: {run.stderr.strip()[-300:]}")


def render(review: dict[str, Any], fmt: ReviewFormat, out: Path) -> None:
    """Write the review in ``fmt`` to ``out`` (atomically for text formats)."""
    if fmt == "pdf":
        html_to_pdf(to_html(review), out)
        return
    text = {
        "json": lambda: json.dumps(review, ensure_ascii=False, indent=2),
        "md": lambda: to_markdown(review),
        "html": lambda: to_html(review),
    }[fmt]()
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
