"""The modern-news quotation set: loading its texts and scoring ``find_quotes`` on it.

Data: ``bench/data/quotes_modern.jsonl`` (guideline: ``bench/data/quotes_modern_guideline.md``),
one line per article with its quotations as character spans, speaker, accepted name variants,
type and split (``tune``/``heldout``). The texts themselves are not stored here:

- ``fundus``: the expected body of a German-language page in ``../shared/data/pages/fundus``
  (publishers' content: tests and benchmarks only);
- ``seed``: a seed of the bundled sample (``src/pressespiegel/data/sample/seeds``) after this
  project's cleaning (``clean.make_article``), i.e. the text the product analyses;
- ``smartdata``: a news excerpt of the SmartData corpus in ``../shared/data/ner/smartdata_v1``
  (CC BY 4.0).

The finder sees the text after ``normalize_chars`` (one character for one), as every article is.

Scores (see the guideline): a gold quotation is *found* when system quotes cover at least half of
its characters; *right speaker* when it is found and the system quote covering most of it names
the gold speaker (or an accepted variant; none for an unnamed source); *real speech* is the share
of system quotes with at least half of their characters inside gold (or optional) quotations.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if "pressespiegel" not in sys.modules:  # a caller that chose its src (--src) keeps it
    sys.path.insert(0, str(ROOT / "src"))

from pressespiegel.analyze.quotes import Quote  # noqa: E402
from pressespiegel.clean.normalize import normalize_chars  # noqa: E402

DATA = ROOT / "bench" / "data" / "quotes_modern.jsonl"
SHARED = ROOT.parent / "shared" / "data"
FUNDUS = SHARED / "pages" / "fundus" / "gold.jsonl"
SMARTDATA = SHARED / "ner" / "smartdata_v1" / "train.json.gz"
SEEDS = ROOT / "src" / "pressespiegel" / "data" / "sample" / "seeds"
#: A gold quotation counts as found when system quotes cover this share of its characters.
FOUND_SHARE = 0.5
#: A system quote counts as real speech when this share of it lies inside gold quotations.
SPEECH_SHARE = 0.5
_ARTICLES = re.compile(r"^(der|die|das|des|dem|den|ein|eine|einer|eines)\s+", re.IGNORECASE)
_MARKS = re.compile(r"[„“”\"»«‚‘’']")


@dataclass
class Gold:
    spans: list[tuple[int, int]]
    type: str
    speaker: str | None
    accept: list[str | None]
    optional: bool
    text: list[str] | None = None


@dataclass
class Doc:
    doc: str
    source: str
    outlet: str
    split: str
    text: str
    quotes: list[Gold]


@dataclass
class Tally:
    """Counts over one part of the set."""

    docs: int = 0
    gold: int = 0
    found: int = 0
    right_speaker: int = 0
    named: int = 0  # found quotes whose system quote names a speaker
    named_right: int = 0
    type_right: int = 0
    system: int = 0
    speech: int = 0
    false_direct: int = 0  # system says direct, the text is indirect or reported
    outlets: set[str] = field(default_factory=set)

    def add(self, other: Tally) -> None:
        for name in ("docs", "gold", "found", "right_speaker", "named", "named_right", "type_right",
                     "system", "speech", "false_direct"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.outlets |= other.outlets

    def figures(self) -> dict[str, Any]:
        def pct(a: int, b: int) -> float:
            return round(100 * a / b, 1) if b else 0.0

        return {
            "articles": self.docs,
            "outlets": len(self.outlets),
            "gold_quotes": self.gold,
            "system_quotes": self.system,
            "found_pct": pct(self.found, self.gold),
            "right_speaker_pct": pct(self.right_speaker, self.gold),
            "named_speaker_right_pct": pct(self.named_right, self.named),
            "type_right_pct_of_found": pct(self.type_right, self.found),
            "real_speech_pct": pct(self.speech, self.system),
            "shown_direct_not_direct": self.false_direct,
        }


def _texts_fundus() -> dict[str, str]:
    out = {}
    for line in FUNDUS.open(encoding="utf-8"):
        d = json.loads(line)
        out[d["file"]] = d["body"]
    return out


def smartdata_texts(ids: set[str]) -> dict[str, str]:
    """The texts of the SmartData documents ``ids`` (one pass over the corpus file)."""
    with gzip.open(SMARTDATA, "rt", encoding="utf-8") as f:
        raw = f.read()
    decoder = json.JSONDecoder()
    out: dict[str, str] = {}
    i = 0
    while i < len(raw) and len(out) < len(ids):
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            break
        d, i = decoder.raw_decode(raw, i)
        if d["id"] in ids:
            out[d["id"]] = d["text"]["string"]
    return out


def _text_seed(name: str) -> str:
    from pressespiegel.clean.article import make_article
    from pressespiegel.records import RawDocument

    path = SEEDS / name
    return make_article(RawDocument(source=str(path), text=path.read_text(encoding="utf-8"))).text


def _reanchor(text: str, gold: Gold) -> Gold:
    """Spans of a seed quotation located again by their text (the cleaning may have moved them)."""
    assert gold.text is not None
    spans = []
    pos = 0
    for part in gold.text:
        s = text.find(part, pos)
        if s < 0:
            s = text.find(part)
        if s < 0:
            raise ValueError(f"seed quotation not found after cleaning: {part[:60]!r}")
        spans.append((s, s + len(part)))
        pos = s
    return Gold(spans, gold.type, gold.speaker, gold.accept, gold.optional, gold.text)


def load(path: Path = DATA) -> list[Doc]:
    """The articles of the set with their texts; exits with a message when ../shared is missing."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if not FUNDUS.exists() or not SMARTDATA.exists():
        sys.exit(f"missing {FUNDUS if not FUNDUS.exists() else SMARTDATA} (../shared beside the checkout)")
    fundus = _texts_fundus()
    smart = smartdata_texts({r["id"] for r in rows if r["source"] == "smartdata"})
    docs = []
    for r in rows:
        if r["source"] == "fundus":
            text = fundus[r["file"]]
        elif r["source"] == "smartdata":
            text = smart[r["id"]]
        else:
            text = _text_seed(r["file"])
        golds = [
            Gold(
                [(s, e) for s, e in q["spans"]],
                q["type"],
                q["speaker"],
                q.get("accept", []),
                bool(q.get("optional")),
                q.get("text"),
            )
            for q in r["quotes"]
        ]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != r["text_sha256"]:
            if r["source"] != "seed":
                sys.exit(f"{r['doc']}: text of {r.get('file') or r.get('id')} changed in ../shared")
            golds = [_reanchor(normalize_chars(text), g) for g in golds]
        docs.append(Doc(r["doc"], r["source"], r["outlet"], r["split"], normalize_chars(text), golds))
    return docs


def norm_name(name: str | None) -> str:
    """A speaker name compared case-, article-, mark- and space-insensitively."""
    if not name:
        return ""
    name = _MARKS.sub("", name)
    name = " ".join(name.split())
    return _ARTICLES.sub("", name).casefold()


def _covered(spans: list[tuple[int, int]], other: list[tuple[int, int]]) -> int:
    """Characters of ``spans`` (whitespace not counted) that lie inside ``other``."""
    return sum(max(0, min(e, oe) - max(s, os_)) for s, e in spans for os_, oe in other)


def _chars(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def speaker_right(gold: Gold, name: str | None) -> bool:
    """Whether a system speaker name is the gold speaker (an unnamed gold speaker wants none)."""
    names = {norm_name(gold.speaker)} | {norm_name(a) for a in gold.accept}
    return norm_name(name) in names


def score_doc(doc: Doc, quotes: list[Quote], on_miss: Callable[[str], None] | None = None) -> Tally:
    """Counts for one article; ``on_miss`` receives a line per error (for ``--errors``)."""
    t = Tally(docs=1, outlets={doc.outlet})
    sys_spans = [[(s, e) for s, e in q.quote.spans] for q in quotes]
    for g in doc.quotes:
        if g.optional:
            continue
        t.gold += 1
        size = max(1, _chars(g.spans))
        overlaps = [_covered(g.spans, ss) for ss in sys_spans]
        if sum(overlaps) < FOUND_SHARE * size:
            if on_miss:
                head = doc.text[g.spans[0][0] : g.spans[0][1]][:90]
                on_miss(f"MISS   [{g.type[:3]}] {g.speaker!s:<28} {head!r}")
            continue
        t.found += 1
        best = quotes[max(range(len(quotes)), key=lambda k: overlaps[k])]
        if best.speaker_name:
            t.named += 1
        if speaker_right(g, best.speaker_name):
            t.right_speaker += 1
            t.named_right += bool(best.speaker_name)
        elif on_miss:
            on_miss(f"SPEAKER gold {g.speaker!s:<26} sys {best.speaker_name!s:<26} "
                    f"{doc.text[g.spans[0][0] : g.spans[0][1]][:70]!r}")  # fmt: skip
        if best.type == g.type:
            t.type_right += 1
    all_gold = [sp for g in doc.quotes for sp in g.spans]
    for q, ss in zip(quotes, sys_spans, strict=True):
        t.system += 1
        inside = _covered(ss, all_gold)
        if inside >= SPEECH_SHARE * max(1, _chars(ss)):
            t.speech += 1
            hit = max(doc.quotes, key=lambda g: _covered(ss, g.spans))
            if q.type == "direct" and hit.type != "direct":
                t.false_direct += 1
        elif on_miss:
            on_miss(f"NOT SPEECH [{q.type[:3]}] {q.speaker_name!s:<20} {q.quote.text[:90]!r}")
    return t


def evaluate(
    docs: list[Doc], find: Callable[[str], list[Quote]], errors: bool = False
) -> dict[str, dict[str, Any]]:
    """Figures per split and over all; with ``errors``, the tune part's errors are printed."""
    parts: dict[str, Tally] = {}
    for doc in docs:
        lines: list[str] = []
        show = errors and doc.split == "tune"  # the held-out part is never looked at
        t = score_doc(doc, find(doc.text), lines.append if show else None)
        parts.setdefault(doc.split, Tally()).add(t)
        if lines:
            print(f"--- {doc.doc} {doc.outlet}")
            for line in lines:
                print("  " + line)
    total = Tally()
    for t in parts.values():
        total.add(t)
    return {**{k: v.figures() for k, v in sorted(parts.items(), reverse=True)}, "all": total.figures()}


def iter_texts() -> Iterator[tuple[str, str]]:
    """(doc id, text) of every article, for speed and regression checks."""
    for doc in load():
        yield doc.doc, doc.text
