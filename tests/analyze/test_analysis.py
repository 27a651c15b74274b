"""The per-article analysis as a whole: batched and single runs agree; ingest survives a failure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import seed_text
from pressespiegel import analyze as analysis_module
from pressespiegel.analyze import Document, analyze_text, analyze_texts
from pressespiegel.ingest import ingest
from pressespiegel.store.sqlite import SQLiteStore


def test_batched_analysis_equals_one_text_at_a_time() -> None:
    documents = [
        Document(text=seed_text(0), published=date(2023, 9, 12)),
        Document(text="The Kremlin said nothing, a spokesman told Reuters.", language="en"),
        Document(text=""),
        Document(text=seed_text(2), published=date(2023, 9, 13)),
    ]
    batched = [a.to_json() for a in analyze_texts(documents)]
    single = [analyze_text(d.text, published=d.published, language=d.language).to_json() for d in documents]
    assert batched == single
    assert batched[0]["entities"] and batched[0]["quotes"]  # not trivially equal
    assert batched[1]["entities"] == [] and batched[1]["sentences"]  # English: sentences only


def test_ingest_keeps_the_batch_when_one_article_breaks_the_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    for i in range(3):
        (sources / f"a{i}.txt").write_text(seed_text(i), encoding="utf-8")
    (sources / "bad.txt").write_text("Unverdaulich: dieser Text bricht die Analyse. " * 5, encoding="utf-8")
    real = analysis_module.analyze_texts

    def fragile(documents: list[Document]) -> list[analysis_module.Analysis]:
        if any("Unverdaulich" in d.text for d in documents):
            raise RuntimeError("simulated analyzer bug")
        return real(documents)

    monkeypatch.setattr(analysis_module, "analyze_texts", fragile)
    store = SQLiteStore(tmp_path / "db.sqlite")
    report = ingest([str(sources)], store)
    # issue 12: the broken article is stored too (unanalyzed), with one line naming it and the stage
    assert report.added == 4 and not report.errors
    assert [n for n in report.notices if "simulated analyzer bug" in n.message and "bad.txt" in n.source]
    assert len(report.article_ids) == 4
    stored = list(store.iter_articles())
    store.close()
    analyzed = [a for a in stored if not a.source.endswith("bad.txt")]
    assert len(analyzed) == 3 and all(a.analysis and a.analysis["sentences"] for a in analyzed)
    assert next(a for a in stored if a.source.endswith("bad.txt")).analysis is None
