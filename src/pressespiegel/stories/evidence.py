"""Who and where an article is about, as keys grouping can compare: the entities of its analysis.

One accessor, so grouping benefits as soon as entity linking fills in canonical names: a mention's
``entity`` (a canonical id) is preferred, then its ``name`` (the canonical spelling), then the
surface ``text``. Keys are case- and accent-folded, so "Selenskyj" in two articles matches even
when one writes it in capitals; across languages only canonical ids can match reliably
("Wladimir Putin" / "Vladimir Putin"), which is why the embedding carries cross-lingual evidence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from pressespiegel.records import Article

#: Entity labels that name actors and places (dates, numbers and misc. mentions are not evidence).
ACTOR_LABELS = frozenset({"PER", "ORG", "LOC", "GPE"})
#: Entities kept per article: the most mentioned ones carry the subject.
MAX_ENTITIES = 20


def fold(text: str) -> str:
    """Case- and accent-folded text with collapsed whitespace."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def mention_key(mention: Mapping[str, Any]) -> str | None:
    """The comparison key of one entity mention: canonical id, else canonical name, else surface."""
    for field in ("entity", "name", "text"):
        value = mention.get(field)
        if isinstance(value, str) and value.strip():
            key = fold(value) if field != "entity" else "id:" + value.strip()
            return key if len(key) > 1 else None
    return None


def entity_keys(mentions: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """The keys of the most frequent actor and place mentions."""
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.get("label") not in ACTOR_LABELS:
            continue
        key = mention_key(mention)
        if key:
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ENTITIES]
    return frozenset(key for key, _ in ranked)


def article_entities(article: Article) -> frozenset[str]:
    """Entity keys of an analyzed article; empty when it has no analysis (yet)."""
    if not article.analysis:
        return frozenset()
    mentions = article.analysis.get("entities") or []
    return entity_keys(m for m in mentions if isinstance(m, Mapping))


__all__ = ["ACTOR_LABELS", "article_entities", "entity_keys", "fold", "mention_key"]
