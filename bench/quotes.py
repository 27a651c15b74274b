"""Quotation attribution benchmark on German Wikinews (GermEval 2023 task 2 metric).

Usage:  .venv/bin/python bench/quotes.py [--split dev|train] [--errors N] [--modern-errors] [--src DIR]

``--src DIR`` measures another checkout's ``src`` (the code before a change, e.g.
``git archive main src | tar -x -C /tmp/before`` then ``--src /tmp/before/src``) with this
benchmark and data; code without speech acts (``find_speech_in_tokens``) is run as its analysis
ran it (``find_quotes_in_tokens``, no entities). Its figures go to ``bench/results/quotes_before.json``
(``--split train``: ``quotes_train.json`` and ``quotes_before_train.json``).

Prints the Wikinews figures and, next to them, the modern-news set (``bench/quotes_modern.py``:
41 articles from 32 outlets, 2016-2026, labeled by this project) in its tuning and held-out parts.

Data: ``shared/data/quotes/wikinews2024/{train,dev}.jsonl`` (CC BY-NC-SA 4.0, evaluation and
development only; nothing derived from it ships). Rules were developed and tuned on ``train``;
``dev`` is used only for measuring. The figures in the README come from ``--split dev``.

The system runs as in the product: SoMaJo tokens, the entity model's persons and organisations
as candidate speakers, then the quote finder. Wikinews' guideline counts speech acts narrated
without their content ("Die CDU hatte Aufklärung gefordert.") as quotations of type Reported; the
product keeps those apart (``speech_acts`` of the analysis, not shown as quotes), so the Wikinews
score is computed over quotes and speech acts together (headline figure) and over quotes alone.

Metric, as in the GermEval 2023 SpkAtt task 2 evaluation (re-implemented here from its
description): system and gold quotes of a document are aligned one-to-one by linear-sum
assignment (``scipy.optimize.linear_sum_assignment``, maximising the token-overlap F1 of the
quote spans); each aligned pair, and each unaligned quote paired with an empty one, is a group.
Per group and role (quote, speaker, cue, frame, addressee) token precision and recall are
computed over the token sets of the possibly discontinuous spans; a role's P/R is the mean over
groups where it is defined (P: system has tokens; R: gold has tokens); joint P/R averages over
all roles' group values; F1 is the harmonic mean. Speaker and cue therefore only score through
an aligned quote. Character spans are mapped to the corpus tokens they overlap.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parents[1]
_SRC = sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv[:-1] else None
sys.path.insert(0, str(Path(_SRC).resolve() if _SRC else ROOT / "src"))

from pressespiegel.analyze import quotes as quotes_module  # noqa: E402
from pressespiegel.analyze.quotes import Quote  # noqa: E402
from pressespiegel.analyze.sentences import tokenize_sentences  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "quotes" / "wikinews2024"
RESULTS = ROOT / "bench" / "results" / "quotes.json"
RESULTS_BEFORE = ROOT / "bench" / "results" / "quotes_before.json"
ROLES = ("quote", "speaker", "cue", "frame", "addressee")
# Our types onto the corpus's: "reported" (laut/zufolge/nach Angaben) is "Indirect" there.
TYPE_MAP = {"direct": "Direct", "indirect": "Indirect", "reported": "Indirect"}


@dataclass
class Group:
    roles: dict[str, list[int]]
    form: str | None


def _tokens_of(spans: list[tuple[int, int]], starts: np.ndarray, ends: np.ndarray) -> list[int]:
    ids: set[int] = set()
    for s, e in spans:
        hit = np.nonzero((starts < e) & (ends > s))[0]
        ids.update(int(i) for i in hit)
    return sorted(ids)


def _system_groups(quotes: list[Quote], doc: dict[str, object]) -> list[Group]:
    toks = doc["tokens"]
    assert isinstance(toks, list)
    starts = np.array([t["charBegin"] for t in toks])
    ends = np.array([t["charEnd"] for t in toks])
    groups = []
    for q in quotes:
        roles: dict[str, list[int]] = {r: [] for r in ROLES}
        roles["quote"] = _tokens_of(list(q.quote.spans), starts, ends)
        if q.speaker:
            roles["speaker"] = _tokens_of(list(q.speaker.spans), starts, ends)
        if q.cue:
            roles["cue"] = _tokens_of(list(q.cue.spans), starts, ends)
        if q.frame:
            roles["frame"] = _tokens_of(list(q.frame.spans), starts, ends)
        addressee = getattr(q, "addressee", None)  # absent in code before the addressee span
        if addressee:
            roles["addressee"] = _tokens_of(list(addressee.spans), starts, ends)
        groups.append(Group(roles, TYPE_MAP[q.type]))
    return groups


def _gold_groups(doc: dict[str, object]) -> list[Group]:
    anns = doc["annotations"]
    assert isinstance(anns, list)
    return [
        Group({r: sorted(set((a.get(r) or {}).get("tokenIds", []))) for r in ROLES}, a.get("type"))
        for a in anns
    ]


def _overlap_f1(gold: list[int], sys_: list[int]) -> float:
    both = len(set(gold) & set(sys_))
    if not both:
        return 0.0
    p, r = both / len(sys_), both / len(gold)
    return 2 * p * r / (p + r)


class Scores:
    def __init__(self) -> None:
        self.p: dict[str, list[float]] = {r: [] for r in ROLES}
        self.r: dict[str, list[float]] = {r: [] for r in ROLES}
        self.tp = dict.fromkeys(ROLES, 0)
        self.fp = dict.fromkeys(ROLES, 0)
        self.fn = dict.fromkeys(ROLES, 0)

    def group(self, sys_: Group | None, gold: Group | None) -> None:
        for role in ROLES:
            s = set(sys_.roles[role]) if sys_ else set()
            g = set(gold.roles[role]) if gold else set()
            tp = len(s & g)
            self.tp[role] += tp
            self.fp[role] += len(s - g)
            self.fn[role] += len(g - s)
            if s:
                self.p[role].append(tp / len(s))
            if g:
                self.r[role].append(tp / len(g))

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def role(self, role: str) -> dict[str, float]:
        p = float(np.mean(self.p[role])) if self.p[role] else 0.0
        r = float(np.mean(self.r[role])) if self.r[role] else 0.0
        return {"P": p, "R": r, "F1": self._f(p, r)}

    def joint(self, roles: tuple[str, ...] = ROLES) -> dict[str, float]:
        ps = [v for role in roles for v in self.p[role]]
        rs = [v for role in roles for v in self.r[role]]
        p = float(np.mean(ps)) if ps else 0.0
        r = float(np.mean(rs)) if rs else 0.0
        return {"P": p, "R": r, "F1": self._f(p, r)}

    def micro(self, role: str) -> dict[str, float]:
        tp, fp, fn = self.tp[role], self.fp[role], self.fn[role]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"P": p, "R": r, "F1": self._f(p, r)}


def evaluate_doc(sys_groups: list[Group], gold_groups: list[Group], scores: Scores) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    if sys_groups and gold_groups:
        m = np.zeros((len(gold_groups), len(sys_groups)))
        for i, g in enumerate(gold_groups):
            for j, s in enumerate(sys_groups):
                ov = _overlap_f1(g.roles["quote"], s.roles["quote"])
                # same type as a tie-breaker, as in the official script
                m[i, j] = ov + (0.01 if ov > 0 and g.form == s.form else 0.0)
        rows, cols = linear_sum_assignment(m, maximize=True)
        pairs = [(int(c), int(r)) for r, c in zip(rows, cols, strict=True)]
    for si, gi in pairs:
        scores.group(sys_groups[si], gold_groups[gi])
    for si in set(range(len(sys_groups))) - {p[0] for p in pairs}:
        scores.group(sys_groups[si], None)
    for gi in set(range(len(gold_groups))) - {p[1] for p in pairs}:
        scores.group(None, gold_groups[gi])
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--errors", type=int, default=0, help="print N documents with their quotes")
    ap.add_argument("--nested", action="store_true", help="score only top-level quotes (subtask 2)")
    ap.add_argument("--modern-errors", action="store_true", help="print the modern set's tune-part errors")
    ap.add_argument("--no-modern", action="store_true", help="Wikinews only")
    ap.add_argument("--src", metavar="DIR", help="measure the package under DIR instead of ./src")
    args = ap.parse_args()
    path = DATA / f"{args.split}.jsonl"
    if not path.exists():
        sys.exit(f"missing {path}")
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    speech("Er sagte: „Aufwärmen.“")  # build the tokenizer and the entity model before timing
    scores = Scores()
    quotes_only = Scores()
    elapsed = 0.0
    n_sys = 0
    for k, doc in enumerate(docs):
        quotes, acts, seconds = speech(doc["originalText"])
        elapsed += seconds
        both = sorted([*quotes, *acts], key=lambda q: q.quote.spans[0][0])
        n_sys += len(both)
        gold = _gold_groups(doc)
        if args.nested:
            gold = [g for g, a in zip(gold, doc["annotations"], strict=True) if not a["isNested"]]
        evaluate_doc(_system_groups(both, doc), gold, scores)
        evaluate_doc(_system_groups(quotes, doc), gold, quotes_only)
        if k < args.errors:
            _show(doc, both)
    n_gold = sum(len(d["annotations"]) for d in docs)
    result = {
        "split": args.split,
        "note": "rules tuned on train; dev used only for measuring; quotes and speech acts scored together",
        "documents": len(docs),
        "gold_quotes": n_gold,
        "system_quotes": n_sys,
        "articles_per_s": len(docs) / elapsed,
        "roles": {r: scores.role(r) for r in ROLES},
        "joint": scores.joint(),
        "joint_quote_speaker_cue": scores.joint(("quote", "speaker", "cue")),
        "micro": {r: scores.micro(r) for r in ROLES},
        "quotes_only": {"joint": quotes_only.joint(), "speaker": quotes_only.role("speaker")},
    }
    print(f"Wikinews {args.split}: {len(docs)} docs, {n_gold} gold / {n_sys} system quotes and speech acts")
    print("(rules tuned on train; dev is for measuring only)")
    print(f"{'role':<26}{'P':>7}{'R':>7}{'F1':>7}   micro-F1")
    for r in ROLES:
        v, mi = result["roles"][r], result["micro"][r]
        print(f"{r:<26}{v['P'] * 100:7.1f}{v['R'] * 100:7.1f}{v['F1'] * 100:7.1f}   {mi['F1'] * 100:7.1f}")
    for name in ("joint", "joint_quote_speaker_cue"):
        v = result[name]
        print(f"{name:<26}{v['P'] * 100:7.1f}{v['R'] * 100:7.1f}{v['F1'] * 100:7.1f}")
    qo = result["quotes_only"]
    print(f"quotes alone: joint {qo['joint']['F1'] * 100:.1f}, speaker {qo['speaker']['F1'] * 100:.1f}")
    print(
        f"articles/s: {result['articles_per_s']:.1f} "
        "(tokenisation and quote finder, one process; entities not timed)"
    )
    if not args.no_modern:
        result["modern"] = _modern(args.modern_errors)
    if not args.nested:
        out = RESULTS_BEFORE if args.src else RESULTS
        if args.split == "train":  # the tuning split, recorded beside the held-out one
            out = out.with_name(out.stem + "_train.json")
        if args.src:
            result["code"] = "find_speech_in_tokens" if _HAS_ACTS else "find_quotes_in_tokens, no speech acts"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


_HAS_ACTS = hasattr(quotes_module, "find_speech_in_tokens")


def speech(text: str) -> tuple[list[Quote], list[Quote], float]:
    """(quotes, speech acts, seconds of tokenisation and quote finding) as the analysis finds them."""
    from pressespiegel.analyze.entities import find_entities_tokenized

    t0 = time.perf_counter()
    sentences = tokenize_sentences(text)
    t1 = time.perf_counter()
    flat = [t for s in sentences for t in s]
    (entities,) = list(find_entities_tokenized([(text, flat)]))
    spans = [(e.start, e.end, e.label) for e in entities]
    t2 = time.perf_counter()
    if _HAS_ACTS:
        quotes, acts = quotes_module.find_speech_in_tokens(text, sentences, entities=spans)
    else:  # code before speech acts: its analysis ran the finder without entities
        quotes, acts = quotes_module.find_quotes_in_tokens(text, sentences), []
    return quotes, acts, (t1 - t0) + (time.perf_counter() - t2)


def _modern(errors: bool) -> dict[str, dict[str, object]]:
    """The modern-news set, tune and held-out parts side by side."""
    from quotes_modern import evaluate, load

    figures = evaluate(load(), lambda text: speech(text)[0], errors=errors)
    rows = [
        ("articles", "articles", "{}"),
        ("outlets", "outlets", "{}"),
        ("gold quotations", "gold_quotes", "{}"),
        ("system quotes", "system_quotes", "{}"),
        ("found %", "found_pct", "{:.1f}"),
        ("right speaker % (target 80)", "right_speaker_pct", "{:.1f}"),
        ("named speaker right %", "named_speaker_right_pct", "{:.1f}"),
        ("type right % of found", "type_right_pct_of_found", "{:.1f}"),
        ("real speech % (target 90)", "real_speech_pct", "{:.1f}"),
        ("shown direct, not direct", "shown_direct_not_direct", "{}"),
    ]
    parts = [p for p in ("tune", "heldout", "all") if p in figures]
    print()
    print("Modern news (bench/data/quotes_modern.jsonl; rules tuned on 'tune' only)")
    print(f"{'':<30}" + "".join(f"{p:>10}" for p in parts))
    for label, key, fmt in rows:
        print(f"{label:<30}" + "".join(f"{fmt.format(figures[p][key]):>10}" for p in parts))
    return figures


def _show(doc: dict[str, object], quotes: list[Quote]) -> None:
    print("=" * 100)
    print(doc["documentName"])
    anns = doc["annotations"]
    assert isinstance(anns, list)
    for a in anns:
        print(
            "  GOLD",
            a["type"][:8],
            "|",
            a["quote"]["text"][:90],
            "|",
            (a.get("speaker") or {}).get("text"),
            "|",
            (a.get("cue") or {}).get("text"),
        )
    for q in quotes:
        print(
            "  SYS ",
            q.type[:8],
            "|",
            q.quote.text[:90],
            "|",
            q.speaker.text if q.speaker else None,
            "|",
            q.cue.text if q.cue else None,
            "|",
            q.speaker_name,
            "/",
            q.speaker_role,
        )


if __name__ == "__main__":
    main()
