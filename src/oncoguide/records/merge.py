"""Combine the profiles of several documents of one patient into one.

Scalars come from the most recent document that states them (by evidence date, then input order);
biomarkers are all kept with their evidence, and only the latest of each marker has most_recent=True,
so a change (ER on the biopsy vs on a later metastasis) stays visible.
"""

from __future__ import annotations

from oncoguide.records.model import Evidence, PatientProfile

_SCALARS = ["cancer_type", "primary_site", "histology", "laterality", "grade", "stage_group", "metastatic", "oligometastatic",
            "menopausal_status", "ecog", "age", "sex", "disease_status"]
# treatment history: a statement that something was given (True) outweighs one that it was not, in any document
_TRUE_WINS = ["prior_systemic_therapy", "prior_therapy_for_advanced", "standard_options_exhausted"]


def _date(ev: Evidence | None) -> str:
    return (ev.date if ev and ev.date else "") or ""


def merge_profiles(profiles: list[PatientProfile]) -> PatientProfile:
    """One profile from many (pure; inputs are not modified)."""
    if len(profiles) == 1:
        return profiles[0].model_copy(deep=True)
    out = PatientProfile()
    order = {id(p): i for i, p in enumerate(profiles)}
    for name in _SCALARS:
        cands = [p for p in profiles if getattr(p, name) is not None]
        if cands:
            best = max(cands, key=lambda p: (_date(p.evidence.get(name)), order[id(p)]))
            setattr(out, name, getattr(best, name))
            if name in best.evidence:
                out.evidence[name] = best.evidence[name]
    for name in _TRUE_WINS:
        cands = [p for p in profiles if getattr(p, name) is not None]
        if cands:
            best = max(cands, key=lambda p: (bool(getattr(p, name)), _date(p.evidence.get(name)), order[id(p)]))
            setattr(out, name, getattr(best, name))
            if name in best.evidence:
                out.evidence[name] = best.evidence[name]
    tnms = [p for p in profiles if p.tnm]
    if tnms:
        best = max(tnms, key=lambda p: (_date(p.tnm.evidence if p.tnm else None), order[id(p)]))
        out.tnm = best.tnm.model_copy(deep=True) if best.tnm else None
    for p in profiles:
        out.documents.extend(d for d in p.documents if d not in out.documents)
        for site in p.metastatic_sites:
            if site not in out.metastatic_sites:
                out.metastatic_sites.append(site)
                key = f"metastatic_sites.{site}"
                if key in p.evidence:
                    out.evidence[key] = p.evidence[key]
        for b in p.biomarkers:
            out.biomarkers.append(b.model_copy(deep=True))
        for t in p.treatments:
            cur = next((x for x in out.treatments if x.name == t.name), None)
            if cur is None:
                out.treatments.append(t.model_copy(deep=True))
            else:
                cur.start = min(filter(None, [cur.start, t.start]), default=None)
                cur.stop = max(filter(None, [cur.stop, t.stop]), default=None)
                cur.dose_changes += [c for c in t.dose_changes if c not in cur.dose_changes]
                cur.status = t.status or cur.status  # the later document knows what is current
        for e in p.adverse_events:
            cur_e = next((x for x in out.adverse_events if x.name == e.name), None)
            if cur_e is None:
                out.adverse_events.append(e.model_copy(deep=True))
            elif (e.grade or 0) > (cur_e.grade or 0):
                cur_e.grade, cur_e.consequence = e.grade, e.consequence or cur_e.consequence
    latest: dict[str, int] = {}
    for i, b in enumerate(out.biomarkers):
        j = latest.get(b.name)
        if j is None or _date(b.evidence) >= _date(out.biomarkers[j].evidence):
            latest[b.name] = i
    for i, b in enumerate(out.biomarkers):
        b.most_recent = latest[b.name] == i
    return out
