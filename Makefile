# medialit — every task a teacher or developer needs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# JupyterLab refuses to run as root unless told to.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# Extra options for `make lab`, e.g. LAB_OPTS="--no-browser --port 8899".
LAB_OPTS ?=
# Extra options for pytest, e.g. PYTEST_OPTS="-k articles -x".
PYTEST_OPTS ?=
BROWSER_TESTS := $(wildcard tests/browser/test_*.py)
# Debian's bubblewrap sandboxes each grading kernel (medialit grade); on Linux it is installed when missing.
BWRAP_BIN ?= $(or $(shell command -v bwrap 2>/dev/null),/usr/bin/bwrap)
NEED_BWRAP := $(if $(filter Linux,$(shell uname -s)),$(if $(wildcard $(BWRAP_BIN)),,yes),)

.DEFAULT_GOAL := help
.PHONY: help install lab test chromium bubblewrap grader data assign assign-set release evaluate corpora bench clean-venv

help: ## List every task with one line each
	@echo "medialit tasks:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# JupyterLab settings for a classroom: no news pop-up, no update check (etc/jupyterlab-overrides.json).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

$(VENV)/.installed: pyproject.toml etc/jupyterlab-overrides.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@mkdir -p $(dir $(LAB_SETTINGS)) && cp etc/jupyterlab-overrides.json $(LAB_SETTINGS)
	@touch $@

$(VENV)/.installed-test: pyproject.toml etc/jupyterlab-overrides.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@mkdir -p $(dir $(LAB_SETTINGS)) && cp etc/jupyterlab-overrides.json $(LAB_SETTINGS)
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv (if missing) and install the kit into it
ifeq ($(NEED_BWRAP),yes)
	@echo "To grade students' notebooks in a sandbox, also run: make grader (installs Debian's bubblewrap)"
endif

lab: $(VENV)/.installed ## Start JupyterLab with lessons/00-start-here.ipynb open
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" $(LAB_OPTS) lessons/00-start-here.ipynb

# Debian's chromium is installed only when there are browser tests and it is missing.
CHROMIUM_BIN ?= /usr/bin/chromium
NEED_CHROMIUM := $(if $(BROWSER_TESTS),$(if $(wildcard $(CHROMIUM_BIN)),,yes),)

chromium: ## Install Debian's chromium if browser tests need it and it is missing
ifeq ($(NEED_CHROMIUM),yes)
	@echo "Installing Debian's chromium for the browser tests"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
else
	@:
endif

bubblewrap: ## Install Debian's bubblewrap, the grader's sandbox, if it is missing (Linux)
ifeq ($(NEED_BWRAP),yes)
	@echo "Installing Debian's bubblewrap: medialit grade runs each student's notebook in it"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap
else
	@:
endif

grader: $(VENV)/.installed bubblewrap ## Set up the class grader (the kit and its sandbox) and say if the sandbox works
	@$(BIN)/python -c "from medialit.grading.sandbox import sandbox_status; s = sandbox_status(); \
	print('medialit grade: students\' code runs ' + ('in the bubblewrap sandbox' if s.on else 'WITHOUT a sandbox: ' + s.reason))"

test: $(VENV)/.installed-test chromium bubblewrap ## Install test extras into .venv and run the whole suite
	$(BIN)/python -m pytest $(PYTEST_OPTS)

data: $(VENV)/.installed ## Rebuild the cleaned seed articles and their cleaning log from raw/
	$(BIN)/medialit clean data/articles/lukashenko-2023

assign: $(VENV)/.installed ## Generate exercises/ from solutions/ (run after editing a solution)
	$(BIN)/medialit assign

assign-set: $(VENV)/.installed ## Build an exercise on your own set, keys proposed for review: make assign-set SET=folder
	@test -n "$(SET)" || { echo "Say which set: make assign-set SET=path/to/my-articles"; exit 2; }
	$(BIN)/medialit assign --set "$(SET)"

release: $(VENV)/.installed ## Build the student release in release/ (no solutions; keys scrambled)
	$(BIN)/medialit release release

evaluate: $(VENV)/.installed ## Score the detectors on the seed gold, the check texts and the held-out corpora
	$(BIN)/medialit evaluate
	$(BIN)/medialit evaluate --gold-dir tests/heldout
	$(BIN)/medialit evaluate --gold-dir tests/heldout-blind
	$(BIN)/medialit evaluate --corpora

corpora: $(VENV)/.installed ## Fetch and convert the held-out corpora (needs a connection; see evaluation/README.md)
	$(BIN)/python evaluation/corpora.py fetch convert

bench: $(VENV)/.installed ## Run the benchmark scripts and print their figures
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean-venv: ## Remove .venv (the next make lab/test recreates it)
	rm -rf $(VENV)
