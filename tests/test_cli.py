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


def test_read_command_on_a_missing_database_fails_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for args in (["stories", "list"], ["articles", "list"], ["review", "--out", str(tmp_path / "r.html")],
                 ["topics", "list"], ["feeds", "list"]):  # fmt: skip
        run = cli(*args, "--db", str(missing), check=False)
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert f"database {missing} does not exist" in run.stderr and "Traceback" not in run.stderr
        assert not missing.exists(), args  # only ingest (and watch, topics add, serve) create one


def test_ingest_tells_what_it_skipped_and_keeps_an_article_with_broken_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted((SAMPLE / "seeds").glob("*.txt"))
    (folder / "a.txt").write_text(seeds[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "a.txt.meta.json").write_text('{"outlet": "DW", "title": ', encoding="utf-8")  # cut off
    (folder / "b.txt").write_text(seeds[1].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.md").write_text("# Notizen", encoding="utf-8")
    (folder / "b.txt.bak").write_text("alt", encoding="utf-8")
    (folder / "README").write_text("what this folder is", encoding="utf-8")
    (folder / "orphan.txt.meta.json").write_text("{}", encoding="utf-8")
    db = str(tmp_path / "s.db")
    run = cli("ingest", "--no-analyze", "--db", db, str(folder), check=False)
    assert run.returncode == 0, run.stderr
    assert "2 new articles" in run.stdout and "4 files skipped" in run.stdout
    note = next(line for line in run.stderr.splitlines() if line.startswith("note: skipped"))
    assert "2 not a readable format (.bak, .md)" in note
    assert "1 README, LICENSE or NOTICE" in note and "1 metadata without its article" in note
    warning = next(line for line in run.stderr.splitlines() if "a.txt.meta.json" in line)
    assert warning.startswith("warning:") and "unreadable metadata" in warning
    assert "ingested without it" in warning
    rows = [json.loads(x) for x in cli("articles", "export", "--db", db).stdout.splitlines()]
    assert len(rows) == 2 and all(r["text"] for r in rows)  # the article with broken metadata is kept


def test_counts_are_pluralized_and_lists_say_how_many_of_how_many(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    one = tmp_path / "one"
    one.mkdir()
    (one / "a.txt").write_text(sorted((SAMPLE / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8"))
    run = cli("ingest", "--no-analyze", "--db", db, str(one))
    assert "1 source, 1 document: 1 new article," in run.stdout
    cli("ingest", "--no-analyze", "--db", db, str(SAMPLE / "seeds"))
    stories = json.loads(cli("stories", "list", "--db", db, "--format", "json").stdout)
    listing = cli("stories", "list", "--db", db, "--limit", "1").stdout
    assert f"1 of {len(stories)} stories in {db}" in listing
    assert f"{len(stories)} stories in" in cli("stories", "list", "--db", db).stdout
    assert "1 of 5 articles" in cli("articles", "list", "--db", db, "--limit", "1").stdout


def test_help_has_no_type_labels_on_flags() -> None:
    for args in ([], ["ingest"], ["review"], ["stories", "list"], ["serve"], ["watch"], ["topics", "add"]):
        text = cli(*args, "--help").stdout
        assert "<bool>" not in text, args
    assert "10 von 26 Themen" in cli("review", "--help").stdout  # --top says what the header shows


def _run_in_terminal(args: list[str], tmp_path: Path) -> tuple[int, str]:
    """Run the command with stdout and stderr on a pseudo-terminal, as a person at a shell."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([sys.executable, "-m", "pressespiegel", *args], stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower, env=env, cwd=tmp_path)  # fmt: skip
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return process.wait(timeout=600), b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal_and_quiet_in_a_pipe(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = (SAMPLE / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["ingest", "--db", str(tmp_path / "t.db"), str(corpus), str(SAMPLE / "seeds")]
    code, shown = _run_in_terminal(args, tmp_path)
    assert code == 0, shown
    assert "ingesting" in shown and "articles/s" in shown and "ETA" in shown, shown[-2000:]
    assert "files" in shown and "new articles" in shown
    piped = cli("ingest", "--db", str(tmp_path / "p.db"), str(corpus), str(SAMPLE / "seeds"))
    assert "articles/s" not in piped.stderr + piped.stdout and "\x1b[" not in piped.stderr
    assert "new articles" in piped.stdout
