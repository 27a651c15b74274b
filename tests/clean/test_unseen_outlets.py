"""Pages from outlets the rules were not written for: the same kinds of chrome must come out.

The fixtures in ``tests/fixtures/unseen/`` were written by hand after the rules, modelled on
German and Austrian regional sites; each ``.expected.json`` lists the paragraphs a reader would
keep and the boilerplate kinds that must be found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressespiegel.clean import make_article
from pressespiegel.records import RawDocument

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unseen"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("page", PAGES)
def test_unseen_outlet_is_cleaned(page: str) -> None:
    expected = json.loads((FIXTURES / f"{page}.expected.json").read_text(encoding="utf-8"))
    text = (FIXTURES / f"{page}.txt").read_text(encoding="utf-8")
    article = make_article(RawDocument(source=page, text=text))
    assert [[p.kind, p.text] for p in article.paragraphs] == expected["paragraphs"]
    assert article.title == expected["title"]
    assert list(article.agencies) == expected["agencies"]
    assert (article.published.value if article.published else None) == expected["published"]
    assert article.teaser is expected["teaser"]
    kinds = {r.reason for r in article.boilerplate}
    assert set(expected["removed_kinds"]) <= kinds, sorted(kinds)


def test_at_least_four_unseen_pages() -> None:
    assert len(PAGES) >= 4
