"""Crash safety: ``kill -9`` at random moments during ingest and grouping, with concurrent writers.

1. A corpus of JSONL files (10 articles each, new ids) is written from the Wikinews texts of
   ../shared (evaluation use; the bundled sample without ../shared).
2. Each round starts ``--writers`` ``pressespiegel ingest`` processes on the same SQLite store,
   all on the round's own slice of the corpus (so there is always new work to ingest and group),
   and sends SIGKILL to one live writer at each of ``--kills-per-round`` random moments (default:
   half the writers) between the end of a writer's start-up (its imports) and 1.2 × the duration
   of an unkilled round (both measured first). Writers not killed run to the end, ingesting and
   grouping while their neighbours die.
3. After every kill the store is checked: ``PRAGMA integrity_check`` is ok; every article and
   every story membership that was there before the kill is still there (a committed batch
   stays); no article is stored or grouped twice. Where each kill landed is read from the store
   (articles of the slice still missing: "ingest"; all stored, some ungrouped: "grouping").
4. After ``--kills`` kills, one unkilled ingest of the whole corpus finishes what was cut off;
   then every article must be stored once and grouped once.

Exit codes of writers that were not killed are counted (a non-zero one is a failure too).

    .venv/bin/python bench/killloop.py                    # 100 kills, 4 writers
    .venv/bin/python bench/killloop.py --kills 20 --writers 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "quotes" / "wikinews2024" / "train.jsonl"
SAMPLE = ROOT / "src" / "pressespiegel" / "data" / "sample" / "wikinews.jsonl"
RESULTS = ROOT / "bench" / "results" / "killloop.json"
#: Articles per corpus file.
PER_FILE = 10


def texts() -> list[str]:
    """The corpus texts that make an article (a few Wikinews stubs are all boilerplate to the
    cleaner and are refused with a clear error: they would count as lost)."""
    from pressespiegel.clean import make_article
    from pressespiegel.errors import SourceError
    from pressespiegel.records import RawDocument

    if SHARED.exists():
        raw = [json.loads(line)["originalText"] for line in SHARED.read_text(encoding="utf-8").splitlines()]
    else:
        raw = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    kept = []
    for text in raw:
        try:
            make_article(RawDocument(source="x", text=text))
        except SourceError:
            continue
        kept.append(text)
    return kept


def write_slice(folder: Path, first: int, count: int, corpus: list[str]) -> list[str]:
    """Files holding articles ``first`` … ``first + count - 1``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(first, first + count, PER_FILE):
        path = folder / f"part-{start:06d}.jsonl"
        lines = []
        for n in range(start, min(start + PER_FILE, first + count)):
            text = corpus[n % len(corpus)]
            record = {"id": f"kill-{n:06d}", "title": text.split("\n", 1)[0][:120], "published": "2024-05-01",
                      "text": text}  # fmt: skip
            lines.append(json.dumps(record, ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def writer(db: Path, paths: list[str], analyze: bool) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "pressespiegel", "ingest", "--quiet", "--db", str(db), *paths]
    if not analyze:
        args.insert(4, "--no-analyze")
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def snapshot(db: Path) -> dict[str, Any]:
    """What the store holds now, read with a plain sqlite3 connection (never through the app)."""
    if not db.exists():
        return {"integrity": "ok", "articles": set(), "members": set(), "dup_articles": 0, "dup_members": 0}
    con = sqlite3.connect(db, timeout=60)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        try:
            articles = [r[0] for r in con.execute("SELECT id FROM articles")]
            members = [r[0] for r in con.execute("SELECT article_id FROM memberships")]
            seqs = [r[0] for r in con.execute("SELECT seq FROM memberships")]
        except sqlite3.OperationalError:  # killed before the schema was committed
            articles, members, seqs = [], [], []
    finally:
        con.close()
    return {
        "integrity": integrity,
        "articles": set(articles),
        "members": set(members),
        "dup_articles": len(articles) - len(set(articles)),
        "dup_members": len(members) - len(set(members)) + len(seqs) - len(set(seqs)),
    }


def round_seconds(folder: Path, corpus: list[str], per_round: int, analyze: bool) -> tuple[float, float]:
    """Seconds of one unkilled round with one writer on a scratch store, and of a writer's start
    alone (the imports; a kill there hits nothing): kills are aimed between the two."""
    db = folder / "timing.db"
    paths = write_slice(folder / "timing", 10**6, per_round, corpus)
    started = time.perf_counter()
    process = writer(db, paths, analyze)
    process.wait()
    duration = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pressespiegel.cli, pressespiegel.pipeline"], check=True)
    return duration, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--per-round", type=int, default=60, help="new articles per round (2 batches)")
    parser.add_argument("--analyze", action=argparse.BooleanOptionalAction, default=False,
                        help="analyze while ingesting (slower rounds; default off)")  # fmt: skip
    parser.add_argument("--kills-per-round", type=int, default=0,
                        help="writers killed per round (default: half of them, so the others finish "
                        "and group while their neighbours die)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = texts()

    with tempfile.TemporaryDirectory(prefix="killloop-") as tmp:
        folder = Path(tmp)
        db = folder / "store.db"
        duration, startup = round_seconds(folder, corpus, args.per_round, args.analyze)
        print(f"one unkilled round of {args.per_round} articles: {duration:.1f} s ({startup:.1f} s of it "
              "starting up)", flush=True)  # fmt: skip
        kills: list[dict[str, Any]] = []
        failures: list[str] = []
        exit_codes: Counter[int] = Counter()
        all_paths: list[str] = []
        first = 0
        round_no = 0
        previous = snapshot(db)
        while len(kills) < args.kills:
            paths = write_slice(folder / "corpus", first, args.per_round, corpus)
            all_paths += paths
            expected = {f"kill-{n:06d}" for n in range(first, first + args.per_round)}
            first += args.per_round
            round_no += 1
            processes = [writer(db, paths, args.analyze) for _ in range(args.writers)]
            started = time.perf_counter()
            per_round = args.kills_per_round or max(1, args.writers // 2)
            moments = sorted(rng.uniform(0.8 * startup, 1.2 * duration) for _ in range(per_round))
            for moment in moments:
                time.sleep(max(0.0, moment - (time.perf_counter() - started)))
                live = [p for p in processes if p.poll() is None]
                if not live or len(kills) >= args.kills:
                    continue
                victim = rng.choice(live)
                os.kill(victim.pid, signal.SIGKILL)
                victim.wait()
                victim.killed = True  # type: ignore[attr-defined]
                now = snapshot(db)
                where = ("ingest" if not expected <= now["articles"]
                         else "grouping" if not now["articles"] <= now["members"] else "after")  # fmt: skip
                kills.append({"round": round_no, "at_s": round(moment, 2), "where": where})
                problems = []
                if now["integrity"] != "ok":
                    problems.append(f"integrity_check: {now['integrity']}")
                if not previous["articles"] <= now["articles"]:
                    problems.append(f"lost articles: {sorted(previous['articles'] - now['articles'])[:5]}")
                if not previous["members"] <= now["members"]:
                    problems.append(f"lost memberships: {sorted(previous['members'] - now['members'])[:5]}")
                if now["dup_articles"] or now["dup_members"]:
                    problems.append("duplicates")
                failures += [f"kill {len(kills)} (round {round_no}): {p}" for p in problems]
                previous = now
            for process in processes:
                _, stderr = process.communicate()
                if not getattr(process, "killed", False):
                    exit_codes[process.returncode] += 1
                    if process.returncode != 0 and len(failures) < 50:
                        said = stderr.decode(errors="replace").strip()[-300:]
                        failures.append(f"round {round_no}: a writer that was not killed exited "
                                        f"{process.returncode}: {said}")  # fmt: skip
            previous = snapshot(db)
            print(f"round {round_no}: {len(kills)} kills so far, {len(previous['articles'])} articles, "
                  f"{len(previous['members'])} grouped", flush=True)  # fmt: skip
        final = writer(db, all_paths, args.analyze)
        _, stderr = final.communicate()
        end = snapshot(db)
        total = {f"kill-{n:06d}" for n in range(first)}
        if final.returncode != 0:
            failures.append(f"final run exited {final.returncode}: {stderr.decode(errors='replace')[-300:]}")
        if end["integrity"] != "ok":
            failures.append(f"final integrity_check: {end['integrity']}")
        if end["articles"] != total:
            failures.append(f"final: {len(total - end['articles'])} articles missing")
        if end["members"] != end["articles"]:
            failures.append(f"final: {len(end['articles'] - end['members'])} articles not grouped")
        if end["dup_articles"] or end["dup_members"]:
            failures.append("final: duplicates")

    where = Counter(k["where"] for k in kills)
    report = {
        "kills": len(kills), "writers": args.writers, "per_round": args.per_round, "analyze": args.analyze,
        "rounds": round_no, "unkilled_round_s": round(duration, 1), "startup_s": round(startup, 1),
        "kills_during": dict(where),
        "articles": len(total), "stored": len(end["articles"]), "grouped": len(end["members"]),
        "integrity": end["integrity"], "unkilled_writer_exit_codes": dict(exit_codes),
        "failures": failures, "ok": not failures,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
    }  # fmt: skip
    print(f"{len(kills)} kills ({', '.join(f'{n} during {w}' for w, n in where.items())}), "
          f"{args.writers} concurrent writers, {round_no} rounds")  # fmt: skip
    print(f"end: {len(end['articles'])}/{len(total)} articles stored, {len(end['members'])} grouped, "
          f"integrity_check {end['integrity']}, unkilled writers' exit codes {dict(exit_codes)}")  # fmt: skip
    for failure in failures[:20]:
        print("FAIL:", failure)
    print("no loss, no duplicate, integrity ok:", "yes" if not failures else "NO")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
