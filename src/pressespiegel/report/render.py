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


def review_document(digests: list[dict[str, Any]], *, title: str, period: str) -> dict[str, Any]:
    """The review as one JSON-able record."""
    outlets = {o for d in digests for o in d["coverage"]["outlets"]}
    return {
        "title": title,
        "period": period,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "articles": sum(d["coverage"]["articles"] for d in digests),
        "outlets": len(outlets),
        "stories": digests,
    }


def to_html(review: dict[str, Any]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("pressespiegel.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )
    env.filters["safe_url"] = safe_url
    return env.get_template("review.html.j2").render(review=review, version=__version__)


def to_markdown(review: dict[str, Any]) -> str:
    """The review as Markdown; every text that comes from an article goes through :func:`md`."""
    lines = [f"# {md(review['title'])}", "", f"{md(review['period'])} · erstellt {review['generated']}", ""]
    for s in review["stories"]:
        cov = s["coverage"]
        outlets = md(", ".join(cov["outlets"]))
        lines += [f"## {md(s['label'])}", "",
                  f"*{md(cov['first_report'])} – {md(cov['last_report'])} · {cov['articles']} Artikel, "
                  f"{cov['origins']} unabhängige Ursprünge · {outlets}*", ""]  # fmt: skip
        if s["summary"]:
            lines += ["### Zusammenfassung", ""]
            lines += [
                f"- {md(x['text'])} [{md(x['outlet'] or 'Quelle')}, {md(x['published'] or 'o. D.')}]"
                for x in s["summary"]
            ]
            lines.append("")
        if s["timeline"]:
            lines += ["### Chronologie", ""]
            lines += [f"- **{md(e['date'])}** {md(e['text'])} ({md(_outlets(e['citations']))})"
                      for e in s["timeline"]]  # fmt: skip
            lines.append("")
        if s["quotes"]:
            lines += ["### Wer sagte was", ""]
            for g in s["quotes"]:
                role = f" ({md(g['role'])})" if g["role"] else ""
                for st in g["statements"]:
                    lines.append(f"- **{md(g['speaker'])}**{role}: „{md(st['text'])}“ "
                                 f"[{md(st['citations'][0]['outlet'] or '')}]")  # fmt: skip
            lines.append("")
        if s["contradictions"]:
            lines += ["### Widersprüche", ""]
            for c in s["contradictions"]:
                a, b = c["a"], c["b"]
                lines.append(f"- {md(c['kind'])}: **{md(a['speaker'] or 'Quelle')}** „{md(a['text'])}“ ↔ "
                             f"**{md(b['speaker'] or 'Quelle')}** „{md(b['text'])}“")  # fmt: skip
            lines.append("")
        lines += ["### Quellen", ""]
        for src in s["sources"]:
            title = md(src["title"] or src["article"])
            link = f"[{title}]({md_url(src['url'])})" if src["url"] else title
            lines.append(f"- {md(src['published'] or '–')} · {md(src['outlet'] or 'unbekannt')} · {link}"
                         + (" (Kopie)" if src["copy_of"] else ""))  # fmt: skip
        lines.append("")
    return "\n".join(lines)


def _outlets(citations: list[dict[str, Any]]) -> str:
    return ", ".join(c["outlet"] or "Quelle" for c in citations)


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
            "--disable-component-update", "--disable-sync", "--no-first-run",
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
