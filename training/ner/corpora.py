"""Readers for the German NER corpora in ``../shared/data/ner``, mapped to PER, ORG, LOC, OTH.

Every reader returns :class:`Sentence` records: pre-tokenized words, outer spans in the four
product classes, and *missing* spans whose tokens the model learns nothing about (annotations a
corpus has but we cannot map, such as LER's law citations). Each folder's README gives the source,
licence and the tag set; the mapping decisions are here, next to the code that applies them, and
in ``training/ner/README.md``.

| corpus | domain | licence | used for |
| --- | --- | --- | --- |
| GermEval 2014 dev + test | Wikipedia + news | CC BY 4.0 | training, tuning half, held-out half |
| SmartData v1 train | news, RSS, tweets | CC BY 4.0 | training; 30 % of news+rss docs held out |
| Europeana Newspapers (de) | historical OCR | CC0 | training experiments |
| HIPE-2022 NewsEye + SoNAR (de) | historical OCR, corrected | CC BY 4.0 | dev: experiments; test: held out |
| MobIE | mobility tweets, traffic reports | CC BY 4.0 | training experiments |
| LER | court decisions | CC BY 4.0 (per its README) | training experiments |

The held-out parts (GermEval dev "heldout" half, SmartData news+rss held-out documents, HIPE test
files) are read only by ``bench/ner.py``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NER_DATA = REPO.parent / "shared" / "data" / "ner"
GERMEVAL_DIR = NER_DATA / "germeval2014"
SMARTDATA_PATH = NER_DATA / "smartdata_v1" / "train.json.gz"
EUROPEANA_FILES = tuple(NER_DATA / "europeana_de" / f"enp_DE.{p}.bio" for p in ("lft", "onb", "sbb"))
HIPE_DIR = NER_DATA / "hipe2022_de"
HIPE_TRAIN_FILES = tuple(
    HIPE_DIR / f"HIPE-2022-v2.1-{name}-de.tsv" for name in ("newseye-dev", "newseye-dev2", "sonar-dev")
)
HIPE_TEST_FILES = tuple(HIPE_DIR / f"HIPE-2022-v2.1-{name}-de.tsv" for name in ("newseye-test", "sonar-test"))
MOBIE_FILES = tuple(NER_DATA / "mobie" / f"{split}.conll2003" for split in ("train", "dev", "test"))
LER_FILES = tuple(NER_DATA / "ler" / f"ler_{split}.conll" for split in ("dev", "test"))

LABELS = ("PER", "ORG", "LOC", "OTH")

# SmartData's and MobIE's fine-grained types mapped onto GermEval's classes (the same DFKI scheme).
# Routes ("S1", "ICE-Züge") and non-entity types (dates, numbers, triggers, positions) are O.
DFKI_LABELS = {
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
# Share of SmartData's news and RSS documents held out as an out-of-domain news test (by a hash of
# the document id, so the split is stable); tweets all train, the test is about news.
SMARTDATA_HELDOUT_SHARE = 0.3
SMARTDATA_TEST_SOURCES = frozenset({"news", "rss"})

# LER's fine-grained tags (README): persons, judges, lawyers; countries, cities, streets, landscapes;
# organisations, companies, institutions, courts, brands. Norms, decisions, contracts and literature
# citations ("§ 3 Abs. 1 GG", "BVerwG, Urteil vom ...") are neither names in GermEval's sense nor
# O: they are marked missing, so the model learns nothing about them from LER.
LER_LABELS = {
    "PER": "PER", "RR": "PER", "AN": "PER",
    "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
    "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG",
}  # fmt: skip
# HIPE's coarse classes: HumanProd (newspapers, books cited by title) is GermEval's OTH.
HIPE_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "HumanProd": "OTH"}
# Europeana's annotators typed a few tags by hand: B-PEr, B-BER, B-ER (persons), B_PER, B.PER, I_ORG,
# B-LOCer. Normalised here; anything else (a handful of MISC, empty tags) is O.
EUROPEANA_TAG = re.compile(r"^([BI])[-_.](PER|PEr|BER|ER|LOC|ORG)")
EUROPEANA_TYPES = {"PER": "PER", "PEr": "PER", "BER": "PER", "ER": "PER", "LOC": "LOC", "ORG": "ORG"}
# Where Europeana's unsegmented token stream is cut into sentences, and the longest stretch kept as
# one (its OCR drops full stops; long chunks only slow training down).
SENTENCE_END = frozenset({".", "!", "?"})
MAX_SENTENCE_TOKENS = 60
# Historical German spelling in the OCR: the long s is an s for every reader and for our vectors.
HISTORICAL_CHARS = str.maketrans({"ſ": "s"})


@dataclass(frozen=True, kw_only=True)
class Sentence:
    """One pre-tokenized sentence with its 4-class outer spans (token offsets, end exclusive).

    ``missing`` spans are tokens whose annotation we cannot map: neither entity nor O in training.
    ``source`` names the document (splits and shares are by document).
    """

    source: str
    words: list[str]
    spans: list[tuple[int, int, str]]
    missing: list[tuple[int, int]] = field(default_factory=list)


def share(key: str) -> float:
    """A stable number in [0, 1) per document, to keep a fixed share of the data."""
    return hashlib.sha256(key.encode("utf-8")).digest()[1] / 256


def bio_spans(
    tags: list[str], mapping: dict[str, str]
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """BIO tags to (start, end, label) spans in product labels, and the spans ``mapping`` lacks.

    An ``I-`` tag that does not continue a span of its type opens one (IOB1 files, annotator slips).
    Types mapped to ``""`` are dropped (become O); types missing from ``mapping`` become missing spans.
    """
    spans: list[tuple[int, int, str]] = []
    missing: list[tuple[int, int]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and kind and tag[2:] == kind:
            continue
        if kind:
            label = mapping.get(kind)
            if label:
                spans.append((start, i, label))
            elif label is None:
                missing.append((start, i))
        start, kind = (i, tag[2:]) if tag[:2] in ("B-", "I-") else (-1, "")
    return spans, missing


def _germeval_mapping() -> dict[str, str]:
    """GermEval outer labels: the four classes; ``*deriv``/``*part`` dropped (O), see train.py."""
    mapping = {label: label for label in LABELS}
    for label in LABELS:
        mapping[f"{label}deriv"] = ""
        mapping[f"{label}part"] = ""
    return mapping


def read_germeval(path: Path) -> list[Sentence]:
    """Read a GermEval 2014 TSV file into sentences with 4-class outer spans."""
    sentences: list[Sentence] = []
    source = ""
    words: list[str] = []
    tags: list[str] = []
    mapping = _germeval_mapping()

    def flush() -> None:
        if words:
            spans, _ = bio_spans(tags, mapping)
            sentences.append(Sentence(source=source, words=list(words), spans=spans))
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


def dev_half(sentence: Sentence) -> str:
    """Assign a GermEval dev sentence to ``"tune"`` or ``"heldout"`` by its source document."""
    digest = hashlib.sha256(sentence.source.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "heldout"


@dataclass(frozen=True, kw_only=True)
class CharDocument:
    """A SmartData document: raw text, character spans in product labels, where it came from."""

    id: str
    source: str
    text: str
    spans: list[tuple[int, int, str]]


def read_smartdata(path: Path = SMARTDATA_PATH) -> Iterator[CharDocument]:
    """Yield SmartData documents with their mapped and filtered character spans."""
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
            label = DFKI_LABELS.get(mention["type"])
            start, end = mention["span"]["start"], mention["span"]["end"]
            surface = text[start:end]
            if label is None or not surface[:1].isupper():
                continue  # lower-case mentions are roles or adjectives ("französische")
            if label == "LOC" and surface.lower().endswith(DERIV_ENDINGS):
                continue
            spans.append((start, end, label))
        refids = (doc.get("refids") or {}).get("map") or {}
        yield CharDocument(id=doc["id"], source=str(refids.get("source", "")), text=text, spans=spans)


def smartdata_split(document: CharDocument) -> str:
    """``"heldout"`` for the news/RSS documents of the out-of-domain test, else ``"train"``."""
    if document.source in SMARTDATA_TEST_SOURCES and share(document.id) < SMARTDATA_HELDOUT_SHARE:
        return "heldout"
    return "train"


def read_europeana(paths: tuple[Path, ...] = EUROPEANA_FILES) -> list[Sentence]:
    """Europeana Newspapers (German): one token stream per file, cut at sentence-final punctuation.

    Documents are the ``# file:`` sections where a file has them; chunks of 50 sentences elsewhere,
    so that shares of the data can be taken by document.
    """
    return [sentence for path in paths for sentence in _europeana_file(path)]


def _europeana_file(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    doc = f"{path.name}#0"
    words: list[str] = []
    tags: list[str] = []
    previous = "O"

    def flush() -> None:
        if words:
            spans, _ = bio_spans(tags, {"PER": "PER", "LOC": "LOC", "ORG": "ORG"})
            source = f"{doc}/{len(sentences) // 50}"
            sentences.append(Sentence(source=source, words=list(words), spans=spans))
        words.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# file:"):
            flush()
            doc = f"{path.name}#{line.split()[-1]}"
            continue
        if line.startswith("#") and " url:" in line:
            continue
        word, _, raw_tag = line.strip().partition(" ")
        if not word:
            continue
        match = EUROPEANA_TAG.match(raw_tag.strip())
        tag = f"{match.group(1)}-{EUROPEANA_TYPES[match.group(2)]}" if match else "O"
        # An I- tag after O is a stray mark in these IOB2 files (146 of them: "reichhaltig I-LOC").
        if tag.startswith("I-") and previous == "O":
            tag = "O"
        previous = tag
        for piece, piece_tag in _peel(word.translate(HISTORICAL_CHARS), tag):
            words.append(piece)
            tags.append(piece_tag)
            if piece in SENTENCE_END or len(words) >= MAX_SENTENCE_TOKENS:
                flush()
    flush()
    return sentences


def _peel(word: str, tag: str) -> list[tuple[str, str]]:
    """Split punctuation the OCR left attached ("Kortleitner," → "Kortleitner" ","), as GermEval's
    tokens have it; the word keeps its tag, the punctuation is O. Initials keep their full stop."""
    match = _ATTACHED.match(word)
    if match is None or not match.group(2):
        return [(word, tag)]
    lead, core, trail = match.groups()
    if trail.startswith(".") and len(core) <= 2:
        core, trail = core + ".", trail[1:]
    pieces = [(ch, "O") for ch in lead] + [(core, tag)] + [(ch, "O") for ch in trail]
    return [p for p in pieces if p[0]]


_ATTACHED = re.compile(r'^([(\[„"»]*)(.*?[^(\[„"»),.;:!?“"«\]])([),.;:!?“"«\]]*)$')


@dataclass(frozen=True, kw_only=True)
class HipeMention:
    """A HIPE mention with its Wikidata link: the raw material of the knowledge base's aliases."""

    text: str
    label: str
    qid: str


def _hipe_rows(path: Path) -> Iterator[tuple[str, list[str]] | None]:
    """(document id, columns) per token row; None at a document start."""
    document = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# hipe2022:document_id"):
            document = line.split("=", 1)[1].strip()
            yield None
            continue
        if line.startswith(("#", "TOKEN\t")) or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) >= 10 and cols[0]:
            yield document, cols


def read_hipe(path: Path) -> list[Sentence]:
    """A HIPE-2022 TSV file as sentences (``EndOfSentence``), end-of-line hyphenation joined.

    "sozialdemo¬" + "kratischen" become one word, as the newspaper printed it.
    """
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    document = ""
    glue = False

    def flush() -> None:
        if words:
            spans, _ = bio_spans(tags, dict(HIPE_LABELS))
            sentences.append(Sentence(source=f"{path.name}#{document}", words=list(words), spans=spans))
        words.clear()
        tags.clear()

    for row in _hipe_rows(path):
        if row is None:
            flush()
            glue = False
            continue
        document, cols = row
        word, tag, misc = cols[0].translate(HISTORICAL_CHARS), cols[1], cols[9]
        if glue and words:
            words[-1] += word
        else:
            words.append(word)
            tags.append(tag)
        glue = word.endswith("¬")
        if glue:
            words[-1] = words[-1][:-1]
        if "EndOfSentence" in misc and not glue:
            flush()
    flush()
    return sentences


def hipe_mentions(paths: tuple[Path, ...]) -> Iterator[HipeMention]:
    """Every linked mention (a Wikidata QID, not NIL) in the given HIPE files."""
    for path in paths:
        current: list[str] = []
        label = qid = ""
        for row in [*_hipe_rows(path), None]:
            cols = row[1] if row else None
            tag = cols[1] if cols else "O"
            if cols and tag.startswith("I-") and current and tag[2:] == label:
                current.append(cols[0])
                continue
            if current and qid.startswith("Q") and label in HIPE_LABELS:
                text = " ".join(current).replace("¬ ", "").translate(HISTORICAL_CHARS)
                yield HipeMention(text=text, label=HIPE_LABELS[label], qid=qid)
            current, label, qid = [], "", ""
            if cols and tag[:2] in ("B-", "I-"):
                current, label, qid = [cols[0]], tag[2:], cols[7]


def _conll_sentences(path: Path, tag_column: int) -> Iterator[tuple[str, list[str], list[str]]]:
    """(document, words, tags) per blank-line-separated sentence of a CoNLL file."""
    document = path.name
    words: list[str] = []
    tags: list[str] = []
    index = 0
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("-DOCSTART-"):
            document = f"{path.name}#{line.split()[1]}"
            continue
        if not line.strip():
            if words:
                yield document if "#" in document else f"{path.name}#{index // 50}", words, tags
                index += 1
            words, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split(" ")
        words.append(cols[0])
        tags.append(cols[tag_column] if len(cols) > tag_column else "O")


def read_mobie(paths: tuple[Path, ...] = MOBIE_FILES) -> list[Sentence]:
    """MobIE (tweets, traffic reports): the DFKI types as for SmartData; handles and hashtags
    ("@DB_Bahn", "#DeutscheBahn") are missing spans: news text has neither."""
    sentences: list[Sentence] = []
    mapping = {kind: DFKI_LABELS.get(kind, "") for kind in _dfki_types()}
    for path in paths:
        for document, words, tags in _conll_sentences(path, 3):
            spans, _ = bio_spans(tags, mapping)
            kept = [s for s in spans if words[s[0]][:1] not in "@#"]
            missing = [(s, e) for s, e, _ in spans if words[s][:1] in "@#"]
            sentences.append(Sentence(source=document, words=words, spans=kept, missing=missing))
    return sentences


def _dfki_types() -> tuple[str, ...]:
    """Every DFKI type MobIE uses (those without a product label become O)."""
    return (
        *DFKI_LABELS, "location-route", "date", "time", "duration", "number", "distance", "trigger",
        "event-cause", "disaster-type", "set", "money", "percent", "org-position",
    )  # fmt: skip


def read_ler(paths: tuple[Path, ...] = LER_FILES) -> list[Sentence]:
    """LER court decisions with :data:`LER_LABELS`; citations of norms and decisions are missing."""
    sentences: list[Sentence] = []
    for path in paths:
        for document, words, tags in _conll_sentences(path, 1):
            spans, missing = bio_spans(tags, dict(LER_LABELS))
            sentences.append(Sentence(source=document, words=words, spans=spans, missing=missing))
    return sentences


#: The out-of-domain corpora ``train.py --mix`` can add, by name.
EXTRA_CORPORA = {
    "europeana": read_europeana,
    "hipe": lambda: [s for path in HIPE_TRAIN_FILES for s in read_hipe(path)],
    "mobie": read_mobie,
    "ler": read_ler,
}
