"""Real pages (issue 12): HTML body F1 beside plain trafilatura, bylines, agency credits, dates.

Data (nothing here ships; pages are the publishers' content, read from ../shared):
- ``../shared/data/pages/fundus``: 165 pages with the body, authors and date fundus' per-site
  parsers extract. Split by outlet (md5 of the publisher name): the *tune* half is what rules and
  constants were looked at on, the *eval* half is reported apart.
- the five seeds as bare text (their sidecar dates as truth);
- Wikinews dev texts (CC BY-NC-SA, evaluation only) with the publication date removed from the text.

Figures:
- body P/R/F1 (bag of words; CJK characters as tokens), ours vs ``trafilatura.extract`` with its
  default settings and with ``favor_recall``, in the same run;
- authors: precision/recall of person names against fundus' authors that are persons
  (gold names that are agencies or outlets/desks are not counted as authors), beside the names
  trafilatura's own metadata gives;
- agency credit recall: agencies fundus credits as authors ("SID", "Associated Press", …) and the
  seeds' agencies, found in ``Article.agencies``;
- date estimates (method ``content``, dates the page states removed): coverage and accuracy at
  the precision given.

    .venv/bin/python bench/real_pages.py      # prints figures, writes bench/results/real_pages.json
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pressespiegel.clean import make_article
from pressespiegel.clean.bylines import is_person, person_name, split_names
from pressespiegel.clean.credits import agency
from pressespiegel.clean.dating import estimate_date
from pressespiegel.errors import SourceError
from pressespiegel.records import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FUNDUS = SHARED / "data" / "pages" / "fundus"
SEEDS = ROOT / "src" / "pressespiegel" / "data" / "sample" / "seeds"
WIKINEWS = SHARED / "data" / "quotes" / "wikinews2024" / "dev.jsonl"
RESULTS = ROOT / "bench" / "results" / "real_pages.json"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def tokens(text: str) -> Counter[str]:
    out: list[str] = []
    for word in re.findall(r"\w+", text.lower()):
        out.extend(word) if _CJK.search(word) else out.append(word)
    return Counter(out)


def prf(got: str, want: str) -> tuple[float, float, float]:
    g, w = tokens(got), tokens(want)
    hit = sum((g & w).values())
    p, r = hit / max(1, sum(g.values())), hit / max(1, sum(w.values()))
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def half(publisher: str) -> str:
    return "tune" if int(hashlib.md5(publisher.encode()).hexdigest(), 16) % 2 == 0 else "eval"


def _key(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())


def fundus() -> dict[str, Any]:
    import trafilatura

    gold = [json.loads(line) for line in (FUNDUS / "gold.jsonl").read_text().splitlines()]
    rows: dict[str, list[dict[str, Any]]] = {"tune": [], "eval": []}
    for g in gold:
        html = (FUNDUS / "pages" / g["file"]).read_text(encoding="utf-8", errors="replace")
        try:
            article = make_article(RawDocument(source=g["file"], html=html))
            ours, authors, agencies = article.text, article.authors, article.agencies
        except SourceError:
            ours, authors, agencies = "", (), ()
        default = trafilatura.extract(html) or ""
        recall = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
        meta = trafilatura.bare_extraction(html, with_metadata=True)
        traf_authors = [n.strip() for n in (getattr(meta, "author", None) or "").split(";") if n.strip()]
        want_people = {_key(person_name(n)) for n in g["authors"] if is_person(n) and not agency(n)}
        want_agencies = {a for n in g["authors"] for part in split_names(n) if (a := agency(part))}
        rows[half(g["publisher"])].append({
            "file": g["file"], "ours": prf(ours, g["body"]), "trafilatura": prf(default, g["body"]),
            "trafilatura_recall": prf(recall, g["body"]),
            "authors": {_key(a) for a in authors}, "traf_authors": {_key(a) for a in traf_authors},
            "want_people": want_people, "agencies": set(agencies), "want_agencies": want_agencies,
        })  # fmt: skip
    out: dict[str, Any] = {}
    for part, items in rows.items():
        body = {
            name: [round(statistics.mean(r[name][k] for r in items), 4) for k in range(3)]
            for name in ("ours", "trafilatura", "trafilatura_recall")
        }

        def pr(got_key: str, items: list[dict[str, Any]] = items) -> list[float]:
            tp = sum(len(r[got_key] & r["want_people"]) for r in items)
            got = sum(len(r[got_key]) for r in items)
            want = sum(len(r["want_people"]) for r in items)
            return [round(tp / max(1, got), 4), round(tp / max(1, want), 4), want]

        found = sum(len(r["agencies"] & r["want_agencies"]) for r in items)
        wanted = sum(len(r["want_agencies"]) for r in items)
        out[part] = {
            "pages": len(items), "body_PRF1": body, "authors_PR_n": pr("authors"),
            "trafilatura_authors_PR_n": pr("traf_authors"),
            "agency_recall": [round(found / max(1, wanted), 4), wanted],
            "no_text": [r["file"] for r in items if r["ours"][2] == 0],
        }  # fmt: skip
    return out


def _hit(estimate: str | None, truth: str) -> bool:
    return bool(estimate) and truth.startswith(estimate)  # right at the precision it claims


def dates() -> dict[str, Any]:
    out: dict[str, Any] = {}
    seeds = []
    for path in sorted(SEEDS.glob("*.txt")):
        truth = json.loads((SEEDS / (path.name + ".meta.json")).read_text())["published"]
        article = make_article(RawDocument(source=path.name, text=path.read_text(encoding="utf-8")))
        value = article.published.value if article.published else None
        seeds.append({"seed": path.name[:3], "truth": truth, "estimate": value,
                      "method": article.published.method if article.published else None})  # fmt: skip
    out["seeds_bare_txt"] = {"dated": sum(1 for s in seeds if s["estimate"]), "of": len(seeds),
                             "right_at_precision": sum(_hit(s["estimate"], s["truth"]) for s in seeds),
                             "rows": seeds}  # fmt: skip
    wiki = []
    for line in WIKINEWS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        m = re.search(r"\((\d{4})-(\d{2})-(\d{2})\)$", doc["documentName"])
        if not m:
            continue
        y, mo, d = m.groups()
        text = doc["originalText"]
        for form in (f"{int(d)}.{int(mo)}.{y}", f"{d}.{mo}.{y}", f"{y}-{mo}-{d}"):
            text = text.replace(form, "")
        estimate = estimate_date(text)
        wiki.append((estimate.value if estimate else None, f"{y}-{mo}-{d}"))
    out["wikinews_dev_dates_stripped"] = _summary(wiki)
    gold = [json.loads(line) for line in (FUNDUS / "gold.jsonl").read_text().splitlines()]
    pages = []
    for g in gold:
        if not g.get("published"):
            continue
        estimate = estimate_date(g["body"])  # the body only: what a bare-text copy of the page keeps
        pages.append((estimate.value if estimate else None, g["published"][:10]))
    out["fundus_body_only"] = _summary(pages)
    return out


def _summary(pairs: list[tuple[str | None, str]]) -> dict[str, Any]:
    dated = [(e, t) for e, t in pairs if e]
    by_precision: dict[str, list[int]] = {}
    for estimate, truth in dated:
        kind = {10: "day", 7: "month", 4: "year"}[len(estimate)]
        by_precision.setdefault(kind, []).append(int(_hit(estimate, truth)))
    return {
        "texts": len(pairs), "dated": len(dated),
        "right_at_precision": round(sum(_hit(e, t) for e, t in dated) / max(1, len(dated)), 4),
        "by_precision": {k: [len(v), round(sum(v) / len(v), 4)] for k, v in sorted(by_precision.items())},
        "year_right": round(sum(t.startswith(e[:4]) for e, t in dated) / max(1, len(dated)), 4),
    }  # fmt: skip


def main() -> None:
    if not FUNDUS.exists():
        sys.exit(f"needs {FUNDUS} (the shared data beside the checkout)")
    results = {"fundus": fundus(), "dates": dates()}
    for part in ("tune", "eval"):
        r = results["fundus"][part]
        print(f"fundus {part} ({r['pages']} pages)")
        for name, (p, rec, f1) in r["body_PRF1"].items():
            print(f"  body {name:20} P {p:.3f}  R {rec:.3f}  F1 {f1:.3f}")
        print(
            f"  authors ours          P {r['authors_PR_n'][0]:.3f}  R {r['authors_PR_n'][1]:.3f}"
            f"  (of {r['authors_PR_n'][2]} person names)"
        )
        print(
            f"  authors trafilatura   P {r['trafilatura_authors_PR_n'][0]:.3f}"
            f"  R {r['trafilatura_authors_PR_n'][1]:.3f}"
        )
        print(f"  agency credit recall  {r['agency_recall'][0]:.3f} (of {r['agency_recall'][1]})")
    d = results["dates"]
    s = d["seeds_bare_txt"]
    print(
        f"seeds as bare .txt: dated {s['dated']}/{s['of']}, "
        f"right at the precision given {s['right_at_precision']}"
    )
    for name in ("wikinews_dev_dates_stripped", "fundus_body_only"):
        x = d[name]
        print(
            f"{name}: dated {x['dated']}/{x['texts']}, right at precision {x['right_at_precision']:.3f}, "
            f"year right {x['year_right']:.3f}, by precision {x['by_precision']}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=sorted) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
