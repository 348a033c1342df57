"""Judge a trial's criteria against patient facts: one explained verdict per criterion, then a label.

Pipeline per criterion: direction (inclusion / exclusion / negated "No …" item) -> topic rules -> combine
(not_met beats unknown beats met) -> verdict with the profile evidence and, when unknown, a question.
"""

from __future__ import annotations

import re

from oncoguide.trials.criteria import split_criteria
from oncoguide.trials.facts import RECURRED, PatientFacts
from oncoguide.trials.model import Criterion, CriterionVerdict, Eligibility, Trial, Verdict
from oncoguide.trials.rules import (
    Finding,
    admin_rule,
    age_rule,
    biomarker_rule,
    brain_rule,
    castration_rule,
    course_requirement,
    course_rule,
    disease_rule,
    ecog_rule,
    histology_rule,
    menopause_rule,
    screening_rule,
    sex_rule,
    stage_rule,
    treatment_rule,
    unknown_topic_rule,
    unrecorded_agent_rule,
)
from oncoguide.trials.vocab import GENERIC_SOLID, cancer_keys
from oncoguide.wording import TrialQuestions, load_wording
from oncoguide.wording import trial_question as _q


def _trial_wording() -> TrialQuestions:
    return load_wording().trial_questions


def _ask(question: str) -> str:
    """'Ask the trial team: …' as the reviewed wording file phrases it."""
    return _trial_wording().ask_line(question)

_LEADING_NEG = re.compile(r"^\W*(?:no|not|without|absence of|none|never|must not|should not|cannot|free of)\b", re.I)
_INNER_NEG = re.compile(r"\b(?:are|is|will be) (?:not eligible|excluded|ineligible)\b|\bnot (?:be )?eligible\b|"
                        r"\bmust (?:have no|not have) known\b|"
                        r"\b(?:is|are|will) not (?:be )?(?:allowed|permitted)\b", re.I)
_COHORT = re.compile(r"^\W*(?:for\s+)?(?:(?:cohort|arm|part|group|stratum|module|phase)\s*[\w\d]*|dose[- ]expansion|expansion)\b", re.I)
_SEVERITY = {"not_met": 3, "unknown": 2, "met": 1, "not_applicable": 0}


# "Age ≥ 18 years. Because no data are available in patients < 18, children are excluded": a later sentence that
# restates who is left out by the age limit, not an exclusion of what the item names
_RESTATED_AGE_LIMIT = re.compile(
    r"(?<=[.;])[^.;]*\b(?:children|minors|pediatric|paediatric|under (?:the age of )?\d+|younger than \d+|< ?\d+ years)"
    r"[^.;]*\b(?:are|is|will be) (?:not eligible|excluded|ineligible)[^.;]*(?:[.;]|$)", re.I)


def drop_restated_limit(text: str) -> str:
    return _RESTATED_AGE_LIMIT.sub(" ", text).strip()


def requires_presence(criterion: Criterion) -> bool:
    """True when the patient must HAVE what the item names (a plain inclusion item).

    A leading "No …" flips the section's direction; a stated exclusion inside the item ("… is not allowed",
    "patients with … are excluded") means the patient must lack the thing in either section.
    """
    if _INNER_NEG.search(drop_restated_limit(criterion.text)):
        return False
    return (criterion.kind == "inclusion") != bool(_LEADING_NEG.match(criterion.text))


def _verdict(finding: Finding, presence: bool) -> Verdict:
    if finding.fixed:
        return finding.fixed  # type: ignore[return-value]
    if finding.when_required and presence:
        return finding.when_required  # type: ignore[return-value]
    if finding.present is None:
        return "unknown"
    return "met" if finding.present == presence else "not_met"


_ESCAPED = re.compile(r"\\([<>=*&_#\[\]().+-])")


def clean_text(text: str) -> str:
    """Undo registry markdown escapes ("\\>= 18", "\\* Female") so rules read the operators and words."""
    return _ESCAPED.sub(r"\1", text).strip().lstrip("*").strip()


def _findings(c: Criterion, f: PatientFacts) -> list[Finding]:
    c = c.model_copy(update={"text": drop_restated_limit(clean_text(c.text))})
    text = c.text
    section = (c.section or "").lower()
    if section.startswith("age") and not re.search(r"\bage\b", text, re.I):
        text_for_age = f"Age {text}"
    else:
        text_for_age = text
    if (admin := admin_rule(text, f)) and not (admin.topic == "administrative" and age_rule(text_for_age, f)):
        return [admin]  # "Age ≥ 18 at the time of consent" is an age item, not paperwork
    found: list[Finding] = []
    for rule in (
        lambda: age_rule(text_for_age, f),
        lambda: sex_rule(text, f, c.section),
        lambda: menopause_rule(text, f),
        lambda: ecog_rule(text, f, c.section),
        lambda: brain_rule(text, f),
        lambda: castration_rule(text, f) if c.kind == "inclusion" and "prostate" in f.cancer and requires_presence(c) else None,
        lambda: screening_rule(text, f),
        lambda: _disease(c, f),
        lambda: stage_rule(text, f),
        lambda: histology_rule(text, f),
        lambda: treatment_rule(text, f),
        lambda: course_rule(text, f),
    ):
        if (x := rule()) is not None:
            found.append(x)
    if any(x.topic == "castration" and x.present for x in found):
        # "orchiectomy and/or ongoing ADT": the castrate state is the requirement, not one route to it
        found = [x for x in found if x.topic != "treatment"]
    found += biomarker_rule(text, f)
    if not found and (x := unrecorded_agent_rule(text, f)):
        found.append(x)
    if not found and (x := unknown_topic_rule(text, f)):
        found.append(x)
    return found


_OWN_DIAGNOSIS = re.compile(r"^\W*(?:(?:a|any)\s+)?(?:(?:prior|previous|known|current)\s+)?(?:diagnosis|history)"
                           r"(?:\s+or\s+(?:prior\s+)?treatment)?\s+(?:of|with)\b", re.I)


# "Those with the following tumor types: melanoma, glioma …": an exclusion naming the population left out
_TYPE_LIST = re.compile(r"^\W*(?:(?:patients?|participants?|subjects?|those|individuals?)\s+with\s+)?(?:the\s+following\s+|"
                        r"any of the following\s+)?(?:tumou?r|cancer)\s+types?\s*:", re.I)
_NO_KNOWN = re.compile(r"^\W*(?:no|without)\s+(?:known\s+|prior\s+|previous\s+)?", re.I)


def _disease(c: Criterion, f: PatientFacts) -> Finding | None:
    """The cancer an item names. In a plain inclusion item it is the population; in an exclusion or a "No …" item
    it only counts when it rules the patient's own cancer out ("tumour with small cell components" for a squamous
    NSCLC), since there a matching name is context ("No prior treatment for GBM"), not the thing excluded."""
    x = disease_rule(c.text, f)
    own = _OWN_DIAGNOSIS.match(c.text) or _TYPE_LIST.match(c.text) or (
        c.kind == "inclusion" and _OWN_DIAGNOSIS.match(_NO_KNOWN.sub("", c.text)) and _NO_KNOWN.match(c.text))
    if (c.kind == "exclusion" or not requires_presence(c)) and own and cancer_keys(c.text) & f.cancer:
        # "Prior diagnosis of prostate cancer" excludes a patient who has prostate cancer
        return Finding("disease", True, f"profile: {f.cancer_label}")
    if x is None or (c.kind == "inclusion" and requires_presence(c)):
        return x
    return x if x.present is False else None


def _short(text: str, n: int = 140) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def judge_criterion(c: Criterion, f: PatientFacts) -> CriterionVerdict:
    """One verdict with its evidence; unknown when no rule recognises the criterion."""
    findings = _findings(c, f)
    if not findings:
        q = _trial_wording().fallback(_short(c.text))
        return CriterionVerdict(text=c.text, kind=c.kind, verdict="unknown",
                                evidence=f"Not decidable from the profile. {_ask(q)}", question=q)
    presence = requires_presence(c)
    judged = [(_verdict(x, presence), x) for x in findings]
    verdict, worst = max(judged, key=lambda vx: _SEVERITY[vx[0]])
    evidence = "; ".join(dict.fromkeys(x.evidence for _, x in judged))
    question = worst.question if verdict == "unknown" else None
    if verdict == "unknown":
        question = question or _trial_wording().fallback(_short(c.text))
        evidence = f"{evidence}. {_ask(question)}"
    return CriterionVerdict(text=c.text, kind=c.kind, verdict=verdict, evidence=evidence,
                            topic=",".join(dict.fromkeys(x.topic for _, x in judged)), question=question)


def _fmt_age(x: float) -> str:
    return f"{x:g}"


def registry_verdicts(trial: Trial, f: PatientFacts) -> list[CriterionVerdict]:
    """Hard limits from the structured fields (or parsed from criteria text) and the conditions studied."""
    out: list[CriterionVerdict] = []
    where = "registry" if trial.age_sex_source == "registry" else "stated in the criteria"
    lo, hi = trial.min_age_years, trial.max_age_years
    if lo is not None or hi is not None:
        text = (f"Age {_fmt_age(lo)}–{_fmt_age(hi)} years" if lo is not None and hi is not None
                else f"Age {_fmt_age(lo)} years or older" if lo is not None else f"Age up to {_fmt_age(hi)} years")  # type: ignore[arg-type]
        if f.age is None:
            out.append(CriterionVerdict(text=f"{text} ({where})", kind="inclusion", verdict="unknown", hard=True,
                                        topic="age", evidence=f"profile: age not recorded. {_ask(_q('age'))}",
                                        question=_q("age")))
        else:
            ok = (lo is None or f.age >= lo) and (hi is None or f.age <= hi)
            out.append(CriterionVerdict(text=f"{text} ({where})", kind="inclusion", verdict="met" if ok else "not_met",
                                        evidence=f"profile: age {f.age}", topic="age", hard=True))
    if trial.sex in {"female", "male"}:
        text = f"Sex: {trial.sex} participants only ({where})"
        if f.sex is None:
            out.append(CriterionVerdict(text=text, kind="inclusion", verdict="unknown", hard=True, topic="sex",
                                        evidence=f"profile: sex not recorded. {_ask(_q('sex'))}",
                                        question=_q("sex")))
        else:
            out.append(CriterionVerdict(text=text, kind="inclusion", hard=True, topic="sex",
                                        verdict="met" if f.sex == trial.sex else "not_met", evidence=f"profile: {f.sex}"))
    out += focus_verdicts(trial, f)
    if f.cancer and trial.conditions:
        conds = "; ".join(trial.conditions)
        keys = cancer_keys(conds)
        if keys & f.cancer or (GENERIC_SOLID.search(conds) and f.solid):
            v: Verdict = "met"
        elif keys:
            v = "not_met"
        else:
            v = "unknown"
        ev = f"profile: {f.cancer_label}"
        q = None
        if v == "unknown":
            q = _q("condition")
            ev += f". {_ask(q)}"
        out.append(CriterionVerdict(text=f"Condition studied: {_short(conds, 200)} (registry)", kind="inclusion",
                                    verdict=v, evidence=ev, topic="condition", question=q))
    return out


_FOCUS_EARLY = re.compile(r"early[- ]stage|early breast|\boperable\b|\bresect(?:ed|able)\b|(?:\bneo-?)?adjuvant|breast[- ]conserving|low[- ]risk|ductal carcinoma in situ|\bDCIS\b|non[- ]?metastatic|\bstage (?:I|II|III|1|2|3)\b(?! ?(?:-|–|to|or|/) ?(?:IV|4))", re.I)
_FOCUS_LATE = re.compile(r"metastatic|advanced|unresectable|stage (?:IV|4)|recurrent|refractory", re.I)


def focus_verdicts(trial: Trial, f: PatientFacts) -> list[CriterionVerdict]:
    """The population a trial's title and conditions announce (stage, biomarker subtype), judged like a criterion.

    Titles are often the only place a trial says "early-stage" or "HER2-positive"; any one announced
    subgroup matching the patient is enough, since titles list alternatives ("HER2+ or TNBC").
    """
    text = f"{trial.title}. {'; '.join(trial.conditions)}"
    out: list[CriterionVerdict] = []
    early, late = bool(_FOCUS_EARLY.search(text)), bool(_FOCUS_LATE.search(text))
    if early != late and f.metastatic is not None:
        ok = (not f.metastatic) if early else (f.metastatic or (f.stage or 0) >= 3)
        out.append(CriterionVerdict(
            text=f"Trial population (title): {'early / operable' if early else 'advanced or metastatic'} disease",
            kind="inclusion", verdict="met" if ok else "not_met", topic="focus:stage",
            evidence="profile: " + (f"stage {f.stage_label}" if f.stage_label else "") +
                     (f" metastatic to {', '.join(f.metastatic_sites)}" if f.metastatic_sites else "")))
    meno = menopause_rule(text, f)
    if meno is not None and meno.present is not None:
        out.append(CriterionVerdict(text="Trial population (title): menopausal status", kind="inclusion",
                                    verdict="met" if meno.present else "not_met", topic="focus:menopause",
                                    evidence=meno.evidence))
    line = _focus_line(text, f)
    if line is not None:
        out.append(line)
    findings = [x for x in biomarker_rule(trial.title + ". " + "; ".join(trial.conditions), f) if x.present is not None]
    if findings:
        ok = any(x.present for x in findings)
        out.append(CriterionVerdict(
            text="Trial population (title/conditions): " + ", ".join(x.topic.split(":")[1] for x in findings) + " subgroup",
            kind="inclusion", verdict="met" if ok else "not_met", topic="focus:biomarker",
            evidence="; ".join(dict.fromkeys(x.evidence for x in findings))))
    return out


_FOCUS_NAIVE = re.compile(r"previously untreated|treatment[- ]na[iï]ve|\buntreated\b|first[- ]line|\b1L\b|frontline", re.I)
_FOCUS_PRETREATED = re.compile(
    r"previously[- ]treated|pre-?treated|refractory|relapsed|second[- ]line|\b2L\b|after (?:progression|failure)|"
    r"resistan(?:t|ce)|progress(?:ed|ing) (?:on|after)", re.I)


def _focus_line(text: str, f: PatientFacts) -> CriterionVerdict | None:
    """Line of therapy the title announces (untreated / first-line vs previously treated) against the profile."""
    naive, pretreated = bool(_FOCUS_NAIVE.search(text)), bool(_FOCUS_PRETREATED.search(text))
    if naive == pretreated or f.prior_systemic is None:
        return _focus_course(text, f)  # no single announced line, or untreated cannot be told from unrecorded
    return CriterionVerdict(
        text=f"Trial population (title): {'untreated / first-line' if naive else 'previously treated'} disease",
        kind="inclusion", verdict="met" if naive != f.prior_systemic else "not_met", topic="focus:line",
        evidence=f.prior_systemic_evidence)


def _focus_course(text: str, f: PatientFacts) -> CriterionVerdict | None:
    """Newly diagnosed vs recurrent / relapsed disease the title announces, when the records state the course."""
    req = course_requirement(text)
    if req not in {"newly", "recurred"} or f.course is None:
        return None
    recurred = f.course in RECURRED
    return CriterionVerdict(
        text=f"Trial population (title): {'newly diagnosed' if req == 'newly' else 'recurrent or relapsed'} disease",
        kind="inclusion", verdict="met" if recurred == (req == "recurred") else "not_met", topic="focus:course",
        evidence=f.course_evidence)


def _cohort_adjust(verdicts: list[CriterionVerdict]) -> list[CriterionVerdict]:
    """Multi-cohort trials: a disease item for another cohort does not apply when one for ours is met."""
    disease_met = any(v.verdict == "met" and v.topic and "disease" in v.topic for v in verdicts if not v.hard)
    out = []
    for v in verdicts:
        if v.verdict == "not_met" and not v.hard and v.topic and (
            (disease_met and "disease" in v.topic) or _COHORT.match(v.text)
        ):
            v = v.model_copy(update={"verdict": "not_applicable",
                                     "evidence": v.evidence + " — applies to another cohort of this trial"})
        out.append(v)
    return out


def judge_trial(trial: Trial, f: PatientFacts, criteria: list[Criterion] | None = None) -> list[CriterionVerdict]:
    """Registry limits first, then every inclusion and exclusion item in order."""
    items = criteria if criteria is not None else split_criteria(trial.eligibility_criteria)
    return registry_verdicts(trial, f) + _cohort_adjust([judge_criterion(c, f) for c in items])


def eligibility_label(verdicts: list[CriterionVerdict]) -> Eligibility:
    """unlikely: something fails; likely: nothing fails and the cancer type is confirmed; else unknown."""
    if any(v.verdict == "not_met" for v in verdicts):
        return "unlikely"
    if any(v.verdict == "met" and v.topic and ("condition" in v.topic or "disease" in v.topic) for v in verdicts):
        return "likely"
    return "unknown"
