"""Search as the web pages use it: the query syntax and highlighting of :mod:`pressespiegel.store.search`.

The index itself lives in the store (FTS5 on SQLite, tsvector on PostgreSQL) behind
:class:`pressespiegel.store.SearchStore`; the pages only parse queries and mark matches in
titles (:func:`highlight` escapes before it marks).
"""

from __future__ import annotations

from pressespiegel.store.records import Filters, Hit
from pressespiegel.store.search import Query, fold, highlight, lemma

__all__ = ["Filters", "Hit", "Query", "fold", "highlight", "lemma"]
