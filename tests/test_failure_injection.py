"""A failure injected into each stage costs only the article it hits, and no run after it crashes.

For every stage (cleaning, the four analyzers, the grouping steps) one article ("Giftstoff" in
its text) makes that stage raise. The run must end without a traceback, name the article's
source and the stage in one line, store and group the others; then ``ingest`` and
``stories rebuild`` run again on the same database, still without a crash; and once the fault
is gone a rebuild groups every article.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import seed_text
from pressespiegel.cli import app

POISON = "Giftstoff"


def _poisoned(original: Callable[..., Any], text_of: Callable[..., str]) -> Callable[..., Any]:
    def stage(*args: Any, **kwargs: Any) -> Any:
        if POISON in text_of(*args, **kwargs):
            raise RuntimeError("injected failure")
        return original(*args, **kwargs)

    return stage


def _inject(stage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import pressespiegel.analyze as analyze
    import pressespiegel.ingest.batches as batches
    import pressespiegel.stories.features as features
    from pressespiegel.stories.cluster import StoryClusterer

    if stage == "cleaning":
        monkeypatch.setattr(
            batches, "make_article", _poisoned(batches.make_article, lambda raw: raw.text or "")
        )
    elif stage == "sentences":
        monkeypatch.setattr(analyze, "tokenize_sentences", _poisoned(analyze.tokenize_sentences, lambda t: t))
    elif stage == "entities":
        monkeypatch.setattr(
            analyze,
            "_entities_many",
            _poisoned(analyze._entities_many, lambda ts: " ".join(t for t, _ in ts)),
        )
    elif stage == "quotes":
        monkeypatch.setattr(
            analyze, "find_speech_in_tokens", _poisoned(analyze.find_speech_in_tokens, lambda t, s, **_: t)
        )
    elif stage == "dates":
        monkeypatch.setattr(analyze, "find_dates", _poisoned(analyze.find_dates, lambda t, p: t))
    elif stage == "terms":  # a language resource that raises (the jieba / MeCab case)
        monkeypatch.setattr(
            features, "content_terms", _poisoned(features.content_terms, lambda t, lang=None: t)
        )
    elif stage == "copies":  # the copy signature (MinHash of the word shingles)
        monkeypatch.setattr(features, "signature", _poisoned(features.signature, lambda t: t))
    elif stage == "clustering":
        original = StoryClusterer.add

        def add(self: StoryClusterer, doc: Any) -> Any:
            if any(POISON.lower() in term for term in doc.terms):
                raise RuntimeError("injected failure")
            return original(self, doc)

        monkeypatch.setattr(StoryClusterer, "add", add)
    else:
        raise AssertionError(stage)


ANALYSIS = {"sentences", "entities", "quotes", "dates"}
GROUPING = {"terms", "copies", "clustering"}


@pytest.mark.parametrize(
    "stage", ["cleaning", "sentences", "entities", "quotes", "dates", "terms", "copies", "clustering"]
)
def test_a_failing_stage_costs_one_article_and_no_later_run_crashes(
    stage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(seed_text(0), encoding="utf-8")
    (corpus / "poisoned.txt").write_text(seed_text(4) + f"\n\nDer {POISON} wurde gefunden.", encoding="utf-8")
    db = str(tmp_path / "t.db")
    analyze = ["--analyze"] if stage in ANALYSIS else ["--no-analyze"]
    runner = CliRunner()
    _inject(stage, monkeypatch)

    first = runner.invoke(app, ["ingest", *analyze, "--db", db, str(corpus)])
    assert first.exception is None or isinstance(first.exception, SystemExit), first.exception
    output = first.output  # the runner mixes standard error in
    assert "Traceback" not in output
    problems = [line for line in output.splitlines() if "poisoned.txt" in line]
    assert len(problems) == 1, output
    if stage == "cleaning":
        assert "cleaning" in problems[0] and first.exit_code == 1
    elif stage in ANALYSIS:
        assert f"analysis ({stage}) failed" in problems[0] and first.exit_code == 0
    elif stage in GROUPING:
        assert "grouping failed" in problems[0]
    stored = runner.invoke(app, ["articles", "list", "--db", db, "--format", "json"])
    assert stored.output.count('"id"') == (1 if stage == "cleaning" else 2)
    grouped = 1 if stage in GROUPING or stage == "cleaning" else 2
    assert f"{grouped} grouped into stories" in first.output

    # the same database, the fault still there: ingest and rebuild run, nothing crashes
    again = runner.invoke(app, ["ingest", *analyze, "--db", db, str(corpus)])
    assert again.exit_code in (0, 1) and "Traceback" not in again.output
    rebuilt = runner.invoke(app, ["stories", "rebuild", "--db", db])
    assert rebuilt.exit_code == 0, rebuilt.output

    monkeypatch.undo()  # the fault is fixed: everything stored is grouped
    healed = runner.invoke(app, ["stories", "rebuild", "--db", db])
    assert healed.exit_code == 0
    regrouped = "regrouped 1 article into" if stage == "cleaning" else "regrouped 2 articles into"
    assert regrouped in healed.output, healed.output
