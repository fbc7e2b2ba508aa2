# Two entry points: `make site` builds the default site, `make test` runs every test.
# Both create .venv on first use and (re)install the project when pyproject.toml changes;
# `make test` also installs the Debian packages the browser tests need (.ci/system-deps).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
AXE    := node_modules/axe-core/axe.min.js
DECAP  := node_modules/decap-cms/dist/decap-cms.js
VNU    := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: site test serve check bench clean system-deps

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

# pytest ends with the total ("N passed in 412.3s (0:06:52)"); the slowest tests are listed above it.
test: system-deps lint $(AXE) $(VNU)
	$(BIN)/python -m pytest --durations=25

# Lint and type checks (config in pyproject.toml); `make test` runs them first.
.PHONY: lint
lint: $(TSTAMP)
	$(BIN)/ruff check scripts tests bench
	$(BIN)/mypy

# Chromium, chromedriver, Node.js and npm: silent when present, installs them as root, otherwise
# stops with the command to run.
system-deps:
	@.ci/system-deps

bench: $(TSTAMP)
	$(BIN)/python bench/build.py

# axe-core, the Nu HTML Checker and Decap CMS + decap-server (npm, pinned in package.json/package-lock.json);
# one grouped target (GNU make 4.3): one `npm ci` makes all three
$(AXE) $(DECAP) $(VNU) &: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund
	touch $(AXE) $(DECAP) $(VNU)

# The installable package (theme, templates and schemas inside): dist/microsite-*.whl
.PHONY: wheel
wheel: $(TSTAMP)
	$(BIN)/pip wheel --no-deps --no-build-isolation . -w dist

clean:
	rm -rf site .cache build dist

# Infographics: cold/warm render times, sizes per channel, Pillow vs matplotlib.
.PHONY: bench-infographics
bench-infographics: $(TSTAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/infographics.py
