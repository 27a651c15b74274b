"""Cleaning: from a RawDocument to an Article (boilerplate removed, metadata detected)."""

from pressespiegel.clean.article import make_article

__all__ = ["make_article"]
