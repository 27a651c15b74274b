"""Access control of the web app (issue 16): token always, no cross-site or rebinding writes,
request bytes counted as received, the token checked before any body is read."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from conftest import seed_text
from pressespiegel.ingest import ingest
from pressespiegel.pipeline import update_stories
from pressespiegel.records import Article, Paragraph
from pressespiegel.store.sqlite import SQLiteStore
from pressespiegel.web import create_app
from pressespiegel.web.app import MAX_REQUEST_BYTES

TOKEN_FILE = "pressespiegel.token"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "test-token-0123456789abcdef"
BASE = "http://localhost"
#: Seconds a server subprocess may take to come up (it indexes the store; the machine is shared).
START_TIMEOUT = 180
EVIL = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("security")
    for i in range(3):
        (folder / f"seed{i}.txt").write_text(seed_text(i), encoding="utf-8")
    path = folder / "web.db"
    store = SQLiteStore(path)
    ingest([str(folder / f"seed{i}.txt") for i in range(3)], store, analyze=False)
    update_stories(store)
    store.close()
    return path


@pytest.fixture
def app(db: Path) -> Any:
    return create_app(db, api_token=TOKEN, allow_private=True)


def count(db: Path) -> int:
    store = SQLiteStore(db)
    try:
        return store.count_articles()
    finally:
        store.close()


def login(client: TestClient) -> str:
    """Open the printed login URL; return the CSRF token of the ingest form."""
    response = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
    client.cookies.update(response.cookies)
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/ingest").text)
    assert found is not None
    return found[1]


def jsonl(article_id: str) -> bytes:
    line = {"id": article_id, "title": f"Meldung {article_id}", "text": seed_text(3)}
    return (json.dumps(line, ensure_ascii=False) + "\n").encode()


# -- break 1: cross-site and rebinding writes -------------------------------------------------------
def test_cross_site_writes_are_refused_even_with_a_session(app: Any, db: Path) -> None:
    before = count(db)
    with TestClient(app, base_url=BASE) as client:
        csrf = login(client)
        files = [("files", ("x.jsonl", jsonl("cross-1"), "application/json"))]
        form = client.post("/ingest", data={"csrf": csrf}, files=files, headers=EVIL)
        assert form.status_code == 403 and "cross-site" in form.text
        origin_only = client.post(
            "/ingest", data={"csrf": csrf}, files=files, headers={"Origin": "http://evil.example"}
        )
        assert origin_only.status_code == 403
        same_site = client.post(
            "/ingest", data={"csrf": csrf}, files=files, headers={"Sec-Fetch-Site": "same-site"}
        )  # another port, same host
        assert same_site.status_code == 403
        api = client.post("/api/ingest", json={"urls": []}, headers={**EVIL, "X-CSRF-Token": csrf})
        assert api.status_code == 403
        bearer = client.post(
            "/api/ingest", json={"urls": []}, headers={**EVIL, "Authorization": f"Bearer {TOKEN}"}
        )
        assert bearer.status_code == 403
        no_csrf = client.post("/ingest", files=files)
        assert no_csrf.status_code == 403 and "CSRF" in no_csrf.text
        assert count(db) == before
        ok = client.post(
            "/ingest",
            data={"csrf": csrf},
            files=files,
            headers={"Origin": BASE, "Sec-Fetch-Site": "same-origin"},
        )
        assert ok.status_code == 200 and "1 neuer Artikel" in ok.text
    assert count(db) == before + 1


def test_text_plain_body_never_reaches_the_fetcher(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cross-site ``<form enctype=text/plain>`` can send a JSON-looking body; it is not JSON."""
    called: list[Any] = []
    monkeypatch.setattr(app.state.web, "run_ingest", lambda *a: called.append(a))
    body = '{"urls": ["http://127.0.0.1:9/admin"], "x": "="}'
    with TestClient(app, base_url=BASE) as client:
        anonymous = client.post("/api/ingest", content=body, headers={"Content-Type": "text/plain"})
        assert anonymous.status_code == 401
        plain = client.post(
            "/api/ingest",
            content=body,
            headers={"Content-Type": "text/plain", "Authorization": f"Bearer {TOKEN}"},
        )
        assert plain.status_code == 415
    assert called == []


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "localhost.evil"])
def test_rebinding_host_is_refused_on_every_request(app: Any, host: str) -> None:
    with TestClient(app, base_url=BASE) as client:
        for path in ("/", "/api/stories", "/static/style.css", "/ingest"):
            response = client.get(path, headers={"Host": host})
            assert response.status_code == 400 and "Host not allowed" in response.text, path
        assert (
            client.post(
                "/api/ingest", json={"urls": []}, headers={"Host": host, "Authorization": f"Bearer {TOKEN}"}
            ).status_code
            == 400
        )


def test_host_policy() -> None:
    from pressespiegel.web.security import HostPolicy

    loopback = HostPolicy.for_bind("127.0.0.1")
    for ok in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST", "127.0.0.2:1"):
        assert loopback.allows(ok), ok
    for bad in ("evil.example", "", None, "10.0.0.1:8000", "localhost.evil.example", "[::1"):
        assert not loopback.allows(bad), bad
    named = HostPolicy.for_bind("127.0.0.1", ["news.example.org"])
    assert named.allows("news.example.org:443") and not named.allows("other.example.org")
    lan = HostPolicy.for_bind("192.168.1.20")
    assert lan.allows("192.168.1.20:8000") and not lan.allows("10.0.0.1") and not lan.allows("evil.example")
    everywhere = HostPolicy.for_bind("0.0.0.0")
    assert everywhere.allows("10.1.2.3:8000") and everywhere.allows("[2001:db8::1]:80")
    assert not everywhere.allows("evil.example:8000")


def test_cross_site_problem() -> None:
    from pressespiegel.web.security import cross_site_problem

    host = "localhost:8000"
    assert cross_site_problem({}, host, "http") is None  # curl, scripts
    assert (
        cross_site_problem({"sec-fetch-site": "same-origin", "origin": "http://localhost:8000"}, host, "http")
        is None
    )
    assert cross_site_problem({"sec-fetch-site": "none"}, host, "http") is None
    # Chromium's own form posts under Referrer-Policy: no-referrer
    assert cross_site_problem({"sec-fetch-site": "same-origin", "origin": "null"}, host, "http") is None
    for headers in (
        {"origin": "null"},
        {"origin": "http://localhost:8001"},
        {"origin": "https://localhost:8000"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
    ):
        assert cross_site_problem(headers, host, "http"), headers


# -- break 4: request limits -------------------------------------------------------------------------
def call_asgi(
    app: Any, method: str, path: str, headers: list[tuple[bytes, bytes]], chunks: Iterator[bytes]
) -> tuple[int, int]:
    """Send a request straight to the ASGI app with a chunked body; (status, body chunks read)."""
    read = 0
    status = 0

    async def run() -> None:
        nonlocal status

        async def receive() -> dict[str, Any]:
            nonlocal read
            chunk = next(chunks, None)
            if chunk is None:
                return {"type": "http.request", "body": b"", "more_body": False}
            read += 1
            return {"type": "http.request", "body": chunk, "more_body": True}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "headers": [(b"host", b"localhost"), *headers],
            "client": ("127.0.0.1", 5000),
            "server": ("127.0.0.1", 8000),
            "root_path": "",
        }
        await app(scope, receive, send)

    asyncio.run(run())
    return status, read


def multipart_chunks(megabytes: int) -> Iterator[bytes]:
    yield (
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
    )
    for _ in range(megabytes):
        yield b"x" * 2**20


def test_token_is_checked_before_any_body_is_read(app: Any) -> None:
    """Break 4: a 1 GiB chunked upload without a token went to temp disk before the 401 (here
    100 MB are offered: none of it may be read)."""
    headers = [(b"content-type", b"multipart/form-data; boundary=b"), (b"transfer-encoding", b"chunked")]
    status, read = call_asgi(app, "POST", "/api/ingest", headers, multipart_chunks(100))
    assert status == 401 and read == 0
    status, read = call_asgi(app, "POST", "/ingest", headers, multipart_chunks(100))
    assert status == 401 and read == 0


def test_chunked_body_is_counted_as_received(app: Any) -> None:
    """Break 4: the 64 MB limit trusted Content-Length; a chunked 300 MB upload was read."""
    headers = [
        (b"content-type", b"multipart/form-data; boundary=b"),
        (b"transfer-encoding", b"chunked"),
        (b"authorization", f"Bearer {TOKEN}".encode()),
    ]
    status, read = call_asgi(app, "POST", "/api/ingest", headers, multipart_chunks(150))
    assert status == 413 and read <= MAX_REQUEST_BYTES // 2**20 + 2


def test_declared_length_over_the_limit_is_refused_unread(app: Any) -> None:
    with TestClient(app, base_url=BASE) as client:
        response = client.post(
            "/api/ingest",
            content=b"{}",
            headers={"Content-Length": str(MAX_REQUEST_BYTES + 1), "Authorization": f"Bearer {TOKEN}"},
        )
        assert response.status_code == 413
        assert (
            client.post(
                "/login",
                content=b"token=" + b"x" * 10_000,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ).status_code
            == 413
        )


# -- break 5 and 8 through the web ---------------------------------------------------------------
def test_bad_ports_and_upper_case_schemes_are_one_line_each(app: Any, db: Path, tmp_path: Path) -> None:
    """Break 5: the web answered 500 for :99999, :-1, :abc. Break 8: ``HTTP://`` read a local file."""
    secret = tmp_path / "geheim.txt"
    secret.write_text("Geheime Zugangsdaten des Servers. " * 30, encoding="utf-8")
    urls = [
        "http://news.invalid:99999/x",
        "http://news.invalid:-1/x",
        "http://news.invalid:abc/x",
        f"HTTP://127.0.0.1/../../../../../../../..{secret}",
        f"\x01HTTP://x/../..{secret}",
        "http://[::127.0.0.1]/",
        str(secret),
    ]
    before = count(db)
    with TestClient(create_app(db, api_token=TOKEN), base_url=BASE) as client:
        response = client.post(
            "/api/ingest", json={"urls": urls}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["added"] == 0 and result["failed"] == len(urls) and count(db) == before
    problems = [s["errors"][0] for s in result["sources"]]
    assert "Port out of range" in problems[0] and all("malformed URL" in p for p in problems[:3])
    assert "non-public address" in problems[3] and problems[4] == "not an http(s) URL"
    assert "IPv4-compatible" in problems[5] and problems[6] == "not an http(s) URL"


# -- break 6: readers never wait for a long ingest ---------------------------------------------------
def test_search_answers_while_an_ingest_holds_the_write_lock(app: Any, db: Path) -> None:
    with TestClient(app, base_url=BASE) as client:
        assert client.get("/api/search", params={"q": "Putin"}).status_code == 200
        web = app.state.web
        with web.write_lock:  # a long ingest in progress, which has just committed an article
            store = SQLiteStore(db)
            store.add_articles(
                [
                    Article(
                        id="during-ingest",
                        source="x",
                        title="Seilbahn am Rhein",
                        paragraphs=(Paragraph(text="Die Seilbahn über den Rhein fährt."),),
                    )
                ]
            )
            store.close()
            answer: list[Any] = []

            def search_until_found() -> None:  # each answer comes at once; the index catches up
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    answer.append(client.get("/api/search", params={"q": "Seilbahn"}))
                    if answer[-1].status_code != 200 or answer[-1].json()["total"] >= 1:
                        return
                    time.sleep(0.2)

            thread = threading.Thread(target=search_until_found)
            thread.start()
            thread.join(timeout=90)
            assert answer, "search waited for the ingest's write lock"
        assert answer[-1].status_code == 200 and answer[-1].json()["total"] >= 1


# -- the token ---------------------------------------------------------------------------------------
def test_token_file_is_made_once_with_mode_600(tmp_path: Path) -> None:
    from pressespiegel.web.security import load_or_create_token

    token, path, created = load_or_create_token(tmp_path / "data")
    assert created and path == tmp_path / "data" / TOKEN_FILE and len(token) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again, _, created_again = load_or_create_token(tmp_path / "data")
    assert again == token and not created_again


def test_login_form_and_wrong_tokens(app: Any) -> None:
    with TestClient(app, base_url=BASE) as client:
        assert (
            "Zugangs-Token" in client.get("/ingest").text and 'name="csrf"' not in client.get("/ingest").text
        )
        assert client.get("/?token=wrong", follow_redirects=False).status_code == 403
        wrong = client.post("/login", data={"token": "wrong"})
        assert wrong.status_code == 403 and "falsch" in wrong.text
        cross = client.post("/login", data={"token": TOKEN}, headers=EVIL, follow_redirects=False)
        assert cross.status_code == 403 and "set-cookie" not in cross.headers
        ok = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
        assert ok.status_code == 303 and "SameSite=Strict" in ok.headers["set-cookie"]
        client.cookies.update(ok.cookies)
        assert 'name="csrf"' in client.get("/ingest").text
    with TestClient(app, base_url=BASE) as client:
        kept = client.get(f"/search?q=Putin&token={TOKEN}", follow_redirects=False)
        assert kept.headers["location"] == "/search?q=Putin"


def test_access_log_does_not_show_the_token() -> None:
    from pressespiegel.web.security import RedactToken

    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", f"/?token={TOKEN}&a=1", "1.1", 303),
        None,
    )
    RedactToken().filter(record)
    assert TOKEN not in record.getMessage() and "token=***&a=1" in record.getMessage()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(args: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str, int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pressespiegel", "serve", *args, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories", timeout=5):
                return process, f"http://127.0.0.1:{port}", port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    process.kill()
    raise AssertionError(f"server did not start: {process.communicate()[1]}")


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.terminate()
    out, err = process.communicate(timeout=20)
    return out, err


def test_serve_prints_a_login_url_that_lets_a_new_user_in(db: Path, tmp_path: Path) -> None:
    """`make run` ends with `pressespiegel serve`: the printed address must let the user ingest."""
    copy = tmp_path / "fresh.db"
    copy.write_bytes(db.read_bytes())
    process, base, port = start_serve(["--db", str(copy)], env={"PRESSESPIEGEL_TOKEN": ""})
    try:
        token = (tmp_path / TOKEN_FILE).read_text().strip()
        assert stat.S_IMODE((tmp_path / TOKEN_FILE).stat().st_mode) == 0o600
        anonymous = urllib.request.Request(
            f"{base}/api/ingest",
            data=b'{"urls": []}',
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(anonymous, timeout=120)
        assert refused.value.code == 401
        with httpx.Client(base_url=base, timeout=600, follow_redirects=True) as browser:
            login_response = browser.get(f"/?token={token}")
            assert login_response.status_code == 200 and browser.cookies
            page = browser.get("/ingest").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page)
            assert csrf is not None
            result = browser.post(
                "/ingest",
                data={"csrf": csrf[1]},
                files=[("files", ("neu.jsonl", jsonl("new-user-1"), "application/json"))],
            )
            assert result.status_code == 200 and "1 neuer Artikel" in result.text
    finally:
        out, err = stop(process)
    assert f"http://127.0.0.1:{port}/?token={token}" in out
    assert token not in err  # the access log masks it


def test_token_on_the_command_line_warns(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "cli.db"
    copy.write_bytes(db.read_bytes())
    secret = "a-long-enough-command-line-token"
    process, base, _ = start_serve(["--db", str(copy), "--token", secret])
    try:
        request = urllib.request.Request(
            f"{base}/api/ingest",
            data=b'{"urls": []}',
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {secret}"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200
    finally:
        out, err = stop(process)
    assert "process list" in err and secret not in out
    token_file = tmp_path / "t.token"
    token_file.write_text("from-a-file-0123456789\n")
    process, base, _ = start_serve(["--db", str(copy), "--token-file", str(token_file)])
    try:
        request = urllib.request.Request(
            f"{base}/api/ingest",
            data=b'{"urls": []}',
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": "Bearer from-a-file-0123456789"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200
    finally:
        out, err = stop(process)
    assert "process list" not in err and not (tmp_path / TOKEN_FILE).exists()
