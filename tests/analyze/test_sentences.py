"""Sentence splitting and tokenisation with offsets."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pressespiegel.analyze.sentences import Token, split_sentences, tokenize

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_offsets_point_into_the_text() -> None:
    text = "Er sagte: „Ja.“ Dann ging er."
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokens[0] == Token("Er", 0, 2)


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Russland hat u.a. die Nr. 5 bestätigt. Das sagte Dr. Müller am 17. Februar."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Russland hat u.a. die Nr. 5 bestätigt.",
        "Das sagte Dr. Müller am 17. Februar.",
    ]


def test_dateline_stays_with_the_first_sentence() -> None:
    text = "KIEW/WLADIWOSTOK (dpa-AFX) - Kim ist eingetroffen. Putin wartet."
    spans = split_sentences(text)
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]].startswith("KIEW/WLADIWOSTOK (dpa-AFX) - Kim")


def test_paragraph_break_is_a_sentence_break() -> None:
    text = "Putin bestreitet ukrainische Erfolge\n\nKremlherrscher Putin hält das für falsch."
    assert len(split_sentences(text)) == 2


def test_quotation_with_attribution_is_one_sentence() -> None:
    text = '"Ich bestätige das", sagte Kremlsprecher Dmitri Peskow. Wo genau, blieb offen.'
    spans = split_sentences(text)
    assert text[spans[0][0] : spans[0][1]] == '"Ich bestätige das", sagte Kremlsprecher Dmitri Peskow.'


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert tokenize(" \n\n ") == []


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds not available")
def test_seed_spans_are_consistent() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        assert spans, path.name
        assert all(s < e for s, e in spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
        assert all("\n" not in text[s:e] for s, e in spans)


def test_abbreviation_pattern_on_dotted_runs_matches_somajos_own() -> None:
    from pressespiegel.analyze.sentences import _DottedRuns, _somajo

    fast = _somajo()._tokenizer.abbreviation
    assert isinstance(fast, _DottedRuns)
    original = fast._pattern
    texts = [
        "Das ist z. B. gut, u.a. weil Dr. med. Müller ca. 3 Std. später kam.",
        "St.Gallen, Bsp.: x.y.z.abc. und usw. sowie Nr. 5 der Str. am 17. Februar",
        "Kein Punkt hier",
        ".",
        "...",
        "Prof.Dr. Schulz bzw. Frau Dipl.-Ing. Maier (geb. Schmidt) u.s.w.",
    ]
    for text in texts:
        expected = [(m.span(), m.group(0)) for m in original.finditer(text)]
        assert [(m.span(), m.group(0)) for m in fast.finditer(text)] == expected, text
    # and the tokenizer with the original pattern splits these texts the same way
    tokenizer = _somajo()._tokenizer
    with_fast = [[[t.text for t in s] for s in _somajo().tokenize_text([x])] for x in texts]
    tokenizer.abbreviation = original
    try:
        with_original = [[[t.text for t in s] for s in _somajo().tokenize_text([x])] for x in texts]
    finally:
        tokenizer.abbreviation = fast
    assert with_fast == with_original
