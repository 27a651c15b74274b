"""Memory and time of analyzing one long text: peak RSS and CPU seconds per size (issue 16).

1. A German text of each size (default 0.1, 1, 2 and 10 MB of UTF-8) is built from the Wikinews
   texts of ../shared (evaluation use; the bundled sample when ../shared is missing), joined by
   blank lines ("paragraphs") and, as a second shape, with every line break replaced by a space
   ("one line": an upload without paragraphs, where only sentence ends are left to cut at).
2. Each size and shape is analyzed in a fresh process (``analyze_text``, the path ingest and the
   web take); the child reports its peak RSS (``ru_maxrss``) after the models are loaded and
   after the analysis, and the CPU seconds the analysis took.
3. Baseline in the same run: the unbounded path (one sequence per text, as before issue 16) on
   the sizes up to ``--baseline-max`` MB; larger ones took 7 GB and more.
4. ``--ingest``: the same for a whole ingest of the text as a .txt file into a fresh SQLite store
   (cleaning, analysis, storage, grouping), the path of the 2 MB web upload of issue 16.
5. ``--verify``: all 850 Wikinews texts (train + dev) analyzed in ingest's batches of 50 with the
   bounds on and off: how many analyses are identical (the goal: all). Then with chunks forced
   down to ``--verify-chunk`` characters, so that most texts are cut: how many stay identical and
   how many entities, quotes and dates are unchanged (what a cut costs).

Goal: at most 1.2 GB peak RSS for any single document up to the 10 MB limit, time linear in size.

    .venv/bin/python bench/memory.py                  # all of it; writes bench/results/memory.json
    .venv/bin/python bench/memory.py --sizes 0.1 1 --no-verify
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "quotes" / "wikinews2024"
SAMPLE = ROOT / "src" / "pressespiegel" / "data" / "sample" / "wikinews.jsonl"
RESULTS = ROOT / "bench" / "results" / "memory.json"
#: The goal of issue 16 for one document up to the 10 MB limit.
PEAK_GOAL_MB = 1200
#: Texts per analysis call in --verify, as ingest batches them.
VERIFY_BATCH = 50


def corpus() -> list[str]:
    """The Wikinews texts (train + dev) or, without ../shared, the bundled sample's texts."""
    if SHARED.exists():
        return [
            json.loads(line)["originalText"]
            for name in ("train.jsonl", "dev.jsonl")
            for line in (SHARED / name).read_text(encoding="utf-8").splitlines()
        ]
    return [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def build_text(megabytes: float, shape: str) -> str:
    """Wikinews texts joined by blank lines until ``megabytes`` of UTF-8; ``one line``: no breaks."""
    target = int(megabytes * 1_000_000)
    texts = corpus()
    parts: list[str] = []
    size = i = 0
    while size < target:
        text = texts[i % len(texts)]
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        i += 1
    text = "\n\n".join(parts).encode("utf-8")[:target].decode("utf-8", errors="ignore")
    return text.replace("\n", " ") if shape == "one line" else text


def child(megabytes: float, shape: str, mode: str, bounded: bool) -> None:
    """Runs in a fresh process: analyze (or ingest) one text, print one JSON line of figures."""
    import resource
    import time

    from pressespiegel.analyze import analyze_text, chunks

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    text = build_text(megabytes, shape)
    analyze_text("Angela Merkel sagte am Montag in Berlin, es sei gut.")  # loads the models
    if not bounded:
        chunks.CHUNK_CHARS = chunks.BATCH_CHARS = chunks.MAX_ANALYZED_CHARS = 10**12
    loaded = peak()
    wall, cpu = time.perf_counter(), time.process_time()
    extra: dict[str, Any] = {}
    if mode == "analyze":
        analysis = analyze_text(text)
        extra = {"entities": len(analysis.entities), "sentences": len(analysis.sentences)}
    else:
        from pressespiegel.ingest import ingest
        from pressespiegel.store import open_store

        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "long.txt"
            source.write_text(text, encoding="utf-8")
            store = open_store(Path(tmp) / "t.db")
            report = ingest([str(source)], store)
            store.close()
            extra = {"added": report.added, "errors": [str(e) for e in report.errors]}
    print(json.dumps({
        "mb": megabytes, "shape": shape, "mode": mode, "bounded": bounded, "chars": len(text),
        "rss_loaded_mb": round(loaded), "peak_rss_mb": round(peak()),
        "cpu_s": round(time.process_time() - cpu, 1), "wall_s": round(time.perf_counter() - wall, 1),
        **extra,
    }))  # fmt: skip


def measure(megabytes: float, shape: str, mode: str, bounded: bool) -> dict[str, Any]:
    args = [sys.executable, __file__, "--child", str(megabytes), shape, mode, "1" if bounded else "0"]
    run = subprocess.run(args, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        tail = run.stderr.strip().splitlines()[-1:] or [f"exit {run.returncode}"]
        return {"mb": megabytes, "shape": shape, "mode": mode, "bounded": bounded, "failed": tail[0]}
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def verify(chunk: int) -> dict[str, Any]:
    """Bounded vs unbounded analysis of every Wikinews text; then the cost of forced cuts."""
    from pressespiegel.analyze import Document, analyze_texts, chunks

    texts = corpus()
    docs = [Document(text=t) for t in texts]

    def run() -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i in range(0, len(docs), VERIFY_BATCH):
            out.extend(a.to_json() for a in analyze_texts(docs[i : i + VERIFY_BATCH]))
        return out

    bounded = run()
    saved = chunks.CHUNK_CHARS, chunks.BATCH_CHARS
    chunks.CHUNK_CHARS = chunks.BATCH_CHARS = 10**12
    unbounded = run()
    chunks.CHUNK_CHARS, chunks.BATCH_CHARS = chunk, max(chunk, saved[1])
    forced = run()
    chunks.CHUNK_CHARS, chunks.BATCH_CHARS = saved
    cut = sum(1 for t in texts if len(t) > chunk)

    def kept(kind: str) -> tuple[int, int]:
        same = total = 0
        for a, b in zip(unbounded, forced, strict=True):
            ours = {json.dumps(x, sort_keys=True) for x in b[kind]}
            total += len(a[kind])
            same += sum(1 for x in a[kind] if json.dumps(x, sort_keys=True) in ours)
        return same, total

    return {
        "texts": len(texts),
        "longest_chars": max(len(t) for t in texts),
        "identical_bounded": sum(a == b for a, b in zip(bounded, unbounded, strict=True)),
        "forced_chunk_chars": chunk,
        "texts_cut": cut,
        "identical_forced": sum(a == b for a, b in zip(forced, unbounded, strict=True)),
        "unchanged_forced": {kind: kept(kind) for kind in ("sentences", "entities", "quotes", "dates")},
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] == "1")
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 2, 10], help="MB of UTF-8")
    parser.add_argument("--baseline-max", type=float, default=1.0, help="unbounded runs up to this size")
    parser.add_argument("--ingest", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--verify", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--verify-chunk", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    runs: list[dict[str, Any]] = []
    for shape in ("paragraphs", "one line"):
        for mb in args.sizes:
            runs.append(measure(mb, shape, "analyze", True))
            print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    for mb in [s for s in args.sizes if s <= args.baseline_max]:
        runs.append(measure(mb, "paragraphs", "analyze", False))
        print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    if args.ingest:
        for mb in args.sizes:
            runs.append(measure(mb, "paragraphs", "ingest", True))
            print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    report: dict[str, Any] = {"runs": runs, "peak_goal_mb": PEAK_GOAL_MB}
    bounded = [r for r in runs if r.get("bounded") and "peak_rss_mb" in r]
    report["max_peak_rss_mb"] = max(r["peak_rss_mb"] for r in bounded)
    failed = [r for r in runs if r["bounded"] and "failed" in r]
    report["goal_met"] = report["max_peak_rss_mb"] <= PEAK_GOAL_MB and not failed
    per_mb = [r["cpu_s"] / r["mb"] for r in bounded if r["mode"] == "analyze" and r["shape"] == "paragraphs"]
    report["cpu_s_per_mb"] = [round(x, 1) for x in per_mb]
    if args.verify:
        report["verify"] = verify(args.verify_chunk)
        print(json.dumps(report["verify"]), flush=True)
    report["machine"] = {
        "python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.platform()
    }  # fmt: skip

    print(f"\n{'mode':8} {'shape':10} {'MB':>5} {'bounded':>7} {'peak RSS MB':>11} {'CPU s':>7} "
          f"{'CPU s/MB':>8}")  # fmt: skip
    for r in runs:
        if "failed" in r:
            print(f"{r['mode']:8} {r['shape']:10} {r['mb']:5g} {r['bounded']!s:>7} failed: {r['failed']}")
            continue
        print(f"{r['mode']:8} {r['shape']:10} {r['mb']:5g} {r['bounded']!s:>7} {r['peak_rss_mb']:11} "
              f"{r['cpu_s']:7} {r['cpu_s'] / r['mb']:8.1f}")  # fmt: skip
    print(f"largest peak RSS with bounds: {report['max_peak_rss_mb']} MB "
          f"(goal ≤ {PEAK_GOAL_MB}: {'met' if report['goal_met'] else 'NOT met'})")  # fmt: skip
    if args.verify:
        v = report["verify"]
        print(f"Wikinews: {v['identical_bounded']}/{v['texts']} analyses identical with the bounds on "
              f"(longest text {v['longest_chars']} characters)")  # fmt: skip
        print(f"forced {v['forced_chunk_chars']}-character chunks: {v['texts_cut']} texts cut, "
              f"{v['identical_forced']}/{v['texts']} identical; unchanged "
              + ", ".join(f"{k} {a}/{b}" for k, (a, b) in v["unchanged_forced"].items()))  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
