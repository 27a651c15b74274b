"""The command line as a user meets it: help, export fields, list, show, unknown ids."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "pressespiegel" / "data" / "sample"


def test_help_teaches_the_commands() -> None:
    run = cli("--help")
    assert run.returncode == 0
    for word in ("ingest", "articles"):
        assert word in run.stdout
    assert "JSONL" in cli("ingest", "--help").stdout


def test_ingest_export_list_show(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run = cli("ingest", "--no-analyze", "--db", db, str(SAMPLE / "seeds"))
    assert run.returncode == 0, run.stderr
    assert "5 new articles" in run.stdout
    export = cli("articles", "export", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in export.stdout.splitlines()]
    assert len(rows) == 5
    required = {"id", "source", "outlet", "agency", "title", "published", "published_method",
                "published_reliable", "language", "teaser", "text"}  # fmt: skip
    assert all(required <= row.keys() for row in rows)
    dw = next(r for r in rows if r["outlet"] == "DW")
    assert dw["agency"] == "AFP, Reuters, dpa, AP" and dw["published"] == "2023-09-05"
    assert "\n\n" in dw["text"] and "Zum Inhalt springen" not in dw["text"]
    listing = cli("articles", "list", "--db", db, "--format", "json")
    assert {r["id"] for r in json.loads(listing.stdout)} == {r["id"] for r in rows}
    shown = cli("articles", "show", "--db", db, "--boilerplate", dw["id"][:10])
    assert shown.returncode == 0 and "Ukraine aktuell" in shown.stdout and "navigation" in shown.stdout
    missing = cli("articles", "show", "--db", db, "nonexistent", check=False)
    assert (
        missing.returncode == 1
        and "no article with id" in missing.stderr
        and "Traceback" not in missing.stderr
    )


def test_unopenable_database_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not a database file at all" * 100)
    run = cli("articles", "list", "--db", str(bad), check=False)
    assert run.returncode == 2 and "cannot open database" in run.stderr and "Traceback" not in run.stderr
