"""Errors a user can act on. They carry the source and the problem, and are printed as one line."""

from __future__ import annotations


class PressespiegelError(Exception):
    """Base class for errors shown to the user without a traceback."""


class SourceError(PressespiegelError):
    """One input could not be read or yielded no article: the message names the source and why."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[type[SourceError], tuple[str, str]]:
        """Pickled as its two arguments: problems found in a worker process come back to the
        parent (``ingest --workers``, Spark tasks)."""
        return (type(self), (self.source, self.problem))


class StoreError(PressespiegelError):
    """The database cannot be opened or written."""
