"""Silver NER labels for permissively licensed unlabeled German text, voted by several models.

Self-training experiment (``training/ner/README.md``): models trained by ``train.py`` label the
sentences of GePaDe (Bundestag speeches, CC BY-SA 4.0) and UD German-GSD dev/test (CC BY-SA 4.0).
A span is kept when at least :data:`MIN_VOTES` of the models predict it with the same label;
tokens inside spans the models disagree on are marked *missing*, so the student learns neither
the span nor "no entity" there. Writes a spaCy DocBin that ``train.py`` adds to its training data
when ``NER_SILVER`` names it.

    .venv/bin/python training/ner/silver.py --out build/ner/silver.spacy MODEL_DIR MODEL_DIR ...
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
GEPADE = SHARED / "quotes" / "gepade"
UD = SHARED / "ud" / "UD_German-GSD"
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

# Votes a span needs: 2 of 3 models is a majority; with fewer models every model must agree.
MIN_VOTES = 2


def gepade_sentences() -> Iterator[list[str]]:
    """Token lists of every GePaDe sentence (all splits: the labels are not used, only the text)."""
    for name in ("trial.jsonl", "train.jsonl", "dev.jsonl", "test_goldcues_only.jsonl"):
        for line in (GEPADE / name).read_text(encoding="utf-8").splitlines():
            for sentence in json.loads(line)["Sentences"]:
                if sentence["Tokens"]:
                    yield sentence["Tokens"]


def ud_sentences() -> Iterator[list[str]]:
    """Token lists of UD German-GSD dev and test (surface words, multiword tokens as written)."""
    for name in ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu"):
        words: list[str] = []
        skip_until = 0
        for line in (UD / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if words:
                    yield words
                words, skip_until = [], 0
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0]:  # multiword token ("zum" = "zu dem"): keep the written form
                words.append(cols[1])
                skip_until = int(cols[0].split("-")[1])
                continue
            if "." in cols[0] or int(cols[0]) <= skip_until:
                continue
            words.append(cols[1])
        if words:
            yield words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("models", nargs="+", type=Path, help="trained pipelines (model-best folders)")
    parser.add_argument("--out", type=Path, required=True, help="DocBin to write")
    args = parser.parse_args(argv)

    from spacy.tokens import Doc, DocBin, Span

    from pressespiegel.analyze.entities import load_model

    nlps = [load_model(path) for path in args.models]
    sentences = [*gepade_sentences(), *ud_sentences()]
    votes_needed = min(MIN_VOTES, len(nlps))
    predictions: list[list[set[tuple[int, int, str]]]] = []
    for nlp in nlps:
        docs = nlp.pipe(Doc(nlp.vocab, words=words) for words in sentences)
        predictions.append([{(e.start, e.end, e.label_) for e in doc.ents} for doc in docs])
    vocab = nlps[0].vocab
    out = DocBin(store_user_data=False)
    counts: collections.Counter[str] = collections.Counter()
    for i, words in enumerate(sentences):
        votes = collections.Counter(span for model in predictions for span in model[i])
        kept = sorted(span for span, n in votes.items() if n >= votes_needed)
        taken = {t for s, e, _ in kept for t in range(s, e)}
        doubtful = {t for (s, e, _), n in votes.items() if n < votes_needed for t in range(s, e)}
        doubtful -= taken
        doc = Doc(vocab, words=words)
        doc.set_ents(
            [Span(doc, s, e, label=label) for s, e, label in kept],
            missing=[doc[t : t + 1] for t in sorted(doubtful)],
            default="outside",
        )
        out.add(doc)
        counts.update(label for _, _, label in kept)
        counts["missing tokens"] += len(doubtful)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    out.to_disk(args.out)
    print(f"{len(sentences)} sentences, {sum(map(len, sentences))} tokens: {dict(counts)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
