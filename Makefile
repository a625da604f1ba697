# Klinik PKP. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup build run test check bench clean browser postgres pdflib

setup: pdflib $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Tests drive a real headless Chromium (Debian's package; Playwright never downloads a browser).
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Memasang chromium dari paket Debian..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# WeasyPrint (the monthly report's PDF) needs Pango and HarfBuzz from Debian, and a font.
pdflib:
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list | grep -q . || { \
	  echo "Memasang Pango dan fon untuk WeasyPrint dari paket Debian..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; }

# The intake store's PostgreSQL tests start a throwaway cluster from Debian's server binaries.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "Memasang postgresql dari paket Debian..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; }

check: setup
	$(BIN)/klinik check

build: setup
	$(BIN)/klinik build

# The built site plus the question API (/api/), /healthz and /metrics; settings from KLINIK_* (README).
run: build
	$(BIN)/klinik intake serve --host $(HOST) --port $(PORT)

# Two workers (the CI machine's two cores), one test file each at a time: module fixtures (browser, PostgreSQL) stay per file.
test: setup browser postgres
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -n 2 --dist loadfile

bench: setup
	$(BIN)/python bench/build_scale.py --faq 1000
	$(BIN)/python bench/build_scale.py --faq 10000
	$(BIN)/python bench/search_quality.py
	$(BIN)/python bench/search_cost.py --faq 10000
	$(BIN)/python bench/intake_load.py
	$(BIN)/python bench/hostile.py

clean:
	rm -rf site build .pytest_cache
