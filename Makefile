# iljari — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
SYSTEM_PACKAGES := postgresql chromium fonts-noto-cjk
HOST ?= 127.0.0.1
PORT ?= 8000
# When this make started: `iljari init` shows the install as its first phase, `serve` the total.
RUN_STARTED := $(shell date +%s.%N)

.PHONY: run test install system-packages lint bench clean

# What the product needs; `make run` waits for nothing more (the test tools come with `make test`).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	@touch $(STAMP)

# the test tools, and Ray for the batch matching test on a real local Ray
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,ray]'
	@touch $(TEST_STAMP)

## make install: the product and the test tools, for development
install: $(TEST_STAMP)

## make run: install, create the demo database on first run, then serve http://127.0.0.1:8000 with
## one worker for the job queue (iljari run = iljari serve + iljari worker; Ctrl+C stops both)
run: export ILJARI_RUN_STARTED := $(RUN_STARTED)
run: $(STAMP)
	@$(BIN)/iljari init $$(test -f var/iljari.sqlite3 || echo --demo)
	@echo
	@echo "  iljari: http://$(HOST):$(PORT) 에 접속해 로그인하십시오."
	@$(BIN)/iljari logins
	@echo
	$(BIN)/iljari run --host $(HOST) --port $(PORT)

## Debian packages the tests need: a PostgreSQL server, a browser and Korean fonts.
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: $(TEST_STAMP)
	$(BIN)/ruff check src bench
	$(BIN)/lint-imports --no-cache

## make test: everything on SQLite, then the record, import and privacy tests on PostgreSQL, each
## spread over the machine's cores (up to 4 workers; every worker has its own database and servers)
PYTEST_WORKERS ?= -n auto --maxprocesses 4
test: $(TEST_STAMP) system-packages lint
	$(BIN)/pytest $(PYTEST_WORKERS)
	ILJARI_TEST_POSTGRES=1 $(BIN)/pytest $(PYTEST_WORKERS) -m postgres

bench: $(STAMP)
	$(BIN)/python bench/import_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
