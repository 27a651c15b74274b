"""Contradictions on real multi-outlet stories, through the whole product path.

Data: ``bench/data/contradictions_real.jsonl``, one story per line: its articles (seeds of the
bundled sample, news excerpts of the SmartData corpus in ``../shared``, CC BY 4.0) and, labeled by
hand, every *claim* the story's sources take opposite positions on: each statement of a claim
with its stance (``+`` asserts it, ``-`` denies it or leaves it unconfirmed) and the side it speaks
for. A pair of statements is a true contradiction when both belong to one claim with opposite
stances; its right kind is ``development`` when both speak for the same side, else a dispute.
Labels were written by reading the articles, before the detector's output on them was looked at.

Usage:  .venv/bin/python bench/contradictions_real.py [--show] [--src DIR]
(``bench/contradictions.py`` runs it too and records it). ``--src DIR`` measures another checkout's
``src`` (the code before a change: ``git archive main src | tar -x -C /tmp/before``, then
``--src /tmp/before/src``) and writes ``bench/results/contradictions_before.json``.

The benchmark analyses the articles as ingest does (quotes and speech acts with the entity model),
runs :func:`pressespiegel.report.digest.contradictions_of` over each story (what the story page and
the review show) and judges every returned pair: precision = true / returned; recall = labeled
claims with at least one true pair returned / labeled claims (the display shows one pair per pair
of voices, so pair recall would measure the cap, not the detector); kind accuracy on true pairs.
"""

from __future__ import annotations

import bisect
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_SRC = sys.argv[sys.argv.index("--src") + 1] if __name__ == "__main__" and "--src" in sys.argv[:-1] else None
sys.path.insert(0, str(Path(_SRC).resolve() if _SRC else ROOT / "src"))

from pressespiegel.analyze import analyze_articles  # noqa: E402
from pressespiegel.clean.article import make_article  # noqa: E402
from pressespiegel.clean.normalize import normalize_chars  # noqa: E402
from pressespiegel.records import Article, Paragraph, PublicationDate, RawDocument  # noqa: E402
from pressespiegel.report.digest import contradictions_of  # noqa: E402
from pressespiegel.stories.members import Member  # noqa: E402
from quotes_modern import SMARTDATA, smartdata_texts  # noqa: E402  (after the package: --src)

DATA = ROOT / "bench" / "data" / "contradictions_real.jsonl"
SEEDS = ROOT / "src" / "pressespiegel" / "data" / "sample" / "seeds"


@dataclass
class Labeled:
    claim: str
    stance: str
    side: str
    article: str  # article id
    start: int
    end: int


def _article(ref: str, outlet: str, published: str, raw: dict[str, str]) -> tuple[Article, str]:
    """(article, the raw text its labels' spans refer to)."""
    kind, _, name = ref.partition(":")
    date = PublicationDate(value=published, method="bench", reliable=True)
    if kind == "seed":
        text = (SEEDS / name).read_text(encoding="utf-8")
        art = make_article(RawDocument(source=name, text=text, outlet=outlet, published=published))
        return Article(**{**_fields(art), "published": date, "outlet": outlet}), art.text
    text = normalize_chars(raw[name])
    paragraphs = tuple(Paragraph(text=" ".join(line.split())) for line in text.split("\n") if line.strip())
    art = Article(id=f"sd{abs(hash(name)) % 10**12}", source=name, outlet=outlet, paragraphs=paragraphs,
                  published=date, language="de")  # fmt: skip
    return art, text


def _fields(art: Article) -> dict[str, Any]:
    return {f: getattr(art, f) for f in Article.__dataclass_fields__}


def _locate(article: Article, raw_text: str, st: dict[str, Any]) -> tuple[int, int]:
    """A labeled statement's span in the article's clean text."""
    if "anchor" in st:
        piece = st["anchor"]
    else:
        s, e = st["span"]
        piece = " ".join(raw_text[s:e].split())
    text = article.text
    k = text.find(piece)
    if k < 0:
        k = text.find(piece[:40])
    if k < 0:
        raise SystemExit(f"{article.source}: labeled statement not found: {piece[:60]!r}")
    return k, k + len(piece)


def _sentence_index(article: Article, pos: int) -> int:
    spans = (article.analysis or {}).get("sentences") or []
    starts = [s for s, _ in spans]
    return max(0, bisect.bisect_right(starts, pos) - 1)


def evaluate(show: bool = False) -> dict[str, Any]:
    stories = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    if not SMARTDATA.exists():
        sys.exit(f"missing {SMARTDATA} (../shared beside the checkout)")
    raw = smartdata_texts(
        {
            a["ref"].partition(":")[2]
            for s in stories
            for a in s["articles"]
            if a["ref"].startswith("smartdata:")
        }
    )
    returned = true = kind_ok = 0
    claims = found_claims = 0
    lines: list[str] = []
    for story in stories:
        built = [_article(a["ref"], a["outlet"], a["published"], raw) for a in story["articles"]]
        articles = analyze_articles([a for a, _ in built])
        by_ref = {
            a["ref"]: (art, text)
            for a, art, (_, text) in zip(story["articles"], articles, built, strict=True)
        }
        by_id = {art.id: art for art in articles}
        labeled: list[Labeled] = []
        for claim in story["claims"]:
            claims += 1
            for st in claim["statements"]:
                art, text = by_ref[st["article"]]
                s, e = _locate(art, text, st)
                labeled.append(Labeled(claim["id"], st["stance"], st["side"], art.id, s, e))
        members = [Member(article=a, origin=a.id) for a in articles]
        found = contradictions_of(members)
        hit_claims: set[str] = set()
        for c in found:
            returned += 1
            matches = []
            for side in (c["a"], c["b"]):
                art = by_id[side["article"]]
                pos = art.text.find(side["text"])
                if pos < 0:  # a quote of several spans ("Dort machen die Truppen … am Tag")
                    pos = art.text.find(side["text"][:25])
                sent = _sentence_index(art, pos)
                matches.append(
                    [
                        x
                        for x in labeled
                        if x.article == art.id
                        and _sentence_index(art, x.start)
                        <= sent
                        <= _sentence_index(art, max(x.start, x.end - 1))
                    ]
                )
            pairs = [
                (x, y) for x in matches[0] for y in matches[1] if x.claim == y.claim and x.stance != y.stance
            ]
            ok = bool(pairs)
            true += ok
            kind_right = False
            if ok:
                x, y = pairs[0]
                kind_right = (c["kind"] == "development") == (x.side == y.side)
                kind_ok += kind_right
                hit_claims.add(x.claim)
            verdict = ("TRUE " if ok else "FALSE") + ("" if kind_right or not ok else " (kind?)")
            a, b, label = c["a"], c["b"], c.get("label", c["kind"])
            lines.append(
                f"{verdict} {story['story']:<26} [{label}] {a['speaker']}: {a['text'][:60]!r} "
                f"<> {b['speaker']}: {b['text'][:60]!r}"
            )
        found_claims += len(hit_claims)
    result = {
        "stories": len(stories),
        "articles": sum(len(s["articles"]) for s in stories),
        "outlets": len({a["outlet"] for s in stories for a in s["articles"]}),
        "labeled_claims": claims,
        "returned": returned,
        "true": true,
        "precision": round(true / returned, 3) if returned else 0.0,
        "claims_found": found_claims,
        "recall_claims": round(found_claims / claims, 3) if claims else 0.0,
        "kind_accuracy": round(kind_ok / true, 3) if true else 0.0,
    }
    if show:
        for line in lines:
            print("  " + line)
    return result


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="print every returned pair with its verdict")
    ap.add_argument("--src", metavar="DIR", help="measure the package under DIR instead of ./src")
    args = ap.parse_args()
    result = evaluate(show=args.show)
    print(json.dumps(result, ensure_ascii=False))
    if args.src:
        out = ROOT / "bench" / "results" / "contradictions_before.json"
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
