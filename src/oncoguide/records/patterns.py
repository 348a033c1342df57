"""Regex building blocks shared by the record extractors and the trial rules (which import them from here)."""

from __future__ import annotations

from collections.abc import Iterable


def alternation(patterns: Iterable[str]) -> str:
    """The patterns as one regex alternation, each kept in its own non-capturing group."""
    return "|".join(f"(?:{p})" for p in patterns)
