"""Stories across languages and storylines that share subject and actors, on real coverage.

The articles are from bench/data/stories_real.jsonl (real reports from many outlets, labeled by
event and storyline, see its guideline).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import numpy as np

from pressespiegel.analyze import analyze_articles
from pressespiegel.analyze.embedding import DIM, article_embedding, decode, embed_articles, encode
from pressespiegel.clean import make_article
from pressespiegel.records import Article, RawDocument
from pressespiegel.stories import Grouper
from pressespiegel.stories.cluster import EmbeddingIndex, StoryClusterer
from pressespiegel.stories.evidence import article_entities, fold, mention_key

REAL = Path(__file__).resolve().parents[2] / "bench" / "data" / "stories_real.jsonl"
ROWS = {row["id"]: row for row in map(json.loads, REAL.read_text(encoding="utf-8").splitlines())}


def real(*ids: str) -> list[tuple[Article, datetime]]:
    """The labeled articles as (article, time), in publication order."""
    items = []
    for i in ids:
        row = ROWS[i]
        raw = RawDocument(source=i, text=row["text"], title=row["title"], published=row["published"])
        items.append((make_article(raw), datetime.fromisoformat(row["published"])))
    return sorted(items, key=lambda pair: (pair[1], pair[0].source))


def test_german_and_english_reports_of_one_event_land_in_one_story() -> None:
    # dpa-AFX (German) on Kim meeting Putin at Vostochny, AP and Reuters (English) on the same
    # meeting; the Moroccan and the Afghan earthquake (German) are other events
    items = real("rc020", "rc016", "rc022", "rc007", "rc027")
    members = {m.article: m.story for m in Grouper().add(items)}
    by_source = {a.source: members[a.id] for a, _ in items}
    assert {a.language for a, _ in items} == {"de", "en"}
    assert by_source["rc020"] == by_source["rc016"] == by_source["rc022"]
    assert len({by_source["rc020"], by_source["rc007"], by_source["rc027"]}) == 3


def test_without_embeddings_the_english_reports_stay_apart() -> None:
    """The failure the embedding fixes: German and English share almost no terms."""
    items = real("rc020", "rc016", "rc022")
    members = {m.article: m.story for m in Grouper(embedding=False).add(items)}
    german = next(a.id for a, _ in items if a.source == "rc020")
    english = [a.id for a, _ in items if a.source != "rc020"]
    assert all(members[e] != members[german] for e in english)


def test_storylines_keep_one_place_together_and_another_disaster_apart() -> None:
    # two quakes near Herat four days apart (one storyline) and the Moroccan quake a month before:
    # the same vocabulary (Erdbeben, Tote, Stärke, USGS), other actors and places. Analyzed first,
    # as ingest does: the entities are the actors a storyline must share.
    raw = real("rc007", "rc011", "rc027", "rc028", "rc032", "rc033")
    analyzed = analyze_articles([a for a, _ in raw])
    items = [(a, when) for a, (_, when) in zip(analyzed, raw, strict=True)]
    grouper = Grouper()
    members = {m.article: m.story for m in grouper.add(items)}
    line_of = {s: line.id for line in grouper.storylines() for s in line.stories}
    line = {a.source: line_of[members[a.id]] for a, _ in items}
    assert line["rc027"] == line["rc028"] == line["rc032"] == line["rc033"]
    assert line["rc007"] == line["rc011"]
    assert line["rc007"] != line["rc027"]


def test_state_with_embeddings_round_trips_and_continues_identically() -> None:
    items = real("rc020", "rc016", "rc007", "rc022", "rc027")
    whole = Grouper()
    expected = [m.story for m in whole.add(items)]
    first = Grouper()
    got = [m.story for m in first.add(items[:3])]
    resumed = Grouper.from_state(json.loads(json.dumps(first.to_state())))
    got += [m.story for m in resumed.add(items[3:])]
    assert got == expected
    story = next(iter(resumed.stories.values()))
    assert story.embedding is not None and story.embedding.shape == (DIM,)


def test_the_stored_embedding_is_used_and_survives_encoding() -> None:
    ((article, _),) = real("rc016")
    vector = embed_articles([article])[0]
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4
    text = encode(vector)
    restored = decode(text)
    assert restored is not None and float(restored @ vector) > 0.999
    marker = -vector  # not what the text gives, so reading it proves the stored value is used
    stored = Article(id=article.id, source=article.source, paragraphs=article.paragraphs,
                     analysis={"embedding": encode(marker)})  # fmt: skip
    assert float(article_embedding(stored) @ vector) < -0.999
    assert decode("not base64!") is None and decode(None) is None and decode(encode(vector[:10])) is None


def test_embedding_index_reuses_rows_and_ranks_nearest_first() -> None:
    index = EmbeddingIndex()
    rng = np.random.default_rng(1)
    vectors = {
        f"s{i}": (v := rng.normal(size=DIM).astype(np.float32)) / np.linalg.norm(v) for i in range(100)
    }
    for story_id, v in vectors.items():
        index.put(story_id, v)
    assert index.nearest(vectors["s7"], 3, 0.5) == ["s7"]
    index.remove("s7")
    assert index.nearest(vectors["s7"], 3, 0.5) == []
    index.put("new", vectors["s7"])  # takes the freed row
    assert len(index) == 100 and index.nearest(vectors["s7"], 1, 0.5) == ["new"]
    assert (
        index.nearest(vectors["s7"], 5, -1.0)[0] == "new" and len(index.nearest(vectors["s7"], 5, -1.0)) == 5
    )


def test_entity_evidence_prefers_canonical_ids_then_names_then_surface() -> None:
    assert mention_key({"text": "Selenskyj", "name": "Wolodymyr Selenskyj", "entity": "Q3881"}) == "id:Q3881"
    assert mention_key({"text": "SELENSKYJ", "name": "Wolodymyr Selenskyj"}) == "wolodymyr selenskyj"
    assert mention_key({"text": "Élysée"}) == fold("elysee")
    mentions = [
        {"text": "Putin", "label": "PER"},
        {"text": "Putin", "label": "PER"},
        {"text": "Mittwoch", "label": "MISC"},
        {"text": "Kim", "label": "PER", "entity": "Q56226"},
    ]
    article = Article(id="a", source="a", analysis={"entities": mentions})
    assert article_entities(article) == frozenset({"putin", "id:Q56226"})
    assert article_entities(Article(id="b", source="b")) == frozenset()


def test_a_story_records_its_languages() -> None:
    items = real("rc020", "rc016", "rc022")
    grouper = Grouper()
    grouper.add(items)
    (story,) = [s for s in grouper.stories.values() if s.size == 3]
    assert dict(story.languages) == {"de": 1, "en": 2} and story.language == "en"
    assert isinstance(grouper.clusterer, StoryClusterer)
