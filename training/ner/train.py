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
5. Stage 1 (pretraining): write spaCy DocBins of the out-of-domain corpora alone (Europeana, HIPE
   dev, MobIE, LER: :data:`PRETRAIN_MIX`) to ``<out>/pretrain/corpus/`` and train ``config.cfg``
   for :data:`PRETRAIN_STEPS` (``--pretrained DIR`` reuses such a model instead).
6. Stage 2: write DocBins to ``<out>/corpus/`` (GermEval test + the tuning half, with
   mention-replaced copies, + SmartData) and go on training stage 1's weights for
   :data:`FINETUNE_STEPS`, on one thread with a fixed seed; the step counts were chosen in
   ``--tune-only`` runs that hold the tuning half out (README, runs 33-34).
7. Copy the last step into the package, keeping the credits (``LICENSE``/``README.md``).

The module is importable (``bench/ner.py`` loads it for :func:`read_germeval` and :func:`dev_half`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILD_DIR = REPO / "build" / "ner"
CONFIG_PATH = Path(__file__).with_name("config.cfg")
MODEL_DIR = REPO / "src" / "pressespiegel" / "analyze" / "models" / "ner_de"
for _path in (REPO / "src", Path(__file__).parent):  # the package (lexicon component), corpora.py
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from corpora import (  # noqa: E402 - after the path setup above
    EXTRA_CORPORA,
    GERMEVAL_DIR,
    LABELS,
    Sentence,
    dev_half,
    read_germeval,
    read_smartdata,
    share,
    smartdata_split,
)

__all__ = ["LABELS", "Sentence", "build_corpora", "dev_half", "read_germeval", "replace_mentions"]

# Mention-replaced copies of each GermEval training sentence. One copy (with the English frequency
# feature added at the same time) lifted tuning F1 from 61.8 to 64.1; two copies with the cheaper
# encoder (maxout 2) reached 63.4, within noise of that, and the pair ships for speed. See README.
AUGMENT_COPIES = 2
AUGMENT_SEED = 0
# Out-of-domain corpora (corpora.EXTRA_CORPORA) mixed into the in-domain stage, with weights (whole
# copies plus a share of their documents): none in the shipped recipe; mixing them in did not help
# (README, runs 30, 37), pretraining on them did.
DEFAULT_MIX: dict[str, float] = {}
# The shipped recipe trains in two stages (README, runs 33-34): first on the out-of-domain corpora
# alone for PRETRAIN_STEPS (where the tuning-half F1 of that stage peaked), then on GermEval +
# SmartData from those weights for FINETUNE_STEPS (where the --tune-only fine-tuning runs peaked).
PRETRAIN_MIX: dict[str, float] = {"europeana": 1, "hipe": 1, "mobie": 1, "ler": 1}
PRETRAIN_STEPS = 3000
FINETUNE_STEPS = 1250
# The extra corpora that annotate OTH-like names (HIPE's HumanProd); the others do not (--oth-model).
OTH_CORPORA = frozenset({"hipe"})


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


def weighted(sentences: list[Sentence], weight: float) -> list[Sentence]:
    """A corpus at a domain weight: ``int(weight)`` whole copies plus that fraction of its documents
    (by :func:`corpora.share`, so the same documents every run)."""
    whole, fraction = int(weight), weight - int(weight)
    return sentences * whole + [s for s in sentences if share(s.source) < fraction]


def unknown_oth(sentences: list[Sentence], model: Path) -> list[Sentence]:
    """The sentences with every span ``model`` labels OTH, and the corpus left unlabeled, marked
    missing: Europeana, MobIE and LER annotate no titles, products or events, so their O on
    "Tatort" or "iPhone" is not evidence that these are not names."""
    from dataclasses import replace

    from spacy.tokens import Doc

    from pressespiegel.analyze.entities import annotate, load_model

    nlp = load_model(model)
    import pressespiegel.analyze.entities as entities

    entities._nlp = lambda: nlp  # type: ignore[assignment]  # annotate() runs this pipeline
    marked = []
    for sentence in sentences:
        doc = annotate(Doc(nlp.vocab, words=sentence.words))
        taken = [(s, e) for s, e, _ in sentence.spans] + sentence.missing
        extra = [
            (ent.start, ent.end)
            for ent in doc.ents
            if ent.label_ == "OTH" and not any(s < ent.end and ent.start < e for s, e in taken)
        ]
        marked.append(replace(sentence, missing=sentence.missing + extra) if extra else sentence)
    return marked


def parse_mix(text: str) -> dict[str, float]:
    """``"europeana=1,hipe=0.5"`` → {"europeana": 1.0, "hipe": 0.5}; names from EXTRA_CORPORA."""
    mix: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, value = item.partition("=")
        if name not in EXTRA_CORPORA:
            raise SystemExit(
                f"train.py: unknown corpus {name!r} in --mix (known: {', '.join(EXTRA_CORPORA)})"
            )
        mix[name] = float(value or 1)
    return mix


def build_corpora(
    out_dir: Path,
    *,
    include_tune: bool = False,
    mix: dict[str, float] | None = None,
    in_domain: bool = True,
    oth_model: Path | None = None,
) -> dict[str, int]:
    """Write train/tune DocBins; return counts for the log.

    ``include_tune`` adds the tuning half to the training data (the final run, after the number of
    steps was chosen on it); the held-out half is never read here, nor are SmartData's held-out
    news/RSS documents or HIPE's test files. ``mix`` adds out-of-domain corpora at their weights;
    ``in_domain=False`` leaves GermEval and SmartData out of the training data (the first stage of a
    pretrain-then-fine-tune run). ``oth_model`` marks OTH-like spans of the corpora that do not
    annotate OTH as missing (:func:`unknown_oth`).
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
    labeled = [s for s in labeled if share(s.source) < fraction]
    train_sents = labeled + replace_mentions(labeled, copies, seed=AUGMENT_SEED) if in_domain else []
    counts = {"germeval_train": len(train_sents)}
    for name, weight in (mix or {}).items():
        extra = weighted(EXTRA_CORPORA[name](), weight)
        if oth_model is not None and name not in OTH_CORPORA:
            extra = unknown_oth(extra, oth_model)
        counts[name] = len(extra)
        train_sents += extra

    def to_doc(sentence: Sentence) -> Doc:
        doc = Doc(nlp.vocab, words=sentence.words)
        doc.set_ents(
            [Span(doc, s, e, label=label) for s, e, label in sentence.spans],
            missing=[Span(doc, s, e) for s, e in sentence.missing],
            default="outside",
        )
        return doc

    train_bin = DocBin(store_user_data=False)
    for sentence in train_sents:
        train_bin.add(to_doc(sentence))
    n_smart = 0
    if in_domain and not os.environ.get("NER_NO_SMARTDATA"):
        for document in read_smartdata():
            if smartdata_split(document) != "train" or share(document.text) >= fraction:
                continue  # the held-out news/RSS documents are bench/ner.py's out-of-domain test
            doc = nlp.make_doc(document.text)
            ents = []
            for start, end, label in document.spans:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    ents.append(span)
            doc.ents = filter_spans(ents)
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
    return {**counts, "smartdata_docs": n_smart, "silver": n_silver, "tune": len(tune)}


def sourced_config(config: Path, model: Path, out: Path) -> Path:
    """A copy of ``config`` whose tok2vec and NER start from ``model``'s weights (fine-tuning order:
    train on one mix first, then go on training on another)."""
    from spacy.util import load_config

    cfg = load_config(config)
    for name in ("tok2vec", "ner"):
        cfg["components"][name] = {"source": str(model.resolve())}
    out.parent.mkdir(parents=True, exist_ok=True)
    cfg.to_disk(out)
    return out


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


def record_training(model_dir: Path, record: dict[str, object]) -> None:
    """Write the data mix and settings into the model's meta.json (``bench/ner.py`` prints them)."""
    meta_path = model_dir / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["pressespiegel_training"] = record
        meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


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
    parser.add_argument("--blas", action="store_true", help=argparse.SUPPRESS)  # the default now
    parser.add_argument(
        "--blis",
        action="store_true",
        help="experiment: thinc's own BLIS matrix products, with which the models up to run 28 were "
        "trained; by default training multiplies through numpy's OpenBLAS (analyze/blas.py) as the "
        "shipped model's did, ~1.5x faster",
    )
    parser.add_argument(
        "--mix",
        default=None,
        help="experiment: out-of-domain corpora and their weights, e.g. 'europeana=1,hipe=0.5,ler=0.25' "
        f"(copies plus a share of documents; default: the shipped mix {DEFAULT_MIX or 'none'})",
    )
    parser.add_argument(
        "--no-in-domain",
        action="store_true",
        help="experiment: train on the --mix corpora alone (first stage of pretrain-then-fine-tune)",
    )
    parser.add_argument(
        "--oth-model",
        type=Path,
        default=None,
        help="experiment: spans this model labels OTH become missing in --mix corpora that annotate no OTH",
    )
    parser.add_argument(
        "--init-from",
        type=Path,
        default=None,
        help="experiment: start tok2vec and NER from this trained pipeline (second, fine-tuning stage)",
    )
    parser.add_argument(
        "--pretrained",
        type=Path,
        default=None,
        help="reuse this first-stage model instead of training it (the second stage starts from it)",
    )
    parser.add_argument(
        "--no-pretrain",
        action="store_true",
        help="experiment: one stage on the in-domain data (the recipe up to run 28)",
    )
    args = parser.parse_args(argv)
    overrides: dict[str, object] = {}
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value) if value[:1] in '[{0123456789-tfn"' else value
    if not args.blis:  # the shipped model was trained through OpenBLAS (runs 24-)
        from pressespiegel.analyze.blas import CALLBACK

        overrides["nlp.after_pipeline_creation"] = {"@callbacks": CALLBACK}

    from pressespiegel.analyze.subwords import MODEL_PACKAGE, TABLE_PATH

    table = REPO.joinpath("src", *MODEL_PACKAGE.split("."), *TABLE_PATH)
    if not table.exists():  # the pretrained vectors the embedding layer reads
        subprocess.run([sys.executable, str(Path(__file__).with_name("subwords.py"))], check=True)

    if args.pretrained is not None and (args.no_pretrain or args.no_in_domain or args.init_from):
        parser.error("--pretrained is the first stage of the default recipe; drop --no-pretrain, "
                     "--no-in-domain and --init-from")  # fmt: skip
    if args.pretrained is not None and not (args.pretrained / "meta.json").is_file():
        parser.error(f"{args.pretrained}: not a trained spaCy pipeline (no meta.json)")
    init_from = args.init_from
    two_stage = not (args.no_pretrain or args.no_in_domain or init_from is not None)
    if two_stage and args.pretrained is not None:
        init_from = args.pretrained
    elif two_stage:  # stage 1 of the shipped recipe: the out-of-domain corpora alone, fixed steps
        stage = {**overrides, "training.max_steps": PRETRAIN_STEPS}
        stage.pop("training.patience", None)
        run_stage(
            args.out / "pretrain",
            stage,
            args.config,
            mix=PRETRAIN_MIX,
            in_domain=False,
            tune_only=True,
            oth_model=args.oth_model,
        )
        init_from = args.out / "pretrain" / "model-last"
    mix = DEFAULT_MIX if args.mix is None else parse_mix(args.mix)
    if two_stage and "training.max_steps" not in overrides:
        overrides["training.max_steps"] = FINETUNE_STEPS
    run_stage(
        args.out, overrides, args.config, mix=mix, in_domain=not args.no_in_domain, tune_only=args.tune_only,
        oth_model=args.oth_model, init_from=init_from,
    )  # fmt: skip
    if not args.no_ship:
        # The final run trains on the tuning half too, so its scores on that half mean nothing:
        # it ships the last step (the step count that peaked in the --tune-only runs).
        ship(args.out / ("model-best" if args.tune_only else "model-last"))
    return 0


def run_stage(
    out: Path,
    overrides: dict[str, object],
    config: Path,
    *,
    mix: dict[str, float],
    in_domain: bool,
    tune_only: bool,
    oth_model: Path | None = None,
    init_from: Path | None = None,
) -> None:
    """Build the corpora of one training stage, train it and record what it trained on."""
    started = time.monotonic()
    counts = build_corpora(
        out / "corpus", include_tune=not tune_only, mix=mix, in_domain=in_domain, oth_model=oth_model
    )
    print(f"corpora: {counts}", file=sys.stderr)
    if init_from is not None:
        config = sourced_config(config, init_from, out / "config.sourced.cfg")
    train(out, overrides, config)
    print(f"training took {time.monotonic() - started:.0f} s", file=sys.stderr)
    record = {
        "mix": mix,
        "in_domain": in_domain,
        "tune_half_in_training": not tune_only,
        "init_from": str(init_from) if init_from else None,
        "oth_model": str(oth_model) if oth_model else None,
        "overrides": overrides,
        "counts": counts,
    }
    if init_from is not None:  # what the first stage trained on
        first = json.loads((init_from / "meta.json").read_text(encoding="utf-8")).get(
            "pressespiegel_training"
        )
        record["first_stage"] = first
    for name in ("model-best", "model-last"):
        record_training(out / name, record)


if __name__ == "__main__":
    # One thread: the machine's other core belongs to other work, and it keeps runs reproducible.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    raise SystemExit(main())
