"""Corpus: reading cancer.gov Markdown pages into typed pages and retrieval-sized passages."""

from oncoguide.corpus.model import Page, Passage, PageError
from oncoguide.corpus.loader import load_corpus, iter_page_files

__all__ = ["Page", "Passage", "PageError", "load_corpus", "iter_page_files"]
