"""Shared types for extractors: the document they read and the findings (value + evidence) they return."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from oncoguide.records.context import Assertion, assess
from oncoguide.records.model import Evidence


@dataclass(frozen=True)
class Doc:
    """A de-identified document: text, name, and its date (YYYY-MM) if known."""

    text: str
    name: str = "text"
    date: str | None = None

    def evidence(self, start: int, end: int, pad: int = 0) -> Evidence:
        s, e = max(0, start - pad), min(len(self.text), end + pad)
        quote = re.sub(r"\s+", " ", self.text[s:e]).strip()
        return Evidence(document=self.name, start=start, end=end, quote=quote, date=self.date)

    def assertion(self, start: int, end: int) -> Assertion:
        return assess(self.text, start, end)


@dataclass
class Finding:
    """One extracted fact: the profile field it fills, its value, and where it was read."""

    field: str
    value: Any
    start: int
    end: int
    score: float = 1.0
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)
