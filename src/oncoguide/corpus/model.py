"""Domain models of the corpus: a page, its passages, and a page that could not be read."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Audience = Literal["patient", "professional"]


class Passage(BaseModel):
    """A retrieval unit: a run of paragraphs under one heading path of one page."""

    passage_id: str = Field(description="'<doc stem>#<n>', stable while the page is unchanged.")
    doc: str = Field(description="Corpus file name, e.g. 'types-breast-stages-metastatic-breast-cancer.md'.")
    title: str
    url: str
    audience: Audience
    cancer_types: list[str] = Field(default_factory=list)
    last_reviewed: str | None = None
    headings: list[str] = Field(default_factory=list, description="Heading path from the page top.")
    text: str = Field(description="Cleaned text; paragraphs separated by newlines.")

    @property
    def heading(self) -> str:
        return " > ".join(self.headings)


class Page(BaseModel):
    """One corpus page with its metadata and passages."""

    doc: str
    path: str
    title: str
    url: str
    audience: Audience
    cancer_types: list[str] = Field(default_factory=list)
    last_reviewed: str | None = None
    content_hash: str
    passages: list[Passage] = Field(default_factory=list)
    question_headings: list[str] = Field(
        default_factory=list, description="Headings phrased as questions; feed 'related questions'."
    )
    links: list[str] = Field(default_factory=list, description="Absolute URLs the page links to.")


class PageError(BaseModel):
    """A page that was skipped, and why; reported, never fatal to an index build."""

    path: str
    reason: str
