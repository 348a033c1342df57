"""Splitting real eligibility text into inclusion / exclusion items."""

from __future__ import annotations

import pytest

from oncoguide.trials.criteria import split_criteria


def test_markdown_layout_splits_inclusion_and_exclusion(raw_records):
    items = split_criteria(raw_records["NCT03820830"]["eligibility_criteria"])
    inc = [c.text for c in items if c.kind == "inclusion"]
    exc = [c.text for c in items if c.kind == "exclusion"]
    assert any(t.startswith("ECOG performance status 0 or 1") for t in inc)
    assert any("Previous treatment with palbociclib" in t for t in exc)
    assert not any("palbociclib or any other CDK" in t for t in inc)


def test_old_indented_layout_keeps_subheadings(raw_records):
    items = split_criteria(raw_records["NCT00003135"]["eligibility_criteria"])
    texts = [c.text for c in items]
    assert "No brain metastases" in texts
    assert all(c.kind == "inclusion" for c in items[:5])
    assert not any(t.endswith(":") and len(t.split()) <= 3 for t in texts)  # headings became sections


def test_every_shared_record_splits(all_trials):
    empty = [t.nct_id for t in all_trials if t.eligibility_criteria.strip() and not split_criteria(t.eligibility_criteria)]
    assert empty == []


def test_wrong_type_is_rejected():
    with pytest.raises(TypeError):
        split_criteria(None)  # type: ignore[arg-type]
