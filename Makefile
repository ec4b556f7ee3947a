# Two commands for a newcomer: `make book` builds the course, `make test` runs every test.
# Each creates the virtual environment from requirements.txt first if it is missing or stale.
VENV ?= .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.installed
# npm tools (package.json pins them): PurgeCSS for the book build, axe-core for the
# accessibility tests, Lighthouse for the benchmark.
NODE_READY := node_modules/.installed

.PHONY: book test lab serve execute linkcheck clean

$(READY): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(NODE_READY): package.json
	npm install --no-audit --no-fund
	touch $@

# The build ends with the speed steps and the byte budget (src/twitchcourse/sphinx_ext.py).
book: $(READY) $(NODE_READY)
	$(VENV)/bin/jupyter-book build . -W -n --keep-going
	@echo "The course is built. Open $(CURDIR)/_build/html/index.html, or run: make serve"

test: $(READY) $(NODE_READY)
	$(PY) -m pytest

# Learn in JupyterLab. The server set-up (src/twitchcourse/jupyter_server_config.json) keeps widget
# state, and so diary entries, out of every saved notebook, and hides conftest.py from the file list.
lab: $(READY)
	mkdir -p $(VENV)/share/jupyter/lab/settings $(VENV)/etc/jupyter
	cp src/twitchcourse/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	cp src/twitchcourse/jupyter_server_config.json $(VENV)/etc/jupyter/jupyter_server_config.json
	$(VENV)/bin/jupyter lab notebooks/01-what-are-fasciculations.ipynb

serve: book
	@echo "Serving the book at http://127.0.0.1:8000/ (Ctrl+C to stop)"
	$(PY) -m http.server --bind 127.0.0.1 --directory _build/html 8000

# Re-run every notebook so the outputs stored in it (which nbval and the book use) are current.
execute: $(READY)
	$(PY) -m twitchcourse.execute notebooks/*.ipynb

# Check that the external links (mostly the references' DOIs and web pages) still work.
# Needs the internet, so it is not part of `make test`.
linkcheck: $(READY)
	$(VENV)/bin/jupyter-book build . --builder linkcheck

clean:
	rm -rf _build
