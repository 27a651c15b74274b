"""The whole ingest pipeline on real pages, stage by stage, beside plain trafilatura (issue 17).

Corpus: the 165 real news pages of ``../shared/data/pages/fundus`` (publishers' content: read
here, never shipped), cycled to N articles. Copy ``k >= 1`` of a page is perturbed so that copy
detection does not collapse the copies into one: a seeded quarter of the words in the body's text
nodes swap places with their neighbour (this breaks most word 5-shingles, so copies stay far below
the containment bar of ``stories.dedupe``, while the words, the length and so the analysis work
stay the page's own), the title gets a prefix, and each copy gets its own URL (a ``.meta.json``
sidecar, as a user would give it). How many articles grouping still found to be copies is
reported (``copies_found``).

Each run is a fresh process (``--child``), so its peak RSS is the run's own. It runs the product's
``ingest()`` as ``pressespiegel ingest`` does (files → read → extract + clean → analyze in batches
of ``ingest.BATCH_SIZE`` → store in one transaction per batch into a fresh SQLite file), then
grouping (``update_stories``) and the search index and topics (``index_all``, ``refresh_topics``).
The stages are timed by wrapping the functions ``ingest()`` calls (the read iterator,
``make_article``, ``analyze_articles``, the store's ``add_articles``): instrumentation only, the
loop is the product's. Per stage: articles/s wall and per CPU second of the process, and memory
from ``resource.getrusage`` deltas: ``rss_rise_mb`` is how much the process's peak RSS
(``ru_maxrss``) rose while that stage ran, ``rss_max_mb`` the largest resident size
(``/proc/self/statm``) seen right after one of its calls. The models are loaded before timing
(``rss_loaded_mb``); the run's peak is ``peak_rss_mb``.

Baseline in the same process, right after: plain ``trafilatura.extract`` (default settings) over
the same N pages in memory; ``ratio`` = pipeline end-to-end articles/s / trafilatura articles/s
(wall; ``ratio_cpu`` per CPU second). The smallest size runs ``--repeat`` times and its figures
are medians; larger sizes run once. ``--profile N`` runs cProfile over the analysis of the first
N cleaned pages (batches as ingest makes them) and lists the top functions by cumulative time.

    .venv/bin/python bench/pipeline.py                          # 1000 articles, 3 runs
    nice -n 10 .venv/bin/python bench/pipeline.py --sizes 1000,2000 --repeat 3 --profile 200
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
FUNDUS = ROOT.parent / "shared" / "data" / "pages" / "fundus"
RESULTS = ROOT / "bench" / "results" / "pipeline.json"
STAGES = ("read", "clean", "analyze", "store", "group", "index")
#: Share of body words swapped with their neighbour in each perturbed copy: with a quarter, about
#: a fifth of the word 5-shingles survive (0.75**5 ≈ 0.24 before overlaps), under dedupe's
#: COPY_CONTAINMENT of 0.3; the check is the copies_found figure of each run.
SWAP_SHARE = 0.25
#: The issue's targets (issue 17, item 6).
TARGET_RATE, TARGET_RATIO, TARGET_RSS_MB = 100.0, 1.0, 1500


def _pages() -> list[tuple[str, str]]:
    """(file name, HTML) of the fundus pages, in gold.jsonl order."""
    gold = [json.loads(line) for line in (FUNDUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return [
        (g["file"], (FUNDUS / "pages" / g["file"]).read_text(encoding="utf-8", errors="replace"))
        for g in gold
    ]


def perturb(html: str, copy: int, seed: str) -> str:
    """Copy ``copy`` of a page: neighbouring body words swapped (seeded), the title prefixed."""
    if copy == 0:
        return html
    import lxml.html

    rng = random.Random(f"{seed}/{copy}")
    doc = lxml.html.document_fromstring(html)

    def swapped(text: str | None) -> str | None:
        if not text or len(text) < 20:
            return text
        words = text.split(" ")
        i = 0
        while i < len(words) - 1:
            if rng.random() < SWAP_SHARE:
                words[i], words[i + 1] = words[i + 1], words[i]
                i += 2
            else:
                i += 1
        return " ".join(words)

    prefix = f"Folge {copy}: "
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "meta" and el.get("content") and (el.get("property") or el.get("name") or "").lower() in {
            "og:title", "twitter:title", "title",
        }:  # fmt: skip
            el.set("content", prefix + el.get("content", ""))
        if tag in {"script", "style", "head", "title", "meta"}:
            if tag == "title" and el.text:
                el.text = prefix + el.text
            continue
        if tag == "h1" and el.text:
            el.text = prefix + el.text
        elif el.getparent() is not None:
            el.text = swapped(el.text)
        el.tail = swapped(el.tail)
    return str(lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>"))


def build_corpus(folder: Path, n: int) -> list[str]:
    """Write N perturbed pages (and their URL sidecars) into ``folder``; return their paths."""
    pages = _pages()
    paths = []
    for i in range(n):
        name, html = pages[i % len(pages)]
        copy = i // len(pages)
        path = folder / f"{i:06d}_{name}"
        path.write_text(perturb(html, copy, name), encoding="utf-8")
        url = f"https://bench.invalid/{copy}/{name.removesuffix('.html')}"
        (folder / (path.name + ".meta.json")).write_text(json.dumps({"url": url}), encoding="utf-8")
        paths.append(str(path))
    return paths


def _rss_now_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stages:
    """Wall seconds, CPU seconds and RSS deltas accumulated per stage."""

    def __init__(self) -> None:
        self.figures = {
            s: {"wall_s": 0.0, "cpu_s": 0.0, "rss_rise_mb": 0.0, "rss_max_mb": 0.0} for s in STAGES
        }

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        f = self.figures[name]
        peak, wall, cpu = _peak_mb(), time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            f["wall_s"] += time.perf_counter() - wall
            f["cpu_s"] += time.process_time() - cpu
            f["rss_rise_mb"] += _peak_mb() - peak
            f["rss_max_mb"] = max(f["rss_max_mb"], _rss_now_mb())

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return fn(*args, **kwargs)

        return timed


class _TimedStore:
    """The store as ingest sees it, with ``add_articles`` timed as the store stage."""

    def __init__(self, store: Any, stages: Stages) -> None:
        self._store = store
        self.add_articles = stages.wrap("store", store.add_articles)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _children() -> tuple[float, float]:
    """CPU seconds and the largest peak RSS (MB) of this process's finished children (workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def child(folder: Path, n: int, workers: int = 1) -> dict[str, Any]:
    """One run in this (fresh) process over the first N pages of ``folder``; with ``workers`` > 1,
    cleaning and analysis run in that many worker processes (``ingest --workers``), whose time
    is not split into stages (it is in ``prepare`` as the parent waits for it)."""
    import trafilatura

    from pressespiegel.analyze import analyze_articles
    from pressespiegel.clean import make_article
    from pressespiegel.ingest.sources import read_source
    from pressespiegel.pipeline import update_stories
    from pressespiegel.records import RawDocument
    from pressespiegel.store import index_all, open_store
    from pressespiegel.topics import refresh_topics

    ingest_module = importlib.import_module("pressespiegel.ingest")
    batches_module = importlib.import_module("pressespiegel.ingest.batches")
    paths = sorted(str(p) for p in folder.glob("*.html"))[:n]
    assert len(paths) == n, f"{folder} holds {len(paths)} pages, {n} wanted"
    first = Path(paths[0]).read_text(encoding="utf-8")
    if workers == 1:  # the parent of a pool never loads the models
        analyze_articles([make_article(RawDocument(source="warm-up", html=first))])
    loaded = _peak_mb()

    stages = Stages()
    languages: Counter[str] = Counter()

    def read(source: str, limits: Any) -> Iterator[Any]:
        items = iter(read_source(source, limits))
        while True:
            with stages.stage("read"):
                item = next(items, None)
            if item is None:
                return
            yield item

    def clean(raw: Any) -> Any:
        article = make_article(raw)
        languages[article.language or "?"] += 1
        return article

    saved = {
        name: getattr(batches_module, name)
        for name in ("make_article", "analyze_articles", "analyze_article")
    }
    batches_module.make_article = stages.wrap("clean", clean)
    batches_module.analyze_articles = stages.wrap("analyze", saved["analyze_articles"])
    batches_module.analyze_article = stages.wrap("analyze", saved["analyze_article"])
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            report = ingest_module.ingest(paths, _TimedStore(store, stages), read=read, workers=workers)
        finally:
            for name, fn in saved.items():
                setattr(batches_module, name, fn)
        worker_cpu, worker_peak = _children()
        with stages.stage("group"):
            grouped = update_stories(store)
        with stages.stage("index"):
            index_all(store)
            refresh_topics(store)
        end_wall, end_cpu = time.perf_counter() - wall, time.process_time() - cpu + worker_cpu
        stories = store.list_stories()
        store.close()
    pipeline_peak = _peak_mb()

    htmls = [Path(p).read_text(encoding="utf-8") for p in paths]
    wall, cpu = time.perf_counter(), time.process_time()
    extracted = sum(1 for h in htmls if trafilatura.extract(h))
    traf_wall, traf_cpu = time.perf_counter() - wall, time.process_time() - cpu

    per_stage = {}
    for name, f in stages.figures.items():
        per_stage[name] = {
            "wall_s": round(f["wall_s"], 2), "cpu_s": round(f["cpu_s"], 2),
            "articles_per_s": round(n / f["wall_s"], 1) if f["wall_s"] else None,
            "articles_per_cpu_s": round(n / f["cpu_s"], 1) if f["cpu_s"] else None,
            "rss_rise_mb": round(f["rss_rise_mb"]), "rss_max_mb": round(f["rss_max_mb"]),
        }  # fmt: skip
    e2e = n / end_wall
    trafilatura_rate = n / traf_wall
    return {
        "articles": n, "workers": workers,
        "added": report.added, "existing": report.existing, "errors": len(report.errors),
        "notices": len(report.notices), "grouped": grouped, "stories": len(stories),
        "copies_found": sum(s.size - s.origins for s in stories), "languages": dict(languages.most_common()),
        "stages": per_stage,
        "other_wall_s": round(end_wall - sum(f["wall_s"] for f in stages.figures.values()), 2),
        "end_to_end": {"wall_s": round(end_wall, 1), "cpu_s": round(end_cpu, 1),
                       "articles_per_s": round(e2e, 2), "articles_per_cpu_s": round(n / end_cpu, 2)},
        "trafilatura": {"extracted": extracted, "wall_s": round(traf_wall, 1), "cpu_s": round(traf_cpu, 1),
                        "articles_per_s": round(trafilatura_rate, 1),
                        "articles_per_cpu_s": round(n / traf_cpu, 1)},
        "ratio": round(e2e / trafilatura_rate, 4),
        "ratio_cpu": round((n / end_cpu) / (n / traf_cpu), 4),
        "rss_loaded_mb": round(loaded), "pipeline_peak_rss_mb": round(pipeline_peak),
        "worker_peak_rss_mb": round(worker_peak) if workers > 1 else None,
        "worker_cpu_s": round(worker_cpu, 1),
        "peak_rss_mb": round(_peak_mb()),
    }  # fmt: skip


def profile(folder: Path, n: int, top: int = 15) -> dict[str, Any]:
    """cProfile of the analysis of the first N pages, cleaned first (untimed), batched as ingest does."""
    from pressespiegel.analyze import analyze_articles
    from pressespiegel.clean import make_article
    from pressespiegel.errors import SourceError
    from pressespiegel.ingest import BATCH_SIZE
    from pressespiegel.records import RawDocument

    articles = []
    for path in sorted(folder.glob("*.html"))[:n]:
        try:
            articles.append(
                make_article(RawDocument(source=str(path), html=path.read_text(encoding="utf-8")))
            )
        except SourceError:
            continue
    analyze_articles(articles[:1])  # models loaded outside the profile
    profiler = cProfile.Profile()
    cpu = time.process_time()
    analyzed = []
    profiler.enable()
    for i in range(0, len(articles), BATCH_SIZE):
        analyzed.extend(analyze_articles(articles[i : i + BATCH_SIZE]))
    profiler.disable()
    cpu = time.process_time() - cpu
    out = _top(profiler, top)
    out.update(articles=len(articles), cpu_s_profiled=round(cpu, 1))
    # Grouping the same articles (fresh store), profiled apart: the first runs showed it costly.
    from pressespiegel.pipeline import update_stories
    from pressespiegel.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "profile.db")
        store.add_articles(analyzed)
        profiler = cProfile.Profile()
        cpu = time.process_time()
        profiler.enable()
        update_stories(store)
        profiler.disable()
        store.close()
    out["group"] = _top(profiler, top)
    out["group"]["cpu_s_profiled"] = round(time.process_time() - cpu, 1)
    return out


def _top(profiler: cProfile.Profile, top: int) -> dict[str, Any]:
    """The ``top`` functions of a profile by cumulative and by own time."""
    stats = pstats.Stats(profiler, stream=io.StringIO())

    def name(key: tuple[str, int, str]) -> str:
        file, line, func = key
        for marker in ("site-packages/", "src/"):
            if marker in file:
                file = file.split(marker, 1)[1]
        return f"{file}:{line}({func})"

    rows = [(name(k), v[0], v[2], v[3]) for k, v in stats.stats.items()]  # type: ignore[attr-defined]
    by_cum = sorted(rows, key=lambda r: -r[3])[:top]
    by_own = sorted(rows, key=lambda r: -r[2])[:top]
    return {
        "top_cumulative": [{"function": f, "calls": c, "own_s": round(o, 2), "cumulative_s": round(t, 2)}
                           for f, c, o, t in by_cum],
        "top_own_time": [{"function": f, "calls": c, "own_s": round(o, 2), "cumulative_s": round(t, 2)}
                         for f, c, o, t in by_own],
    }  # fmt: skip


def _spawn(args: list[str]) -> dict[str, Any]:
    run = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"child {args} failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Figure by figure median of runs with the same shape (numbers only; the rest from the first)."""
    first = runs[0]
    out: dict[str, Any] = {}
    for key, value in first.items():
        if isinstance(value, dict) and key != "languages":
            out[key] = _median([r[key] for r in runs])
        elif isinstance(value, int | float) and not isinstance(value, bool) and value is not None:
            out[key] = statistics.median(r[key] for r in runs)
        else:
            out[key] = value
    return out


def _print_run(label: str, r: dict[str, Any]) -> None:
    print(f"\n{label}: {r['articles']} articles ({r['added']} stored, {r['errors']} failed, "
          f"{r['copies_found']} grouped as copies, {r['stories']} stories)")  # fmt: skip
    print(f"  {'stage':9} {'wall s':>7} {'CPU s':>7} {'art/s':>8} {'art/CPU-s':>9} {'RSS rise MB':>11} "
          f"{'RSS max MB':>10}")  # fmt: skip
    for name, s in r["stages"].items():
        rate = f"{s['articles_per_s']:8.1f}" if s["articles_per_s"] else f"{'–':>8}"
        cpu_rate = f"{s['articles_per_cpu_s']:9.1f}" if s["articles_per_cpu_s"] else f"{'–':>9}"
        print(f"  {name:9} {s['wall_s']:7.1f} {s['cpu_s']:7.1f} {rate} {cpu_rate} {s['rss_rise_mb']:11.0f} "
              f"{s['rss_max_mb']:10.0f}")  # fmt: skip
    e, t = r["end_to_end"], r["trafilatura"]
    print(f"  end to end: {e['articles_per_s']:.2f} articles/s wall, {e['articles_per_cpu_s']:.2f} per CPU-s "
          f"(loop outside the stages {r['other_wall_s']:.1f} s)")  # fmt: skip
    print(
        f"  trafilatura.extract alone: {t['articles_per_s']:.1f} articles/s wall, "
        f"{t['articles_per_cpu_s']:.1f} per CPU-s → ratio {r['ratio']:.4f} (CPU {r['ratio_cpu']:.4f})"
    )
    print(
        f"  RSS: {r['rss_loaded_mb']:.0f} MB with the models loaded, pipeline peak "
        f"{r['pipeline_peak_rss_mb']:.0f} MB, process peak {r['peak_rss_mb']:.0f} MB"
        + (f", largest worker {r['worker_peak_rss_mb']:.0f} MB" if r.get("worker_peak_rss_mb") else "")
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in {"--child", "--child-profile"}:
        folder, n = Path(sys.argv[2]), int(sys.argv[3])
        workers = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        print(json.dumps(child(folder, n, workers) if sys.argv[1] == "--child" else profile(folder, n)))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000", help="comma-separated article counts (default: 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the smallest size (median)")
    parser.add_argument("--profile", type=int, default=200, help="articles in the analysis profile (0: none)")
    parser.add_argument(
        "--workers", default="1,2", help="comma-separated ingest --workers counts (default: 1,2)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    worker_counts = sorted({int(w) for w in args.workers.split(",") if w.strip()})
    if not FUNDUS.exists():
        sys.exit(f"needs {FUNDUS} (the shared data beside the checkout)")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    folder = Path(tempfile.mkdtemp(prefix="pressespiegel-bench-"))
    try:
        start = time.perf_counter()
        build_corpus(folder, max([*sizes, args.profile]))
        print(f"corpus: {max(sizes)} pages from {FUNDUS} written in {time.perf_counter() - start:.0f} s")
        results: dict[str, Any] = {"sizes": {}, "workers": {}}
        for size in sizes:
            repeats = args.repeat if size == sizes[0] else 1
            for workers in worker_counts:
                runs = []
                for i in range(repeats):  # worker counts alternate within a size: the same load
                    runs.append(_spawn(["--child", str(folder), str(size), str(workers)]))
                    _print_run(f"{size} articles, {workers} worker(s), run {i + 1}/{repeats}", runs[-1])
                median = _median(runs) if len(runs) > 1 else runs[0]
                results["workers"].setdefault(str(workers), {})[str(size)] = {"median": median, "runs": runs}
                if len(runs) > 1:
                    _print_run(f"{size} articles, {workers} worker(s), median of {len(runs)} runs", median)
            results["sizes"][str(size)] = results["workers"][str(worker_counts[0])][str(size)]
        if args.profile:
            results["profile"] = prof = _spawn(["--child-profile", str(folder), str(args.profile)])
            print(f"\nanalysis profile, {prof['articles']} articles, {prof['cpu_s_profiled']} CPU s "
                  "(cProfile overhead included); top by cumulative time:")  # fmt: skip
            for row in prof["top_cumulative"]:
                print(f"  {row['cumulative_s']:8.2f} s cum {row['own_s']:8.2f} s own {row['calls']:>9} "
                      f"{row['function']}")  # fmt: skip
            print("top by own time:")
            for row in prof["top_own_time"][:10]:
                print(f"  {row['own_s']:8.2f} s own {row['cumulative_s']:8.2f} s cum {row['calls']:>9} "
                      f"{row['function']}")  # fmt: skip
            print(f"grouping them: {prof['group']['cpu_s_profiled']} CPU s; top by cumulative time:")
            for row in prof["group"]["top_cumulative"]:
                print(f"  {row['cumulative_s']:8.2f} s cum {row['own_s']:8.2f} s own {row['calls']:>9} "
                      f"{row['function']}")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    # The pipeline's peak, before the baseline (which holds all N pages in memory at once); with
    # workers, the largest of the parent and any one worker.
    def peak(r: dict[str, Any]) -> float:
        return float(max(r["pipeline_peak_rss_mb"], r.get("worker_peak_rss_mb") or 0))

    most = str(worker_counts[-1])
    best = results["workers"][most]
    peaks = {size: peak(r["median"]) for size, r in best.items()}
    small = best[str(sizes[0])]["median"]
    one = results["workers"][str(worker_counts[0])][str(sizes[0])]["median"]
    results["summary"] = {
        "workers": worker_counts[-1],
        "end_to_end_articles_per_s": small["end_to_end"]["articles_per_s"],
        "ratio_to_trafilatura": small["ratio"],
        "speedup_over_fewest_workers": round(
            small["end_to_end"]["articles_per_s"] / one["end_to_end"]["articles_per_s"], 3
        ),
        "peak_rss_mb_by_size": peaks,
        "by_workers": {
            w: {
                size: {
                    "articles_per_s": r["median"]["end_to_end"]["articles_per_s"],
                    "ratio": r["median"]["ratio"],
                    "parent_peak_rss_mb": r["median"]["pipeline_peak_rss_mb"],
                    "worker_peak_rss_mb": r["median"].get("worker_peak_rss_mb"),
                }
                for size, r in by_size.items()
            }
            for w, by_size in results["workers"].items()
        },
        "targets": {"articles_per_s": TARGET_RATE, "ratio": TARGET_RATIO, "peak_rss_mb": TARGET_RSS_MB},
        "met": {
            "articles_per_s": small["end_to_end"]["articles_per_s"] >= TARGET_RATE,
            "ratio": small["ratio"] >= TARGET_RATIO,
            "peak_rss_mb": max(peaks.values()) <= TARGET_RSS_MB,
        },
        "note": "the summary's rate, ratio and peaks are those of the most workers; peak RSS is per "
        "process (the parent or the largest worker). Rates per CPU-second are the firm figures on a "
        "shared machine, wall rates include the neighbours' load",
    }
    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "system": platform.platform(), "load_average": os.getloadavg()}  # fmt: skip
    rate = small["end_to_end"]["articles_per_s"]
    print(f"\n{most} worker(s): peak RSS per process by size: {peaks} MB; end to end {rate:.2f} articles/s, "
          f"ratio {small['ratio']:.4f}, {results['summary']['speedup_over_fewest_workers']:.2f}× "
          f"{worker_counts[0]} worker(s); "
          f"targets: ≥{TARGET_RATE:.0f}/s, ratio ≥{TARGET_RATIO}, ≤{TARGET_RSS_MB} MB flat")  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
