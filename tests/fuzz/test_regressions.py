"""Crashes seen on real pages, each pinned by a test (issue 12)."""

from __future__ import annotations

from pressespiegel.analyze.quotes import Quote, Span
from pressespiegel.analyze.quotes.finder import _Finder
from pressespiegel.analyze.sentences import tokenize_sentences
from pressespiegel.stories.terms import content_terms, prior_idf


def test_a_quote_with_no_spans_does_not_crash_the_finder() -> None:
    """A German blog interview made the finder emit a quote whose spans were all empty; sorting
    nested quotes by their first span then raised IndexError and the article was dropped."""
    text = "Frage: „Wie geht es weiter?“ Antwort: Das sagte er nicht."
    finder = _Finder(text, tokenize_sentences(text))
    empty = Quote(Span("", ()), None, None, None, None, "indirect")
    original = finder._unit

    def unit_with_an_empty_quote(*args, **kwargs):  # type: ignore[no-untyped-def]
        finder.quotes.append(empty)
        return original(*args, **kwargs)

    finder._unit = unit_with_an_empty_quote  # type: ignore[method-assign]
    quotes = finder.run()
    assert empty not in quotes
    assert all(q.quote.spans for q in quotes)


def test_chinese_japanese_korean_terms_need_no_segmenter() -> None:
    """wordfreq segments Chinese with jieba and Japanese/Korean with MeCab, which are not
    installed; a Chinese page made grouping raise ModuleNotFoundError on every later run."""
    samples = [
        ("中华人民共和国国务院总理今天在北京会见了代表团。", "zh"),
        ("東京都は新しい方針を発表した。", "ja"),
        ("정부는 오늘 새로운 정책을 발표했다.", "ko"),
    ]
    for text, lang in samples:
        terms = content_terms(text, lang)
        assert terms
        for term in terms:
            assert prior_idf(term, lang) > 0
    assert {"北京", "总理"} <= set(content_terms("国务院总理今天在北京会见了代表团。", "zh"))
