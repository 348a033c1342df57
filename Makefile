# oncoguide — the two quick-start commands are `make ask Q="..."` and `make test`.
# Everything installs into .venv at the repo root on first use.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
Q       ?= What does it mean when breast cancer spreads to the lungs?
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install system-deps ask index search test lint bench bench-index clean

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: the CPU wheel on this machine's disk (an unpinned torch pulls a CUDA build).
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# OCR for scanned records needs Debian's tesseract; installed only when missing and when we may.
system-deps:
	@command -v tesseract >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr poppler-utils >/dev/null; \
	  else echo "note: tesseract-ocr is missing (OCR of scanned records disabled); install it with apt-get"; fi; }

ask: $(STAMP)
	$(BIN)/oncoguide ask "$(Q)"

index: $(STAMP)
	$(BIN)/oncoguide index

search: $(STAMP)
	$(BIN)/oncoguide search "$(Q)"

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

bench: $(STAMP)
	$(BIN)/python bench/retrieval_bench.py
	$(BIN)/python bench/answer_bench.py
	$(BIN)/python bench/records_bench.py
	$(BIN)/python bench/trials_bench.py

# Slow: builds a second full index in a temporary folder and times plain sentence-transformers beside it.
bench-index: $(STAMP)
	$(BIN)/python bench/index_bench.py
	$(BIN)/python bench/embed_bench.py

clean:
	rm -rf $(VENV) .oncoguide
