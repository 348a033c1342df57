"""Corpus: reading cancer.gov Markdown pages into typed pages and retrieval-sized passages."""

from oncoguide.corpus.loader import iter_page_files, load_corpus
from oncoguide.corpus.model import Page, PageError, Passage

__all__ = ["Page", "Passage", "PageError", "load_corpus", "iter_page_files"]
