"""Load test of the web UI: story pages, the search page and the JSON API under concurrent
clients, while an ingest runs (issue 16).

1. Build a store from the bundled sample corpus (or use ``--db``) and start the server
   (``pressespiegel.web.serve``, uvicorn, one process) on a free loopback port, with a token.
2. Warm up: every story page and every search query once (fills the rendered-page cache).
3. ``--clients`` asyncio clients request story pages, search pages and API calls (stories,
   one story, search) in turn, back to back, until ``--seconds`` have passed or ``--requests``
   were sent. Meanwhile (``--ingest``, on by default) another client posts JSONL uploads of
   ``--ingest-batch`` new articles to ``POST /api/ingest`` one after the other: every upload is
   cleaned, analyzed, stored, grouped and indexed by the server while it serves the pages.
4. Print p50/p95/p99 latency, throughput and errors per endpoint and the ingests done; write
   ``bench/results/load.json``.

The articles ingested are the Wikinews texts of ../shared (evaluation use) under new ids, or,
without ../shared, the bundled sample's texts under new ids. The load generator runs on the
same machine as the server, so on a small machine both share the cores: the figures are an
upper bound on what a client elsewhere would see.

    .venv/bin/python bench/load.py                       # 50 clients, 60 s, with an ingest
    .venv/bin/python bench/load.py --clients 10 --seconds 10 --no-ingest
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "pressespiegel" / "data" / "sample"
RESULTS = ROOT / "bench" / "results" / "load.json"
SHARED = ROOT.parent / "shared" / "data" / "quotes" / "wikinews2024" / "train.jsonl"
#: Search queries: a common word, a lemma that needs folding, a filter, a rare name.
QUERIES = ["Erdbeben", "Waffenlieferung", "Putin&outlet=DW", "Papst", "sagte&from=2010-01-01", "Wikipedia"]
#: The goal for cached story pages (issue 6).
STORY_P95_GOAL_MS = 100.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_db(path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pressespiegel", "ingest", "--quiet", "--db", str(path), str(SAMPLE)],
        check=True,
        capture_output=True,
        text=True,
    )


def start_server(db: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    code = (
        "import os, sys; from pressespiegel.web import serve; "
        "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]), log_level='warning', "
        "api_token=os.environ['PRESSESPIEGEL_BENCH_TOKEN'])"
    )
    env = {**os.environ, "PRESSESPIEGEL_BENCH_TOKEN": token}
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(port)], env=env, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories", timeout=5):
                return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("server did not start") from None
            time.sleep(0.3)


def ingest_texts() -> list[dict[str, str]]:
    """Articles to upload during the load: Wikinews (../shared) or the sample, under new ids."""
    if SHARED.exists():
        rows = [json.loads(line) for line in SHARED.read_text(encoding="utf-8").splitlines()]
        return [{"title": r["originalText"].split("\n", 1)[0][:120], "text": r["originalText"]} for r in rows]
    rows = [json.loads(line) for line in (SAMPLE / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()]
    return [{"title": r.get("title") or "", "text": r["text"]} for r in rows]


class Ingester(threading.Thread):
    """Posts JSONL uploads of new articles to /api/ingest, one after the other, until stopped."""

    def __init__(self, base: str, token: str, batch: int) -> None:
        super().__init__(daemon=True)
        self.base, self.token, self.batch = base, token, batch
        self.stop = threading.Event()
        self.requests = self.errors = self.added = 0
        self.seconds: list[float] = []
        self.samples: list[str] = []

    def run(self) -> None:
        texts = ingest_texts()
        run_id = secrets.token_hex(4)
        position = 0
        with httpx.Client(base_url=self.base, timeout=600) as client:
            while not self.stop.is_set():
                lines = []
                for _ in range(self.batch):
                    text = texts[position % len(texts)]
                    lines.append(json.dumps({"id": f"load-{run_id}-{position}", **text}, ensure_ascii=False))
                    position += 1
                body = ("\n".join(lines) + "\n").encode()
                started = time.perf_counter()
                try:
                    response = client.post(
                        "/api/ingest", files=[("files", ("load.jsonl", body, "application/json"))],
                        headers={"Authorization": f"Bearer {self.token}"},
                    )  # fmt: skip
                    ok = response.status_code == 200
                    if ok:
                        self.added += response.json()["added"]
                    elif len(self.samples) < 5:
                        self.samples.append(f"ingest: HTTP {response.status_code} {response.text[:200]}")
                except httpx.HTTPError as exc:
                    ok = False
                    if len(self.samples) < 5:
                        self.samples.append(f"ingest: {type(exc).__name__}")
                self.requests += 1
                self.errors += not ok
                self.seconds.append(time.perf_counter() - started)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run_load(
    base: str,
    paths: dict[str, list[str]],
    *,
    clients: int,
    seconds: float,
    max_requests: int,
    server_pid: int,
) -> dict[str, Any]:
    latencies: dict[str, list[float]] = {name: [] for name in paths}
    errors: dict[str, int] = dict.fromkeys(paths, 0)
    error_samples: list[str] = []
    sent = 0
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        # 2. warm-up
        for urls in paths.values():
            for url in urls:
                (await client.get(url)).raise_for_status()
        started = time.perf_counter()
        deadline = started + seconds
        server_cpu, client_cpu = cpu_seconds(server_pid), time.process_time()
        kinds = list(paths)

        async def worker(number: int) -> None:
            i = number
            # one client (one keep-alive connection) per simulated user: httpx's shared pool spends
            # more CPU on bookkeeping with 50 connections than the server spends on a cached page
            async with httpx.AsyncClient(base_url=base, timeout=30) as own:
                await clientloop(own, i)

        async def clientloop(client: httpx.AsyncClient, i: int) -> None:
            nonlocal sent
            while time.perf_counter() < deadline and sent < max_requests:
                sent += 1
                kind = kinds[i % len(kinds)]
                url = paths[kind][(i // len(kinds)) % len(paths[kind])]
                i += 1
                t0 = time.perf_counter()
                try:
                    response = await client.get(url)
                    ok = response.status_code == 200 and len(response.content) > 0
                    if not ok and len(error_samples) < 5:
                        error_samples.append(f"{url}: HTTP {response.status_code}")
                except httpx.HTTPError as exc:
                    ok = False
                    if len(error_samples) < 5:
                        error_samples.append(f"{url}: {type(exc).__name__}")
                elapsed = (time.perf_counter() - t0) * 1000
                if ok:
                    latencies[kind].append(elapsed)
                else:
                    errors[kind] += 1

        await asyncio.gather(*(worker(n) for n in range(clients)))
        wall = time.perf_counter() - started
        server_cpu = cpu_seconds(server_pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
    report: dict[str, Any] = {
        "wall_seconds": round(wall, 2),
        "requests": sent,
        "error_samples": error_samples,
        # where the CPU went: on a small machine the load generator itself is the larger share
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(sent, 1), 3),
        "client_cpu_ms_per_request": round(1000 * client_cpu / max(sent, 1), 3),
    }
    endpoints = {}
    for kind, values in latencies.items():
        endpoints[kind] = {
            "requests": len(values) + errors[kind],
            "errors": errors[kind],
            "per_second": round(len(values) / wall, 1),
            "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1),
            "p99_ms": round(percentile(values, 99), 1),
            "mean_ms": round(statistics.fmean(values), 1) if values else None,
        }
    report["endpoints"] = endpoints
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="store to serve (default: the sample corpus, built now)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--ingest",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="post uploads to /api/ingest while the clients run (default: on)",
    )
    parser.add_argument("--ingest-batch", type=int, default=20, help="articles per upload")
    parser.add_argument(
        "--baseline-seconds",
        type=float,
        default=20.0,
        help="first the same load without an ingest, for this long (0: skip)",
    )
    parser.add_argument("--requests", type=int, default=200_000, help="stop after this many requests")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sample.db"
            print("building the sample store …", file=sys.stderr)
            build_db(db)
        port = free_port()
        token = secrets.token_urlsafe(32)
        server = start_server(db, port, token)
        base = f"http://127.0.0.1:{port}"
        ingester = Ingester(base, token, args.ingest_batch)
        try:
            with urllib.request.urlopen(base + "/api/stories?limit=1000", timeout=30) as response:
                stories = [s["id"] for s in json.load(response)["stories"]]
            paths = {
                "story": [f"/story/{s}" for s in stories],
                "search": [f"/search?q={q}" for q in QUERIES],
                "api": [f"/api/stories/{s}" for s in stories[:20]]
                + [f"/api/search?q={q}" for q in QUERIES]
                + ["/api/stories?limit=50"],
            }

            def load(seconds: float) -> dict[str, Any]:
                print(f"{len(stories)} stories; {args.clients} clients for {seconds:g} s …", file=sys.stderr)
                run = run_load(base, paths, clients=args.clients, seconds=seconds, max_requests=args.requests,
                               server_pid=server.pid)  # fmt: skip
                try:  # uvloop (installed with the server's extras) halves the client's own overhead
                    import uvloop

                    return uvloop.run(run)
                except ImportError:
                    return asyncio.run(run)

            baseline = load(args.baseline_seconds) if args.baseline_seconds > 0 and args.ingest else None
            if args.ingest:
                ingester.start()
            report = load(args.seconds)
            ingester.stop.set()
            if args.ingest:
                ingester.join(timeout=600)
        finally:
            server.terminate()
            server.wait(timeout=10)
    report["ingest"] = {
        "on": args.ingest, "uploads": ingester.requests, "errors": ingester.errors,
        "articles_added": ingester.added, "articles_per_upload": args.ingest_batch,
        "median_upload_s": round(statistics.median(ingester.seconds), 1) if ingester.seconds else None,
    }  # fmt: skip
    report["error_samples"] += ingester.samples
    runs = [report] + ([baseline] if baseline is not None else [])
    report["errors_total"] = sum(e["errors"] for r in runs for e in r["endpoints"].values()) + ingester.errors
    if baseline is not None:
        report["baseline_without_ingest"] = {"seconds": args.baseline_seconds, **baseline}
        report["p95_ratio_with_ingest"] = {
            kind: round(e["p95_ms"] / baseline["endpoints"][kind]["p95_ms"], 2)
            for kind, e in report["endpoints"].items()
        }

    report.update(
        {
            "clients": args.clients,
            "seconds": args.seconds,
            "stories": len(stories),
            "story_p95_goal_ms": STORY_P95_GOAL_MS,
            "story_p95_met": report["endpoints"]["story"]["p95_ms"] < STORY_P95_GOAL_MS
            and report["endpoints"]["story"]["errors"] == 0,
            "machine": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "system": platform.platform(),
            },
        }
    )
    phases = [("with ingest" if args.ingest else "", report)]
    if baseline is not None:
        phases.insert(0, ("no ingest", baseline))
    print(
        f"{'endpoint':8} {'phase':11} {'requests':>9} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7}"
    )
    for phase, run in phases:
        for kind, e in run["endpoints"].items():
            print(
                f"{kind:8} {phase:11} {e['requests']:9} {e['errors']:6} {e['per_second']:7} {e['p50_ms']:7} "
                f"{e['p95_ms']:7} {e['p99_ms']:7}"
            )
    if baseline is not None:
        print(
            "p95 with ingest / without: "
            + ", ".join(f"{k} {v}" for k, v in report["p95_ratio_with_ingest"].items())
        )
    i = report["ingest"]
    if i["on"]:
        print(f"meanwhile: {i['uploads']} uploads of {i['articles_per_upload']} articles ingested "
              f"({i['articles_added']} added, {i['errors']} errors, "
              f"median {i['median_upload_s']} s each)")  # fmt: skip
    print(f"errors in all: {report['errors_total']}")
    print(
        f"CPU per request: server {report['server_cpu_ms_per_request']} ms, "
        f"load generator {report['client_cpu_ms_per_request']} ms"
    )
    for sample in report["error_samples"]:
        print("error:", sample)
    print(
        f"story p95 < {STORY_P95_GOAL_MS:g} ms with no errors: {'yes' if report['story_p95_met'] else 'NO'}"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
