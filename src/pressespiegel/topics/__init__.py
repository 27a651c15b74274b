"""Topics: saved queries that every new article is matched against (see :mod:`.query`)."""

from __future__ import annotations

from pressespiegel.topics.matching import TOPIC_NAME, check_name, refresh_topics
from pressespiegel.topics.query import QueryError, parse

__all__ = ["TOPIC_NAME", "QueryError", "check_name", "parse", "refresh_topics"]
