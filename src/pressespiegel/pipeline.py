"""Orchestration at the edge: runs pure stages over what the store holds and writes results back.

Grouping (:func:`update_stories`) is the one stage with state across runs. It runs under the
store's grouping lock, so concurrent ingests (several CLI processes, the web server and a CLI)
group one after the other from the state the previous one saved; within a run it

1. reads the state and the ids and dates of the articles waiting to be grouped (not their bodies),
   and orders them by publication time (a rebuild first replays the order of the last grouping);
2. groups them in steps of :data:`GROUPING_STEP` articles, loading only that step's articles;
3. writes each step in one short transaction (memberships, the stories and storylines it changed,
   the state), so readers and other writers never wait long and a crash loses at most one step.

Storylines are linked over all stories, which costs seconds on a large store; a run links them
after its last step and every :data:`STORYLINE_EVERY` steps (in between, a new story is its own
storyline), so the result is the same whatever the step size.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from pressespiegel.records import Article
from pressespiegel.store import GroupingUpdate, PendingArticle, Store, StorylineRecord, StoryRecord
from pressespiegel.stories import UNDATED, Grouper, GroupingFeatures, Membership, appeared, story_label
from pressespiegel.stories.members import Member
from pressespiegel.stories.storylines import Storyline

#: Articles grouped per step and transaction. At 300–400 articles/s of grouping a step is ~3 s
#: of work; writing it (memberships, changed stories, the state) takes well under a second on
#: 2 cores at 100k stored articles (bench/cluster_scale.py), so other writers never approach the
#: 30 s busy timeout and a crash loses at most one step.
GROUPING_STEP = 1000
#: Steps between two storyline linkings within one run (and always after the last step).
STORYLINE_EVERY = 10


def _when(pending: PendingArticle) -> datetime:
    """When an article appeared; undated ones get UNDATED: grouped by content only, never by the
    time we happened to read them."""
    return appeared(pending.published)


def _iso(when: datetime | None) -> str:
    """A story's or storyline's time as stored: "" when it has no dated article ("ohne Datum")."""
    return "" if when is None or when == UNDATED else when.isoformat()


def update_stories(
    store: Store,
    *,
    rebuild: bool = False,
    step: int = GROUPING_STEP,
    on_step: Callable[[int, int], None] | None = None,
    on_problem: Callable[[str, str], None] | None = None,
    features: Mapping[str, GroupingFeatures] | None = None,
) -> int:
    """Group the articles not yet in a story (online), or all of them again (``rebuild``);
    return how many were grouped. ``on_step(done, total)`` reports progress after each step.

    New articles are taken in publication order, the undated ones last (they join what exists
    by content); a rebuild repeats the order in which the articles were first grouped, then adds
    any ungrouped ones, so it reproduces the online result. An article that cannot be grouped is
    reported to ``on_problem`` (source, message) and stays ungrouped; the others are grouped.
    ``features`` (article id → :class:`GroupingFeatures`, computed by a batch engine's workers)
    saves computing them here; articles without them get them computed, with the same result.
    """

    def failed(article: Article, exc: Exception) -> None:
        if on_problem is not None:
            on_problem(article.source, f"grouping failed ({type(exc).__name__}: {str(exc)[:200]}); "
                       "the article stays stored, ungrouped; please report it")  # fmt: skip

    with store.grouping_lock():  # 1.
        state = None if rebuild else store.grouping_state()
        grouper = Grouper.from_state(dict(state)) if state else Grouper()
        replay = [(_when(p), p) for p in store.grouped_order()] if rebuild else []
        fresh = sorted(
            ((_when(p), p) for p in store.pending_grouping()), key=lambda x: (x[0] == UNDATED, x[0], x[1].id)
        )
        queue = replay + fresh
        stories = {} if rebuild else {s.id: s for s in store.list_stories()}
        lines = {} if rebuild else {x.id: x for x in store.list_storylines()}
        if rebuild and not queue:
            store.save_grouping(GroupingUpdate(memberships=(), state=grouper.to_state(), reset=True))
        done = 0
        for start in range(0, len(queue), step):  # 2.
            chunk = queue[start : start + step]
            articles = store.get_articles([p.id for _, p in chunk])
            base = grouper.seq
            memberships = grouper.add(
                ((articles[p.id], when) for when, p in chunk if p.id in articles), on_error=failed,
                features=features,
            )
            link = (start // step + 1) % STORYLINE_EVERY == 0 or start + step >= len(queue)
            changed, changed_lines, dropped = _summaries(
                store, grouper, memberships, articles, stories, lines, link=link
            )
            store.save_grouping(  # 3.
                GroupingUpdate(
                    memberships=memberships, state=grouper.to_state(), stories=changed,
                    storylines=changed_lines, dropped_storylines=dropped, base_seq=base,
                    reset=rebuild and start == 0,
                )
            )  # fmt: skip
            done += len(memberships)
            if on_step:
                on_step(done, len(queue))
    return done


def _summaries(
    store: Store,
    grouper: Grouper,
    new: Sequence[Membership],
    articles: dict[str, Article],
    stories: dict[str, StoryRecord],
    lines: dict[str, StorylineRecord],
    *,
    link: bool = True,
) -> tuple[list[StoryRecord], list[StorylineRecord], list[str]]:
    """The story and storyline rows a grouping step changed (``stories`` and ``lines``, the rows
    as stored, are updated in place), and the storylines that no longer exist. Without ``link``,
    stories keep their storyline and a new story gets one of its own, linked at a later step."""
    labels = _labels(store, grouper, new, articles)
    current = grouper.storylines() if link else _unlinked(grouper, stories, lines)
    line_of = {story_id: line.id for line in current for story_id in line.stories}
    changed: list[StoryRecord] = []
    for story_id, label in labels.items():
        s = grouper.stories[story_id]
        row = StoryRecord(
            id=s.id, storyline=line_of[s.id], label=label or " · ".join(s.key_terms(4)),
            key_terms=tuple(s.key_terms(8)), first=_iso(s.first), last=_iso(s.last), size=s.size,
            origins=s.origins,
        )  # fmt: skip
        if stories.get(story_id) != row:
            changed.append(row)
            stories[story_id] = row
    for story_id, old in list(stories.items()):
        if story_id not in labels and old.storyline != line_of.get(story_id, old.storyline):
            stories[story_id] = replace(old, storyline=line_of[story_id])
            changed.append(stories[story_id])
    changed_lines: list[StorylineRecord] = []
    for line in current:
        record = StorylineRecord(
            id=line.id, label=stories[line.stories[-1]].label, stories=len(line.stories),
            first=_iso(line.first), last=_iso(line.last),
        )  # fmt: skip
        if lines.get(line.id) != record:
            changed_lines.append(record)
            lines[line.id] = record
    dropped = sorted(set(lines) - {line.id for line in current})
    for line_id in dropped:
        del lines[line_id]
    return changed, changed_lines, dropped


def _unlinked(
    grouper: Grouper, stories: dict[str, StoryRecord], lines: dict[str, StorylineRecord]
) -> list[Storyline]:
    """The storylines as stored, with each story not in one yet as a storyline of its own."""
    by_line: dict[str, Storyline] = {}
    for story in sorted(grouper.stories.values(), key=lambda s: (s.first == UNDATED, s.first, s.id)):
        known = stories.get(story.id)
        line_id = known.storyline if known and known.storyline in lines else "L" + story.id
        line = by_line.setdefault(line_id, Storyline(id=line_id))
        line.stories.append(story.id)
        if story.first != UNDATED:  # a story with no dated article leaves the span as it is
            line.first = story.first if line.first is None else min(line.first, story.first)
            line.last = story.last if line.last is None else max(line.last, story.last)
    return list(by_line.values())


def _labels(
    store: Store, grouper: Grouper, new: Sequence[Membership], articles: dict[str, Article]
) -> dict[str, str]:
    """Labels (most central headline) of the stories this step touched.

    Members grouped earlier come from the store; the ones just grouped from ``articles``.
    """
    by_story: dict[str, list[Membership]] = {}
    for m in new:
        by_story.setdefault(m.story, []).append(m)
    labels: dict[str, str] = {}
    for story_id, members in by_story.items():
        stored = store.story_members(story_id)
        titles = {m.id: m.title for m in stored if m.title}
        vectors: dict[str, dict[str, float]] = {m.id: dict(m.vector) for m in stored}
        for m in members:
            vectors[m.article] = m.vector
            article = articles[m.article]
            if article.title or article.lead:
                titles[m.article] = article.title or (article.lead or "")[:100]
        labels[story_id] = story_label(grouper.stories[story_id], titles, vectors)
    return labels


def load_members(store: Store, story_id: str) -> list[Member]:
    """A story's member articles with their origins, from the store."""
    rows = store.story_members(story_id)
    articles = store.get_articles([row.id for row in rows])
    return [Member(article=articles[row.id], origin=row.origin) for row in rows if row.id in articles]


def select_stories(
    store: Store, *, since: str | None = None, story: str | None = None, top: int = 10
) -> list[StoryRecord]:
    """The stories of a review: one by id, or the top ones last reported on or after ``since``,
    ranked by independent origins, then recency."""
    if story:
        found = store.get_story(story)
        return [found] if found else []
    stories = store.list_stories()
    if since:
        stories = [s for s in stories if s.last[:10] >= since]
    return stories[:top] if top else stories


def build_review(
    store: Store,
    *,
    since: str | None = None,
    story: str | None = None,
    top: int = 10,
    lang: str | None = None,
) -> dict[str, Any]:
    """The press review record for the selected stories (see :mod:`pressespiegel.report`)."""
    from pressespiegel.report.digest import build_digest
    from pressespiegel.report.render import review_document

    selected = select_stories(store, since=since, story=story, top=0)
    digests = [build_digest(s, load_members(store, s.id)).to_json()
               for s in (selected[:top] if top else selected)]  # fmt: skip
    return review_document(digests, title="Pressespiegel", since=since, total=len(selected), lang=lang)
