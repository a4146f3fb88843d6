# collectkit: two commands do all the set-up (see README.md).
#   make lab        creates .venv if needed, installs collectkit, opens JupyterLab on the course
#   make test       creates .venv if needed, installs collectkit, runs the whole suite
#   make dashboard  the same set-up, then serves the team dashboard (notebook 07) with Voila:
#                   supervisors use it in the browser without code; COLLECTKIT_DB picks the store

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Jupyter refuses to start as root unless told to (containers, CI machines).
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test dashboard bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[lab,test]"
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(AS_ROOT) --notebook-dir=notebooks notebooks/00_start_here.ipynb

dashboard: $(STAMP)
	$(BIN)/voila notebooks/07_team_dashboard.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest tests notebooks --nbval-lax --nbval-current-env -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python benchmarks/score_throughput.py
	$(BIN)/python benchmarks/act_quality.py
	$(BIN)/python benchmarks/eval_calls.py
	$(BIN)/python benchmarks/turn_latency.py

clean:
	rm -rf $(VENV) build *.egg-info test-artifacts
