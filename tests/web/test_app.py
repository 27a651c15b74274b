"""Web UI and JSON API against the sample corpus plus a hostile (XSS) corpus, with TestClient."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")

with warnings.catch_warnings():  # starlette >= 1 asks for httpx2 but works with httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from conftest import BACKENDS, SAMPLE, new_location
from pressespiegel.ingest import ingest
from pressespiegel.pipeline import update_stories
from pressespiegel.records import Article, Paragraph, PublicationDate, Removed
from pressespiegel.store import open_store
from pressespiegel.web import create_app
from pressespiegel.web.app import annotate, approx_day, safe_url
from pressespiegel.web.search import Query, highlight

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "s3cret-token"
KIM_STORY_SIZE = 4
#: Marker every script payload would set; pages must show it as text, never run it.
PAYLOAD = "window.__xss=1"
#: Raw (unescaped) fragments that must never appear in served HTML.
RAW_PAYLOADS = (
    "<script>window.__xss",
    "<img src=x onerror",
    "<svg onload",
    "<svg/onload",
    'href="javascript:',
)


def xss_jsonl() -> str:
    """Articles whose title, body, quotes, outlet and URL carry script payloads (JSONL)."""
    items = [
        {
            "id": "xss-1",
            "url": "javascript:window.__xss=1",
            "published": "2024-03-01",
            "outlet": "<img src=x onerror=window.__xss=1>Hostile Post",
            "title": "<script>window.__xss=1;alert(1)</script> Angriff auf die Redaktion",
            "text": "Berlin (dpa) - Die Polizei ermittelt nach einem Vorfall im Rathaus von Berlin. "
            "„<script>window.__xss=1;alert(1)</script> Wir werden das nicht hinnehmen“, sagte "
            "<img src=x onerror=alert(2)> Meier am Montag. Der Innensenator Hans <svg onload=alert(3)>Müller "
            'kündigte Konsequenzen an. „Die Lage ist <a href="javascript:alert(4)">unter Kontrolle</a>“, '
            "sagte Polizeisprecherin Anna Schmidt am Dienstag in Berlin.",
        },
        {
            "id": "xss-2",
            "url": 'https://example.org/"><script>window.__xss=1</script>',
            "outlet": "Hostile Kurier",
            "published": "2024-03-02",
            "title": 'Rathaus: Meier <svg onload="window.__xss=1"> äußert sich',
            "html": "<html><body><article><h1>Rathaus</h1><p>Berlin - Nach dem Vorfall im Rathaus von Berlin "
            "&lt;img src=x onerror=window.__xss=1&gt; äußerte sich die Polizei ausführlich zu den "
            "Ermittlungen und den nächsten Schritten.</p><p>„Wir ermitteln in alle Richtungen "
            "&lt;script&gt;window.__xss=1&lt;/script&gt;“, sagte Polizeisprecherin Anna Schmidt am Mittwoch "
            "der Presse in Berlin.</p><p>Der Innensenator kündigte an, den Fall im Ausschuss zu besprechen. "
            "Die Opposition verlangte Aufklärung über die Vorgänge im Rathaus.</p>"
            "<script>window.__xss=1</script></article></body></html>",
        },
    ]
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


HOSTILE_SPEAKER = "<img src=x onerror=window.__xss=1> Meier"
HOSTILE_ENTITY = "<svg onload=window.__xss=1>Konzern"


def hostile_article() -> Article:
    """An article whose stored analysis names a hostile speaker and entity (as a tampered or
    future analyzer could): the analyzers never produce such names from text, the views must
    still show them as text."""
    lead = f"Berlin - Der {HOSTILE_ENTITY} weist die Vorwürfe zurück, berichtet die Agentur am Donnerstag."
    quote = "„<script>window.__xss=1</script> Alles erfunden“"
    body = f"{quote}, sagte Sprecher {HOSTILE_SPEAKER} am Donnerstag im Rathaus von Berlin."
    text = lead + "\n\n" + body
    q0 = len(lead) + 2
    speaker_at = text.index(HOSTILE_SPEAKER)
    analysis = {
        "sentences": [[0, len(lead)], [q0, len(text)]],
        "entities": [
            {
                "text": HOSTILE_ENTITY,
                "label": "ORG",
                "start": lead.index(HOSTILE_ENTITY),
                "end": lead.index(HOSTILE_ENTITY) + len(HOSTILE_ENTITY),
            },
            {
                "text": HOSTILE_SPEAKER,
                "label": "PER",
                "start": speaker_at,
                "end": speaker_at + len(HOSTILE_SPEAKER),
            },
            {"text": "Berlin", "label": "LOC", "start": 0, "end": 6},
        ],
        "quotes": [
            {
                "quote": {"text": quote, "spans": [[q0, q0 + len(quote)]]},
                "speaker": {
                    "text": f"Sprecher {HOSTILE_SPEAKER}",
                    "spans": [[speaker_at - 9, speaker_at + len(HOSTILE_SPEAKER)]],
                },
                "speaker_name": HOSTILE_SPEAKER,
                "speaker_role": "Sprecher<script>window.__xss=1</script>",
                "cue": {"text": "sagte", "spans": [[text.index("sagte"), text.index("sagte") + 5]]},
                "type": "direct",
            }
        ],
        "dates": [
            {
                "text": "Donnerstag",
                "start": lead.index("Donnerstag"),
                "end": lead.index("Donnerstag") + 10,
                "value": '2024-03-07"><script>window.__xss=1</script>',
                "relative": True,
            }
        ],
    }
    return Article(
        id="xss-analysis",
        source="javascript:window.__xss=1",
        url="data:text/html,<script>window.__xss=1</script>",
        outlet="<script>window.__xss=1</script>Agentur",
        title="Konzern <script>window.__xss=1</script> weist Vorwürfe zurück",
        paragraphs=(Paragraph(text=lead, kind="lead"), Paragraph(text=body)),
        published=PublicationDate(value="2024-03-07", method="source", reliable=True),
        language="de",
        boilerplate=(Removed(text="<script>window.__xss=1</script> Jetzt abonnieren", reason="paywall"),),
        analysis=analysis,
    )


def build_db(location: str, tmp: Path) -> None:
    """The sample corpus and the hostile corpus, analyzed and grouped into stories."""
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(xss_jsonl(), encoding="utf-8")
    store = open_store(location)
    try:
        report = ingest([str(SAMPLE), str(hostile)], store, analyze=True)
        assert not report.errors, report.errors
        store.add_articles([hostile_article()])
        update_stories(store)
    finally:
        store.close()


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The web test store, on each backend in turn (a SQLite file, a PostgreSQL database)."""
    tmp = tmp_path_factory.mktemp("web")
    location = new_location(request, request.param, tmp, "web")
    build_db(location, tmp)
    return location


#: Where test clients send their requests: a name on the server's Host allow-list.
BASE_URL = "http://localhost"


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, api_token=TOKEN), base_url=BASE_URL) as test_client:
        yield test_client


def logged_in(client: TestClient) -> tuple[TestClient, str]:
    """A second client on the same app that opened the login URL; and the ingest form's CSRF token."""
    browser = TestClient(client.app, base_url=BASE_URL)
    assert browser.get(f"/?token={TOKEN}").status_code == 200  # 303 to / with the session cookie
    csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/ingest").text)
    assert csrf is not None
    return browser, csrf[1]


def kim_story(client: TestClient) -> dict[str, Any]:
    stories = client.get("/api/stories").json()["stories"]
    return next(s for s in stories if s["size"] == KIM_STORY_SIZE)


class _Tags(HTMLParser):
    """Every element and attribute of a page, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_safe(html: str) -> None:
    """No raw payload, no element or attribute the page did not intend, no script URL."""
    for raw in RAW_PAYLOADS:
        assert raw not in html, raw
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in {"img", "iframe", "object", "embed"}, tag
        if tag == "script":
            assert attrs == [("src", "/static/app.js"), ("defer", None)], attrs
        if tag == "svg":
            assert dict(attrs).get("class") in {"spark", "timeline-chart"}, attrs
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "action"} and value:
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), value


# -- headers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/api/stories", "/search?q=x", "/static/style.css", "/nope"])
def test_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_pages_load_nothing_external_and_no_inline_script(client: TestClient) -> None:
    story = kim_story(client)
    for url in (
        "/",
        f"/story/{story['id']}",
        "/search?q=Putin",
        "/ingest",
        "/docs",
        "/entity?name=Wladimir+Putin",
    ):
        html = client.get(url).text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.replace('class="ext" href', "")), url
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>'], url
        assert "style=" not in html, url


# -- pages -----------------------------------------------------------------------------------------
def test_front_page_ranks_by_origins(client: TestClient) -> None:
    html = client.get("/").text
    labels = re.findall(r'<h2><a href="/story/([^"]+)">', html)
    stories = client.get("/api/stories").json()["stories"]
    assert labels[: len(stories)] == [s["id"] for s in stories][: len(labels)]
    assert labels[0] == kim_story(client)["id"]
    assert "4 Ursprünge" in html and "DW, Tageblatt, dpa-AFX" in html
    assert 'class="spark" data-series="[[&#34;2023-09-05&#34;, 2]' in html


def test_story_page(client: TestClient) -> None:
    story = kim_story(client)
    html = client.get(f"/story/{story['id']}").text
    assert "<h1>Ukraine-Krieg / USA: Kim will mit Putin" in html
    assert html.count('class="cite"') > 10
    assert 'class="timeline-chart" data-events=' in html and "2019-04-25" in html
    assert "Wer sagte was" in html and "Peskow" in html
    assert html.count('<span class="tag">Ursprung</span>') == 4
    # issue 13: indirect speech as paraphrase with its lead, contradictions in plain German
    assert 'class="reported paraphrase"' in html
    assert "Behauptet und zurückgewiesen" in html or "Entwicklung" in html
    assert "Score" not in html and "claim-vs-rejection" not in html and "['" not in html
    digest = client.get(f"/api/stories/{story['id']}").json()
    assert digest["coverage"]["origins"] == 4 and digest["summary"] and digest["timeline"]


def test_article_page_highlights_analysis(client: TestClient) -> None:
    story = kim_story(client)
    first = client.get(f"/api/stories/{story['id']}").json()["sources"][0]["article"]
    html = client.get(f"/article/{first}").text
    assert (
        '<a class="ent ent-per" href="/entity?name=Wladimir%20Putin" title="PER">Wladimir Putin</a>' in html
    )
    assert '<span class="quote" title="Zitat: Adrienne Watson">' in html
    assert '<span class="date" title="2023-09-04">Montag</span>' in html
    removed = html[html.index('<details class="boilerplate">'):]
    # what the cleaner removed, with its reason in words, not the code ("repeated-headline")
    assert '<td class="muted">Wiederholte Überschrift</td>' in removed and "repeated-headline" not in removed
    assert f'href="/story/{story["id"]}"' in html


def test_article_404_and_story_404(client: TestClient) -> None:
    assert client.get("/article/doesnotexist").status_code == 404
    response = client.get("/story/<script>x</script>")
    assert response.status_code == 404 and "<script>x" not in response.text
    assert client.get("/api/articles/nope").json() == {"detail": "no article 'nope'"}


def test_entity_page(client: TestClient) -> None:
    html = client.get("/entity", params={"name": "Wladimir Putin"}).text
    assert "<h1>Wladimir Putin" in html and "Themen" in html and "Gemeinsam genannt" in html
    assert "Kim Jong" in html
    peskow = client.get("/entity", params={"name": "Dmitri Peskow"}).text
    assert "Ich bestätige das" in peskow
    assert client.get("/entity", params={"name": "Niemand Sonst"}).status_code == 404


def test_entity_pages_use_canonical_entities(client: TestClient) -> None:
    """ "Putin", "Putins" and "Wladimir Putin" are one entity page; it never lists itself as
    co-mentioned; "Kim Jong Un" is whole and "Nordkorea"/"Nordkoreas" one place (issue 14)."""
    listed = client.get("/api/entities", params={"limit": 5000}).json()["entities"]
    names = {(e["name"], e["label"]) for e in listed}
    assert ("Wladimir Putin", "PER") in names and ("Kim Jong Un", "PER") in names
    assert ("Nordkorea", "LOC") in names
    assert not {n for n, _ in names} & {"Putin", "Putins", "Kremlchef Putin", "Kim Jong", "Un", "Nordkoreas"}
    putin = client.get("/api/entities/Wladimir Putin").json()
    naming = [t for t in map(Path.read_text, sorted((SAMPLE / "seeds").glob("*.txt"))) if "Putin" in t]
    assert len(putin["articles"]) == len(naming)  # every sample article with any form of his name
    co = {c["name"] for c in putin["co"]}
    assert "Kim Jong Un" in co and not co & {"Wladimir Putin", "Putin", "Putins"}
    first = client.get("/api/stories").json()["stories"][0]
    article = client.get(f"/api/stories/{first['id']}").json()["sources"][0]["article"]
    html = client.get(f"/article/{article}").text
    assert 'href="/entity?name=Putin"' not in html and 'href="/entity?name=Putins"' not in html


def test_docs_page_is_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/api/search" in html and "/api/ingest" in html and 'href="/openapi.json"' in html
    assert "cdn" not in html.lower()
    spec = client.get("/openapi.json").json()
    assert {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/quotes",
        "/api/entities",
        "/api/search",
        "/api/ingest",
    } <= set(spec["paths"])


# -- search ----------------------------------------------------------------------------------------
def test_search_lemmas_diacritics_and_marks(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Waffenlieferung"}).json()
    assert hits["total"] >= 3
    assert any("<mark>Waffenlieferungen</mark>" in h["snippet_html"] for h in hits["hits"])
    turkey = client.get("/api/search", params={"q": "turkei"}).json()
    assert any("Türkei" in h["title"] for h in turkey["hits"])
    said = client.get("/api/search", params={"q": "sagen Peskow"}).json()  # lemma of "sagte"
    assert said["total"] >= 1


def test_search_filters(client: TestClient) -> None:
    q = {"q": "Putin"}
    everything = client.get("/api/search", params=q).json()["total"]
    dw = client.get("/api/search", params={**q, "outlet": "DW"}).json()
    assert 0 < dw["total"] < everything and {h["outlet"] for h in dw["hits"]} == {"DW"}
    late = client.get("/api/search", params={**q, "from": "2023-09-10"}).json()
    assert late["hits"] and all(h["published"] >= "2023-09-10" for h in late["hits"])
    early = client.get("/api/search", params={"q": "Erdbeben", "to": "2006-12-31"}).json()
    assert early["hits"] and all(h["published"] <= "2006-12-31" for h in early["hits"])
    assert client.get("/api/search", params={**q, "language": "en"}).json()["total"] == 0
    peskow = client.get("/api/search", params={"q": "bestätige", "speaker": "Peskow"}).json()
    assert peskow["hits"] and all("Peskow" in (h["speaker"] or "") for h in peskow["hits"])


def test_search_page_and_hostile_queries(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Erdbeben", "outlet": "Wikinews"}).text
    assert "<mark>Erdbeben</mark>" in html and 'id="result-count"' in html
    for query in ('"unbalanced', "NEAR(a b)", "a OR", "*", "<script>alert(1)</script>", "title:x", "-"):
        response = client.get("/search", params={"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.text
    assert client.get("/api/search", params={"q": '") OR 1=1 --'}).status_code == 200


def test_quotes_and_entities_api(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Peskow"}).json()["quotes"]
    assert quotes and all("Peskow" in q["speaker"] for q in quotes)
    entities = client.get("/api/entities", params={"label": "PER"}).json()["entities"]
    assert entities[0]["articles"] >= entities[-1]["articles"]
    assert any(e["name"] == "Wladimir Putin" for e in entities)
    articles = client.get("/api/articles", params={"limit": 5}).json()
    assert len(articles["articles"]) == 5 and articles["total"] >= 33


# -- hostile content -------------------------------------------------------------------------------
def hostile_pages(client: TestClient) -> list[str]:
    stories = client.get("/api/stories").json()["stories"]
    hostile = client.get("/api/search", params={"q": "Rathaus"}).json()["hits"]
    ids = {h["article"] for h in hostile} | {"xss-analysis"}
    pages = ["/", "/search?q=Meier", "/search?q=Rathaus", "/search?q=script", "/search?q=Konzern"]
    pages += [f"/story/{s['id']}" for s in stories]
    pages += [f"/article/{i}" for i in sorted(ids)]
    pages += [
        "/entity?name=" + n
        for n in (
            "Anna%20Schmidt",
            "Meier",
            "%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E%20Meier",
            "%3Csvg%20onload%3Dwindow.__xss%3D1%3EKonzern",
        )
    ]
    return pages


def test_hostile_content_is_escaped_everywhere(client: TestClient) -> None:
    seen_as_text = 0
    for url in hostile_pages(client):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_safe(response.text)
        seen_as_text += (
            "&lt;script&gt;window.__xss" in response.text or "&lt;img src=x onerror" in response.text
        )
    assert seen_as_text >= 5


def test_hostile_article_renders_payload_as_text(client: TestClient) -> None:
    html = client.get("/article/xss-analysis").text
    assert_safe(html)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt; Alles erfunden" in html
    assert 'href="/entity?name=%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E%20Meier"' in html
    assert 'title="2024-03-07&#34;&gt;&lt;script&gt;' in html  # attribute values escaped too
    assert "Quelle öffnen" not in html  # data: URL is not linked
    xss1 = client.get("/article/xss-1").text
    assert "Quelle öffnen" not in xss1 and "javascript:window.__xss=1" in xss1  # shown, not linked
    xss2 = client.get("/article/xss-2").text
    assert 'href="https://example.org/&#34;&gt;&lt;script&gt;' in xss2  # http(s): linked, escaped


def test_hostile_speaker_in_story_and_api(client: TestClient) -> None:
    story = client.get("/api/articles/xss-analysis").json()["story"]
    html = client.get(f"/story/{story}").text
    assert_safe(html)
    assert "&lt;img src=x onerror=window.__xss=1&gt; Meier" in html
    quotes = client.get("/api/quotes", params={"speaker": "Meier"}).json()["quotes"]
    assert any(q["speaker"] == HOSTILE_SPEAKER for q in quotes)  # JSON keeps the data as is
    hits = client.get("/api/search", params={"q": "erfunden"}).json()["hits"]
    assert hits and all("<script>" not in h["snippet_html"] for h in hits)


# -- writes ----------------------------------------------------------------------------------------
def test_ingest_needs_token(client: TestClient) -> None:
    assert client.post("/api/ingest", json={"urls": []}).status_code == 401
    wrong = client.post("/api/ingest", json={"urls": []}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    form = client.post("/ingest", data={"urls": "", "token": TOKEN})  # a token in the body is not read
    assert form.status_code == 401 and "verweigert" in form.text


def test_no_token_means_no_writes_from_anywhere(db: str) -> None:
    app = create_app(db, api_token=None)
    for address in ("127.0.0.1", "192.0.2.7"):
        with TestClient(app, base_url=BASE_URL, client=(address, 5000)) as local:
            refused = local.post("/api/ingest", json={"urls": []})
            assert refused.status_code == 403 and "no access token" in refused.json()["detail"]
            assert "nimmt keine Artikel an" in local.get("/ingest").text


def test_ingest_refuses_private_and_non_http_urls(client: TestClient) -> None:
    urls = [
        "http://127.0.0.1:9/feed",
        "http://169.254.169.254/latest/meta-data",
        "file:///etc/passwd",
        "/etc/passwd",
        "javascript:alert(1)",
    ]
    result = client.post(
        "/api/ingest", json={"urls": urls}, headers={"Authorization": f"Bearer {TOKEN}"}
    ).json()
    assert result["added"] == 0 and result["failed"] == len(urls)
    problems = {s["source"]: s["errors"][0] for s in result["sources"]}
    assert "non-public address" in problems["http://127.0.0.1:9/feed"]
    assert "non-public address" in problems["http://169.254.169.254/latest/meta-data"]
    assert problems["/etc/passwd"] == "not an http(s) URL"


def test_ingest_upload_too_large(client: TestClient) -> None:
    big = b"x" * (10 * 1024 * 1024 + 1)
    response = client.post(
        "/api/ingest",
        files=[("files", ("big.txt", big, "text/plain"))],
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    result = response.json()
    assert response.status_code == 200 and result["added"] == 0
    assert "zu groß" in result["sources"][0]["errors"][0] and result["sources"][0]["source"] == "big.txt"


def test_ingest_upload_updates_pages_search_and_cache(client: TestClient) -> None:
    before = client.get("/").text
    assert "Seilbahn" not in before
    line = {
        "id": "upload-1",
        "url": "https://example.org/seilbahn",
        "outlet": "Testblatt",
        "published": "2024-05-02",
        "title": "Neue Seilbahn über den Rhein eröffnet",
        "text": "Köln (dpa) - Die neue Seilbahn über den Rhein ist am Donnerstag eröffnet worden. "
        "„Das ist ein großer Tag für die Stadt“, sagte Oberbürgermeisterin Henriette Reker "
        "am Donnerstag in Köln. "
        "Die Bahn soll täglich bis zu 10.000 Fahrgäste befördern und den Verkehr entlasten.",
    }
    data = (json.dumps(line, ensure_ascii=False) + "\n" + "{broken json\n").encode()
    browser, csrf = logged_in(client)
    response = browser.post(
        "/ingest", data={"csrf": csrf}, files=[("files", ("neu.jsonl", data, "application/json"))]
    )
    assert response.status_code == 200
    assert "1 neuer Artikel" in response.text and "Fehler:" in response.text
    assert "neu.jsonl" in response.text and "pressespiegel-upload" not in response.text
    after = client.get("/").text
    assert "Neue Seilbahn über den Rhein eröffnet" in after
    hits = client.get("/api/search", params={"q": "Seilbahnen"}).json()["hits"]
    assert any(h["article"] == "upload-1" for h in hits)
    assert "Henriette Reker" in client.get("/entity", params={"name": "Henriette Reker"}).text


# -- units -----------------------------------------------------------------------------------------
def test_safe_url() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "//evil.org",
        "http://",
        None,
        "java\nscript:alert(1)",
        "vbscript:x",
        "/relative",
    ):
        assert safe_url(bad) is None, bad


def test_approx_day() -> None:
    assert approx_day("2023-W35") == "2023-08-28"
    assert approx_day("2023-07") == "2023-07-01" and approx_day("2022") == "2022-01-01"
    assert approx_day("2023-09-04T10:00") == "2023-09-04" and approx_day("bald") is None


def test_highlight_escapes_before_marking() -> None:
    html = str(highlight("<b>Erdbeben</b> & mehr", Query.parse("erdbeben")))
    assert html == "&lt;b&gt;<mark>Erdbeben</mark>&lt;/b&gt; &amp; mehr"


def test_annotate_overlapping_spans_and_bad_offsets() -> None:
    text = "„Wir <b>bleiben</b>“, sagte Olaf Scholz."
    q, cue, name = text.index("“") + 1, text.index("sagte"), text.index("Olaf")
    article = Article(
        id="a",
        source="s",
        paragraphs=(Paragraph(text=text),),
        analysis={
            "quotes": [
                {
                    "quote": {"text": text[:q], "spans": [[0, q]]},
                    "speaker_name": "Olaf Scholz",
                    "speaker": {"spans": [[name, name + 11]]},
                    "cue": {"spans": [[cue, cue + 5]]},
                }
            ],
            "entities": [
                {"text": "Olaf Scholz", "label": "PER", "start": name, "end": name + 11},
                {"text": "x", "label": "PER", "start": 30, "end": 999},
                {"text": "y", "label": "PER", "start": "1", "end": 2},
            ],
        },
    )
    (html,) = annotate(article)
    assert '<span class="quote" title="Zitat: Olaf Scholz">„Wir &lt;b&gt;bleiben&lt;/b&gt;“</span>' in html
    assert (
        'href="/entity?name=Olaf%20Scholz" title="PER">'
        '<span class="speaker" title="Sprecher">Olaf Scholz</span></a>' in html
    )
    assert "999" not in html


def test_ingest_url_with_allow_private(db: str, http_server: tuple[str, dict[str, Any]]) -> None:
    from conftest import seed_html

    base, routes = http_server
    routes["/artikel.html"] = (200, "text/html; charset=utf-8", seed_html(2, title="Seite im Netz").encode())
    routes["/weiter"] = (302, "text/html", b"/artikel.html")
    with TestClient(create_app(db, api_token=TOKEN, allow_private=True), base_url=BASE_URL) as local:
        result = local.post(
            "/api/ingest",
            json={"urls": [base + "/weiter", base + "/fehlt"]},
            headers={"Authorization": f"Bearer {TOKEN}"},
        ).json()
    by_source = {s["source"]: s for s in result["sources"]}
    assert len(by_source[base + "/weiter"]["articles"]) == 1
    assert "HTTP 404" in by_source[base + "/fehlt"]["errors"][0]


def test_ingest_page_in_english_says_one_new_article(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSESPIEGEL_LANG", "en")
    with TestClient(create_app(db, api_token=TOKEN), base_url=BASE_URL) as english:
        page = english.get("/ingest").text
        assert "Access token" in page and "Log in" in page and "Zugangs-Token" not in page
        browser, csrf = logged_in(english)
        text = "Der Landtag hat am Dienstag über den Haushalt beraten. " * 8
        result = browser.post("/ingest", data={"urls": "", "csrf": csrf},
                              files={"files": ("landtag-en.txt", text.encode(), "text/plain")})  # fmt: skip
        assert result.status_code == 200, result.text[:300]
        assert "1 new article," in result.text and "0 errors" in result.text
        assert "neue Artikel" not in result.text
