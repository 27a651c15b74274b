# pressespiegel: `make run` installs and runs the sample job; `make test` is what CI runs.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
DB      ?= var/sample.db
SAMPLE  := src/pressespiegel/data/sample
OUT     := out
PORT    ?= 8000

.PHONY: install browser java axe postgres run test lint bench clean

install: $(VENV)/.installed browser java

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $@

# Debian's Chromium prints PDF reviews and runs the browser tests; poppler renders PDFs to PNG.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium (PDF reviews, browser tests)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium fonts-dejavu-core poppler-utils >/dev/null; \
	  else \
	    echo "note: chromium is missing; PDF output and browser tests need it (apt-get install chromium)"; \
	  fi; }

# Debian's OpenJDK runs Spark for `pressespiegel batch --engine spark` (pyspark 4 needs Java 17+).
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's openjdk-17-jre-headless (batch --engine spark)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      openjdk-17-jre-headless >/dev/null; \
	  else \
	    echo "note: java is missing; batch --engine spark needs it (apt-get install openjdk-17-jre-headless)"; \
	  fi; }

# Debian's PostgreSQL server: the store, pipeline and web tests also run against a real server
# (tests/pgserver.py starts a private one per test session). Installed when missing, as root.
postgres:
	@$(PY) tests/pgserver.py install

# axe-core (npm) checks the pages for accessibility in the browser tests; injected by playwright,
# never loaded from a CDN. Without npm the scan is skipped with a note.
AXE_DIR := tests/web/.axe
AXE_VERSION := 4.14.1
axe: $(AXE_DIR)/node_modules/axe-core/axe.min.js

$(AXE_DIR)/node_modules/axe-core/axe.min.js:
	@command -v npm >/dev/null 2>&1 && npm install --silent --no-audit --no-fund --prefix $(AXE_DIR) \
	  axe-core@$(AXE_VERSION) || echo "note: npm is missing; the accessibility scan is skipped"

run: install
	@mkdir -p $(OUT)
	$(BIN)/pressespiegel ingest --db $(DB) $(SAMPLE)
	$(BIN)/pressespiegel stories list --db $(DB) --limit 10
	$(BIN)/pressespiegel articles export --db $(DB) --out $(OUT)/articles.jsonl
	$(BIN)/pressespiegel review --db $(DB) --format html --out $(OUT)/pressespiegel.html
	@echo "Press review of the sample corpus: $(OUT)/pressespiegel.html  (clean articles: $(OUT)/articles.jsonl)"
	@echo "Web UI: open the address printed below (its ?token= lets your browser ingest; Ctrl+C stops the server)"
	$(BIN)/pressespiegel serve --db $(DB) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: install postgres lint axe
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/cluster_scale.py
	$(BIN)/python bench/summary.py
	$(BIN)/python bench/contradictions.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/monitor.py
	$(BIN)/python bench/spark.py

clean:
	rm -rf $(VENV) var $(OUT) .pytest_cache .mypy_cache .ruff_cache
