"""The storage protocol on both backends (a SQLite file and a real PostgreSQL server): articles,
grouping steps and locks, the search index and its query syntax, entities and quotations."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SAMPLE, SEEDS
from pressespiegel.errors import StoreError
from pressespiegel.ingest import ingest
from pressespiegel.records import Article, Paragraph, PublicationDate
from pressespiegel.store import Filters, GroupingUpdate, Store, index_all, open_store
from pressespiegel.store.search import Query
from pressespiegel.stories import Membership


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    opened = open_store(store_location)
    yield opened
    opened.close()


def sample(store: Store) -> list[Article]:
    """The bundled sample (5 seed scrapes, 25 Wikinews articles), not analyzed."""
    report = ingest([str(SAMPLE)], store, analyze=False)
    assert not report.errors and report.added == 30
    return list(store.iter_articles())


def test_round_trip_lookup_and_order(store: Store) -> None:
    articles = sample(store)
    assert store.count_articles() == 30
    first = next(a for a in articles if a.source.endswith(".txt"))  # a hash id
    assert store.get_article(first.id) == first
    assert store.get_article(first.id[:8]) == first
    assert store.get_article(first.id[:3]) is None  # too short to be a safe prefix
    assert store.get_article("wikinews-") is None  # ambiguous prefix
    assert store.get_article("nonexistent") is None
    assert store.get_articles([a.id for a in articles[:4]] + ["missing"]) == {a.id: a for a in articles[:4]}
    dated = [a.published.value for a in articles if a.published]
    assert dated == sorted(dated)  # oldest publication first
    assert list(store.iter_articles(offset=7, limit=5)) == articles[7:12]
    assert list(store.iter_articles(offset=28)) == articles[28:]
    seed = next(a for a in articles if a.source.endswith(".txt"))
    assert store.sources_of(seed.id) == [seed.source]


def test_reingest_changes_nothing_and_a_new_source_is_remembered(store: Store, tmp_path: Path) -> None:
    before = sample(store)
    waiting = store.pending_grouping()
    version = store.content_version()
    again = ingest([str(SAMPLE)], store, analyze=False)
    assert (again.added, again.existing) == (0, 30)
    assert list(store.iter_articles()) == before
    assert store.pending_grouping() == waiting  # same ingest times: nothing rewritten
    assert store.content_version() == version  # nothing new: readers' caches stay valid
    copy = tmp_path / "kopie.txt"
    seed = sorted(SEEDS.glob("*.txt"))[0]
    copy.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "kopie.txt.meta.json").write_text((SEEDS / (seed.name + ".meta.json")).read_text())
    report = ingest([str(copy)], store, analyze=False)
    assert report.existing == 1 and store.count_articles() == 30
    assert str(copy) in store.sources_of(report.article_ids[0])
    assert len(store.sources_of(report.article_ids[0])) == 2


def test_overlapping_batches_from_concurrent_writers(store_location: str) -> None:
    """Four writers (own connections, real threads) store overlapping batches in different
    orders at once: every article once, each counted as added exactly once."""
    source = open_store(store_location)
    articles = sample(source)
    source.close()
    fresh = [replace(a, id=f"w{i:03d}-{a.id[:8]}") for i, a in enumerate(articles * 4)]  # 120 new ids
    results: list[int] = []
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        store = open_store(store_location)
        try:
            mine = fresh[k * 20 : k * 20 + 60]  # overlaps the next writer's by 40
            mine = mine if k % 2 else mine[::-1]
            for start in range(0, len(mine), 15):
                results.append(store.add_articles(mine[start : start + 15]).added)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    distinct = {a.id for k in range(4) for a in fresh[k * 20 : k * 20 + 60]}
    assert sum(results) == len(distinct)
    check = open_store(store_location)
    assert check.count_articles() == 30 + len(distinct)
    check.close()


def test_grouping_step_refused_when_another_process_grouped(store: Store) -> None:
    sample(store)
    pending = store.pending_grouping()
    membership = Membership(
        article=pending[0].id,
        story="s1",
        origin=pending[0].id,
        copy_of=None,
        score=1.0,
        seq=1,
        vector={"x": 1.0},
    )
    store.save_grouping(GroupingUpdate(memberships=[membership], state={"seq": 1}, base_seq=0))
    second = replace(membership, article=pending[1].id, origin=pending[1].id, seq=2)
    with pytest.raises(StoreError, match="regrouped by another process"):
        store.save_grouping(GroupingUpdate(memberships=[second], state={"seq": 2}, base_seq=0))
    assert store.story_of() == {pending[0].id: "s1"}  # the refused step wrote nothing
    assert store.grouping_state() == {"seq": 1}


def test_grouping_lock_serializes_connections(store_location: str) -> None:
    first, second = open_store(store_location), open_store(store_location)
    events: list[str] = []
    released = threading.Event()

    def other() -> None:
        with second.grouping_lock():
            events.append("second has it")

    with first.grouping_lock():
        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.5)
        events.append("first releases")
        released.set()
    thread.join(timeout=30)
    first.close()
    second.close()
    assert events == ["first releases", "second has it"]


# -- search ------------------------------------------------------------------------------------
def bylined(base: Article) -> Article:
    return replace(
        base,
        id="autorentext",
        authors=("Anna Schmidt", "Max Müller"),
        outlet="Testblatt",
        published=PublicationDate(value="2024-01-10", method="source", reliable=True),
    )


@pytest.fixture
def indexed(store: Store) -> Store:
    articles = sample(store)
    store.add_articles([bylined(next(a for a in articles if "Putin" in a.text))])
    assert index_all(store) == 31
    assert store.index_pending() == 0  # complete: nothing taken up twice
    return store


def ids(store: Store, text: str, filters: Filters | None = None) -> set[str]:
    hits, total = store.search(Query.parse(text), filters, limit=200)
    assert total == len(hits)
    return {h.article_id for h in hits}


def test_search_query_syntax(indexed: Store) -> None:
    articles = {a.id: a for a in indexed.iter_articles()}

    def containing(*words: str) -> set[str]:
        """Articles with all these word sequences (as the tokenizers see words: case, hyphens)."""
        texts = {
            i: " " + " ".join(re.findall(r"\w+", f"{a.title} {a.text}".lower())) + " "
            for i, a in articles.items()
        }
        wanted = [" " + " ".join(re.findall(r"\w+", w.lower())) + " " for w in words]
        return {i for i, text in texts.items() if all(w in text for w in wanted)}

    assert containing("Waffenlieferungen") <= ids(indexed, "Waffenlieferung")  # lemma / stem
    assert containing("Waffenlieferungen") <= ids(indexed, "waffenlief")  # prefix
    assert containing("Waffenlieferungen") <= ids(indexed, "waffenlief*")  # prefix, spelled out
    assert containing("Türkei") <= ids(indexed, "turkei") and containing("Türkei")  # diacritics, case
    kim = ids(indexed, '"Kim Jong Un"')  # a phrase
    assert kim and kim <= containing("Kim Jong Un")
    assert not ids(indexed, '"Un Jong Kim"')  # the same words in another order are no phrase
    putin = ids(indexed, "Putin")
    without_kim = ids(indexed, "Putin -Kim")
    assert without_kim < putin and not without_kim & containing("Kim")
    assert ids(indexed, "Erdbeben Haiti") == ids(indexed, "Erdbeben") & ids(indexed, "Haiti")  # AND
    assert not ids(indexed, "-Erdbeben")  # nothing must match: no hits, not everything
    for hostile in ('"unbalanced', "NEAR(a b)", "a OR", "*", "title:x", "-", '") OR 1=1 --', "'; DROP"):
        indexed.search(Query.parse(hostile))  # no error, whatever it finds


def test_search_filters_and_highlights(indexed: Store) -> None:
    everything = ids(indexed, "Putin")
    dw = ids(indexed, "Putin", Filters(outlet="DW"))
    assert dw and dw < everything
    late, _ = indexed.search(Query.parse("Putin"), Filters(since="2023-09-10"))
    assert late and all((h.published or "") >= "2023-09-10" for h in late)
    early, _ = indexed.search(Query.parse("Erdbeben"), Filters(until="2006-12-31"))
    assert early and all((h.published or "9") <= "2006-12-31" for h in early)
    assert not ids(indexed, "Putin", Filters(language="en"))
    by_author = indexed.search(Query.parse("Putin"), Filters(author="schmidt"))[0]
    assert [h.article_id for h in by_author] == ["autorentext"]
    assert by_author[0].authors == ("Anna Schmidt", "Max Müller")
    assert not ids(indexed, "Putin", Filters(author="Niemand"))
    hits, _ = indexed.search(Query.parse("Waffenlieferung"))
    assert any("<mark>Waffenlieferungen</mark>" in str(h.snippet) for h in hits)
    assert hits == sorted(hits, key=lambda h: -h.score)
    facets = indexed.facets()
    assert facets.outlets == tuple(sorted(facets.outlets)) and "Wikinews" in facets.outlets
    assert "Anna Schmidt" in facets.authors and facets.languages == ("de",)


def test_snippets_escape_stored_text(store: Store) -> None:
    text = "Die <script>alert(1)</script> Erklärung der Regierung zum Haushalt wurde am Montag vorgestellt."
    store.add_articles(
        [
            Article(
                id="x1",
                source="s",
                title="<b>Haushalt</b>",
                paragraphs=(Paragraph(text=text),),
                language="de",
            )
        ]
    )
    index_all(store)
    (hit,), _ = store.search(Query.parse("Haushalt"))
    assert "<script>" not in str(hit.snippet) and "&lt;script&gt;" in str(hit.snippet)
    assert "<mark>Haushalt</mark>" in str(hit.snippet)
    assert hit.title == "<b>Haushalt</b>"  # data as stored; pages escape it


def analyzed_article(article_id: str, names: list[tuple[str, str, str | None, str | None]]) -> Article:
    """An article whose analysis mentions ``(text, label, canonical name, entity id)`` and quotes
    the first person."""
    text = (
        " und ".join(n[0] for n in names) + " trafen sich. „Wir sind zufrieden“, sagte " + names[0][0] + "."
    )
    entities, at = [], 0
    for mention, label, name, entity in names:
        at = text.index(mention, at)
        found = {"text": mention, "label": label, "start": at, "end": at + len(mention)}
        found.update({"name": name} if name else {})
        found.update({"entity": entity} if entity else {})
        entities.append(found)
    quote_at = text.index("„")
    analysis = {
        "sentences": [[0, len(text)]],
        "entities": entities,
        "quotes": [
            {
                "quote": {"text": "„Wir sind zufrieden“", "spans": [[quote_at, quote_at + 20]]},
                "speaker_name": names[0][2] or names[0][0],
                "speaker_role": "Kanzler",
                "cue": {"text": "sagte", "spans": []},
                "type": "direct",
            }
        ],
        "dates": [],
    }
    return Article(
        id=article_id,
        source=article_id,
        paragraphs=(Paragraph(text=text),),
        language="de",
        published=PublicationDate(value="2024-02-0" + article_id[-1], method="source", reliable=True),
        outlet="Testblatt",
        analysis=analysis,
    )


def test_entities_and_quotations(store: Store) -> None:
    """Mentions are counted by their canonical name when entity linking gave one (issue 14's
    ``name``/``entity`` fields), else by the text as written."""
    store.add_articles(
        [
            analyzed_article(
                "a1", [("Scholz", "PER", "Olaf Scholz", "Q61053"), ("Macron", "PER", None, None)]
            ),
            analyzed_article(
                "a2", [("Olaf Scholz", "PER", "Olaf Scholz", "Q61053"), ("Paris", "LOC", None, None)]
            ),
            analyzed_article("a3", [("Macron", "PER", None, None), ("Paris", "LOC", None, None)]),
        ]
    )
    index_all(store)
    people = {e.name: e for e in store.entities(label="PER")}
    assert (people["Olaf Scholz"].articles, people["Olaf Scholz"].entity) == (2, "Q61053")
    assert (people["Macron"].articles, people["Macron"].entity) == (2, None)
    assert "Scholz" not in people
    assert [e.name for e in store.entities()][:3] == [
        "Macron",
        "Olaf Scholz",
        "Paris",
    ]  # 2 articles each, by name
    assert store.entity_articles("Olaf Scholz") == [("a1", "PER"), ("a2", "PER")]
    co = store.co_mentions(["a1", "a2"], "Olaf Scholz")
    assert {(c.name, c.articles) for c in co} == {("Macron", 1), ("Paris", 1)}
    quotes = store.quotes(speaker="Scholz")
    assert [(q.article, q.speaker, q.role) for q in quotes] == [
        ("a1", "Olaf Scholz", "Kanzler"),
        ("a2", "Olaf Scholz", "Kanzler"),
    ]
    assert [q.article for q in store.quotes(speaker="Bundeskanzler Olaf Scholz")] == ["a1", "a2"]
    quoted, _ = store.search(Query.parse("zufrieden"), Filters(speaker="macron"))
    assert {(h.kind, h.article_id) for h in quoted} == {("quote", "a3"), ("article", "a3")}


def test_index_is_built_once_by_concurrent_indexers(store_location: str) -> None:
    seeding = open_store(store_location)
    sample(seeding)
    seeding.close()
    errors: list[BaseException] = []

    def indexer() -> None:
        store = open_store(store_location)
        try:
            index_all(store, batch=7)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=indexer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    store = open_store(store_location)
    hits, total = store.search(Query.parse("Wikipedia"), limit=100)
    assert total == len({h.article_id for h in hits if h.kind == "article"}) + sum(
        h.kind == "quote" for h in hits
    )
    assert len([h for h in hits if h.kind == "article"]) == len({h.article_id for h in hits})
    store.close()
