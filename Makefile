# Two commands do everything (see README.md):
#   make run    set up, build what is stale, start Signpost and its demo page on http://127.0.0.1:5005/demo/
#   make test   set up, then run every check and test (what CI runs)

# Rasa 3.6 needs Python 3.10: use the first python3.10 that actually runs.
PYTHON310 := $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup system-packages check clean

run: setup
	$(BIN)/signpost run

test: setup system-packages
	$(BIN)/signpost check
	$(BIN)/pytest

check: setup
	$(BIN)/signpost check

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is required (Rasa 3.6 does not run on 3.11+)." >&2; exit 1; }
	$(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip<24" wheel
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Real components for the tests: Chromium (browser tests), Redis and nginx (scale-out tests), tor (config check only).
system-packages:
	@bash .ci/system-packages

clean:
	rm -rf $(VENV) build models .rasa var
