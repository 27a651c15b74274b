"""The NER model's matrix products through numpy's BLAS give thinc's results, on every path."""

from __future__ import annotations

import numpy as np
import pytest
from thinc.api import NumpyOps

from conftest import seed_text
from pressespiegel.analyze.blas import BlasOps, set_ops, use_blas
from pressespiegel.analyze.entities import load_model


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_gemm_matches_thinc_with_transposes_and_out(trans1: bool, trans2: bool) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((7, 5) if trans1 else (5, 7)).astype("f")
    y = rng.standard_normal((3, 7) if trans2 else (7, 3)).astype("f")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = BlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (5, 3)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    out = np.zeros((5, 3), dtype="f")
    assert BlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_loaded_model_runs_on_blas_ops() -> None:
    nlp = load_model()
    ner = nlp.get_pipe("ner")
    assert all(isinstance(node.ops, BlasOps) for node in ner.model.walk())  # type: ignore[attr-defined]


def test_same_entities_as_thincs_own_ops_on_the_seeds() -> None:
    texts = [seed_text(i) for i in range(5)]
    blas = use_blas(load_model())
    thinc = set_ops(load_model(), NumpyOps())

    def spans(nlp: object) -> list[list[tuple[int, int, str]]]:
        docs = nlp.pipe(texts)  # type: ignore[attr-defined]
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]

    found = spans(blas)
    assert sum(map(len, found)) > 50  # the seeds are full of names: a model that finds none is broken
    assert found == spans(thinc)
