"""Concurrent writers as users run them, as real processes on both backends: two CLI ingests at
once, four ingests of overlapping inputs, the web server and the CLI at once, and readers that
are served while a long ingest runs. Every article must be stored once and grouped, every run
must succeed (issue 16, item 7; issue 17, item 3)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from conftest import SAMPLE
from pressespiegel.store import Store, open_store

TOKEN = "concurrency-test-token"
WIKINEWS = (SAMPLE / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()


def overlapping_inputs(root: Path, runs: int) -> list[Path]:
    """``runs`` folders of single-article JSONL files; folder k leaves out every ``runs``-th
    article starting at k, so any two folders share most of their articles."""
    folders = []
    for k in range(runs):
        folder = root / f"in{k}"
        folder.mkdir()
        for i, line in enumerate(WIKINEWS):
            if (i + k) % runs:
                (folder / f"{i:03d}.jsonl").write_text(line + "\n", encoding="utf-8")
        folders.append(folder)
    return folders


def ingest_process(location: str, *sources: Path, analyze: bool = False) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "pressespiegel", "ingest", "--db", location, *map(str, sources)]
    if not analyze:
        command.insert(4, "--no-analyze")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out + err


def assert_all_stored_once_and_grouped(location: str, expected: int) -> Store:
    store = open_store(location)
    ids = [a.id for a in store.iter_articles()]
    assert len(ids) == len(set(ids)) == store.count_articles() == expected
    assert store.pending_grouping() == []
    story_of = store.story_of()
    assert set(story_of) == set(ids)
    assert sum(s.size for s in store.list_stories()) == expected
    members = [m.id for s in store.list_stories() for m in store.story_members(s.id)]
    assert sorted(members) == sorted(ids)
    return store


def test_two_cli_ingests_at_once(store_location: str, tmp_path: Path) -> None:
    first, second = overlapping_inputs(tmp_path, 2)
    runs = [ingest_process(store_location, first), ingest_process(store_location, second)]
    results = [finish(p) for p in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert all("Traceback" not in text for _, text in results)
    assert_all_stored_once_and_grouped(store_location, len(WIKINEWS)).close()


def test_four_parallel_ingests_of_overlapping_inputs(store_location: str, tmp_path: Path) -> None:
    folders = overlapping_inputs(tmp_path, 4)
    runs = [ingest_process(store_location, folder) for folder in folders]
    results = [finish(p) for p in runs]
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    store = assert_all_stored_once_and_grouped(store_location, len(WIKINEWS))
    added = sum(int(text.split(" new articles")[0].rsplit(" ", 1)[1]) for _, text in results)
    assert added == len(WIKINEWS)  # each article counted as new by exactly one run
    store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(location: str, log: Path) -> Iterator[str]:
    """``pressespiegel serve`` as a real process on a free loopback port; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "PRESSESPIEGEL_TOKEN": TOKEN}
    with log.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "pressespiegel", "serve", "--db", location, "--port", str(port)],
            stdout=handle, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/stories", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)


def upload(base: str, name: str, lines: list[str]) -> httpx.Response:
    body = ("\n".join(lines) + "\n").encode()
    return httpx.post(base + "/api/ingest", files=[("files", (name, body, "application/x-ndjson"))],
                      headers={"Authorization": f"Bearer {TOKEN}"}, timeout=600)  # fmt: skip


def test_web_and_cli_ingest_at_once(store_location: str, tmp_path: Path) -> None:
    """An upload through the web server and a CLI ingest of overlapping articles at once: both
    succeed (no HTTP 500), every article once, all grouped."""
    cli_folder = tmp_path / "cli"
    cli_folder.mkdir()
    for i, line in enumerate(WIKINEWS[:20]):  # the web gets the last 20: 15 in common
        (cli_folder / f"{i:03d}.jsonl").write_text(line + "\n", encoding="utf-8")
    with server(store_location, tmp_path / "server.log") as base:
        assert upload(base, "warm.jsonl", WIKINEWS[:1]).status_code == 200  # the worker has its models
        response: list[httpx.Response] = []
        web = threading.Thread(target=lambda: response.append(upload(base, "web.jsonl", WIKINEWS[5:])))
        web.start()
        cli = ingest_process(store_location, cli_folder)
        code, text = finish(cli)
        web.join(timeout=600)
        assert code == 0 and "Traceback" not in text, text
        assert response and response[0].status_code == 200, response and response[0].text
        result = response[0].json()
        assert result["failed"] == 0 and result["added"] + result["existing"] == len(WIKINEWS) - 5
        assert all(a["story"] for a in result["articles"])  # grouped when the response came
        stories = httpx.get(base + "/api/stories", params={"limit": 1000}, timeout=60).json()
        assert sum(s["size"] for s in stories["stories"]) == len(WIKINEWS)
    assert_all_stored_once_and_grouped(store_location, len(WIKINEWS)).close()


def test_readers_are_served_while_a_long_ingest_runs(store_location: str, tmp_path: Path) -> None:
    """While the server ingests (and groups and indexes) a large upload, search, story and
    article pages keep answering: reads do not wait for the write."""
    lines = []
    # 100 distinct articles (each Wikinews text once more per copy): an ingest long enough that the
    # reads fit into it well past their slow first round (with 50, a loaded CI machine answered only
    # 2 reads before the ingest ended; with 100, 30-39 here)
    for copy in range(4):
        for i, line in enumerate(WIKINEWS):
            item = json.loads(line)
            item["id"] = f"copy{copy}-{i}"
            item["text"] = f"Meldung {copy}-{i}. " + item["text"]
            lines.append(json.dumps(item, ensure_ascii=False))
    with server(store_location, tmp_path / "server.log") as base:
        assert upload(base, "first.jsonl", WIKINEWS[:3]).status_code == 200  # something to read
        done = threading.Event()
        response: list[httpx.Response] = []

        def long_ingest() -> None:
            try:
                response.append(upload(base, "big.jsonl", lines))
            finally:
                done.set()

        writer = threading.Thread(target=long_ingest)
        writer.start()
        served_during, statuses = 0, []
        pages = ["/api/search?q=Papst", "/api/stories", "/", "/search?q=Erdbeben", "/api/articles?limit=5"]
        while not done.is_set():
            for page in pages:
                status = httpx.get(base + page, timeout=120).status_code
                statuses.append(status)
                served_during += not done.is_set()
            time.sleep(0.2)
        writer.join()
        assert response and response[0].status_code == 200 and response[0].json()["added"] == len(lines)
        assert set(statuses) == {200}
        assert served_during >= 3, f"only {served_during} reads answered while the ingest ran"
        hits = httpx.get(base + "/api/search", params={"q": "Meldung", "limit": 200}, timeout=60).json()
        assert hits["total"] >= len(lines)  # indexed once the ingest is done
