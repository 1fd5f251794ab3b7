# The two commands a reader needs:  make book   and   make test   (see README.md).
# Both bootstrap .venv from requirements.lock on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.medialit-installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Headless Chromium from Debian, never a browser downloaded by Playwright.
export MEDIALIT_CHROMIUM ?= /usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: book serve instructor test test-fast lint unit notebooks browser chromium bubblewrap node lock clean bench help

help:
	@echo "make book   build the student edition to _build/html, with its live notebooks, and check it holds no key (creates .venv on first run)"
	@echo "make serve  serve the built book on http://localhost:8765/ (the live notebooks need it; Ctrl-C stops)"
	@echo "make instructor  build the instructor edition (guide, answer keys, solutions, live notebooks) to _build/instructor"
	@echo "make test   run every test: lint (ruff, mypy), unit, -W book build, nbval, browser"
	@echo "make test-fast  the engine's unit tests only (no book build, no browser, no sandbox): under a minute"
	@echo "make lint   ruff check and mypy (zero errors is the bar)"
	@echo "make bench  run the benchmark scripts"
	@echo "make lock   refresh requirements.lock from requirements.in"

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

book: $(STAMP) node
	$(BIN)/jupyter-book build . --builder html
	@# The live notebooks (JupyterLite + Pyodide) in _build/html/lite, from pinned downloads kept
	@# in .cache/lite; fails if the site's config or lock names a remote URL (medialit.lite).
	$(BIN)/medialit lite build --html _build/html
	@# The student edition must hold no key or solution of a graded set (medialit.leaks).
	$(BIN)/medialit leak-check _build/html exercises
	@echo
	@echo "The book is at: $(CURDIR)/_build/html/index.html"
	@echo "Live notebooks: make serve, then open http://localhost:8765/"

serve:
	@test -f _build/html/lite/jupyter-lite.json || $(MAKE) book
	$(BIN)/medialit serve _build/html

instructor: $(STAMP) node
	@mkdir -p _build
	$(BIN)/python tools/instructor_edition.py _build/instructor-edition
	$(BIN)/jupyter-book build . --toc _build/instructor-edition/_toc.yml \
	  --config _build/instructor-edition/_config.yml --path-output _build/instructor
	@# The same live notebooks as the student edition (chapters and released sets, never the
	@# masters; their pages get no button), and the check that its live parts hold no key.
	$(BIN)/medialit lite build --html _build/instructor/_build/html
	$(BIN)/medialit leak-check _build/instructor/_build/html/lite _build/instructor/_build/html/wheel
	@echo
	@echo "The instructor edition is at: $(CURDIR)/_build/instructor/_build/html/index.html"
	@echo "Live notebooks: $(BIN)/medialit serve _build/instructor/_build/html"

chromium:
	@bash tools/ensure_chromium.sh

# The code-exercise sandbox's bubblewrap mode (it falls back without it; see docs/grading.md).
bubblewrap:
	@bash tools/ensure_bubblewrap.sh

node:
	@bash tools/ensure_node.sh

# The engine's unit tests: quiz types and scoring, loaders, grading rules, exports, the text
# model, packs. No book build, no browser, no sandboxed student code (CONTRIBUTING.md).
FAST_TESTS := tests/test_question_types.py tests/test_quiz_scoring.py tests/test_quiz_loader.py \
  tests/test_quiz_faces.py tests/test_quiz_forms.py tests/test_grading_score.py \
  tests/test_grading_answer_format.py tests/test_grading_plain_data.py \
  tests/test_export_mapping.py tests/test_export_moodle_elements.py \
  tests/test_export_render.py tests/test_case.py tests/test_pack.py tests/test_errors.py \
  tests/test_engine_tiny_pack.py tests/test_engine_knows_no_case.py tests/test_annotations.py \
  tests/test_timeline.py tests/test_bib.py tests/test_analysis_text.py \
  tests/test_analysis_quotes.py tests/test_analysis_numbers.py tests/test_analysis_stance.py \
  tests/test_layout.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy

test-fast: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider -q $(FAST_TESTS)

test: $(STAMP) chromium bubblewrap node lint
	$(BIN)/python -m pytest -p no:cacheprovider --nbval chapters --nbval-sanitize-with tests/nbval_sanitize.cfg
	@if [ -n "$$(find exercises -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | head -1)" ]; then \
	  $(BIN)/python -m pytest -p no:cacheprovider --nbval-lax exercises; \
	else echo "exercises/: no student notebooks to test yet"; fi
	@# Two lanes (tests/conftest.py marks the serial ones): the rest on two processes (the
	@# book, the editions and the browser tests among them, sharing one build of each), then
	@# the sandbox's time-limit tests in one.
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 -m "not serial" tests
	$(BIN)/python -m pytest -p no:cacheprovider -m serial tests

bench: $(STAMP) chromium bubblewrap
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/quiz_payload.py
	$(BIN)/python benchmarks/grading.py
	$(BIN)/python benchmarks/lite.py
	$(BIN)/python benchmarks/code_exercise.py
	@test -f _build/html/intro.html || $(MAKE) book
	$(BIN)/python benchmarks/pages.py

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -r requirements.in
	.lock-venv/bin/python -m pip freeze --all --exclude-editable | grep -v -E '^pip==' | LC_ALL=C sort -f > requirements.lock
	rm -rf .lock-venv
	@echo "requirements.lock refreshed: review the diff, run make test, commit."

clean:
	rm -rf _build
