"""Topic queries on the five real seed articles (analyzed): fields, booleans, lemmas, errors."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from conftest import SEEDS
from pressespiegel.ingest import ingest
from pressespiegel.records import Article
from pressespiegel.store import open_store
from pressespiegel.store.monitoring import Topic
from pressespiegel.topics import QueryError, parse, refresh_topics
from pressespiegel.topics.query import ArticleView, matching


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Article]:
    """The seeds by outlet ('dpa-AFX' twice: the Sept 11 and 12 wires are 'dpa-AFX-11', '-12')."""
    store = open_store(tmp_path_factory.mktemp("q") / "q.db")
    ingest([str(SEEDS)], store)
    articles = list(store.iter_articles())
    store.close()
    by_outlet: dict[str, Article] = {}
    for a in articles:
        key = a.outlet or "?"
        if key == "dpa-AFX":
            key += "-" + (a.published.value[8:10] if a.published else "?")
        by_outlet[key] = a
    assert len(by_outlet) == 5
    return by_outlet


def found(query: str, seeds: dict[str, Article]) -> set[str]:
    ids = set(matching(parse(query), seeds.values()))
    return {k for k, a in seeds.items() if a.id in ids}


def test_fields_on_real_articles(seeds: dict[str, Article]) -> None:
    everyone = set(seeds)
    assert found('entity:"Dmitri Peskow"', seeds) == {"Tageblatt", "dpa-AFX-11", "dpa-AFX-12"}
    assert found("speaker:Peskow", seeds) == {"Tageblatt", "dpa-AFX-11", "dpa-AFX-12"}
    assert found("speaker:Lawrow", seeds) == {"Deutsche Tageszeitung"}
    assert found("entity:Baerbock", seeds) == {"DW"}
    assert found("outlet:DW", seeds) == {"DW"} and found("outlet:dpa-AFX", seeds) == {
        "dpa-AFX-11",
        "dpa-AFX-12",
    }
    assert found("lang:de", seeds) == everyone and found("lang:en", seeds) == set()
    # words: prefix ("Waffen" finds "Waffenlieferungen") and lemma ("liefern" finds "liefert")
    assert "Tageblatt" in found("Waffen", seeds)
    assert found("Nordkorea", seeds) == everyone


def test_boolean_operators(seeds: dict[str, Article]) -> None:
    peskow = found("speaker:Peskow", seeds)
    baerbock = found("entity:Baerbock", seeds)
    assert found("speaker:Peskow OR entity:Baerbock", seeds) == peskow | baerbock
    assert found("Nordkorea -speaker:Peskow", seeds) == set(seeds) - peskow
    assert found("Nordkorea NICHT speaker:Peskow", seeds) == set(seeds) - peskow
    assert found("(speaker:Peskow ODER entity:Baerbock) UND outlet:DW", seeds) == {"DW"}
    assert found("speaker:Peskow entity:Baerbock", seeds) == peskow & baerbock  # AND is implied
    assert found('"Kim Jong"', seeds) <= found("Kim", seeds)


def test_view_is_lenient_with_odd_analysis() -> None:
    article = Article(
        id="x", source="x", language="de", analysis={"entities": [{"text": None}, {}], "quotes": [{}]}
    )
    assert not parse("entity:Putin").matches(ArticleView.of(article))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "no search term"),
        ("(Kim OR Putin", "not closed"),
        ('"Kim Jong', "unclosed quotation mark"),
        ("foo:bar", "unknown field foo:"),
        ("NOT Kim", "not only what to leave out"),
        ("Kim OR", "ends where a term is expected"),
        ("Kim )", "unexpected ')'"),
        ("entity:", "entity: needs a value"),
    ],
)
def test_errors_name_the_problem(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse(query)


def test_refresh_matches_each_article_once_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    store = open_store(db)
    store.save_topic(Topic(name="Kim", query="speaker:Peskow", created="2024-01-01T00:00:00+00:00"))
    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]], store)
    assert refresh_topics(store) == {"Kim": 2}  # both quote Peskow
    assert refresh_topics(store) == {"Kim": 0}  # nothing new: nothing matched again
    ingest([str(p) for p in sorted(SEEDS.glob("*.txt"))[2:]], store)
    assert refresh_topics(store) == {"Kim": 1}  # of DW, Deutsche Tageszeitung and dpa-AFX, only dpa-AFX
    topic = store.get_topic("Kim")
    assert topic is not None and topic.cursor == store.count_articles()
    store.save_topic(Topic(name="DW", query="outlet:DW", created="2024-01-01T00:00:00+00:00"))
    assert refresh_topics(store) == {"Kim": 0, "DW": 1}  # a new topic matches the backlog
    store.close()
    rows = sqlite3.connect(db).execute("SELECT topic, count(*) FROM topic_matches GROUP BY topic").fetchall()
    assert dict(rows) == {"Kim": 3, "DW": 1}
