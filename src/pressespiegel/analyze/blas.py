"""Matrix products of the NER model through numpy's BLAS instead of thinc's bundled BLIS.

thinc's CPU ops multiply with the BLIS kernels compiled into ``blis``; on the AMD EPYC machines we
run on they were 3.3x slower than numpy's OpenBLAS for the encoder's shapes (4,000 x 384 by
384 x 256: 28 ms against 8.5 ms, one thread), and those products are most of the model's time.
:class:`BlasOps` sends ``gemm`` to ``numpy.matmul`` and leaves every other op to thinc. The NER
model is the same; only the multiplication routine changes (same entities on the Wikinews texts,
checked by ``tests/analyze/test_blas.py``).

Applied at load time (:func:`use_blas`), and in ``training/ner/train.py --blas`` runs through the
``after_pipeline_creation`` callback :data:`CALLBACK` (spaCy's ``train`` resets the current ops to
thinc's default, so the layers are switched after they are created). Default training keeps BLIS:
the shipped weights were trained with it and a retrain reproduces them bit for bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np
from thinc.api import NumpyOps

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from thinc.api import Ops
    from thinc.types import Floats2d

__all__ = ["CALLBACK", "BlasOps", "register_callback", "set_ops", "use_blas"]

CALLBACK = "pressespiegel.use_blas.v1"


class BlasOps(NumpyOps):  # type: ignore[misc]  # thinc's NumpyOps is an untyped Cython class
    """thinc's NumPy ops with matrix products by ``numpy.matmul`` (OpenBLAS in numpy's wheels)."""

    def gemm(
        self,
        x: Floats2d,
        y: Floats2d,
        out: Floats2d | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Floats2d:
        # thinc types its arrays as its own Floats2d protocol; on CPU they are numpy arrays.
        a: np.ndarray = cast("np.ndarray", x.T if trans1 else x)
        b: np.ndarray = cast("np.ndarray", y.T if trans2 else y)
        if out is None:
            return cast("Floats2d", np.matmul(a, b))
        np.matmul(a, b, out=cast("np.ndarray", out))
        return out


def set_ops(nlp: Language, ops: Ops) -> Language:
    """Put ``ops`` on every layer of the pipeline's trainable components (thinc fixes a layer's
    ops when it is created, so a loaded pipeline has to be switched layer by layer)."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return nlp


def use_blas(nlp: Language) -> Language:
    """Switch the pipeline to :class:`BlasOps`."""
    return set_ops(nlp, BlasOps())


def register_callback() -> None:
    """Make :func:`use_blas` available to spaCy configs as :data:`CALLBACK` (idempotent)."""
    from spacy.util import registry

    if CALLBACK not in registry.callbacks:

        def make() -> Callable[[Language], Language]:
            return use_blas

        registry.callbacks.register(CALLBACK, func=make)
