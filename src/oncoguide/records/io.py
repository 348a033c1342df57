"""I/O edges: import files into a profile, load a saved profile, and the profile JSON schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from oncoguide.records import fhir, readers
from oncoguide.records.deid import deidentify
from oncoguide.records.engine import extract_doc
from oncoguide.records.errors import FileTooLargeError, InvalidFHIRError, ProfileLoadError, RecordsError
from oncoguide.records.extractors.base import Doc
from oncoguide.records.limits import ImportLimits
from oncoguide.records.merge import merge_profiles
from oncoguide.records.model import PatientProfile
from oncoguide.settings import Settings

_DOC_DATE = re.compile(
    r"(?i)(?:date of (?:service|report|procedure|collection|visit|surgery)|report date|collected|visit date|"
    r"date signed|signed|date)\s*[:\-]?\s*\[date (\d{4}-\d{2})\]"
)


def document_date(text: str) -> str | None:
    """Year-month of a de-identified document: a labelled date, else the latest full date in it."""
    if m := _DOC_DATE.search(text):
        return m[1]
    dates = re.findall(r"\[date (\d{4}-\d{2})\]", text)
    return max(dates) if dates else None


def read_document(path: Path, limits: ImportLimits) -> tuple[str, str | None, Any]:
    """(kind, text, fhir json) of one file, after all checks; raises a specific RecordsError."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise RecordsError(f"{name}: file not found.") from None
    if not path.is_file():
        raise RecordsError(f"{name}: not a regular file.")
    if size > limits.max_file_bytes:
        raise FileTooLargeError(f"{name}: {size:,} bytes is over the limit of {limits.max_file_bytes:,} bytes.")
    data = path.read_bytes()
    kind = readers.detect_kind(path, data)
    if kind == "fhir":
        text = readers.decode_text(name, data, limits)
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidFHIRError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}).") from None
        return kind, None, parsed
    if kind == "text":
        return kind, readers.decode_text(name, data, limits), None
    text = readers.read_binary(kind, name, data, limits)
    if len(text) > limits.max_text_chars:
        raise FileTooLargeError(f"{name}: extracted text is over the limit of {limits.max_text_chars:,} characters.")
    return kind, text, None


def import_files(
    paths: list[Path], settings: Settings | None = None, limits: ImportLimits | None = None
) -> PatientProfile:
    """Read, de-identify and extract every file, then merge into one profile.

    All files are read and checked before any profile is built: one bad file raises its RecordsError
    and nothing is imported (no partial profile).
    """
    del settings  # reserved: records limits live in ImportLimits until Settings grows a records section
    limits = limits or ImportLimits.from_env()
    if not paths:
        raise RecordsError("no files given.")
    loaded = [(Path(p), *read_document(Path(p), limits)) for p in paths]
    profiles: list[PatientProfile] = []
    for path, kind, text, data in loaded:
        if kind == "fhir":
            profiles.append(fhir.from_bundle_json(data, path.name))
        else:
            assert text is not None
            clean = deidentify(text).text
            profiles.append(extract_doc(Doc(text=clean, name=path.name, date=document_date(clean))))
    return merge_profiles(profiles)


def load_profile(path: Path | str) -> PatientProfile:
    """A PatientProfile from a JSON file (`--profile`), with a clear error for each way it can be wrong."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileLoadError(f"profile file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileLoadError(f"cannot read profile file {path}: {exc.__class__.__name__}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ProfileLoadError(f"{path.name}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    if not isinstance(data, dict):
        raise ProfileLoadError(f"{path.name}: a profile must be a JSON object, got {type(data).__name__}.")
    try:
        return PatientProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
        raise ProfileLoadError(f"{path.name}: not a valid patient profile ({problems}).") from None


def profile_schema() -> dict[str, Any]:
    """JSON Schema of the PatientProfile (for `oncoguide schema profile`)."""
    return PatientProfile.model_json_schema()
