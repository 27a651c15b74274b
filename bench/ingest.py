"""Ingest + clean throughput (analysis off: bench/analyze.py measures it) for text and HTML, one core.

Corpus: the bundled sample (5 seed scrapes + 25 Wikinews texts), each as a plain-text file and as
an HTML page with navigation, footer and a caption around the same paragraphs. Each figure is the
median of REPEATS runs. Beside ours, in the same run, a baseline: trafilatura's own extraction
of the same HTML (what any tool built on it pays at least).

    .venv/bin/python bench/ingest.py            # prints figures, writes bench/results/ingest.json
"""

from __future__ import annotations

import html
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from pressespiegel.clean import make_article
from pressespiegel.ingest import ingest
from pressespiegel.records import RawDocument
from pressespiegel.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "pressespiegel" / "data" / "sample"
RESULTS = ROOT / "bench" / "results" / "ingest.json"
REPEATS = 5
COPIES = 4  # the corpus is small; cycle it to get stable timings


def corpus() -> list[tuple[str, str]]:
    """(title, raw text) for every sample article."""
    docs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((SAMPLE / "seeds").glob("*.txt"))]
    for line in (SAMPLE / "wikinews.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        docs.append((row["title"], row["text"]))
    return docs


def as_html(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (
        "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)} | Beispielzeitung</title></head><body>"
        "<header><nav><a href='/'>Startseite</a> <a href='/politik'>Politik</a></nav></header>"
        f"<main><article><h1>{html.escape(title)}</h1>"
        "<figure><img src='a.jpg'><figcaption>Symbolbild. Foto: Max Muster/dpa</figcaption></figure>"
        f"{paragraphs}</article><aside><h2>Mehr zum Thema</h2><ul><li><a href='/x'>Anderes</a></li></ul>"
        "</aside></main><footer>Impressum · Datenschutz</footer></body></html>"
    )


def median_rate(n: int, run: Callable[[], object]) -> tuple[float, list[float]]:
    rates = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        rates.append(n / (time.perf_counter() - start))
    return statistics.median(rates), rates


def main() -> None:
    docs = corpus() * COPIES
    texts = [RawDocument(source=f"t{i}", text=text) for i, (_, text) in enumerate(docs)]
    pages = [RawDocument(source=f"h{i}", html=as_html(title, text)) for i, (title, text) in enumerate(docs)]
    make_article(texts[0])
    make_article(pages[0])  # warm imports and model loads

    import trafilatura

    results: dict[str, object] = {}
    results["clean_text_articles_per_s"], runs_t = median_rate(
        len(texts), lambda: [make_article(d) for d in texts]
    )
    results["clean_html_articles_per_s"], runs_h = median_rate(
        len(pages), lambda: [make_article(d) for d in pages]
    )
    results["baseline_trafilatura_extract_per_s"], runs_b = median_rate(
        len(pages),
        lambda: [trafilatura.extract(d.html, include_comments=False, favor_recall=True) for d in pages],
    )

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, (title, text) in enumerate(docs):
            (folder / f"{i:04d}.txt").write_text(text + f"\n\nKopie {i}.", encoding="utf-8")
            (folder / f"{i:04d}.html").write_text(as_html(title, text + f" Kopie {i}."), encoding="utf-8")

        def full_run() -> None:
            db = Path(tmp) / f"bench-{time.perf_counter_ns()}.db"
            store = open_store(db)
            report = ingest([str(folder)], store, analyze=False)  # bench/analyze.py times analysis
            store.close()
            assert not report.errors, report.errors[:3]

        results["ingest_files_to_sqlite_per_s"], runs_f = median_rate(2 * len(docs), full_run)

    results.update(
        corpus_articles=len(docs),
        repeats=REPEATS,
        runs={"text": runs_t, "html": runs_h, "baseline": runs_b, "files": runs_f},
        machine=f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
    )
    print(
        f"corpus: {len(docs)} articles ({len(docs) // COPIES} distinct × {COPIES}), median of {REPEATS} runs"
    )
    print(f"clean plain-text scrape      {results['clean_text_articles_per_s']:8.1f} articles/s")
    print(f"clean HTML page              {results['clean_html_articles_per_s']:8.1f} articles/s")
    print(f"  baseline trafilatura only  {results['baseline_trafilatura_extract_per_s']:8.1f} articles/s")
    print(f"ingest files → SQLite (mix)  {results['ingest_files_to_sqlite_per_s']:8.1f} articles/s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
