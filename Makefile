# Two entry points: `make site` builds the default site, `make test` runs every test.
# Both create .venv on first use and (re)install the project when pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
AXE    := node_modules/axe-core/axe.min.js
DECAP  := node_modules/decap-cms/dist/decap-cms.js

.PHONY: site test serve check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP) $@

site: $(STAMP)
	$(BIN)/microsite build

check: $(STAMP)
	$(BIN)/microsite check

# The editors' workspace (/admin/) needs Decap CMS and decap-server from package.json.
serve: $(STAMP) $(DECAP)
	$(BIN)/microsite serve

test: $(TSTAMP) $(AXE)
	$(BIN)/python -m pytest

bench: $(TSTAMP)
	$(BIN)/python bench/build.py

# --- issue 7: axe-core (npm, pinned in package.json/package-lock.json) for the accessibility tests
$(AXE) $(DECAP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(AXE) $(DECAP)

clean:
	rm -rf site .cache

# Infographics (issue 3): cold/warm render times, sizes per channel, Pillow vs matplotlib.
.PHONY: bench-infographics
bench-infographics: $(TSTAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/infographics.py
