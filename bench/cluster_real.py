"""Same-event grouping on real coverage: bench/data/stories_real.jsonl plus real pages as distractors.

The set (guideline: bench/data/stories_real_guideline.md) holds articles from many outlets about
15 events in 11 storylines, German, English and five other languages; the fundus pages in
../shared (tests and benchmarks only, read from there, never copied) join as singletons, each
its own event. Splits are by storyline: constants are tuned on ``tune``; ``test`` is held out.

Figures per language pair (DE–DE, DE–EN, EN–EN, all): pairwise precision/recall/F1 over the
pairs of that kind, and B-cubed restricted to it (each item of one language is scored against the
items of the other, see :func:`bcubed_between`); systems: ours (online, with embeddings and
entities), ours without embeddings (terms and entities, as before issue 15) and the TF-IDF
baseline of bench/cluster.py with its threshold tuned on the tune part.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from pressespiegel.clean import make_article
from pressespiegel.errors import SourceError
from pressespiegel.records import Article, RawDocument

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "stories_real.jsonl"
FUNDUS = ROOT.parent / "shared" / "data" / "pages" / "fundus" / "gold.jsonl"
#: Languages of the fundus pages taken as distractors (the ones the real set has pairs for).
FUNDUS_LANGUAGES = frozenset({"de", "en", "fr", "es"})
PAIR_KINDS = ("de-de", "de-en", "en-en", "all")


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _kind(a: str | None, b: str | None) -> str:
    return "-".join(sorted((a or "und", b or "und")))


def pairwise_kind(pred: Sequence[Hashable], gold: Sequence[Hashable], langs: Sequence[str | None],
                  kind: str) -> dict[str, float]:  # fmt: skip
    """Pairwise precision, recall, F1 over the pairs of one language kind ("de-en"; "all": every pair)."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(pred)), 2):
        if kind != "all" and _kind(langs[i], langs[j]) != kind:
            continue
        same_p, same_g = pred[i] == pred[j], gold[i] == gold[j]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"pair_p": p, "pair_r": r, "pair_f1": _f1(p, r), "gold_pairs": tp + fn, "predicted_pairs": tp + fp}


def bcubed_between(pred: Sequence[Hashable], gold: Sequence[Hashable], langs: Sequence[str | None],
                   kind: str) -> dict[str, float]:  # fmt: skip
    """B-cubed for one language kind.

    "all": the usual B-cubed. "xx-xx": B-cubed on the items of that language. "xx-yy": each item of
    one language is scored only against the items of the other: precision over its predicted
    cluster's other-language members, recall over its gold cluster's; items without any such member
    are left out of that average (their links of this kind cannot be right or wrong).
    """
    a, _, b = kind.partition("-")
    items = range(len(pred)) if kind == "all" else [i for i in range(len(pred)) if langs[i] in (a, b)]
    by_pred: dict[Hashable, set[int]] = defaultdict(set)
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    ps: list[float] = []
    rs: list[float] = []
    for i in items:
        if kind == "all" or a == b:
            pc, gc = by_pred[pred[i]], by_gold[gold[i]]
        else:
            other = b if langs[i] == a else a
            pc = {j for j in by_pred[pred[i]] if langs[j] == other}
            gc = {j for j in by_gold[gold[i]] if langs[j] == other}
        both = len({j for j in pc if gold[j] == gold[i]})
        if pc:
            ps.append(both / len(pc))
        if gc:
            rs.append(len({j for j in gc if pred[j] == pred[i]}) / len(gc))
    p = sum(ps) / len(ps) if ps else 1.0
    r = sum(rs) / len(rs) if rs else 1.0
    return {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": _f1(p, r)}


def report(pred: Sequence[Hashable], gold: Sequence[Hashable], langs: Sequence[str | None],
           mask: Sequence[bool]) -> dict[str, dict[str, float]]:  # fmt: skip
    keep = [i for i, m in enumerate(mask) if m]
    p, g, lg = [pred[i] for i in keep], [gold[i] for i in keep], [langs[i] for i in keep]
    return {k: {**pairwise_kind(p, g, lg, k), **bcubed_between(p, g, lg, k)} for k in PAIR_KINDS}


def load_items(*, analyze: bool = True) -> tuple[list[tuple[Article, datetime]], list[dict[str, Any]]]:
    """The real set and the fundus distractors as (article, time) in publication order, with labels."""
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    if FUNDUS.exists():
        for line in FUNDUS.read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            split = "test" if int(hashlib.sha1(page["file"].encode()).hexdigest(), 16) % 2 else "tune"
            rows.append({"id": "fundus:" + page["file"], "split": split, "event": "fundus:" + page["file"],
                         "storyline": "fundus:" + page["file"], "language": None,
                         "published": (page.get("published") or "")[:10], "title": page.get("title"),
                         "text": page.get("body") or "", "outlet": page.get("publisher")})  # fmt: skip
    items, labels = [], []
    for row in rows:
        try:
            article = make_article(RawDocument(source=row["id"], text=row["text"], title=row.get("title"),
                                               published=row.get("published") or None,
                                               outlet=row.get("outlet")))  # fmt: skip
        except SourceError:
            continue
        if row["id"].startswith("fundus:") and article.language not in FUNDUS_LANGUAGES:
            continue
        try:
            when = datetime.fromisoformat(row["published"])
        except ValueError:
            continue
        items.append((article, when))
        labels.append({**row, "language": row.get("language") or article.language})
    order = sorted(range(len(items)), key=lambda i: (items[i][1], items[i][0].id))
    items, labels = [items[i] for i in order], [labels[i] for i in order]
    if analyze:
        from pressespiegel.analyze import analyze_articles

        analyzed = analyze_articles([a for a, _ in items])
        items = [(a, when) for a, (_, when) in zip(analyzed, items, strict=True)]
    return items, labels


def run_ours(items: list[tuple[Article, datetime]], *, embedding: bool = True) -> tuple[list[str], list[str]]:
    """Story and storyline of each item from one online pass (``embedding=False``: terms only)."""
    from pressespiegel.stories import Grouper

    grouper = Grouper(embedding=embedding)
    members = grouper.add(items)
    line_of = {s: line.id for line in grouper.storylines() for s in line.stories}
    return [m.story for m in members], [line_of[m.story] for m in members]


def embedding_cost(items: list[tuple[Article, datetime]], repeats: int = 3) -> float:
    """Median CPU milliseconds per article to compute its embedding (batches of 32, as ingest does)."""
    from pressespiegel.analyze.embedding import embed_articles

    articles = [a for a, _ in items]
    embed_articles(articles[:4])  # load the model outside the timing
    runs = []
    for _ in range(repeats):
        start = time.process_time()
        for i in range(0, len(articles), 32):
            embed_articles(articles[i : i + 32])
        runs.append((time.process_time() - start) * 1000 / len(articles))
    return sorted(runs)[len(runs) // 2]


def real_level() -> dict[str, Any]:
    from cluster import tuned_baseline

    items, labels = load_items()
    gold_event = [r["event"] for r in labels]
    gold_line = [r["storyline"] for r in labels]
    langs = [r["language"] for r in labels]
    test = [r["split"] == "test" for r in labels]
    tune = [not t for t in test]
    story, line = run_ours(items)
    before, before_line = run_ours(items, embedding=False)
    threshold, base = tuned_baseline([a.text for a, _ in items], gold_event, tune)
    out: dict[str, Any] = {
        "items": len(items), "real_items": sum(not r["id"].startswith("fundus:") for r in labels),
        "test_items": sum(test), "baseline_threshold": threshold,
        "languages": {lg: langs.count(lg) for lg in sorted({x or "und" for x in langs})},
        "embedding_ms_per_article": embedding_cost(items),
    }  # fmt: skip
    for name, mask in (("test", test), ("tune", tune)):
        out[f"ours_{name}"] = report(story, gold_event, langs, mask)
        out[f"before_{name}"] = report(before, gold_event, langs, mask)
        out[f"baseline_{name}"] = report(base, gold_event, langs, mask)
        out[f"storylines_{name}"] = report(line, gold_line, langs, mask)["all"]
        out[f"storylines_before_{name}"] = report(before_line, gold_line, langs, mask)["all"]
    return out


def _row(name: str, s: dict[str, float]) -> str:
    return (f"    {name:<24} pairwise P {s['pair_p']:.3f} R {s['pair_r']:.3f} F1 {s['pair_f1']:.3f}"
            f"   B³ P {s['bcubed_p']:.3f} R {s['bcubed_r']:.3f} F1 {s['bcubed_f1']:.3f}")  # fmt: skip


def print_real(rl: dict[str, Any]) -> None:
    print(f"4. real coverage ({rl['real_items']} labeled articles + {rl['items'] - rl['real_items']} real "
          f"pages as singletons; {rl['test_items']} held out; languages {rl['languages']})")  # fmt: skip
    print(f"  embedding: {rl['embedding_ms_per_article']:.1f} CPU ms per article (title + first sentences)")
    for split in ("test", "tune"):
        print(f"  {split} part:")
        for kind in PAIR_KINDS:
            gold_pairs = rl[f"ours_{split}"][kind]["gold_pairs"]
            print(f"   {kind.upper()} ({gold_pairs} same-event pairs)")
            print(_row("ours", rl[f"ours_{split}"][kind]))
            print(_row("ours, no embeddings", rl[f"before_{split}"][kind]))
            print(_row(f"TF-IDF baseline θ={rl['baseline_threshold']}", rl[f"baseline_{split}"][kind]))
        print(_row("storylines, ours", rl[f"storylines_{split}"]))
        print(_row("storylines, no embeddings", rl[f"storylines_before_{split}"]))
