"""Retrieval: the passage index (BM25 + dense embeddings) and hybrid search with query understanding."""
