# Two entry points: `make run` (set up, build the warehouse, serve the explorer) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup build run test test-spark lint docs bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

build: setup
	$(BIN)/kuntatalous build

run: build
	$(BIN)/kuntatalous app --port $(PORT)

test: setup
	$(BIN)/python -m pytest

# The same dbt project on Spark (docs/spark.md): needs Java 17 (apt: openjdk-17-jre-headless); 4–7 min here at load 3–12
SPARK_STAMP := $(VENV)/.installed-spark
$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $(SPARK_STAMP)

test-spark: $(SPARK_STAMP)
	$(BIN)/python -m pytest tests/spark -rP --durations=5  # -rP: the marts compared and their rows in the log

# Python with ruff; the dbt project's SQL with sqlfluff (.sqlfluff; macros/ are skipped by its dbt templater,
# which lints them where models call them); the project's documentation and tests with dbt-score on a manifest
# parsed for the :memory: target (thresholds in pyproject.toml)
lint: setup
	$(BIN)/ruff check ingestion app tests bench
	$(BIN)/sqlfluff lint models tests/dbt
	$(BIN)/dbt parse --quiet --profiles-dir . --project-dir . --target memory --target-path target/lint
	$(BIN)/dbt-score lint --manifest target/lint/manifest.json

docs: build  # the catalog (column types, comments) is read from the build file
	$(BIN)/dbt docs generate --static --profiles-dir . --project-dir .

bench: setup
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/rebuild.py
	$(BIN)/python bench/app.py

clean:
	rm -rf build warehouse target logs dbt_packages .pytest_cache
