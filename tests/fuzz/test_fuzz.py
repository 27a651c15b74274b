"""Fuzzing every stage with hostile text: no exception, offsets inside the text, cleaning idempotent.

Bounded: each property runs a fixed number of examples (a few seconds each). With ``CI`` set the
examples are derandomized, so CI runs are reproducible; locally each run explores new inputs.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime, timedelta

from fuzz_strategies import LANGUAGES, TEXT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressespiegel.analyze import Document, analyze_texts
from pressespiegel.analyze.dates import find_dates
from pressespiegel.analyze.quotes import find_quotes
from pressespiegel.analyze.sentences import tokenize_sentences
from pressespiegel.clean import make_article
from pressespiegel.clean.boilerplate import clean_text
from pressespiegel.clean.dating import estimate_date
from pressespiegel.errors import SourceError
from pressespiegel.records import Article, Paragraph, RawDocument
from pressespiegel.stories import Grouper

settings.register_profile(
    "fuzz",
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("fuzz")


def _inside(text: str, spans: list[tuple[int, int]]) -> None:
    for start, end in spans:
        assert 0 <= start <= end <= len(text), (start, end, len(text))


@settings(max_examples=60)
@given(TEXT)
def test_cleaning_never_raises_and_is_idempotent(text: str) -> None:
    try:
        article = make_article(RawDocument(source="fuzz", text=text))
    except SourceError:
        return
    assert article.text.strip() and article.title
    first = clean_text(text)
    body = "\n\n".join(p.text for p in first.paragraphs)
    again = clean_text(body, title=first.title)
    assert "\n\n".join(p.text for p in again.paragraphs) == body


@settings(max_examples=15)
@given(TEXT)
def test_html_cleaning_never_raises(text: str) -> None:
    import html

    page = "<html><body><article>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    with contextlib.suppress(SourceError):
        make_article(RawDocument(source="fuzz.html", html=page + "</article></body></html>"))


@settings(max_examples=60)
@given(TEXT)
def test_sentences_quotes_and_dates_stay_inside_the_text(text: str) -> None:
    sentences = tokenize_sentences(text)
    _inside(text, [(s[0].start, s[-1].end) for s in sentences if s])
    for quote in find_quotes(text):
        _inside(text, list(quote.quote.spans))
        if quote.speaker is not None:
            _inside(text, list(quote.speaker.spans))
    for mention in find_dates(text, date(2023, 9, 12)):
        _inside(text, [(mention.start, mention.end)])
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=10)
@given(st.lists(st.tuples(TEXT, LANGUAGES), min_size=1, max_size=3))
def test_full_analysis_with_entities_never_fails_a_stage(texts: list[tuple[str, str | None]]) -> None:
    analyses = analyze_texts([Document(text=t, language=lang or "de") for t, lang in texts])
    for (text, _), analysis in zip(texts, analyses, strict=True):
        assert analysis.failed == []
        _inside(text, analysis.sentences)
        _inside(text, [(e["start"], e["end"]) for e in analysis.entities])


@settings(max_examples=100)
@given(TEXT, st.dates(date(1990, 1, 1), date(2030, 12, 31)))
def test_date_estimates_are_valid_dates_not_after_the_reference(text: str, today: date) -> None:
    estimate = estimate_date(text, today=today)
    if estimate is not None:
        value = estimate.value
        assert len(value) in {7, 10}
        assert date.fromisoformat(value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value) <= today
        assert estimate.method == "content" and estimate.reliable is False


@settings(max_examples=20)
@given(st.lists(st.tuples(TEXT, LANGUAGES, st.integers(0, 60)), min_size=1, max_size=6))
def test_copies_stories_and_storylines_never_raise(docs: list[tuple[str, str | None, int]]) -> None:
    grouper = Grouper()
    start = datetime(2023, 9, 1)
    batch = [
        (
            Article(id=f"a{i}", source=f"s{i}", paragraphs=(Paragraph(text=text or "x", kind="lead"),),
                    language=lang, title=text[:30] or None),
            start + timedelta(days=day),
        )
        for i, (text, lang, day) in enumerate(docs)
    ]  # fmt: skip
    memberships = grouper.add(batch)  # no on_error: any exception fails the test
    assert len(memberships) == len(batch)
    lines = grouper.storylines()
    assert sorted(s for line in lines for s in line.stories) == sorted(grouper.stories)
    state = grouper.to_state()
    assert Grouper.from_state(state).to_state() == state
