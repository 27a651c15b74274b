"""How the command line talks: counted nouns, the ingest progress display, skipped-file notes.

The command line is English throughout (see :mod:`pressespiegel.i18n`, point 4); counts use the
same plural rule as the pages ("1 story", "26 stories", "1,234 articles").
"""

from __future__ import annotations

import inspect
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePath
from types import TracebackType
from typing import Any, Protocol, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

T = TypeVar("T")
ItemT = TypeVar("ItemT")


class _Command(Protocol):
    help: str | None
    params: list[Any]


C = TypeVar("C", bound=_Command)
_PARAGRAPH_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """``1 story``, ``2 stories``, ``1,234 articles``."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}"


class _RateColumn(ProgressColumn):
    """Articles read per second since the start ("12.4 articles/s")."""

    def __init__(self, started: Callable[[], float], count: Callable[[], int]) -> None:
        super().__init__()
        self._started, self._count = started, count

    def render(self, task: Task) -> Text:
        elapsed = max(time.monotonic() - self._started(), 1e-6)
        n = self._count()
        return Text(f"{plural(n, 'article')}, {n / elapsed:.1f} articles/s", style="progress.data.speed")


class IngestProgress:
    """A live line on a terminal: files done of all, articles read, articles per second, time left.

    Disabled (prints nothing at all) when ``enabled`` is false: output that is not a terminal
    (a pipe, a log, cron) and ``--quiet`` runs stay free of progress noise.
    """

    def __init__(self, console: Console, total_sources: int, *, enabled: bool) -> None:
        self.articles = 0
        self._start = time.monotonic()
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files ·"),
            _RateColumn(lambda: self._start, lambda: self.articles),
            TextColumn("· ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not enabled,
        )
        self._task = self._progress.add_task("ingest", total=total_sources)

    def __enter__(self) -> IngestProgress:
        self._start = time.monotonic()
        self._progress.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.__exit__(kind, exc, tb)

    def source_done(self, _source: str) -> None:
        self._progress.advance(self._task)

    def counting(self, read: Callable[[str, T], Iterable[ItemT]]) -> Callable[[str, T], Iterator[ItemT]]:
        """``read`` (a source reader for :func:`pressespiegel.ingest.ingest`) that counts the
        documents it yields, so the rate is in articles, not files."""
        from pressespiegel.errors import SourceError
        from pressespiegel.ingest.items import Notice

        def counted(source: str, limits: T) -> Iterator[ItemT]:
            for item in read(source, limits):
                if not isinstance(item, SourceError | Notice):
                    self.articles += 1
                    self._progress.refresh() if self.articles % 50 == 0 else None
                yield item

        return counted


def skipped_summary(skipped: list[tuple[str, str]]) -> str | None:
    """One line on the files a directory walk left out, by reason with their suffixes
    ("skipped 3 files: 2 not a readable format (.bak, .md); 1 hidden"); None for none."""
    if not skipped:
        return None
    reasons = Counter(reason for _, reason in skipped)
    parts = []
    for reason, n in reasons.most_common():
        suffixes = sorted({PurePath(p).suffix or PurePath(p).name for p, r in skipped if r == reason})
        parts.append(f"{n} {reason} ({', '.join(suffixes[:6])}{', …' if len(suffixes) > 6 else ''})")
    return f"skipped {plural(len(skipped), 'file')}: " + "; ".join(parts)


def tidy_help(command: C) -> C:
    """``command`` and its subcommands with help that reads well: flags without a ``<bool>``
    type label (a flag takes no value), and docstring paragraphs flowed (a line break inside a
    paragraph is a space, as it is in ``--help`` of every other tool)."""
    if command.help:
        command.help = _PARAGRAPH_BREAK.sub(" ", inspect.cleandoc(command.help))
    for param in command.params:
        if getattr(param, "is_flag", False):  # typer brings its own click: duck-typed
            param.metavar = ""  # typer shows the metavar instead of the type label
    help_option = getattr(command, "get_help_option", None)
    if help_option is not None:  # --help is made when help is shown, not kept in params

        def flag_help_option(ctx: Any, made: Callable[[Any], Any] = help_option) -> Any:
            option = made(ctx)
            if option is not None:
                option.metavar = ""
            return option

        command.get_help_option = flag_help_option  # type: ignore[attr-defined]
    for sub in (getattr(command, "commands", None) or {}).values():
        tidy_help(sub)
    return command


__all__ = ["IngestProgress", "plural", "skipped_summary", "tidy_help"]
