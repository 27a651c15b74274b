"""Grouping features parked on disk between the job and grouping (bounded driver memory).

A batch job's articles arrive in any order, and grouping takes them in publication order after
the last one arrived, so their features (:class:`~pressespiegel.stories.GroupingFeatures`, some
tens of kilobytes each with the term counts) wait somewhere: in memory that would grow with the
archive. :class:`FeatureSpill` keeps them in a private temporary SQLite file (this process's
scratch space, not a store: nothing else reads it) and is the ``features`` mapping grouping reads.
"""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType

from pressespiegel.stories.features import GroupingFeatures


class FeatureSpill(Mapping[str, GroupingFeatures]):
    """Article id → grouping features, on disk; removed by :meth:`close`."""

    def __init__(self) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="pressespiegel-features-"))
        self._db = sqlite3.connect(self._dir / "features.db")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE features (id TEXT PRIMARY KEY, data BLOB NOT NULL)")

    def add(self, features: Iterable[GroupingFeatures]) -> None:
        """Keep these (a later one for the same id replaces the earlier: the same article)."""
        rows = [(f.id, pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)) for f in features]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO features VALUES (?, ?)", rows)

    def __getitem__(self, key: str) -> GroupingFeatures:
        row = self._db.execute("SELECT data FROM features WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        features: GroupingFeatures = pickle.loads(row[0])  # written by this process, above
        return features

    def __contains__(self, key: object) -> bool:
        return self._db.execute("SELECT 1 FROM features WHERE id = ?", (key,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self._db.execute("SELECT id FROM features ORDER BY id").fetchall())

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM features").fetchone()[0])

    def close(self) -> None:
        self._db.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> FeatureSpill:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


__all__ = ["FeatureSpill"]
