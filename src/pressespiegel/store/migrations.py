"""Versioned schema migrations: each backend lists its ordered steps; opening a store applies the
missing ones in one transaction, and refuses a database written by a newer pressespiegel.

A step is never edited once released: a schema change is a new step at the end of the backend's
list (SQLite keeps the applied version in ``PRAGMA user_version``, PostgreSQL in the
``schema_migrations`` table). Features that need their own tables (feed monitoring, entity
linking) add a step to each backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pressespiegel.errors import StoreError


@dataclass(frozen=True, kw_only=True, slots=True)
class Migration:
    """One schema step: its version (1, 2, … without gaps), what it does, and its SQL script."""

    version: int
    summary: str
    sql: str


def pending(location: str, current: int, steps: Sequence[Migration]) -> list[Migration]:
    """The steps a database at schema ``current`` still needs, in order.

    Raises StoreError (one line naming the database) when the database is newer than ``steps``.
    """
    latest = latest_version(steps)
    if current > latest:
        raise StoreError(
            f"{location}: database schema version {current} is newer than this pressespiegel supports "
            f"({latest}); upgrade pressespiegel to open it"
        )
    return [step for step in steps if step.version > current]


def latest_version(steps: Sequence[Migration]) -> int:
    versions = [step.version for step in steps]
    if versions != list(range(1, len(versions) + 1)):
        raise AssertionError(f"migration versions must be 1..n without gaps: {versions}")
    return versions[-1] if versions else 0


__all__ = ["Migration", "latest_version", "pending"]
