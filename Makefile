# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
PG_BIN := /usr/lib/postgresql/15/bin
OUT    := out

UI     := src/factiongraph/web/ui/index.html
UI_SRC := $(shell find frontend/src frontend/scripts frontend/public -type f -not -path '*/geo/*' -not -path '*/swagger/*' 2>/dev/null) \
          frontend/index.html frontend/vite.config.js frontend/package.json frontend/package-lock.json

.PHONY: install run test eval bench bench-full postgres chromium ui registry clean train train-eval

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# PostgreSQL server binaries for the store tests (Debian's packages; present on most machines already)
postgres:
	@test -x $(PG_BIN)/postgres || command -v pg_ctl >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# Debian's Chromium for the browser tests (Playwright's own browser download does not work offline)
chromium:
	@command -v chromium >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# the web UI: JavaScript and CSS from npm (package-lock.json), built by Vite into the package (git-ignored)
$(UI): $(UI_SRC)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent
	touch $(UI)

ui: $(UI)

# ingests the sample corpus, prints the summary, then serves the workbench (Ctrl-C stops it)
run: $(STAMP) $(UI)
	rm -f $(OUT)/sample.db && mkdir -p $(OUT)
	$(BIN)/factiongraph ingest examples/sample/docs.jsonl --db $(OUT)/sample.db
	$(BIN)/factiongraph summary --db $(OUT)/sample.db
	$(BIN)/factiongraph serve --db $(OUT)/sample.db

test: $(STAMP) postgres chromium $(UI)
	$(BIN)/python -m pytest

# scores on our own corpora, re3d-dev, fakes-dev (news) and acled-dev (ACLED notes, events scorer); the dev set
# last, so that `overall_f1=` is the last line
eval: $(STAMP)
	@mkdir -p $(OUT)
	@for set in examples/sample tests/corpus $(SHARED)/eval/re3d-dev $(SHARED)/eval/fakes-dev $(SHARED)/eval/acled-dev \
	    $(SHARED)/eval/dev; do \
	  name=$$(basename $$set); \
	  $(BIN)/factiongraph extract $$set/docs.jsonl -o $(OUT)/$$name.pred.jsonl || exit 1; \
	  echo "== $$set"; \
	  if [ $$name = acled-dev ]; then \
	    $(BIN)/python $(SHARED)/eval/score_events.py --gold $$set/gold.jsonl --pred $(OUT)/$$name.pred.jsonl || exit 1; \
	  else \
	    $(BIN)/python $(SHARED)/eval/score.py --gold $$set/gold.jsonl --pred $(OUT)/$$name.pred.jsonl \
	      --docs $$set/docs.jsonl || exit 1; \
	  fi; \
	done

# the ACLED event typer (src/factiongraph/data/models/acled-events-v1.*) rebuilt from ../shared/training: the same
# bytes on every run; train-eval prints the held-out figures of the README's model card first. CI does not retrain.
TRAIN := $(BIN)/python -m factiongraph.learn.train --data $(SHARED)/training/acled/notes.jsonl
train: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[train]'
	$(TRAIN)

train-eval: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[train]'
	$(TRAIN) --evaluate

# the generated registry files (data/registry/generated/*.yaml, committed) from UCDP's actors and ACLED's actor
# names in $(SHARED)/training; deterministic, so a rebuild from the same data changes nothing
registry: $(STAMP)
	$(BIN)/python -m factiongraph.linking.build --shared $(SHARED)

# a quick run (5% of full scale) of the benchmarks; bench-full is the store at the scale bench/RESULTS.md reports
bench: $(STAMP) postgres chromium $(UI)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/queries.py --scale 0.05 --batch 50 --pg auto
	$(BIN)/python bench/api.py --scale 0.05 --queries 100

bench-full: $(STAMP) postgres chromium $(UI)
	$(BIN)/python bench/queries.py --batch 50 --pg auto
	$(BIN)/python bench/api.py

clean:
	rm -rf $(OUT) .pytest_cache src/factiongraph/web/ui frontend/public/geo frontend/public/swagger
