"""What a source yields: raw documents, and problems that concern one source or record."""

from __future__ import annotations

from dataclasses import dataclass

from pressespiegel.errors import SourceError
from pressespiegel.records import RawDocument


@dataclass(frozen=True, kw_only=True, slots=True)
class Notice:
    """Something the user should know about a source that did not stop it (a guessed encoding)."""

    source: str
    message: str


Item = RawDocument | SourceError | Notice
