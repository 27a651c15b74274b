"""Bounded analysis (issue 16): long texts in chunks, batches by size, normal texts unchanged."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from conftest import SAMPLE, seed_text
from pressespiegel import analyze as analysis_module
from pressespiegel.analyze import Analysis, Document, analyze_text, analyze_texts

#: The bound of issue 16 on characters per entity-model call (chunks.BATCH_CHARS).
BATCH_BOUND = 50_000


def sample_texts() -> list[str]:
    """The bundled sample's Wikinews texts and the five seed articles (real news text)."""
    lines = (SAMPLE / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines] + [seed_text(i) for i in range(5)]


@pytest.fixture
def model_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Characters of text handed to the entity model, per call."""
    calls: list[int] = []
    real = analysis_module._entities_many

    def spy(texts: list[tuple[str, list[Any]]]) -> list[list[dict[str, Any]]]:
        calls.append(sum(len(text) for text, _ in texts))
        return real(texts)

    monkeypatch.setattr(analysis_module, "_entities_many", spy)
    return calls


def long_text(size: int = 30_000) -> str:
    """About ``size`` characters of real news text in paragraphs (the sample, repeated)."""
    texts = sample_texts()
    return "\n\n".join(texts * (1 + size // sum(len(t) for t in texts)))[:size]


def test_normal_texts_get_the_same_analysis_as_before(
    monkeypatch: pytest.MonkeyPatch, model_calls: list[int]
) -> None:
    from pressespiegel.analyze import chunks

    texts = sample_texts()
    docs = [Document(text=t) for t in texts]
    assert sum(len(t) for t in texts) > chunks.BATCH_CHARS  # so the batch is regrouped
    bounded = [a.to_json() for a in analyze_texts(docs)]
    assert max(model_calls) <= chunks.BATCH_CHARS and len(model_calls) > 1
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 10**12)
    monkeypatch.setattr(chunks, "BATCH_CHARS", 10**12)
    before = [a.to_json() for a in analyze_texts(docs)]
    assert bounded == before
    assert sum(len(a["entities"]) for a in bounded) > 100 and sum(len(a["quotes"]) for a in bounded) > 20


def test_a_long_text_reaches_the_model_in_bounded_pieces(model_calls: list[int]) -> None:
    """Break 2 of issue 16: the entity model got a whole 2 MB text as one sequence (7 GB)."""
    text = long_text(120_000)
    analysis = analyze_text(text).to_json()
    assert model_calls and max(model_calls) <= BATCH_BOUND and sum(model_calls) == len(text)
    assert max(e for _, e in analysis["sentences"]) > 110_000  # all of it analyzed


def test_chunked_offsets_point_into_the_whole_text(
    monkeypatch: pytest.MonkeyPatch, model_calls: list[int]
) -> None:
    from pressespiegel.analyze import chunks

    monkeypatch.setattr(chunks, "CHUNK_CHARS", 4000)
    monkeypatch.setattr(chunks, "BATCH_CHARS", 9000)
    text = long_text()
    analysis = analyze_text(text).to_json()
    assert model_calls and max(model_calls) <= 9000 and sum(model_calls) == len(text)
    for entity in analysis["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    for quote in analysis["quotes"]:
        for part in ("quote", "speaker", "cue"):
            if quote[part]:
                assert all(text[s:e] in quote[part]["text"] for s, e in quote[part]["spans"])
    for date in analysis["dates"]:
        assert text[date["start"] : date["end"]] == date["text"]
    starts = [s for s, _ in analysis["sentences"]]
    assert starts == sorted(starts) and analysis["sentences"][-1][1] <= len(text)
    # what a cut can change is a quotation or antecedent across it, and an entity's canonical name
    # or id where the full name sits in another chunk ("Müller" after "Gerd Müller"): the mentions
    # themselves and the dates stay
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 10**12)
    monkeypatch.setattr(chunks, "BATCH_CHARS", 10**12)
    whole = analyze_text(text).to_json()
    assert analysis["sentences"] == whole["sentences"]
    spans = [{k: e[k] for k in ("text", "label", "start", "end")} for e in analysis["entities"]]
    assert spans == [{k: e[k] for k in ("text", "label", "start", "end")} for e in whole["entities"]]
    assert analysis["dates"] == whole["dates"]
    pairs = zip(analysis["entities"], whole["entities"], strict=True)
    same = sum(a["entity"] == b["entity"] for a, b in pairs)
    assert same >= 0.8 * len(spans)  # most mentions keep their entity across cuts
    assert len(analysis["quotes"]) >= 0.9 * len(whole["quotes"])


def test_cut_points_prefer_paragraphs_then_sentences_then_spaces() -> None:
    from pressespiegel.analyze import chunks

    paragraphs = "\n\n".join(["Ein Satz steht hier. " * 10] * 10)
    cuts = chunks.cut_points(paragraphs, 500)
    assert all(paragraphs[c - 2 : c] == "\n\n" for c in cuts[1:])
    one_line = "Ein Satz steht hier. " * 100
    cuts = chunks.cut_points(one_line, 500)
    assert all(one_line[c - 2 : c] == ". " for c in cuts[1:]) and len(cuts) > 1
    words = "wort " * 300
    assert all(words[c - 1] == " " for c in chunks.cut_points(words, 500)[1:])
    blob = "x" * 2000
    assert chunks.cut_points(blob, 500) == [0, 500, 1000, 1500]
    pieces = list(chunks.pieces(paragraphs, 500))
    assert "".join(p for _, p in pieces) == paragraphs and all(len(p) <= 500 for _, p in pieces)
    assert list(chunks.pieces("")) == [(0, "")]


def test_text_past_the_cap_is_not_analyzed(monkeypatch: pytest.MonkeyPatch) -> None:
    from pressespiegel.analyze import chunks

    monkeypatch.setattr(chunks, "MAX_ANALYZED_CHARS", 3000)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 1000)
    text = long_text()[:6000]
    analysis = analyze_text(text)
    assert analysis.sentences and max(e for _, e in analysis.sentences) <= 3000
    assert sum(len(p) for _, p in chunks.pieces(text)) == 3000


def test_join_shifts_every_field_of_the_analysis() -> None:
    """A field added to Analysis must be taught to :func:`chunks.join`, or chunked texts lose it."""
    from pressespiegel.analyze import chunks

    assert {f.name for f in dataclasses.fields(Analysis)} == set(chunks.JOINED_FIELDS)
