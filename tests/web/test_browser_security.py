"""Cross-site and DNS-rebinding attacks from a real browser (issue 16, break 1).

The server is started as ``make run`` starts it (no token given: it makes its own), the victim
opens the printed login URL, then visits an attacker's page on another site. Chromium maps
``evil.example`` to 127.0.0.1 (``--host-resolver-rules``), so the attacker's pages come from
``http://evil.example:PORT`` (another site) and a rebound name reaches the server's own port.
The attacker's forms name a URL on a loopback feed server; the app allows private addresses
here, so an attack that got through would show up as a request to that feed server.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
playwright_api = pytest.importorskip("playwright.sync_api", reason="python playwright is not installed")

from test_browser import CHROMIUM, CHROMIUM_ARGS, START_TIMEOUT, api, free_port  # noqa: E402

from conftest import seed_text  # noqa: E402
from pressespiegel.ingest import ingest  # noqa: E402
from pressespiegel.store.sqlite import SQLiteStore  # noqa: E402

if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

EVIL_HOST = "evil.example"


class Recorder(ThreadingHTTPServer):
    """A loopback server that records request paths and serves ``pages[path]`` as HTML."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: list[str] = []
        self.pages: dict[str, str] = {}

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Handler(BaseHTTPRequestHandler):
    server: Recorder

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        body = self.server.pages.get(self.path.split("?")[0], "").encode()
        ctype = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def recorders() -> Iterator[dict[str, Recorder]]:
    made = {"evil": Recorder(), "feed": Recorder()}
    for server in made.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    text = seed_text(4)[:3000].replace("&", "&amp;").replace("<", "&lt;")
    made["feed"].pages["/feed.xml"] = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Intern</title>'
        f"<item><title>Interne Meldung</title><description>{text}</description></item></channel></rss>"
    )
    yield made
    for server in made.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The app as a user starts it: no token given, private URLs allowed (so a forged ingest
    would really fetch from the loopback feed server)."""
    tmp = tmp_path_factory.mktemp("browser-security")
    db = tmp / "web.db"
    for i in range(2):
        (tmp / f"seed{i}.txt").write_text(seed_text(i), encoding="utf-8")
    store = SQLiteStore(db)
    ingest([str(tmp / "seed0.txt"), str(tmp / "seed1.txt")], store, analyze=False)
    store.close()
    port = free_port()
    code = (
        "import sys; from pressespiegel.web import serve; "
        "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]), allow_private=True, log_level='warning')"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(port)], stdout=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(base + "/api/stories", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("web server did not start") from None
                time.sleep(0.3)
        token_file = tmp / "pressespiegel.token"
        yield {
            "base": base,
            "port": port,
            "token": token_file.read_text().strip() if token_file.exists() else "",
        }
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    args = [*CHROMIUM_ARGS, "--disable-quic", f"--host-resolver-rules=MAP {EVIL_HOST} 127.0.0.1"]
    with playwright_api.sync_playwright() as p:
        try:
            instance = p.chromium.launch(executable_path=CHROMIUM, args=args)
        except Exception as exc:
            pytest.skip(f"chromium at {CHROMIUM} does not start: {exc}")
        yield instance
        instance.close()


def attack_pages(app: str, feed_url: str) -> dict[str, str]:
    """The attacker's pages: each fires one forged write at the app as soon as it loads."""
    script = "<script>window.addEventListener('load', () => document.forms[0].submit());</script>"
    return {
        "/form.html": f'<form method="post" action="{app}/ingest" enctype="multipart/form-data">'
        f'<input name="urls" value="{feed_url}"></form>{script}',
        "/api-form.html": f'<form method="post" action="{app}/api/ingest" enctype="multipart/form-data">'
        f'<input name="urls" value="{feed_url}"></form>{script}',
        "/plain.html": f'<form method="post" action="{app}/api/ingest" enctype="text/plain">'
        f'<input name=\'{{"urls": ["{feed_url}"], "x": "\' value=\'"}}\'></form>{script}',
        "/fetch.html": "<script>window.done = Promise.all(["
        f"fetch('{app}/api/ingest', {{method: 'POST', mode: 'no-cors', credentials: 'include', "
        f"headers: {{'Content-Type': 'text/plain'}}, body: JSON.stringify({{urls: ['{feed_url}']}})}}),"
        f"fetch('{app}/ingest', {{method: 'POST', mode: 'no-cors', credentials: 'include', "
        f"body: (() => {{ const f = new FormData(); f.append('urls', '{feed_url}'); return f; }})()}})"
        "]).then(() => 'sent', e => 'error: ' + e);</script>",
    }


def test_cross_site_pages_cannot_write(
    browser: Any, app_server: dict[str, Any], recorders: dict[str, Recorder]
) -> None:
    app, evil, feed = app_server["base"], recorders["evil"], recorders["feed"]
    feed_url = f"http://127.0.0.1:{feed.port}/feed.xml"
    evil.pages.update(attack_pages(app, feed_url))
    before = api(app, "/api/articles")["total"]
    context = browser.new_context()
    page = context.new_page()
    posts: list[tuple[str, int]] = []

    def answered(response: Any) -> None:
        if response.url.startswith(app + "/") and response.request.method == "POST":
            posts.append((response.url, response.status))

    page.on("response", answered)
    if app_server["token"]:  # the victim is logged in: the address `pressespiegel serve` printed
        page.goto(f"{app}/?token={app_server['token']}")
        cookies = context.cookies()
        assert cookies and all(c["sameSite"] == "Strict" and c["httpOnly"] for c in cookies)
    for name in ("/form.html", "/api-form.html", "/plain.html"):
        page.goto(f"http://{EVIL_HOST}:{evil.port}{name}")
        page.wait_for_url(lambda url: url.startswith(app), timeout=180_000)  # the forged POST's answer
        page.wait_for_load_state("load")
    page.goto(f"http://{EVIL_HOST}:{evil.port}/fetch.html")
    assert page.evaluate("window.done") == "sent"
    page.wait_for_timeout(500)
    assert feed.hits == [], "the URL fetcher was reached"
    assert api(app, "/api/articles")["total"] == before, "a forged ingest stored articles"
    assert len(posts) == 5 and all(status in {401, 403, 415} for _, status in posts), posts
    assert app_server["token"], "the server made no token file"
    context.close()


def test_rebinding_host_is_refused(browser: Any, app_server: dict[str, Any]) -> None:
    """The attacker's name, re-pointed at 127.0.0.1, reaches the server's port: refused."""
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(f"http://{EVIL_HOST}:{app_server['port']}/")
    assert response is not None and response.status == 400
    assert "Host not allowed" in page.content()
    response = page.goto(f"http://{EVIL_HOST}:{app_server['port']}/api/stories")
    assert response is not None and response.status == 400
    ok = page.goto(app_server["base"] + "/")
    assert ok is not None and ok.status == 200
    context.close()
