"""Benchmark the shipped German NER model on held-out GermEval 2014 sentences.

Run from the repository root: ``.venv/bin/python bench/ner.py``

1. Read GermEval 2014 dev from ``../shared`` and keep the held-out half (split by source document,
   see ``training/ner/train.py:dev_half``; the model neither trained nor tuned on it).
2. Score outer spans on the gold tokens, 4 classes (PER, ORG, LOC, OTH; ``*deriv``/``*part`` dropped):
   precision, recall and F1 per label and micro-averaged, exact span and label match.
3. Out-of-domain tests nobody tuned on (``training/ner/corpora.py``): SmartData's held-out news and
   RSS documents (218 modern German news texts, run as raw text through ``find_entities_many``,
   scored by exact character span), and the HIPE-2022 German test files (historical newspapers,
   gold tokens). Both annotate PER, ORG and LOC only: the model's OTH spans are left out there.
4. Time ``find_entities_many`` on the held-out sentences as raw text, joined into article-sized
   texts (tokenizer included), one thread, in CPU seconds of this process, median of
   :data:`SPEED_RUNS` runs.
5. Print a table with the training data mix of the model and write ``bench/results/ner.json``.
"""

from __future__ import annotations

import os

# One core, as in production workers and as the tokens/s claim says; set before numpy loads.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402 - after the thread settings above
import importlib.util  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402
from types import ModuleType  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
RESULTS = REPO / "bench" / "results" / "ner.json"
SPEED_RUNS = 3
# The classes the out-of-domain corpora annotate (neither has GermEval's OTH).
OOD_LABELS = ("PER", "ORG", "LOC")
# Sentences joined per timed text: about 400 tokens, the length of a news article, which is what
# the product feeds in. One-sentence texts measure per-call overhead instead.
SENTENCES_PER_TEXT = 20

sys.path.insert(0, str(REPO / "src"))

from pressespiegel.analyze import entities  # noqa: E402


def _training_module() -> ModuleType:
    """``training/ner/train.py``, for the corpus reader and the dev split it trained with."""
    spec = importlib.util.spec_from_file_location("ner_train", REPO / "training" / "ner" / "train.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("training/ner/train.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2)}


def evaluate(sentences: list[Any], labels: tuple[str, ...] = entities.LABELS) -> dict[str, dict[str, float]]:
    """Exact-match span scores per label and overall (micro) on gold tokens, over ``labels``."""
    from spacy.tokens import Doc

    nlp = entities._nlp()
    pairs = []
    for sentence in sentences:
        doc = entities.annotate(Doc(nlp.vocab, words=sentence.words))
        pairs.append((set(sentence.spans), {(ent.start, ent.end, ent.label_) for ent in doc.ents}))
    return score(pairs, labels)


def score(
    pairs: list[tuple[set[tuple[int, int, str]], set[tuple[int, int, str]]]], labels: tuple[str, ...]
) -> dict[str, dict[str, float]]:
    """Micro P/R/F1 per label and overall of (gold, predicted) span sets; other labels ignored."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for gold_all, pred_all in pairs:
        gold = {g for g in gold_all if g[2] in labels}
        pred = {p for p in pred_all if p[2] in labels}
        for *_, label in gold:
            n_gold[label] += 1
        for *_, label in pred:
            n_pred[label] += 1
        for *_, label in gold & pred:
            tp[label] += 1
    scores = {label: _prf(tp[label], n_pred[label], n_gold[label]) for label in labels}
    scores["overall"] = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    for label in [*labels, "overall"]:
        scores[label]["support"] = n_gold[label] if label != "overall" else sum(n_gold.values())
    return scores


def smartdata_news(corpora: ModuleType) -> dict[str, dict[str, float]]:
    """SmartData's held-out news and RSS documents as raw text (the product's path), exact
    character spans, PER/ORG/LOC."""
    documents = [d for d in corpora.read_smartdata() if corpora.smartdata_split(d) == "heldout"]
    predicted = entities.find_entities_many(d.text for d in documents)
    pairs = [
        (set(d.spans), {(e.start, e.end, e.label) for e in found})
        for d, found in zip(documents, predicted, strict=True)
    ]
    return score(pairs, OOD_LABELS)


def data_mix(model: Path | None) -> dict[str, Any]:
    """What the model was trained on, as train.py recorded it in the model's meta.json."""
    folder = model or REPO / "src" / "pressespiegel" / "analyze" / "models" / "ner_de"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    mix: dict[str, Any] = meta.get("pressespiegel_training", {})
    return mix


def speed(texts: list[str]) -> tuple[float, int]:
    """Median tokens/s of find_entities_many over ``texts`` (after one warm-up run)."""
    nlp = entities._nlp()
    n_tokens = sum(len(nlp.make_doc(text)) for text in texts)
    list(entities.find_entities_many(texts[:200]))  # warm-up: model load, lexicon caches
    timings = []
    for _ in range(SPEED_RUNS):
        # CPU time of this (single-threaded) process: on a shared machine wall time mostly measures
        # the neighbours' load, CPU seconds measure what one core of our own can do.
        started = time.process_time()
        for _result in entities.find_entities_many(texts):
            pass
        timings.append(time.process_time() - started)
    return n_tokens / statistics.median(timings), n_tokens


def model_size_mb() -> float:
    """Disk size of what the NER needs: the spaCy pipeline and the subword vector table."""
    models = REPO / "src" / "pressespiegel" / "analyze" / "models"
    files = [p for name in ("ner_de", "subwords") for p in (models / name).rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model", type=Path, help="a trained pipeline folder instead of the shipped one")
    parser.add_argument("--no-save", action="store_true", help="print only; leave bench/results alone")
    args = parser.parse_args(argv)
    if args.model is not None:
        model = entities.load_model(args.model)
        entities._nlp = lambda: model  # type: ignore[assignment]  # bench only: swap the pipeline
    train = _training_module()
    corpora = sys.modules["corpora"]
    dev = train.read_germeval(SHARED / "data" / "ner" / "germeval2014" / "NER-de-dev.tsv")
    heldout = [s for s in dev if train.dev_half(s) == "heldout"]
    scores = evaluate(heldout)
    ood = {
        "smartdata_news_rss_heldout": smartdata_news(corpora),
        "hipe2022_test": evaluate(
            [s for p in corpora.HIPE_TEST_FILES for s in corpora.read_hipe(p)], OOD_LABELS
        ),
    }
    sentences = [" ".join(s.words) for s in heldout]
    texts = [
        " ".join(sentences[i : i + SENTENCES_PER_TEXT]) for i in range(0, len(sentences), SENTENCES_PER_TEXT)
    ]
    tokens_per_s, n_tokens = speed(texts)

    print(f"GermEval 2014 dev, held-out half: {len(heldout)} sentences, outer spans, 4 classes")
    print(f"{'label':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for label, row in scores.items():
        print(
            f"{label:8} {row['precision']:6.2f} {row['recall']:6.2f} {row['f1']:6.2f} {row['support']:6.0f}"
        )
    for name, table in ood.items():
        row = table["overall"]
        per = "  ".join(f"{label} {table[label]['f1']:.1f}" for label in OOD_LABELS)
        prf = f"P {row['precision']:.2f} R {row['recall']:.2f} F1 {row['f1']:.2f}"
        print(f"out of domain, {name}: {prf} ({per})")
    mix = data_mix(args.model)
    print(
        f"data mix: {json.dumps(mix, ensure_ascii=False) if mix else 'not recorded (trained before --mix)'}"
    )
    print(f"speed: {tokens_per_s:,.0f} tokens per CPU second, one thread", end=" ")
    print(f"({n_tokens} tokens, median of {SPEED_RUNS})")
    size = model_size_mb()
    print(f"model size: {size} MB")

    if args.no_save:
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "data": "GermEval 2014 dev, held-out half by source document (training/ner/train.py:dev_half)",
        "labels": "outer spans; PER ORG LOC OTH; *deriv and *part dropped",
        "sentences": len(heldout),
        "scores": scores,
        "out_of_domain": ood,
        "data_mix": mix,
        "tokens_per_s_one_thread": round(tokens_per_s),
        "speed_tokens": n_tokens,
        "speed_note": (
            f"CPU seconds of one thread, texts of {SENTENCES_PER_TEXT} sentences, median of {SPEED_RUNS}"
        ),
        "model_size_mb": size,
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
