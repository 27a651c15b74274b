"""Each text goes through the stages of its language and none other (German, English, the rest)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import cli, seed_text
from pressespiegel.analyze import analyze_article, analyze_text, resolve_language, stages_for
from pressespiegel.analyze.dates_en import find_dates_en
from pressespiegel.analyze.quotes_en import find_quotes_en
from pressespiegel.clean import make_article
from pressespiegel.records import RawDocument

FUNDUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pages" / "fundus" / "gold.jsonl"
REAL = Path(__file__).resolve().parents[2] / "bench" / "data" / "stories_real.jsonl"
ROWS = {row["id"]: row for row in map(json.loads, REAL.read_text(encoding="utf-8").splitlines())}


def fundus_body(prefix: str) -> str:
    if not FUNDUS.exists():
        pytest.skip("shared fundus pages not available")
    for line in FUNDUS.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        if page["file"].startswith(prefix):
            return str(page["body"])
    raise AssertionError(prefix)


def test_a_french_article_gets_no_german_entities_quotes_or_dates() -> None:
    # Le Figaro: «...», a affirmé le ministre russe de la Défense ... vendredi ...
    body = fundus_body("fr_LeFigaro_2024_11_22")
    article = analyze_article(make_article(RawDocument(source="figaro", text=body, published="2024-11-22")))
    assert article.language == "fr"
    assert article.analysis is not None
    assert article.analysis["sentences"]  # sentences exist for every language
    assert article.analysis["entities"] == []  # the German NER model never runs on French
    assert article.analysis["quotes"] == [] and article.analysis["dates"] == []
    assert isinstance(article.analysis["embedding"], str)  # grouping evidence for every language
    # the library detects the language when none is given
    assert analyze_text(body).entities == []


def test_german_text_still_gets_every_stage() -> None:
    analysis = analyze_text(seed_text(0))
    assert stages_for("de") == {"entities", "quotes", "dates"}
    assert analysis.entities and analysis.quotes and analysis.dates


def test_language_is_taken_as_given_else_detected() -> None:
    assert resolve_language("anything", "en-GB") == "en"
    assert resolve_language("anything", "DE") == "de"
    text = ROWS["rc016"]["text"]  # AP, English
    assert resolve_language(text, None) == "en" and resolve_language(text, "und") == "en"
    assert stages_for("en") == {"quotes", "dates"} and stages_for("fr") == frozenset()


def test_english_direct_quotes_with_speakers_on_real_reports() -> None:
    yahoo = ROWS["rc019"]["text"]  # Ukrainska Pravda via Yahoo on Putin and Kim
    found = {q.quote.text[:30]: q for q in find_quotes_en(yahoo)}
    after = found["We will talk about all the iss"]  # "...," Putin answered.
    assert after.speaker is not None and after.speaker.text == "Putin" and after.cue is not None
    assert after.cue.text == "answered" and after.type == "direct"
    before = found["That's why we are at the Vosto"]  # Putin said, "..."
    assert before.speaker is not None and before.speaker_name == "Putin"
    start, end = before.quote.spans[0]
    assert yahoo[start:end] == before.quote.text
    magdeburg = ""
    for row in ROWS.values():  # '"As things stand, he is a lone perpetrator, ...," said Haseloff.'
        if "lone perpetrator, so that" in row["text"] and row["language"] == "en":
            magdeburg = row["text"]
    (haseloff,) = [q for q in find_quotes_en(magdeburg) if q.quote.text.startswith("As things stand")]
    assert haseloff.speaker_name == "Haseloff"


def test_english_quote_roles_pronouns_and_non_quotes() -> None:
    text = (
        'Jane Doe spoke first. "We will not stop until we win," she said. '
        '"It is a last resort for us," said John Smith, a spokesman for the union, on Monday. '
        'The union called it a "last resort" in a statement.'
    )
    quotes = find_quotes_en(text)
    assert [(q.speaker_name, q.speaker_role) for q in quotes] == [
        ("Jane Doe", None),
        ("John Smith", "a spokesman for the union"),
    ]


def test_english_dates_on_a_real_wire_report() -> None:
    afp = ROWS[next(i for i, r in ROWS.items() if "eaglenews" in r["url"])]["text"]
    found = {d.text: d.value for d in find_dates_en(afp, date(2024, 1, 22))}
    assert found["Jan 22, 2024"] == "2024-01-22"
    assert found["Wednesday"] == "2024-01-24"  # "is due to start ... on Wednesday": ahead
    assert found["Monday"] == "2024-01-29"
    text = "Kim arrived yesterday, two years ago it was April 2019; the vote is next week, not last month."
    values = {d.text: d.value for d in find_dates_en(text, date(2023, 9, 14))}
    assert values == {
        "yesterday": "2023-09-13",
        "two years ago": "2021",
        "April 2019": "2019-04",
        "next week": "2023-W38",
        "last month": "2023-08",
    }
    assert [d.value for d in find_dates_en("It happened on Friday.")] == [None]


def test_cli_analyze_honours_the_language_field_and_detects_otherwise(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": "fr", "text": fundus_body("fr_LeFigaro_2024_11_22"), "published": "2024-11-22"},
        {"id": "en", "text": ROWS["rc019"]["text"], "published": "2023-09-13"},
        {"id": "forced", "text": seed_text(0), "language": "en"},
    ]
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cli("analyze", "-i", str(source), "-o", str(out))
    got = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert got["fr"]["language"] == "fr" and got["fr"]["entities"] == [] and got["fr"]["quotes"] == []
    assert got["en"]["language"] == "en" and got["en"]["quotes"] and got["en"]["entities"] == []
    assert got["forced"]["language"] == "en" and got["forced"]["entities"] == []  # as given, not detected
