"""Copies, stories and storylines on real articles: the seeds and reprints made from them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from conftest import SEEDS, cli, seed_text
from pressespiegel.clean import make_article
from pressespiegel.records import Article, RawDocument
from pressespiegel.stories import Grouper
from pressespiegel.stories.dedupe import CopyDetector

SAMPLE = SEEDS.parent


def seed_articles() -> list[Article]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        meta = json.loads((SEEDS / (path.name + ".meta.json")).read_text())
        out.append(make_article(RawDocument(source=path.name, text=path.read_text(encoding="utf-8"), **meta)))
    return out


def test_seeds_one_story_for_september_2023_and_a_storyline_to_july_2025(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    cli("ingest", "--no-analyze", "--db", db, str(SEEDS))
    stories = json.loads(cli("stories", "list", "--db", db, "--format", "json").stdout)
    exported = [json.loads(line) for line in cli("articles", "export", "--db", db).stdout.splitlines()]
    by_date = {a["id"]: a["published"] for a in exported}
    assert len(stories) == 2
    september = next(s for s in stories if len(s["articles"]) == 4)
    july = next(s for s in stories if len(s["articles"]) == 1)
    assert {by_date[a] for a in september["articles"]} == {"2023-09-05", "2023-09-11", "2023-09-12"}
    assert by_date[july["articles"][0]] == "2025-07-13"
    assert september["storyline"] == july["storyline"]
    assert september["origins"] == 4  # four independent texts, no copies among them
    assert september["first"].startswith("2023-09-05") and september["last"].startswith("2023-09-12")
    for key in ("id", "label", "storyline", "first", "last", "articles", "origins"):
        assert key in september
    lines = json.loads(cli("storylines", "list", "--db", db, "--format", "json").stdout)
    assert [line["stories"] for line in lines] == [2]


def reprint(article: Article, outlet: str) -> str:
    """What an outlet makes of a wire text: own headline and chrome, shorter lead, last paragraph cut."""
    paragraphs = [p.text for p in article.paragraphs]
    lead = paragraphs[0].split(" - ", 1)[-1]  # dateline dropped
    body = paragraphs[1:-1]
    return "\n\n".join(
        ["Zum Inhalt springen", f"{outlet} - Kreml bestätigt Besuch", "Kreml bestätigt Besuch", lead, *body,
         "Mehr zum Thema", "Weitere Meldungen aus Asien"]
    )  # fmt: skip


def test_agency_reprints_are_copies_of_one_origin() -> None:
    wire = next(a for a in seed_articles() if a.source.startswith("004"))
    copies = [make_article(RawDocument(source=f"r{i}", text=reprint(wire, o), outlet=o))
              for i, o in enumerate(["Nordkurier", "Rheinbote"])]  # fmt: skip
    detector = CopyDetector()
    t0 = datetime(2023, 9, 11, 9)
    assert detector.add(wire.id, wire.text, t0).copy_of is None
    for i, copy in enumerate(copies, start=1):
        match = detector.add(copy.id, copy.text, t0 + timedelta(hours=i))
        assert match.origin == wire.id and match.containment >= 0.5
    other = next(a for a in seed_articles() if a.source.startswith("000"))  # same topic, other text
    assert detector.add(other.id, other.text, t0 + timedelta(days=1)).copy_of is None


def test_copies_join_the_story_and_count_once() -> None:
    seeds = sorted(seed_articles(), key=lambda a: a.published.value if a.published else "")
    wire = next(a for a in seeds if a.source.startswith("004"))
    copy = make_article(RawDocument(source="r", text=reprint(wire, "Nordkurier"), outlet="Nordkurier"))
    stream = [(a, datetime.fromisoformat(a.published.value)) for a in seeds if a.published]
    stream.insert(3, (copy, datetime(2023, 9, 11, 12)))
    grouper = Grouper()
    members = {m.article: m for m in grouper.add(stream)}
    assert members[copy.id].copy_of == wire.id and members[copy.id].story == members[wire.id].story
    story = grouper.stories[members[wire.id].story]
    assert (story.size, story.origins) == (5, 4)


def test_online_in_two_runs_equals_rebuild(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    cli("ingest", "--no-analyze", "--db", db, str(SEEDS))
    cli("ingest", "--no-analyze", "--db", db, str(SAMPLE / "wikinews.jsonl"))
    online = json.loads(cli("stories", "list", "--db", db, "--format", "json").stdout)
    cli("stories", "rebuild", "--db", db)
    rebuilt = json.loads(cli("stories", "list", "--db", db, "--format", "json").stdout)
    assert online == rebuilt
    assert len(online) >= 20


def test_state_round_trip_continues_identically() -> None:
    articles = [(a, datetime.fromisoformat(a.published.value)) for a in seed_articles() if a.published]
    articles.sort(key=lambda pair: pair[1])
    whole = Grouper().add(articles)
    first = Grouper()
    part = first.add(articles[:2])
    resumed = Grouper.from_state(json.loads(json.dumps(first.to_state())))
    part += resumed.add(articles[2:])
    assert [(m.article, m.story, m.origin) for m in part] == [(m.article, m.story, m.origin) for m in whole]


def test_reprint_text_is_really_different_from_the_wire() -> None:
    wire = next(a for a in seed_articles() if a.source.startswith("004"))
    assert reprint(wire, "X") != wire.text and seed_text(4)
