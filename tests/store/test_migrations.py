"""Versioned schema migrations: an old database is migrated on open, a newer one is refused with
one line, and concurrent first opens migrate once."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from conftest import SEEDS, new_location
from pressespiegel.clean import make_article
from pressespiegel.errors import StoreError
from pressespiegel.records import RawDocument
from pressespiegel.store import index_all, open_store
from pressespiegel.store.codec import article_to_dict
from pressespiegel.store.search import Query
from pressespiegel.store.sqlite import SCHEMA_VERSION, migrate

# The search tables the web app created in schema 2 databases (its own index version 1).
OLD_SEARCH_INDEX = """
CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO search_meta VALUES ('version', '1');
CREATE TABLE search_articles (article_id TEXT PRIMARY KEY, published TEXT, outlet TEXT, language TEXT);
CREATE VIRTUAL TABLE search_fts USING fts5(kind UNINDEXED, article_id UNINDEXED, quote_no UNINDEXED,
    speaker UNINDEXED, title, body, lemmas);
CREATE TABLE search_entities (article_id TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL,
    mentions INTEGER NOT NULL, PRIMARY KEY (article_id, name, label));
"""


@pytest.mark.parametrize("old", [2, 3])
def test_old_sqlite_database_is_migrated_on_open(tmp_path: Path, old: int) -> None:
    """A database as pressespiegel wrote it before this change (schema 2; or 3, with the feed
    monitor's tables; articles grouped, the web's old search tables) opens, keeps its articles,
    stories and topics, and gets the new index."""
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, str(path), target=old) == old
    if old == 3:
        db.execute("INSERT INTO topics (name, query, created) VALUES ('t', 'Kim', '2024-01-01')")
    seed = sorted(SEEDS.glob("*.txt"))[2]
    meta = json.loads((SEEDS / (seed.name + ".meta.json")).read_text())
    article = make_article(RawDocument(source=seed.name, text=seed.read_text(encoding="utf-8"), **meta))
    doc = article_to_dict(article)
    db.execute(
        "INSERT INTO articles (id, source, url, outlet, agency, title, published, published_method,"
        " published_reliable, language, teaser, text, doc, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 0, ?, ?, '2024-01-01T00:00:00+00:00')",
        (article.id, article.source, article.url, article.outlet, article.agency, article.title,
         doc["published"], doc["published_method"], article.language, article.text, json.dumps(doc)),
    )  # fmt: skip
    db.execute(
        "INSERT INTO article_sources VALUES (?, ?, '2024-01-01T00:00:00+00:00')", (article.source, article.id)
    )
    db.execute("INSERT INTO memberships VALUES (?, 's1', ?, NULL, 1.0, 1, '{}')", (article.id, article.id))
    db.execute("INSERT INTO stories VALUES ('s1', 'Ls1', 'Kim und Putin', '[\"kim\"]', '2023-09-05',"
               " '2023-09-05', 1, 1)")  # fmt: skip
    db.executescript(OLD_SEARCH_INDEX)
    db.close()
    store = open_store(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert store.get_article(article.id) == article
    assert [t.name for t in store.list_topics()] == (["t"] if old == 3 else [])
    assert store.story_of() == {article.id: "s1"} and store.get_story("s1").label == "Kim und Putin"  # type: ignore[union-attr]
    assert store.search(Query.parse("Putin"))[1] == 0  # the old index was dropped with its tables
    assert index_all(store) == 1
    hits, _ = store.search(Query.parse("Putin"))
    assert [h.article_id for h in hits] == [article.id]
    store.close()
    assert open_store(path).count_articles() == 1  # opening a current database changes nothing


def test_newer_sqlite_schema_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    sqlite3.connect(path).execute("PRAGMA user_version = 99")
    with pytest.raises(
        StoreError, match=r"new.db: database schema version 99 is newer than this pressespiegel"
    ):
        open_store(path)


def test_newer_postgres_schema_is_one_clear_error(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    location = new_location(request, "postgres", tmp_path)
    import psycopg

    with psycopg.connect(location, autocommit=True) as db:
        db.execute("INSERT INTO schema_migrations (version, summary) VALUES (99, 'from the future')")
    with pytest.raises(StoreError, match="schema version 99 is newer than this pressespiegel supports"):
        open_store(location)


def test_concurrent_first_opens_migrate_once(request: pytest.FixtureRequest) -> None:
    cluster = request.getfixturevalue("pg_cluster")
    database = cluster.create_database()  # empty: no schema yet
    request.addfinalizer(lambda: cluster.drop_database(database))
    errors: list[BaseException] = []

    def opener() -> None:
        try:
            open_store(cluster.url(database)).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    import psycopg

    with psycopg.connect(cluster.url(database)) as db:
        versions = [row[0] for row in db.execute("SELECT version FROM schema_migrations ORDER BY version")]
    from pressespiegel.store.postgres import SCHEMA_VERSION as PG_VERSION

    assert versions == list(range(1, PG_VERSION + 1))


def test_postgres_url_with_password_over_tcp(request: pytest.FixtureRequest) -> None:
    cluster = request.getfixturevalue("pg_cluster")
    database = cluster.create_database(template=cluster.template)
    request.addfinalizer(lambda: cluster.drop_database(database))
    url = cluster.tcp_url(database)
    assert url.startswith("postgresql://pressespiegel:") and "@127.0.0.1:" in url
    store = open_store(url)
    assert store.count_articles() == 0
    assert "test-only-secret" not in store.location and ":***@" in store.location
    store.close()
    wrong = url.replace("test-only-secret", "wrong-password")
    with pytest.raises(StoreError) as failure:
        open_store(wrong)
    message = str(failure.value)
    assert "cannot connect" in message and "password" in message and "wrong-password" not in message
    with pytest.raises(StoreError, match="cannot connect"):
        open_store(url.replace(database, "no_such_database"))


def test_unsupported_url_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://user:secret@localhost/news")
