"""JSON Lines input: one article per line with ``text`` or ``html`` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pressespiegel.errors import SourceError
from pressespiegel.ingest.items import Item
from pressespiegel.ingest.limits import Limits
from pressespiegel.records import RawDocument

#: Optional string fields copied from a JSONL object onto the RawDocument.
OPTIONAL_FIELDS = ("id", "url", "title", "published", "outlet")


def read_jsonl(source: str, text: str, limits: Limits) -> Iterator[Item]:
    """Yield a RawDocument per valid line and a SourceError naming the line for each bad one."""
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{source} line {number}"
        if not line.strip():
            continue
        if len(line) > limits.max_document_bytes:
            yield SourceError(where, f"record too large ({len(line):,} characters)")
            continue
        try:
            obj: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield SourceError(where, "each line must be a JSON object")
            continue
        body = {key: obj.get(key) for key in ("text", "html")}
        if not any(isinstance(v, str) and v.strip() for v in body.values()):
            yield SourceError(where, 'needs a non-empty "text" or "html" field')
            continue
        meta = {}
        for key in OPTIONAL_FIELDS:
            value = obj.get(key)
            if value is None:
                continue
            if not isinstance(value, str | int):
                yield SourceError(where, f'field "{key}" must be a string')
                break
            meta[key] = str(value)
        else:
            html = body["html"] if isinstance(body["html"], str) and body["html"].strip() else None
            yield RawDocument(
                source=meta.get("url") or f"{source}#{number}",
                text=None if html else str(body["text"]),
                html=html,
                url=meta.get("url"),
                title=meta.get("title"),
                published=meta.get("published"),
                outlet=meta.get("outlet"),
                id=meta.get("id"),
            )
