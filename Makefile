# Every target installs what it needs first, so each works from a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install test demo lint schema clean

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,demo]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/pytest -q

demo: $(STAMP)
	$(BIN)/adopt demo --out adopt-demo

lint: $(STAMP)
	$(BIN)/ruff check adopt tests scripts
	$(BIN)/ruff format --check adopt tests scripts

# Rebuild the bundled provider schema from the cdktn-provider-aws package.
schema: $(STAMP)
	$(BIN)/pip install --quiet cdktn-provider-aws
	$(BIN)/python scripts/build_schema.py

clean:
	rm -rf $(VENV) build dist *.egg-info adopt-demo .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
