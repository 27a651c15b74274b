"""``ingest --workers N``: cleaning and analysis in worker processes store exactly what one
process stores, and a worker that dies costs nothing but time."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner

from conftest import SAMPLE, SEEDS, seed_text
from pressespiegel.cli import app
from pressespiegel.ingest import BATCH_SIZE
from pressespiegel.ingest.workers import prepared_in_order
from pressespiegel.records import RawDocument


def _corpus(folder: Path) -> Path:
    """Real texts (the bundled Wikinews sample and the seeds), each Wikinews article also as a
    second edition (new id and title, paragraphs reordered): more than one batch, with copies for
    grouping to find, a broken JSONL line, an empty file and a page that cannot be cleaned."""
    lines = (SAMPLE / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    editions = [
        {**r, "id": r["id"] + "-b", "title": "Update: " + r["title"],
         "text": "\n\n".join(r["text"].split("\n\n")[::-1])}
        for r in records
    ]  # fmt: skip
    folder.mkdir()
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records + editions)
    (folder / "wikinews.jsonl").write_text(body + "\n{broken\n", encoding="utf-8")
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        (folder / f"seed{i}.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")  # refused when read (main process)
    nav = "<html><body><nav><a href='/'>Startseite</a></nav></body></html>"
    (folder / "nav.html").write_text(nav, encoding="utf-8")  # refused when cleaned (in a worker)
    assert len(records + editions) + 5 > BATCH_SIZE
    return folder


def _run(db: str, corpus: Path, workers: int) -> tuple[str, str, str]:
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", "--quiet", "--workers", str(workers), "--db", db, str(corpus)])
    exported = runner.invoke(app, ["articles", "export", "--db", db])
    stories = runner.invoke(app, ["stories", "list", "--db", db, "--format", "json"])
    assert exported.exit_code == 0 and stories.exit_code == 0, exported.output + stories.output
    return ingested.output, exported.output, stories.output


def test_two_workers_store_and_group_what_one_process_does(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    log1, articles1, stories1 = _run(str(tmp_path / "one.db"), corpus, 1)
    log2, articles2, stories2 = _run(str(tmp_path / "two.db"), corpus, 2)
    assert articles1.count('"id"') == 55  # 50 JSONL records and 5 seeds; the empty file is not one
    assert articles2 == articles1
    assert stories2 == stories1 and json.loads(stories1)
    for log in (log1, log2):  # the same problems, each once, and the same summary
        assert log.count("wikinews.jsonl") == 1 and log.count("empty.txt") == 1, log
        assert log.count("nav.html") == 1 and "no article text" in log, log
        assert "Traceback" not in log and "worker process ended" not in log, log
    assert log1.splitlines()[-1].replace("one.db", "") == log2.splitlines()[-1].replace("two.db", "")


def test_a_killed_worker_loses_nothing_and_says_so_once(tmp_path: Path) -> None:
    texts = [seed_text(i % 5) + f"\n\nNachtrag Nummer {i}." for i in range(4 * BATCH_SIZE)]
    docs = [RawDocument(source=f"doc{i}.txt", text=t) for i, t in enumerate(texts)]

    def batches() -> Iterator[list[RawDocument]]:
        for k in range(4):
            if k == 2:  # the pool has started on the first two: its workers die
                for child in multiprocessing.active_children():
                    os.kill(child.pid or 0, signal.SIGKILL)
            yield docs[k * BATCH_SIZE : (k + 1) * BATCH_SIZE]

    prepared = list(prepared_in_order(batches(), workers=2, analyze=False))
    sources = [a.source for p in prepared for a in p.articles]
    assert sources == [d.source for d in docs]  # every document, in input order
    notices = [x for p in prepared for x in p.problems]
    assert len(notices) == 1 and "worker process ended unexpectedly" in str(notices[0]), notices
