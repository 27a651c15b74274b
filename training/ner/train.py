"""Train the German NER model shipped as ``pressespiegel/analyze/models/ner_de``.

Run from the repository root::

    .venv/bin/python training/ner/train.py            # prepare data, train, ship
    .venv/bin/python training/ner/train.py --no-ship  # train only (build/ner/model-best)

The steps, in order:

1. Read GermEval 2014 dev + test and DFKI SmartData v1 train (all CC BY 4.0) from ``../shared``.
2. Map the labels to the four product classes PER, ORG, LOC, OTH on outer spans.
   GermEval's ``*deriv`` (``deutsche``) and ``*part`` (``SPD-Chef``) tags are dropped (become O):
   an adjective or a compound that merely contains a name is not a mention we want to count or link.
3. Split GermEval dev by source document into a tuning half and a held-out half
   (:func:`dev_half`, a hash of the source URL: stable, no RNG). The held-out half is only ever read
   by ``bench/ner.py``.
4. Build the subword vector table (``training/ner/subwords.py``) if the package lacks it.
5. Write spaCy DocBins to ``<out>/corpus/`` (GermEval test + the tuning half, with mention-replaced
   copies, + SmartData) and train ``config.cfg`` on one thread with a fixed seed for a fixed number
   of steps, chosen in ``--tune-only`` runs that hold the tuning half out.
6. Copy the last step into the package, keeping the credits (``LICENSE``/``README.md``).

The module is importable (``bench/ner.py`` loads it for :func:`read_germeval` and :func:`dev_half`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
GERMEVAL_DIR = SHARED / "data" / "ner" / "germeval2014"
SMARTDATA_PATH = SHARED / "data" / "ner" / "smartdata_v1" / "train.json.gz"
BUILD_DIR = REPO / "build" / "ner"
CONFIG_PATH = Path(__file__).with_name("config.cfg")
MODEL_DIR = REPO / "src" / "pressespiegel" / "analyze" / "models" / "ner_de"
if str(REPO / "src") not in sys.path:  # the lexicon component lives in the package
    sys.path.insert(0, str(REPO / "src"))

LABELS = ("PER", "ORG", "LOC", "OTH")

# Mention-replaced copies of each GermEval training sentence. One copy (with the English frequency
# feature added at the same time) lifted tuning F1 from 61.8 to 64.1; two copies with the cheaper
# encoder (maxout 2) reached 63.4, within noise of that, and the pair ships for speed. See README.
AUGMENT_COPIES = 2
AUGMENT_SEED = 0

# SmartData's fine-grained types mapped onto GermEval's classes. Routes ("S1", "ICE-Züge") and
# non-entity types (dates, numbers, triggers, positions) are left out.
SMARTDATA_LABELS = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
}
# SmartData tags adjectives ("syrischen") as location; GermEval calls them LOCderiv, which we drop.
DERIV_ENDINGS = ("isch", "ische", "ischen", "ischer", "isches", "ischem")


@dataclass(frozen=True, kw_only=True)
class Sentence:
    """One pre-tokenized sentence with its 4-class outer spans (token offsets, end exclusive)."""

    source: str
    words: list[str]
    spans: list[tuple[int, int, str]]


def map_germeval_label(tag: str) -> str | None:
    """Map a GermEval outer label (``LOC``, ``LOCderiv``, ``ORGpart`` ...) to a product label."""
    return tag if tag in LABELS else None


def read_germeval(path: Path) -> list[Sentence]:
    """Read a GermEval 2014 TSV file into sentences with 4-class outer spans."""
    sentences: list[Sentence] = []
    source = ""
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            sentences.append(Sentence(source=source, words=list(words), spans=bio_to_spans(tags)))
        words.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#\t"):
            flush()
            source = line.split("\t")[1]
            continue
        if not line.strip():
            flush()
            continue
        cols = line.split("\t")
        # U+0096 survives in one dev token (see the corpus README); it is a stray C1 control.
        words.append(cols[1].replace("\x96", "–"))
        tags.append(cols[2])
    flush()
    return sentences


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Turn BIO outer tags into (start, end, label) spans, keeping only the product labels."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and label and tag[2:] == label:
            continue
        if label:
            mapped = map_germeval_label(label)
            if mapped:
                spans.append((start, i, mapped))
        start, label = (i, tag[2:]) if tag != "O" else (-1, "")
    return spans


def dev_half(sentence: Sentence) -> str:
    """Assign a GermEval dev sentence to ``"tune"`` or ``"heldout"`` by its source document."""
    digest = hashlib.sha256(sentence.source.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "heldout"


def _share(key: str) -> float:
    """A stable number in [0, 1) per document, to keep a fixed share of the data."""
    return hashlib.sha256(key.encode("utf-8")).digest()[1] / 256


def read_smartdata(path: Path) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """Yield (text, character spans) per SmartData document, mapped and filtered."""
    raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            return
        doc, pos = decoder.raw_decode(raw, pos)
        text: str = doc["text"]["string"]
        spans: list[tuple[int, int, str]] = []
        for mention in doc["conceptMentions"]["array"]:
            label = SMARTDATA_LABELS.get(mention["type"])
            start, end = mention["span"]["start"], mention["span"]["end"]
            surface = text[start:end]
            if label is None or not surface[:1].isupper():
                continue  # lower-case mentions are roles or adjectives ("französische")
            if label == "LOC" and surface.lower().endswith(DERIV_ENDINGS):
                continue
            spans.append((start, end, label))
        yield text, spans


def replace_mentions(sentences: list[Sentence], copies: int, seed: int) -> list[Sentence]:
    """Copies of the sentences with each mention swapped for a random mention of the same label.

    Mention replacement (Dai & Adel 2020) shows the model the same contexts with other names, which
    helps most when, as here, there are only a few thousand training sentences.
    """
    rng = random.Random(seed)
    pools: dict[str, list[list[str]]] = {label: [] for label in LABELS}
    for sentence in sentences:
        for start, end, label in sentence.spans:
            pools[label].append(sentence.words[start:end])
    augmented: list[Sentence] = []
    for _ in range(copies):
        for sentence in sentences:
            if not sentence.spans:
                continue
            words: list[str] = []
            spans: list[tuple[int, int, str]] = []
            cursor = 0
            for start, end, label in sentence.spans:
                words.extend(sentence.words[cursor:start])
                mention = rng.choice(pools[label])
                spans.append((len(words), len(words) + len(mention), label))
                words.extend(mention)
                cursor = end
            words.extend(sentence.words[cursor:])
            augmented.append(Sentence(source=sentence.source, words=words, spans=spans))
    return augmented


def build_corpora(out_dir: Path, *, include_tune: bool = False) -> dict[str, int]:
    """Write train/tune DocBins; return counts for the log.

    ``include_tune`` adds the tuning half to the training data (the final run, after the
    number of steps was chosen on it); the held-out half is never read here.
    """
    import spacy
    from spacy.tokens import Doc, DocBin, Span
    from spacy.util import filter_spans

    nlp = spacy.blank("de")
    dev = read_germeval(GERMEVAL_DIR / "NER-de-dev.tsv")
    test = read_germeval(GERMEVAL_DIR / "NER-de-test.tsv")
    tune = [s for s in dev if dev_half(s) == "tune"]
    copies = int(os.environ.get("NER_AUGMENT", AUGMENT_COPIES))
    labeled = test + tune if include_tune else test
    # Learning-curve experiments: keep this share of the labeled data (GermEval by source document).
    fraction = float(os.environ.get("NER_FRACTION", "1"))
    labeled = [s for s in labeled if _share(s.source) < fraction]
    train_sents = labeled + replace_mentions(labeled, copies, seed=AUGMENT_SEED)

    def to_doc(sentence: Sentence) -> Doc:
        doc = Doc(nlp.vocab, words=sentence.words)
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in sentence.spans]
        return doc

    train_bin = DocBin(store_user_data=False)
    for sentence in train_sents:
        train_bin.add(to_doc(sentence))
    n_smart = 0
    if not os.environ.get("NER_NO_SMARTDATA"):
        for text, char_spans in read_smartdata(SMARTDATA_PATH):
            doc = nlp.make_doc(text)
            ents = []
            for start, end, label in char_spans:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    ents.append(span)
            doc.ents = filter_spans(ents)
            if _share(text) < fraction:
                train_bin.add(doc)
                n_smart += 1
    n_silver = 0
    if os.environ.get("NER_SILVER"):  # self-training experiment: silver.py's voted labels
        silver = DocBin(store_user_data=False).from_disk(os.environ["NER_SILVER"])
        n_silver = len(silver)
        train_bin.merge(silver)
    tune_bin = DocBin(store_user_data=False)
    for sentence in tune:
        tune_bin.add(to_doc(sentence))
    out_dir.mkdir(parents=True, exist_ok=True)
    train_bin.to_disk(out_dir / "train.spacy")
    tune_bin.to_disk(out_dir / "tune.spacy")
    return {
        "germeval_train": len(train_sents),
        "smartdata_docs": n_smart,
        "silver": n_silver,
        "tune": len(tune),
    }


def train(out_dir: Path, overrides: dict[str, object], config: Path = CONFIG_PATH) -> None:
    """Train with config.cfg; the best model (by F1 on the tuning half) lands in out_dir/model-best."""
    from spacy.cli.train import train as spacy_train

    from pressespiegel.analyze.blas import register_callback
    from pressespiegel.analyze.entities import register_lexicon_component
    from pressespiegel.analyze.subwords import register_architectures

    register_lexicon_component()
    register_architectures()
    register_callback()

    spacy_train(
        config,
        out_dir,
        overrides={
            "paths.train": str(out_dir / "corpus" / "train.spacy"),
            "paths.dev": str(out_dir / "corpus" / "tune.spacy"),
            **overrides,
        },
    )


def ship(model_dir: Path) -> None:
    """Copy the trained pipeline into the package directory, keeping the credit files."""
    keep = {"LICENSE", "README.md"}
    if MODEL_DIR.exists():
        for child in MODEL_DIR.iterdir():
            if child.name in keep:
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    for child in model_dir.iterdir():
        target = MODEL_DIR / child.name
        if child.is_dir():
            shutil.copytree(child, target)
        else:
            shutil.copy2(child, target)
    # The training corpora paths are this machine's; the shipped config should not carry them.
    from spacy.util import load_config

    config = load_config(MODEL_DIR / "config.cfg")
    config["paths"]["train"] = None
    config["paths"]["dev"] = None
    config.to_disk(MODEL_DIR / "config.cfg")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-ship", action="store_true", help="train only, leave the package alone")
    parser.add_argument("--out", type=Path, default=BUILD_DIR / "run", help="training output folder")
    parser.add_argument("--set", action="append", default=[], help="config override key=value")
    parser.add_argument("--config", type=Path, default=CONFIG_PATH, help="experiment: another config")
    parser.add_argument(
        "--tune-only",
        action="store_true",
        help="experiment: train without the tuning half and ship the best checkpoint on it",
    )
    parser.add_argument(
        "--blas",
        action="store_true",
        help="experiment: multiply through numpy's OpenBLAS (analyze/blas.py), ~1.5x faster; the weights "
        "then differ in rounding from the shipped model's, which was trained with thinc's BLIS",
    )
    args = parser.parse_args(argv)

    started = time.monotonic()
    from pressespiegel.analyze.subwords import MODEL_PACKAGE, TABLE_PATH

    table = REPO.joinpath("src", *MODEL_PACKAGE.split("."), *TABLE_PATH)
    if not table.exists():  # the pretrained vectors the embedding layer reads
        subprocess.run([sys.executable, str(Path(__file__).with_name("subwords.py"))], check=True)
    counts = build_corpora(args.out / "corpus", include_tune=not args.tune_only)
    print(f"corpora: {counts}", file=sys.stderr)
    overrides: dict[str, object] = {}
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value) if value[:1] in '[{0123456789-tfn"' else value
    if args.blas:
        from pressespiegel.analyze.blas import CALLBACK

        overrides["nlp.after_pipeline_creation"] = {"@callbacks": CALLBACK}
    train(args.out, overrides, args.config)
    print(f"training took {time.monotonic() - started:.0f} s", file=sys.stderr)
    if not args.no_ship:
        # The final run trains on the tuning half too, so its scores on that half mean nothing:
        # it ships the last step (config: the step count that peaked in the --tune-only runs).
        ship(args.out / ("model-best" if args.tune_only else "model-last"))
    return 0


if __name__ == "__main__":
    # One thread: the machine's other core belongs to other work, and it keeps runs reproducible.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    raise SystemExit(main())
