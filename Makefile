# Two commands on a fresh machine: `make build` and `make test`. Each installs what it needs.
# System packages come from Debian (apt-get as root), Python packages into .venv/ pinned by
# constraints.txt. Stamps in .venv/ make the second run fast.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VKC := $(BIN)/vkc
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible outputs: the date of the last commit, or a fixed date outside git.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)

APT_PACKAGES := fonts-noto-core fonts-noto-cjk poppler-utils chromium
# Third-party clients the tests open the outputs with (tests/test_docx_libreoffice.py,
# tests/test_po.py): LibreOffice converts the DOCX, gettext's msgfmt checks the PO files.
TEST_APT_PACKAGES := libreoffice-writer-nogui gettext

.PHONY: all install build test test-fast check serve bench clean lint typecheck gates gates-tools

all: build

$(VENV)/.apt-stamp $(VENV)/.apt-test-stamp: PACKAGES = $(if $(findstring test,$@),$(TEST_APT_PACKAGES),$(APT_PACKAGES))
$(VENV)/.apt-stamp $(VENV)/.apt-test-stamp:
	@mkdir -p $(VENV)
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "error: install as root: apt-get install$$missing" >&2; exit 1; fi; \
	  echo "apt-get install$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@touch $@

$(VENV)/.pip-stamp: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

install: $(VENV)/.apt-stamp $(VENV)/.pip-stamp

# Tools of the quality gates (tests/test_gates_*.py): axe-core and vnu-jar pinned by
# tests/gates/package-lock.json (npm ci; --ignore-scripts: vnu-jar's postinstall would
# download a Java runtime), and a Java runtime from Debian when none is installed.
GATES := tests/gates
$(GATES)/node_modules/.stamp: $(GATES)/package.json $(GATES)/package-lock.json
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" != 0 ]; then echo "error: install as root: apt-get install default-jre-headless" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; }
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" != 0 ]; then echo "error: install as root: apt-get install npm" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null; }
	cd $(GATES) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

gates-tools: install $(GATES)/node_modules/.stamp

# The gates alone (they also run in `make test`): accessibility, language, HTML, links,
# reproducibility, CSP, faults, fuzzing.
gates: gates-tools
	$(BIN)/python -m pytest -q tests/test_gates_*.py

build: install
	$(VKC) build

check: install
	$(VKC) check

serve: install
	$(VKC) serve

lint: install
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy
	$(BIN)/mypy tests

test: install $(VENV)/.apt-test-stamp gates-tools lint typecheck
	$(VKC) check
	$(BIN)/python -m pytest -q

# The tests that finish in about a minute together on 2 cores: everything not marked slow
# (site builds, editions, browser, gates and fuzzing). For a developer's own loop.
test-fast: install $(VENV)/.apt-test-stamp gates-tools
	$(BIN)/python -m pytest -q -m "not slow"

# Benchmarks (benchmarks/, outside the package) with the peers their rows name: the `bench`
# extra (mkdocs-static-i18n, Playwright driving Debian's chromium). Fails when a peer cannot run.
$(VENV)/.bench-stamp: $(VENV)/.pip-stamp
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	@touch $@

# gates-tools: the Lighthouse rows run the pinned npm lighthouse.
bench: install gates-tools $(VENV)/.bench-stamp
	$(BIN)/python -m benchmarks

clean:
	rm -rf site .site-* build bench/results.json .pytest_cache .mypy_cache .ruff_cache
