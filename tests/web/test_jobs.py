"""Ingest from the web runs in a worker process: the server never loads the analysis models,
and the worker ends when idle (issue 17: a server sat at 0.6-1.3 GB because it held them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE

SCRIPT = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
from fastapi.testclient import TestClient
from pressespiegel.web import create_app
from pressespiegel.web import jobs

jobs._WORKER._idle = 2.0  # end the worker two seconds after its last job
line = open(sys.argv[2], encoding="utf-8").readline().encode()
with TestClient(create_app(sys.argv[1], api_token="t"), base_url="http://localhost") as client:
    result = client.post("/api/ingest", files=[("files", ("a.jsonl", line, "text/plain"))],
                         headers={"Authorization": "Bearer t"}).json()
    alive = jobs._WORKER._pool is not None
    story = client.get("/api/stories").json()["stories"][0]["id"]
    pages = [client.get(u).status_code for u in ("/", "/story/" + story, "/search?q=Papst")]
    time.sleep(5)
    loaded = sorted(m for m in ("spacy", "thinc", "trafilatura", "htmldate") if m in sys.modules)
    ended = jobs._WORKER._pool is None
print(json.dumps({"result": result, "pages": pages, "alive": alive, "ended": ended, "loaded": loaded}))
"""


def test_server_ingests_in_a_worker_and_never_loads_the_models(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "web.db"), str(SAMPLE / "wikinews.jsonl")],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["result"]["added"] == 1 and report["result"]["articles"][0]["story"]
    assert report["pages"] == [200, 200, 200]
    assert report["alive"] and report["ended"]  # kept for the next ingest, ended when idle
    assert report["loaded"] == []  # extraction and entity models only ever in the worker
