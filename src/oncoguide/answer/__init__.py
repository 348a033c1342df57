"""Answers: structured, cited, extractive answers built from retrieved passages."""
