"""Read trial records — the shared JSON lines or ClinicalTrials.gov API v2 JSON — into `Trial` models.

Older records carry age, sex and status only inside the criteria text, so those limits are parsed from
the text when the structured fields are missing (marked `age_sex_source="criteria_text"`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from oncoguide.trials.criteria import split_criteria
from oncoguide.trials.model import Trial


class TrialDataError(ValueError):
    """The trials file is missing, empty or not in a format we read."""


_PHASES = {
    "EARLY_PHASE1": "Early Phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
    "NA": "Not Applicable",
}


def normalise_phase(value: str | list[str] | None) -> str | None:
    """'Phase 1; Phase 2', 'Phase 1/Phase 2' and API ['PHASE1','PHASE2'] all become 'Phase 1/Phase 2'."""
    if value is None:
        return None
    parts = value if isinstance(value, list) else re.split(r"\s*[;/,]\s*", value)
    out = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        key = p.upper().replace(" ", "").replace("-", "_")
        out.append(_PHASES.get(key, _PHASES.get(key.replace("EARLY", "EARLY_"), p)))
    return "/".join(out) or None


_AGE_UNITS = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}


def parse_age(value: str | None) -> float | None:
    """'18 Years' -> 18.0; '6 Months' -> 0.5; 'N/A' or None -> None."""
    if not value:
        return None
    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)", str(value))
    if not m:
        return None
    unit = m.group(2).lower().rstrip("s") or "year"
    return float(m.group(1)) * _AGE_UNITS.get(unit, 1.0)


def _sex(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().lower()
    return {"all": "all", "both": "all", "female": "female", "male": "male"}.get(v)


_NUM = r"(\d{1,3})"
_AGE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:between|from)\s+(?:the\s+ages?\s+of\s+)?" + _NUM + r"\s*(?:years?\s*)?(?:and|to|-|–)\s*" + _NUM + r"\s*years?", re.I), "range"),
    (re.compile(r"\baged?\s*(?:of\s*)?:?\s*" + _NUM + r"\s*(?:-|–|to)\s*" + _NUM + r"\b", re.I), "range"),
    (re.compile(r"\b" + _NUM + r"\s*(?:-|–|to)\s*" + _NUM + r"\s*years?\s*(?:of\s+age|old)", re.I), "range"),
    (re.compile(r"\bages?\s*(?:≥|>=|=>|≧|at\s+least|of\s+at\s+least|over|above|greater\s+than\s+or\s+equal\s+to|more\s+than)\s*" + _NUM, re.I), "min"),
    (re.compile(r"(?:≥|>=|=>|≧|at\s+least|over|above|greater\s+than\s+or\s+equal\s+to|older\s+than)\s*" + _NUM + r"\s*(?:years?|yrs?)\b", re.I), "min"),
    (re.compile(r"\b" + _NUM + r"\s*(?:years?|yrs?)\s*(?:of\s+age\s+)?(?:or|and)\s+(?:older|over|above|greater)", re.I), "min"),
    (re.compile(r"\b" + _NUM + r"\s*(?:years?\s*)?(?:and|or)\s+(?:over|older)\b", re.I), "min"),
    (re.compile(r"\b(?:age|aged)\s*(?:≤|<=|=<|<|under|less\s+than|no\s+older\s+than)\s*" + _NUM, re.I), "max"),
]


def parse_age_from_text(criteria: str) -> tuple[float | None, float | None]:
    """Age limits stated in inclusion items (first match wins); (None, None) when none are stated."""
    lo: float | None = None
    hi: float | None = None
    for item in split_criteria(criteria):
        if item.kind != "inclusion":
            continue
        text = f"{item.section}: {item.text}" if item.section and item.section.lower().startswith("age") else item.text
        if not re.search(r"\bage|\byears?\b|\byrs?\b|\bold\b", text, re.I):
            continue
        if re.search(r"menopaus|diagnos|since|prior|within|ago|history|expectancy|smok|pack", text, re.I):
            continue
        for pat, kind in _AGE_PATTERNS:
            m = pat.search(text)
            if not m:
                continue
            if kind == "range":
                lo, hi = float(m.group(1)), float(m.group(2))
            elif kind == "min" and lo is None:
                lo = float(m.group(1))
            elif kind == "max" and hi is None:
                hi = float(m.group(1))
            break
        if lo is not None and hi is not None:
            break
    return lo, hi


_SEX_LINE = re.compile(
    r"^(?:(?:female|male)s?|wom[ae]n|m[ae]n)(?:\s+(?:patients?|subjects?|participants?))?"
    r"(?=\s*$|\s*[,.;:(]|\s+(?:aged?|with|≥|>=|over|between|\d|who\s+have\s+been\s+diagnosed|diagnosed))",
    re.I,
)


def parse_sex_from_text(criteria: str) -> str | None:
    """'female' / 'male' when an inclusion item restricts sex ('Sex: Female', 'Women aged 18…'), else None."""
    for item in split_criteria(criteria):
        if item.kind != "inclusion":
            continue
        if item.section and item.section.lower().startswith("sex"):
            v = item.text.lower()
            if v.startswith(("female", "women")):
                return "female"
            if v.startswith(("male", "men")):
                return "male"
            continue
        if m := _SEX_LINE.match(item.text):
            return "female" if m.group(0).lower().startswith(("fem", "wom")) else "male"
    return None


def trial_from_flat(rec: dict[str, Any]) -> Trial:
    """A record of the shared JSONL layout."""
    criteria = rec.get("eligibility_criteria") or "\n".join(
        x for x in (rec.get("inclusion_criteria"), rec.get("exclusion_criteria")) if x
    )
    lo, hi = parse_age(rec.get("min_age")), parse_age(rec.get("max_age"))
    sex = _sex(rec.get("sex"))
    source = "registry" if (lo is not None or hi is not None or sex) else None
    if lo is None and hi is None and sex is None and criteria:
        lo, hi = parse_age_from_text(criteria)
        sex = parse_sex_from_text(criteria)
        source = "criteria_text" if (lo is not None or hi is not None or sex) else None
    locations = rec.get("locations")
    return Trial(
        nct_id=rec["nct_id"],
        title=rec.get("title") or rec.get("brief_title") or "",
        brief_summary=rec.get("brief_summary") or "",
        conditions=list(rec.get("conditions") or []),
        interventions=list(rec.get("interventions") or []),
        phase=normalise_phase(rec.get("phase")),
        status=rec.get("status") or None,
        study_type=rec.get("study_type") or None,
        min_age_years=lo,
        max_age_years=hi,
        sex=sex,  # type: ignore[arg-type]
        age_sex_source=source,  # type: ignore[arg-type]
        eligibility_criteria=criteria or "",
        sponsor=rec.get("sponsor") or None,
        locations=sorted(set(locations)) if locations else None,
    )


def _api_status(value: str | None) -> str | None:
    return value.replace("_", " ").capitalize() if value else None


def trial_from_api_v2(study: dict[str, Any]) -> Trial:
    """A ClinicalTrials.gov API v2 study object (`protocolSection` …)."""
    ps = study["protocolSection"]
    ident = ps.get("identificationModule", {})
    elig = ps.get("eligibilityModule", {})
    design = ps.get("designModule", {})
    locs = ps.get("contactsLocationsModule", {}).get("locations") or []
    flat = {
        "nct_id": ident.get("nctId"),
        "title": ident.get("briefTitle") or ident.get("officialTitle") or "",
        "brief_summary": ps.get("descriptionModule", {}).get("briefSummary"),
        "conditions": ps.get("conditionsModule", {}).get("conditions"),
        "interventions": [i.get("name") for i in ps.get("armsInterventionsModule", {}).get("interventions") or []],
        "phase": None,
        "status": _api_status(ps.get("statusModule", {}).get("overallStatus")),
        "study_type": _api_status(design.get("studyType")),
        "min_age": elig.get("minimumAge"),
        "max_age": elig.get("maximumAge"),
        "sex": elig.get("sex"),
        "eligibility_criteria": elig.get("eligibilityCriteria"),
        "sponsor": ps.get("sponsorCollaboratorsModule", {}).get("leadSponsor", {}).get("name"),
        "locations": [loc["country"] for loc in locs if loc.get("country")] or None,
    }
    trial = trial_from_flat(flat)
    trial.phase = normalise_phase(design.get("phases"))
    return trial


def _records(obj: Any) -> Iterator[dict[str, Any]]:
    if isinstance(obj, list):
        for x in obj:
            yield from _records(x)
    elif isinstance(obj, dict) and "studies" in obj:
        yield from _records(obj["studies"])
    elif isinstance(obj, dict):
        yield obj
    else:
        raise TrialDataError(f"expected a trial object, got {type(obj).__name__}")


def parse_record(rec: dict[str, Any]) -> Trial:
    """One record in either format, with a clear error naming what is wrong."""
    try:
        if "protocolSection" in rec:
            return trial_from_api_v2(rec)
        if "nct_id" in rec:
            return trial_from_flat(rec)
    except (ValidationError, KeyError, TypeError, AttributeError) as e:
        raise TrialDataError(f"malformed trial record {rec.get('nct_id') or '?'}: {e}") from e
    raise TrialDataError("record is neither the shared JSONL layout (nct_id) nor API v2 (protocolSection)")


def parse_trials(objects: Iterable[Any]) -> list[Trial]:
    trials = [parse_record(r) for obj in objects for r in _records(obj)]
    if not trials:
        raise TrialDataError("no trial records found")
    return trials


def load_trials(path: Path) -> list[Trial]:
    """All trials in a JSONL file (one record or {"studies": …} per line) or one JSON document."""
    path = Path(path)
    if not path.is_file():
        raise TrialDataError(f"trials file not found: {path} (set ONCOGUIDE_TRIALS)")
    text = path.read_text(encoding="utf-8", errors="strict")
    if not text.strip():
        raise TrialDataError(f"trials file is empty: {path}")
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped.rstrip()):
        try:
            return parse_trials([json.loads(text)])
        except json.JSONDecodeError:
            pass  # fall through: maybe JSON lines
    objects = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            objects.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise TrialDataError(f"{path}:{n}: not valid JSON ({e.msg})") from e
    return parse_trials(objects)
