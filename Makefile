# epgoat: `make demo` runs the whole pipeline offline; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# An absolute DAGSTER_HOME inside the project, so runs and dynamic partitions persist.
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DO_NOT_TRACK := 1

.PHONY: install demo test dev bench dbt dbt-parse lint validate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(DAGSTER_HOME)/dagster.yaml: config/dagster.local.yaml
	mkdir -p $(DAGSTER_HOME)
	cp config/dagster.local.yaml $@

dbt-parse: $(STAMP)
	cd dbt && ../$(BIN)/dbt parse --quiet --profiles-dir . --target local

validate: $(STAMP) dbt-parse $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster definitions validate -w workspace.yaml

demo: $(STAMP) dbt-parse $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/epgoat demo

test: $(STAMP) dbt-parse $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster definitions validate -w workspace.yaml
	$(BIN)/pytest -q

dev: $(STAMP) dbt-parse $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -w workspace.yaml

dbt: $(STAMP) $(DAGSTER_HOME)/dagster.yaml
	cd dbt && ../$(BIN)/dbt build --profiles-dir . --target local

bench: $(STAMP) dbt-parse
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done
	@echo "== dev playlists (recall/precision)"; EPGOAT=$(BIN)/epgoat bash ../shared/bench/run_dev.sh

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf .epgoat .dagster_home dbt/target dbt/logs
