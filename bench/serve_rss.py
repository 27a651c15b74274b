"""Memory of an idle web server: RSS after start-up, after a round of pages, after an ingest.

    .venv/bin/python bench/serve_rss.py                          # this checkout
    .venv/bin/python bench/serve_rss.py --pressespiegel OTHER/.venv/bin/pressespiegel --label before

Builds a store from the bundled sample (analyzed, with the given ``pressespiegel``), serves it on
a free loopback port, waits until idle and reads VmRSS of the server process (and of its ingest
worker process, if any) from /proc: after start-up; after the front page, a story, a search, a
person page and the article list; and after uploading 25 new articles through /api/ingest.
Repeats ``--runs`` times and reports medians; writes bench/results/serve_rss.json (keyed by label).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "pressespiegel" / "data" / "sample"
RESULTS = ROOT / "bench" / "results" / "serve_rss.json"
TOKEN = "bench-token"
#: Seconds to let the server settle before each reading.
SETTLE = 3.0


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(p) for p in found.split()]


def worker_rss(pid: int) -> float:
    """RSS of the server's child processes (the ingest worker and its helpers)."""
    return sum(rss_mib(c) for c in children(pid) + [g for c in children(pid) for g in children(c)])


def new_articles() -> bytes:
    lines = []
    for i, line in enumerate((SAMPLE / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()):
        item = json.loads(line)
        item["id"], item["text"] = f"bench-{i}", "Vorbemerkung zur Messung. " + item["text"]
        lines.append(json.dumps(item, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


def one_run(exe: str, workdir: Path) -> dict[str, float]:
    db = workdir / "bench.db"
    subprocess.run([exe, "ingest", "-q", "--db", str(db), str(SAMPLE)], check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PRESSESPIEGEL_TOKEN": TOKEN}
    server = subprocess.Popen([exe, "serve", "--db", str(db), "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/api/stories", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        time.sleep(SETTLE)
        start = rss_mib(server.pid)
        story = httpx.get(base + "/api/stories").json()["stories"][0]["id"]
        for page in (
            "/",
            f"/story/{story}",
            "/search?q=Putin",
            "/entity?name=Wladimir+Putin",
            "/api/articles",
        ):
            httpx.get(base + page, timeout=120).raise_for_status()
        time.sleep(SETTLE)
        pages = rss_mib(server.pid)
        began = time.perf_counter()
        upload = [("files", ("new.jsonl", new_articles(), "text/plain"))]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        response = httpx.post(base + "/api/ingest", files=upload, headers=auth, timeout=600)
        seconds = time.perf_counter() - began
        response.raise_for_status()
        time.sleep(SETTLE)
        return {"start": start, "pages": pages, "after_ingest": rss_mib(server.pid),
                "worker_after_ingest": worker_rss(server.pid), "ingest_s": seconds,
                "added": float(response.json()["added"])}  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pressespiegel", default=str(Path(sys.executable).parent / "pressespiegel"))
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="serve-rss-") as tmp:
            runs.append(one_run(args.pressespiegel, Path(tmp)))
    median = {key: round(statistics.median(r[key] for r in runs), 1) for key in runs[0]}
    print(f"{args.label}: idle server RSS, median of {len(runs)} runs (MiB)")
    print(f"  after start-up           {median['start']:7.1f}")
    print(f"  after a round of pages   {median['pages']:7.1f}")
    print(f"  after ingesting {int(median['added'])} articles {median['after_ingest']:7.1f}"
          f"   (ingest worker process: {median['worker_after_ingest']:.1f};"
          f" ingest took {median['ingest_s']:.1f} s)")  # fmt: skip
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[args.label] = {"median_mib": median, "runs": runs}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
