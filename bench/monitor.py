"""Bench of the feed monitor: 500 feeds served locally, polled in cycles; feeds/minute, CPU, memory.

1. ``--hosts`` loopback addresses (127.0.0.2, 127.0.0.3, …; Linux routes all of 127/8 to lo)
   each run a feed server (``tests/feedserver.py``) with ``--feeds / --hosts`` feeds of
   ``--items`` items; every item links to its own article page (a real seed article with a
   numbered first paragraph, so each is a distinct article).
2. The monitor runs in a child process (its CPU and memory are its own, not the servers'),
   ``pressespiegel.monitor.watch.Monitor`` with the defaults of ``pressespiegel watch``, and runs
   one cycle per scenario on the parent's command:

   * ``cold``: the first poll of every feed; every item's page fetched, cleaned, analyzed, stored;
   * ``304``: nothing changed, the servers answer the conditional GETs with 304;
   * ``unchanged-200``: nothing changed but the servers ignore validators (full body, no ETag):
     the monitor recognises the body by its hash and does not parse it;
   * ``10%-new``: one feed in ten has one new item (its page fetched and ingested);
   * ``304-polite``: as ``304`` with the default politeness (1 s between requests to one host).

   Capacity scenarios run with no politeness pause (``--delay 0``) and are repeated
   ``--repeat`` times (median).
3. Baseline, in the same child and run: plain concurrent GETs of the same 500 feed URLs with
   httpx and as many threads as the monitor's connections, nothing parsed or stored. The ratio
   monitor/baseline says what the monitor's bookkeeping costs over raw fetching.
4. Prints a table and writes ``bench/results/monitor.json``.

    .venv/bin/python bench/monitor.py                   # 500 feeds on 50 hosts
    .venv/bin/python bench/monitor.py --feeds 100 --hosts 10 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
RESULTS = ROOT / "bench" / "results" / "monitor.json"


# -- the child: the monitor ------------------------------------------------------------------------
def child(db: Path, feeds_file: Path, connections: int) -> None:
    """Read commands from stdin ("cycle NAME DELAY", "baseline", "quit"); answer one JSON line each."""
    from dataclasses import replace

    import httpx

    from pressespiegel.ingest import Limits
    from pressespiegel.monitor.feedlist import read_feed_list
    from pressespiegel.monitor.poll import MonitorConfig
    from pressespiegel.monitor.watch import Monitor
    from pressespiegel.store import open_store

    store = open_store(db)
    specs = read_feed_list(feeds_file)
    base = MonitorConfig(connections=connections, limits=Limits(allow_private=True))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        started, cpu = time.perf_counter(), time.process_time()
        result: dict[str, Any] = {}
        if words[0] == "baseline":
            urls = [s.url for s in specs]
            with httpx.Client(timeout=20) as client, ThreadPoolExecutor(connections) as pool:
                sizes = list(pool.map(lambda u: len(client.get(u).content), urls))
            result = {"feeds": len(urls), "bytes": sum(sizes)}
        else:
            monitor = Monitor(store, None, replace(base, delay=float(words[2])))  # type: ignore[arg-type]
            monitor.sync_feeds(specs)
            report = monitor.run_cycle(monitor.due(everything=True))
            result = {
                "feeds": report.polled,
                "unchanged": report.unchanged,
                "failed": report.failed,
                "new_items": report.new_items,
                "added": report.added,
            }
        result.update(
            wall=time.perf_counter() - started,
            cpu=time.process_time() - cpu,
            peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        )
        print(json.dumps(result), flush=True)
    store.close()


# -- the parent: servers and scenarios -------------------------------------------------------------
def article(n: int) -> bytes:
    from conftest import seed_html

    note = f"<p>Meldung Nummer {n} des Beobachter-Benchmarks mit fünfhundert Feeds auf fünfzig Hosts.</p>"
    return seed_html(n % 5, title=f"Meldung {n}").replace("<article>", "<article>" + note).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--items", type=int, default=1, help="items per feed at the first poll")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("DB", "FEEDS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.connections)
        return

    from feedserver import FeedServer, Route, rss

    servers = [FeedServer(f"127.0.0.{2 + h}") for h in range(args.hosts)]
    for server in servers:
        server.__enter__()
    feeds: list[tuple[FeedServer, str, list[tuple[str, str, str]]]] = []
    n = 0
    for f in range(args.feeds):
        server = servers[f % args.hosts]
        items = []
        for _ in range(args.items):
            server.routes[f"/p/{n}.html"] = Route(body=article(n), content_type="text/html; charset=utf-8")
            items.append((f"n{n}", server.url(f"/p/{n}.html"), f"Meldung {n}"))
            n += 1
        feeds.append((server, f"/feed/{f}.xml", items))

    def publish(validators: bool) -> None:
        for f, (server, path, items) in enumerate(feeds):
            server.routes[path] = Route(
                body=rss(f"Feed {f}", items), etag=f'"{f}-{len(items)}"' if validators else None
            )

    publish(True)
    with tempfile.TemporaryDirectory(prefix="bench-monitor-") as tmp:
        feeds_file = Path(tmp) / "feeds.txt"
        feeds_file.write_text("".join(f"{server.url(path)}\n" for server, path, _ in feeds))
        command = [
            sys.executable,
            __file__,
            "--child",
            str(Path(tmp) / "m.db"),
            str(feeds_file),
            "--connections",
            str(args.connections),
        ]
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert proc.stdin is not None and proc.stdout is not None
        json.loads(proc.stdout.readline())

        def ask(line: str) -> dict[str, Any]:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            return dict(json.loads(proc.stdout.readline()))

        runs: dict[str, list[dict[str, Any]]] = {}

        def scenario(name: str, delay: float = 0.0, times: int = 1) -> None:
            for _ in range(times):
                runs.setdefault(name, []).append(ask(f"cycle {name} {delay}"))
                print(f"  {name}: {runs[name][-1]}", flush=True)

        print(
            f"{args.feeds} feeds on {args.hosts} hosts, {args.items} item(s) each; monitor in pid {proc.pid}"
        )
        scenario("cold")
        scenario("304", times=args.repeat)
        for _ in range(args.repeat):
            runs.setdefault("baseline", []).append(ask("baseline"))
        publish(False)
        scenario("unchanged-200", times=args.repeat)
        publish(True)
        ask("cycle settle 0")  # validators are back: one 200 per feed to learn the new ETags
        for r in range(args.repeat):
            for f, (server, _path, items) in enumerate(feeds):
                if f % 10 == r:
                    m = len(items) + 10_000 * (r + 1) + f
                    server.routes[f"/p/{m}.html"] = Route(
                        body=article(m), content_type="text/html; charset=utf-8"
                    )
                    items.insert(0, (f"n{m}", server.url(f"/p/{m}.html"), f"Meldung {m}"))
            publish(True)
            scenario("10%-new")
        scenario("304-polite", delay=1.0)
        proc.stdin.write("quit\n")
        proc.stdin.close()
        proc.wait(timeout=60)
    for server in servers:
        server.__exit__()

    rows: dict[str, dict[str, Any]] = {}
    for name, results in runs.items():
        wall = statistics.median(r["wall"] for r in results)
        cpu = statistics.median(r["cpu"] for r in results)
        feeds_n = results[0]["feeds"]
        rows[name] = {
            "runs": len(results),
            "feeds": feeds_n,
            "wall_s": round(wall, 2),
            "feeds_per_minute": round(60 * feeds_n / wall),
            "cpu_s": round(cpu, 2),
            "cpu_ms_per_feed": round(1000 * cpu / feeds_n, 2),
            "cpu_share": round(cpu / wall, 2),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in results)),
            **{k: results[-1][k] for k in ("new_items", "added", "failed") if k in results[-1]},
        }
    ratio = rows["304"]["feeds_per_minute"] / rows["baseline"]["feeds_per_minute"]
    print(
        f"\n{'scenario':15} {'feeds/min':>10} {'wall s':>8} {'CPU s':>7} {'CPU ms/feed':>12} {'RSS MB':>7}"
        " added"
    )
    for name, row in rows.items():
        print(
            f"{name:15} {row['feeds_per_minute']:>10} {row['wall_s']:>8} {row['cpu_s']:>7} "
            f"{row['cpu_ms_per_feed']:>12} {row['peak_rss_mb']:>7} {row.get('added', '')}"
        )
    print(f"304 cycle / plain concurrent GETs (baseline), feeds per minute: {ratio:.2f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "bench": "monitor",
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "load": os.getloadavg()[0],
                },
                "setup": {
                    "feeds": args.feeds,
                    "hosts": args.hosts,
                    "items": args.items,
                    "connections": args.connections,
                    "repeat": args.repeat,
                },
                "scenarios": rows,
                "ratio_304_to_baseline": round(ratio, 3),
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
