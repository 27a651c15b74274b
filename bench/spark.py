"""``pressespiegel batch --engine spark``: local[1] against local[2] on a WARC of real pages (issue 17).

Corpus: N pages of ``../shared/data/pages/fundus`` in one gzipped WARC, cycled and perturbed as in
``bench/pipeline.py`` (copy ``k >= 1`` of a page has a seeded quarter of its body words swapped
with their neighbour and a prefixed title, so copies stay distinct articles), each with its own
URL. One WARC on purpose: the shards (record ``i % n``) must keep both cores busy on one file.

Each run is a fresh process (``--child``) that does what ``pressespiegel batch`` does
(``execution.run_batch`` into a fresh SQLite file) twice: first over a WARC of the first
:data:`WARM_UP` pages (``cold_s``: Spark's workers start and load the models, once each; one
shard per task slot at least), then, timed, over all N pages in the same session (the workers
are reused, as in a long job). Phases of the timed run: Spark's start (``start_s``: the JVM and
the session, before the warm-up), the job (``job_s``: first task to last article stored) and
grouping in the driver with the precomputed features (``group_s``). ``articles_per_s`` is
N / ``job_s``; ``end_to_end_per_s`` is N over start, warm-up, job and grouping. Figures are
medians of ``--repeat`` runs per master; ``ratio`` is local[2] / local[1] of ``articles_per_s``.

The machine's cores are shared (the figures say how many there are and the load average before
each run): on a busy machine local[2] gets less than two cores and the ratio says so.

    nice -n 10 .venv/bin/python bench/spark.py                      # 200 articles, 3 runs each
    nice -n 10 .venv/bin/python bench/spark.py --size 120 --repeat 2
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline import FUNDUS, _pages, perturb  # the corpus of bench/pipeline.py

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "spark.json"
MASTERS = ("local[1]", "local[2]")
#: Pages of the warm-up WARC: 2 shards per core of local[2], each with two records, so every
#: worker gets a task and loads the models.
WARM_UP = 8


def build_warc(path: Path, n: int) -> None:
    """N perturbed fundus pages as HTTP response records of one gzipped WARC."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = _pages()
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i in range(n):
            name, html = pages[i % len(pages)]
            copy = i // len(pages)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")  # fmt: skip
            url = f"https://bench.invalid/{copy}/{name.removesuffix('.html')}"
            payload = io.BytesIO(perturb(html, copy, name).encode("utf-8"))
            record = writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
            writer.write_record(record)


def child(master: str, warc: Path, db: Path) -> dict[str, Any]:
    """One run of the batch job in this (fresh) process: warm-up, then the timed run."""
    from pressespiegel.execution import run_batch
    from pressespiegel.execution.spark import SparkEngine
    from pressespiegel.store import open_store

    load = os.getloadavg()[0]
    start = time.perf_counter()
    engine = SparkEngine(master)
    started = time.perf_counter()
    warm = open_store(db.with_suffix(".warm.db"))
    try:
        run_batch([str(warc.with_name("warm-up.warc.gz"))], warm, engine)
    finally:
        warm.close()
    warmed = time.perf_counter()
    stored_at = [warmed]
    store = open_store(db)
    try:
        report = run_batch(
            [str(warc)], store, engine, on_stored=lambda _n: stored_at.append(time.perf_counter())
        )
    finally:
        store.close()
        engine.close()
    end = time.perf_counter()
    job = stored_at[-1] - started
    return {
        "master": master, "articles": report.added, "documents": report.documents,
        "failed": len(report.errors), "grouped": report.grouped, "load_average_before": load,
        "start_s": round(started - start, 2), "cold_s": round(warmed - started, 2), "job_s": round(job, 2),
        "group_s": round(end - stored_at[-1], 2),
        "articles_per_s": round(report.added / job, 3),
        "end_to_end_per_s": round(report.added / (end - start), 3),
    }  # fmt: skip


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("start_s", "cold_s", "job_s", "group_s", "articles_per_s", "end_to_end_per_s",
            "load_average_before")
    return {**runs[0], **{k: round(statistics.median(r[k] for r in runs), 3) for k in keys}}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=200, help="articles in the WARC (default: 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per master (median)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not FUNDUS.exists():
        sys.exit(f"needs {FUNDUS} (the shared data beside the checkout)")
    folder = Path(tempfile.mkdtemp(prefix="pressespiegel-bench-spark-"))
    results: dict[str, Any] = {"size": args.size, "repeat": args.repeat, "masters": {}}
    try:
        warc = folder / "fundus.warc.gz"
        build_warc(warc, args.size)
        build_warc(warc.with_name("warm-up.warc.gz"), WARM_UP)
        print(f"corpus: {args.size} pages from {FUNDUS} in one WARC ({warc.stat().st_size / 2**20:.1f} MiB)")
        runs: dict[str, list[dict[str, Any]]] = {m: [] for m in MASTERS}
        for i in range(args.repeat):  # interleaved, so a change of load hits both masters alike
            for master in MASTERS:
                db = folder / f"{i}-{master[6:-1]}.db"
                done = subprocess.run([sys.executable, __file__, "--child", master, str(warc), str(db)],
                                      capture_output=True, text=True, check=True)  # fmt: skip
                run = json.loads(done.stdout.strip().splitlines()[-1])
                runs[master].append(run)
                print(f"{master} run {i + 1}/{args.repeat}: {run['articles']} articles, start "
                      f"{run['start_s']:.1f} s, warm-up {run['cold_s']:.1f} s, job {run['job_s']:.1f} s "
                      f"({run['articles_per_s']:.2f} "
                      f"articles/s), grouping {run['group_s']:.1f} s, "
                      f"load before {run['load_average_before']:.1f}")
        for master in MASTERS:
            results["masters"][master] = {"median": _median(runs[master]), "runs": runs[master]}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    one, two = (results["masters"][m]["median"] for m in MASTERS)
    results["ratio"] = round(two["articles_per_s"] / one["articles_per_s"], 3)
    results["ratio_end_to_end"] = round(two["end_to_end_per_s"] / one["end_to_end_per_s"], 3)
    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "system": platform.platform(), "load_average_after": os.getloadavg(),
                          "note": "cores shared with other jobs (see load_average_before)"}  # fmt: skip
    for master in MASTERS:
        m = results["masters"][master]["median"]
        print(f"{master}: {m['articles_per_s']:.2f} articles/s in the job, {m['end_to_end_per_s']:.2f} end "
              f"to end (medians of {args.repeat})")
    print(f"local[2] / local[1]: {results['ratio']:.2f} (job), "
          f"{results['ratio_end_to_end']:.2f} (end to end)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
