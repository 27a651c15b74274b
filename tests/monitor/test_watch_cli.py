"""`pressespiegel watch` as a process: killed with -9 it resumes without duplicates; SIGTERM ends it
cleanly; `feeds list`, `topics` and `digest` on what it collected."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import seed_html
from feedserver import FeedServer, Route, rss
from pressespiegel.cli import app

FEEDS = 6
PER_FEED = 3


def _article_page(n: int) -> bytes:
    note = f"<p>Meldung Nummer {n}: Dieser Absatz gehört zu einem Dauerlauf des Beobachters mit Feeds.</p>"
    return seed_html(n % 5, title=f"Meldung {n}").replace("<article>", "<article>" + note).encode()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[FeedServer, Path]]:
    with FeedServer() as s:
        lines = []
        for f in range(FEEDS):
            items = []
            for k in range(PER_FEED):
                n = f * PER_FEED + k
                s.routes[f"/p/{n}.html"] = Route(body=_article_page(n), content_type="text/html", delay=0.15)
                items.append((f"n{n}", s.url(f"/p/{n}.html"), f"Meldung {n}"))
            s.routes[f"/f{f}.xml"] = Route(body=rss(f"Feed {f}", items), etag=f'"{f}"')
            lines.append(f"{s.url(f'/f{f}.xml')} Feed {f}")
        feeds = tmp_path / "feeds.txt"
        feeds.write_text("# test feeds\n" + "\n".join(lines) + "\n")
        yield s, feeds


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _watch(db: Path, feeds: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pressespiegel", "watch", str(feeds), "--db", str(db), "--allow-private",
            "--no-analyze", "--delay", "0", "--connections", "2", *extra]  # fmt: skip


def _wait_for(db: Path, at_least: int, proc: subprocess.Popen[str], seconds: float = 120) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        n = _count(db)
        if n >= at_least:
            return n
        time.sleep(0.05)
    raise AssertionError(f"monitor stored fewer than {at_least} articles in {seconds} s (exit {proc.poll()})")


def test_killed_monitor_resumes_without_duplicates(tmp_path: Path, site: tuple[FeedServer, Path]) -> None:
    s, feeds = site
    db = tmp_path / "w.db"
    command = _watch(db, feeds, "--every", "1s")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(db, PER_FEED, proc)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    before = _count(db)
    total = FEEDS * PER_FEED
    assert 0 < before < total, "kill came too late to test resumption"
    fetched_before = sum(s.hits_of(f"/p/{n}.html") for n in range(total))
    run = subprocess.run(_watch(db, feeds, "--once"), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == total
        assert con.execute("SELECT count(DISTINCT url) FROM articles").fetchone()[0] == total
        states = dict(con.execute("SELECT state, count(*) FROM feed_items GROUP BY state").fetchall())
        assert states == {"stored": total}
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    refetched = sum(s.hits_of(f"/p/{n}.html") for n in range(total)) - fetched_before
    assert refetched <= total - before + 2 * PER_FEED  # what was missing, plus the feeds cut short

    again = subprocess.run(_watch(db, feeds, "--once"), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "0 new articles" in again.stdout, again.stdout + again.stderr
    assert s.hits_of("/f0.xml", 304) >= 1

    # what it collected, through the other commands (in process: each new process costs seconds)
    health = json.loads(run_cli("feeds", "list", "--db", str(db), "--format", "json").stdout)
    assert len(health) == FEEDS and {h["status"] for h in health} == {"ok"}
    assert all(h["articles"] == PER_FEED and h["http_status"] == 304 for h in health)
    assert "Feed 0" in run_cli("feeds", "list", "--db", str(db)).stdout
    added = run_cli("topics", "add", "Kim", "Kim Russland", "--db", str(db), "--mail", "a@example.org",
                    "--at", "7:00", "--alert-origins", "2")  # fmt: skip
    assert "articles match so far" in added.stdout
    dup = run_cli("topics", "add", "Kim", "Putin", "--db", str(db), code=1)
    assert "--replace" in dup.stderr
    bad = run_cli("topics", "add", "X", "entity:(", "--db", str(db), code=2)
    assert "query" in bad.stderr
    topics = json.loads(run_cli("topics", "list", "--db", str(db), "--format", "json").stdout)
    assert topics[0]["name"] == "Kim" and topics[0]["digest_at"] == "07:00" and topics[0]["articles"] > 0
    out = tmp_path / "kim.md"
    digest = run_cli("digest", "--topic", "Kim", "--format", "md", "--out", str(out), "--db", str(db))
    written = re.search(r"(\d+) (story|stories) written", digest.stdout)
    assert written and written[2] == ("story" if written[1] == "1" else "stories"), digest.stdout  # plural
    assert out.read_text().startswith("# Pressespiegel: Kim")
    none = run_cli("digest", "--topic", "Kim", "--since", "2099-01-01", "--format", "json", "--out", str(out),
                   "--db", str(db), code=1)  # fmt: skip
    assert "no stories" in none.stderr
    run_cli("topics", "remove", "Kim", "--db", str(db))
    run_cli("topics", "remove", "Kim", "--db", str(db), code=1)


def run_cli(*args: str, code: int = 0) -> Result:
    """The command line in this process (typer's runner), checked for its exit code and no traceback."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_sigterm_stops_cleanly_between_items(tmp_path: Path, site: tuple[FeedServer, Path]) -> None:
    _, feeds = site
    db = tmp_path / "t.db"
    command = _watch(db, feeds, "--every", "1h")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(db, 1, proc)
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr
    assert "SIGTERM: stopping" in stderr and "stopped" in stdout and "Traceback" not in stderr
    with sqlite3.connect(db) as con:
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        marked = con.execute("SELECT count(*) FROM feed_items WHERE state = 'stored'").fetchone()[0]
    assert stored == marked  # every stored article's item is marked, none marked without its article


def test_watch_reports_a_bad_feeds_file(tmp_path: Path) -> None:
    missing = run_cli("watch", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db"), code=2)
    assert "nope.txt: cannot read" in missing.stderr
    bad = tmp_path / "feeds.txt"
    bad.write_text("https://ok.example/rss\nnot a url\n")
    run = run_cli("watch", str(bad), "--once", "--db", str(tmp_path / "x.db"), code=2)
    assert "feeds.txt line 2" in run.stderr
