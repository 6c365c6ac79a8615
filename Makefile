# Every target installs what it needs first, so each works from a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install test demo lint schema awscc-schema cfn-types clean bench

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,demo]'
	touch $(STAMP)

# One worker per core, each test file whole on one worker, so a file's shared
# estate is seeded once (TEST_WORKERS=0 runs in this process, for debugging).
# The tests run the CLI in a fresh process hundreds of times: compiled first,
# adopt's modules are not compiled again by each one where the environment
# keeps Python from writing bytecode (PYTHONDONTWRITEBYTECODE).
TEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/python -m compileall -q adopt tests
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile

demo: $(STAMP)
	$(BIN)/adopt demo --out adopt-demo

lint: $(STAMP)
	$(BIN)/ruff check adopt tests scripts bench
	$(BIN)/ruff format --check adopt tests scripts bench

# Scale benchmarks, not part of `make test` (about ten minutes): see bench/README.md.
bench: $(STAMP)
	$(BIN)/python -m bench.run

CDKTN_AWS  ?= 25.8.1
SCHEMA_PKG := build/cdktn-provider-aws-$(CDKTN_AWS)

# Rebuild the bundled provider schema from the cdktn-provider-aws package
# (pinned, so a rebuild gives the same bytes), then check it against the oracle.
schema: $(STAMP)
	rm -rf $(SCHEMA_PKG)
	$(BIN)/pip install --quiet --no-deps --target $(SCHEMA_PKG) cdktn-provider-aws==$(CDKTN_AWS)
	$(BIN)/python scripts/build_schema.py --package-dir $(SCHEMA_PKG)
	$(BIN)/pytest -q tests/test_bundled_schema.py

CDKTN_AWSCC ?= 1.8.0

# Rebuild the bundled awscc provider schema (the long tail, adopted through
# Cloud Control) the same way from cdktn-provider-awscc, downloaded into a
# temporary directory: adopt itself never needs the package.
awscc-schema: $(STAMP)
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/pip download --quiet --no-deps --dest "$$tmp" cdktn-provider-awscc==$(CDKTN_AWSCC) && \
	$(BIN)/python -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$$tmp"/*.whl "$$tmp/pkg" && \
	$(BIN)/python scripts/build_awscc_schema.py --package-dir "$$tmp/pkg"
	$(BIN)/pytest -q -p no:cacheprovider tests/test_longtail_schema.py

# Rebuild the census's table of CloudFormation types from the schemas that the
# installed cfn-lint ships (pinned by the test extra's moto), so a rebuild from
# the same cfn-lint gives the same bytes.
cfn-types: $(STAMP)
	$(BIN)/python scripts/build_cfn_types.py
	$(BIN)/python scripts/build_longtail_types.py
	$(BIN)/pytest -q tests/test_census_types.py

clean:
	rm -rf $(VENV) build dist *.egg-info adopt-demo .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
