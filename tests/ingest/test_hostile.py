"""A corpus of bad inputs beside good ones: one clear line each, no traceback, good ones all stored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import seed_html, seed_text, write_warc


def make_hostile_corpus(root: Path) -> dict[str, str]:
    """Write bad inputs; return file name → words its error line must contain."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "empty.txt").write_text("")
    (root / "blank.txt").write_text("   \n\n  ")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (root / "scan.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (root / "huge.txt").write_text("Wort " * 2_500_000)  # 12.5 MB > 10 MB limit
    (root / "broken.html").write_text("<html><body><div><p>kaputt<<<</div></span>&&& <script>x")
    (root / "broken.xml").write_text('<?xml version="1.0"?><rss><channel><title>x</title><item><title>a</ti')
    (root / "boilerplate-only.txt").write_text("Zum Inhalt springen\nMenü\nJetzt weiterlesen\nImpressum\n")
    good = tmp_warc = root / "truncated.warc.gz"
    write_warc(
        tmp_warc, [(f"https://example.org/{i}", seed_html(i % 5, title=f"Seite {i}")) for i in range(3)]
    )
    data = good.read_bytes()
    good.write_bytes(data[: len(data) * 2 // 3])  # cut mid-record
    (root / "bad.jsonl").write_text('{"text": 5}\n[1,2]\n{"text": "zu kurz"}\n')
    return {
        "empty.txt": "file is empty",
        "blank.txt": "file is empty",
        "binary.txt": "binary",
        "scan.html": "binary file (PDF)",
        "huge.txt": "too large",
        "broken.html": "no article text",
        "broken.xml": "malformed feed",
        "boilerplate-only.txt": "no article text",
        "truncated.warc.gz": "truncated or corrupt archive",
        "bad.jsonl": "line 1",
    }


def test_hostile_inputs_fail_clearly_and_good_ones_survive(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    expected = make_hostile_corpus(corpus)
    good = corpus / "good"
    good.mkdir()
    for i in range(3):
        (good / f"seed{i}.txt").write_text(seed_text(i))
    latin = corpus / "latin1.txt"
    latin.write_bytes(seed_text(3).encode("cp1252", errors="replace"))
    db = tmp_path / "t.db"
    run = subprocess.run(
        [sys.executable, "-m", "pressespiegel", "ingest", "--no-analyze", "--db", str(db), str(corpus)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    for name, words in expected.items():
        hits = [line for line in errors if name in line]
        assert hits and any(words in line for line in hits), (name, errors)
    assert any("latin1.txt" in line and "Windows-1252" in line for line in run.stderr.splitlines())
    assert "3 failed" not in run.stdout and "failed" in run.stdout
    # the truncated archive still gave its first complete record; the seeds and Latin-1 text are stored
    export = subprocess.run(
        [sys.executable, "-m", "pressespiegel", "articles", "export", "--db", str(db)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = [json.loads(line) for line in export.stdout.splitlines()]
    sources = {Path(r["source"]).name for r in rows}
    assert {"seed0.txt", "seed1.txt", "seed2.txt", "latin1.txt"} <= sources
    latin_row = next(r for r in rows if r["source"].endswith("latin1.txt"))
    assert "Unterstützung" in latin_row["text"]
    assert any(r["source"].startswith("https://example.org/") for r in rows)
