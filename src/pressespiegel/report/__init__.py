"""The press review: story digests rendered as JSON, Markdown, self-contained HTML or PDF."""

from pressespiegel.report.digest import StoryDigest, build_digest
from pressespiegel.report.render import render

__all__ = ["StoryDigest", "build_digest", "render"]
