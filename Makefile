# pressespiegel: `make run` installs and runs the sample job; `make test` is what CI runs.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
DB      ?= var/sample.db
SAMPLE  := src/pressespiegel/data/sample
OUT     := out

.PHONY: install run test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: install
	@mkdir -p $(OUT)
	$(BIN)/pressespiegel ingest --db $(DB) $(SAMPLE)
	$(BIN)/pressespiegel articles list --db $(DB)
	$(BIN)/pressespiegel articles export --db $(DB) --out $(OUT)/articles.jsonl
	@echo "Sample corpus stored in $(DB); clean articles exported to $(OUT)/articles.jsonl"
	@echo "Look at one:  $(BIN)/pressespiegel articles show --db $(DB) --boilerplate ID"

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: install lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) var $(OUT) .pytest_cache .mypy_cache .ruff_cache
