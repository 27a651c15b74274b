"""The press review on the seeds: timeline, summary, who said what, exports in every format."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS, cli

#: Valid HTML date strings a <time datetime> may carry: a year, month, day or ISO week.
DATETIME = r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("review") / "s.db")
    cli("ingest", "--db", db, str(SEEDS))
    return db


@pytest.fixture(scope="module")
def kim_story(seeds_db: str, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("out") / "review.json"
    cli("review", "--db", seeds_db, "--format", "json", "--out", str(out))
    review = json.loads(out.read_text())
    return next(s for s in review["stories"] if s["coverage"]["articles"] == 4)


def test_timeline_dates_events_and_cites_them(kim_story: dict) -> None:  # type: ignore[type-arg]
    entries = {e["date"]: e for e in kim_story["timeline"]}
    first_meeting = entries["2019-04-25"]  # exact date from a DW caption, merged with "April 2019"/"2019"
    assert "Wladiwostok" in first_meeting["text"] and first_meeting["origins"] >= 2
    arrival = [e for e in kim_story["timeline"] if e["date"] == "2023-09-12"]
    assert any("Ich bestätige das" in e["text"] for e in arrival)
    assert all(e["citations"] and e["citations"][0]["article"] for e in kim_story["timeline"])
    dates = [e["date"] for e in kim_story["timeline"] if "-W" not in e["date"]]
    assert dates == sorted(dates)


def test_summary_cites_at_least_three_outlets(kim_story: dict) -> None:  # type: ignore[type-arg]
    summary = kim_story["summary"]
    assert 5 <= len(summary) <= 8
    assert len({s["outlet"] for s in summary}) >= 3
    texts = [s["text"] for s in summary]
    assert len(set(texts)) == len(texts)


def test_quotes_grouped_by_speaker_with_roles(kim_story: dict) -> None:  # type: ignore[type-arg]
    speakers = {g["speaker"]: g for g in kim_story["quotes"]}
    for name in ("Dmitri Peskow", "Matthew Miller", "Adrienne Watson", "Olaf Scholz"):
        assert name in speakers, sorted(speakers)
    # the role the articles give him: "Kremlsprecher" (Tageblatt, dpa-AFX 12.09.), "Putins Sprecher
    # Dmitri Peskow" (dpa-AFX 11.09.); never a role of someone else
    assert speakers["Dmitri Peskow"]["role"] in {"Kremlsprecher", "Kreml-Sprecher", "Putins Sprecher"}
    assert any("Ich bestätige das" in s["text"] for s in speakers["Dmitri Peskow"]["statements"])
    assert "Angaben" not in speakers  # "nach Angaben" is a source, not a speaker


def test_json_review_has_the_lists_per_story(kim_story: dict) -> None:  # type: ignore[type-arg]
    for key in ("timeline", "summary", "quotes", "contradictions"):
        assert isinstance(kim_story[key], list)
    assert kim_story["coverage"]["outlets"] == ["DW", "Tageblatt", "dpa-AFX"]


def test_html_is_self_contained_and_escaped(seeds_db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    cli("review", "--db", seeds_db, "--format", "html", "--out", str(out))
    html = out.read_text()
    assert "<style>" in html and "Chronologie" in html
    for external in ('src="http', 'href="http://', "<link ", "<script"):
        assert external not in html


def test_markdown_review(seeds_db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    cli("review", "--db", seeds_db, "--format", "md", "--out", str(out))
    text = out.read_text()
    assert text.startswith("# Pressespiegel") and "### Chronologie" in text and "**25.04.2019**" in text
    assert "2019-04-25" not in text  # dates as a German reader writes them
    # issue 13: paraphrases with their lead, not in quotation marks; plain contradiction labels
    assert "### Widersprüche" in text and "claim-vs-rejection" not in text and "Score" not in text
    assert "Behauptet und zurückgewiesen" in text or "Entwicklung" in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="PDF needs Debian's chromium (make install)")
def test_pdf_review(seeds_db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    cli("review", "--db", seeds_db, "--format", "pdf", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 10_000


def test_unknown_story_is_a_clear_error(seeds_db: str, tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pressespiegel", "review", "--db", seeds_db, "--story", "nope", "--out",
         str(tmp_path / "x.html")], capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1 and "no stories to review" in run.stderr and "Traceback" not in run.stderr


def test_contradictions_in_the_seed_story(kim_story: dict) -> None:  # type: ignore[type-arg]
    found = kim_story["contradictions"]
    pairs = [(c["a"], c["b"]) for c in found]
    sides = [{a["speaker"], b["speaker"]} for a, b in pairs]
    kinds = [c["kind"] for c in found]
    # the Kremlin / Peskow not confirming what US officials and the New York Times reported
    kremlin, reporters = {"Kreml", "Dmitri Peskow"}, {"USA", "New York Times", "Adrienne Watson"}
    assert any(
        s & kremlin and s & reporters and k != "development" for s, k in zip(sides, kinds, strict=True)
    )
    # Romania's foreign minister rejecting Kuleba's account of Russian drones on Romanian soil
    assert any(
        {"Luminita Odobescu", "Dmytro Kuleba"} <= s
        or ("Kuleba" in a["text"] + b["text"] and "Odobescu" in str(s))
        for s, (a, b) in zip(sides, pairs, strict=True)
    )
    # the Kremlin not confirming, then confirming Kim's visit: a development, not a contradiction
    developments = [c for c in found if c["kind"] == "development"]
    assert any(c["a"]["speaker"] in kremlin and c["label"] == "Entwicklung" for c in developments)
    assert all(c["a"]["published"] <= c["b"]["published"] for c in developments)
    assert any("zunächst" in c["summary"] and "bestätigt" in c["summary"] for c in developments)
    # Putin: the counteroffensive failed / the Ukrainian side: gains of 50 to 200 metres a day, or
    # its spokesman Schtupun: more than 255 square kilometres freed
    texts = [a["text"] + " " + b["text"] for a, b in pairs]
    assert any(
        k == "opposite-assessment" and "Wladimir Putin" in s and ("200 Me" in t or "Olexander Schtupun" in s)
        for k, s, t in zip(kinds, sides, texts, strict=True)
    )
    assert all(c["a"]["article"] and c["b"]["article"] for c in found)
    # plain German for readers: a label, no scores or term lists
    assert all(c["label"] and "topic" not in c for c in found)


def test_header_says_how_many_of_how_many(seeds_db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    cli("review", "--db", seeds_db, "--format", "md", "--out", str(out), "--top", "1")
    total = len(json.loads(cli("stories", "list", "--db", seeds_db, "--format", "json").stdout))
    header = out.read_text().splitlines()[2]
    assert header.startswith(f"1 von {total} Themen aus 4 Artikeln von 3 Medien"), header
    html = tmp_path / "r.html"  # the HTML (and the PDF printed from it) has its own template
    cli("review", "--db", seeds_db, "--format", "html", "--out", str(html), "--top", "1")
    assert f"1 von {total} Themen aus 4 Artikeln" in " ".join(html.read_text().split())
    cli("review", "--db", seeds_db, "--format", "md", "--out", str(out), "--top", "0")
    assert out.read_text().splitlines()[2].startswith(f"{total} Themen aus"), out.read_text()[:300]


def test_no_doubled_marks_raw_weeks_or_none(seeds_db: str, tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        out = tmp_path / f"r.{fmt}"
        cli("review", "--db", seeds_db, "--format", fmt, "--out", str(out), "--top", "0")
        text = out.read_text()
        if fmt == "html":  # machine-readable dates stay in <time datetime>, valid HTML date strings
            stamps = re.findall(r'datetime="([^"]*)"', text)
            assert "2023-W35" in stamps and all(re.fullmatch(DATETIME, v) for v in stamps), stamps
            text = re.sub(r' datetime="[^"]*"', "", text)
        for raw in ("„„", "““", "„\"", "\"“", "None", "2023-W35", "denial-vs-confirmation", "1 Ursprünge"):
            assert raw not in text, (fmt, raw)
        assert "KW 35/2023" in text and "„Ich bestätige das“" in text


def test_timeline_keeps_each_sentence_once_and_marks_background(kim_story: dict) -> None:  # type: ignore[type-arg]
    texts = [e["text"] for e in kim_story["timeline"]]
    assert len(texts) == len(set(texts))
    background = {e["date"] for e in kim_story["timeline"] if e["background"]}
    assert {"2019-04-25", "2022"} <= background and "2023-09-12" not in background
    first = kim_story["timeline"][0]  # 25 April 2019: dated by a DW caption, worded by the articles
    assert first["date"] == "2019-04-25" and not first["caption"] and "(l.)" not in first["text"]


def test_summary_has_no_dateline_no_near_duplicate_and_quotes_in_context(kim_story: dict) -> None:  # type: ignore[type-arg]
    texts = [s["text"] for s in kim_story["summary"]]
    assert not any(t.startswith(("KIEW", "WLADIWOSTOK")) or "(dpa-AFX) -" in t for t in texts), texts
    leads = [t for t in texts if t.startswith("Nordkoreas Machthaber") and "Waffenlieferungen" in t]

    assert len(leads) <= 1, leads  # the two leads of 5 September say the same
    for t in texts:
        if "Ich bestätige das" in t:
            assert "eingetroffen" in t  # what Peskow confirms comes with it


def test_english_review(seeds_db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    cli("review", "--db", seeds_db, "--format", "md", "--out", str(out), "--top", "1", "--lang", "en")
    text = out.read_text()
    assert "### Chronology" in text and "week 35/2023" in text and "1 of " in text
    assert "independent origins" in text
    assert "Zusammenfassung" not in text and "Themen" not in text


@pytest.mark.skipif(shutil.which("pdfinfo") is None or shutil.which("chromium") is None,
                    reason="needs Debian's chromium and poppler-utils (make install)")  # fmt: skip
def test_pdf_is_a4_with_the_table_of_contents(seeds_db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    listed = json.loads(cli("stories", "list", "--db", seeds_db, "--format", "json").stdout)
    assert len(listed) >= 2, listed  # a contents list needs two stories
    cli("review", "--db", seeds_db, "--format", "pdf", "--out", str(out), "--top", "0")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size, info  # A4 is 595.28 x 841.89 pt; Chromium prints whole CSS pixels: 594.96 x 841.92
    assert abs(float(size[1]) - 595.28) < 1 and abs(float(size[2]) - 841.89) < 1, info
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    assert "Inhalt" in first and f"{len(listed)} Themen aus" in first, first
    contents = " ".join(first.split()[: first.split().index("Inhalt") + 60])  # the contents list, page 1
    assert all(s["label"][:30] in contents for s in listed), first
    pages = int(next(x.split()[-1] for x in info.splitlines() if x.startswith("Pages:")))
    shot = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "2", str(out), str(shot)], check=True)
    assert pages >= 2
    target = Path(__file__).parents[1] / "web" / "screenshots"
    target.mkdir(exist_ok=True)
    for png in sorted(tmp_path.glob("page*.png")):
        shutil.copy(png, target / f"review-pdf-{png.stem.split('-')[-1]}.png")
