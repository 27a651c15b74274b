"""The Markdown review keeps article HTML inert (issue 16): escaped, never copied raw."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import seed_text
from pressespiegel.ingest import ingest
from pressespiegel.pipeline import build_review, update_stories
from pressespiegel.report.render import to_markdown
from pressespiegel.store.sqlite import SQLiteStore

RAW = ("<script", "<img", "<svg", "](javascript:", "onerror=alert")


def test_markdown_review_escapes_html_from_articles(tmp_path: Path) -> None:
    body = seed_text(0).split("\n\n")
    body[1] = (
        "<script>alert(1)</script> " + body[1] + " <img src=x onerror=alert(2)> [klick](javascript:alert(3))"
    )
    items = [
        {"id": "md-1", "url": 'https://example.org/a") [x](javascript:alert(4)',
         "outlet": "<svg onload=alert(5)>Blatt", "title": "<script>alert(6)</script> Kim trifft Putin",
         "published": "2023-09-12", "text": "\n\n".join(body)},
        {"id": "md-2", "url": "javascript:alert(7)", "outlet": "Kurier", "published": "2023-09-12",
         "title": "Kim & Putin <b>in</b> Wladiwostok", "text": seed_text(1)},
    ]  # fmt: skip
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    store = SQLiteStore(tmp_path / "t.db")
    try:
        report = ingest([str(source)], store)
        assert report.added == 2, report.errors
        update_stories(store)
        text = to_markdown(build_review(store, top=0))
    finally:
        store.close()
    for raw in RAW:
        assert raw not in text, raw
    assert "&lt;script&gt;alert(6)&lt;/script&gt; Kim trifft Putin" in text
    assert "&lt;svg onload=alert(5)&gt;Blatt" in text and "Kim &amp; Putin &lt;b&gt;in&lt;/b&gt;" in text
    assert "(https://example.org/a%22%29%20[x]%28javascript:alert%284%29)" in text  # one inert link target
    assert "](#)" in text  # the javascript: URL is not linked


def test_md_helpers() -> None:
    from pressespiegel.report.render import md, md_url

    assert md("a\nb [c](d) <e> & f\\") == "a b \\[c\\](d) &lt;e&gt; &amp; f\\\\"
    assert md_url("http://[::1") == "#" and md_url("JAVASCRIPT:alert(1)") == "#"
    assert md_url("HTTPS://example.org/a b(c)") == "HTTPS://example.org/a%20b%28c%29"
