"""TNM categories with their prefix (c, p, yp, yc, r, a), tolerant of OCR noise ("pNO", "pTl", "pT 2").

Candidates are read from combined strings ("pT2N1MX", "T3a, N0, M0") and from separate synoptic lines
("Primary tumor (pT): pT1b", "N STAGE, PATHOLOGIC: pN2c"). A bare "T2" counts only next to an N or M
category, inside a staging phrase or after its table label ("Pathological T. T2"), so specimen labels
("T1-4"), codes ("T-63000") and MRI terms ("T2-weighted") are not read as stages. When a report gives
several values the most specific one among those in a summary line wins, then the highest (AJCC stages
the worst focus).
"""

from __future__ import annotations

import re

from oncoguide.records.extractors.base import Doc, Finding

_PREFIX = r"(?:(?P<pre>yp|yc|rp|ap|p|c|y|r|u)|(?P<spre>yp|p)\s(?=T\s?\d))?"  # "p T3a": OCR splits the prefix
_T = r"T\s?(?P<t>[0-4]|[Il](?=[a-d\s.,;:)(]|$)|is|IS|X|x|o(?=\b))(?P<tsub>[a-d](?:[12](?![\d]))?|\([a-z]{1,3}\))?"
_N = r"(?P<npre>yp|yc|p|c)?\s?N\s?(?P<n>[0-3]|[Oo](?=[a-c\s.,;:)(/]|$|M)|X|x)(?P<nsub>[a-c](?:[12](?!\d))?|mi|\((?:sn|i[+-]|mol[+-]|f)\))?"
_M = r"(?P<mpre>p|c)?\s?M\s?(?P<m>[01]|[Oo](?=\b)|X|x)(?P<msub>[a-c])?"

_COMBINED = re.compile(
    r"(?<![A-Za-z0-9-])" + _PREFIX + _T + r"(?:\s*\(m\)|\s*\(\d\))?[\s,;.]*" + _N + r"(?:[\s,;.]*(?:\(\d+/\d+\)[\s,;.]*)?" + _M + r")?(?![A-Za-z0-9])",
)
_T_ONLY = re.compile(r"(?<![A-Za-z0-9-])" + _PREFIX + _T + r"(?![A-Za-z0-9-])(?!\s?-?\s?weighted)")
_N_ONLY = re.compile(r"(?<![A-Za-z0-9-])" + _N.replace("(?P<npre>yp|yc|p|c)?\\s?", "(?P<npre>yp|yc|p|c)") + r"(?![A-Za-z0-9])")
_N_STAGING = re.compile(r"(?<![A-Za-z0-9-])" + _N.replace("(?P<npre>yp|yc|p|c)?\\s?", "(?P<npre>)") + r"(?![A-Za-z0-9])")
_M_ONLY = re.compile(r"(?<![A-Za-z0-9-])" + _M.replace("(?P<mpre>p|c)?\\s?", "(?P<mpre>p|c)") + r"(?![A-Za-z0-9])")
_STAGING_CONTEXT = re.compile(
    r"(?i)(stage|staging|tnm|ajcc|classification|primary tumou?r|regional lymph|lymph nodes?\s*\(|t stage|"
    r"n stage|m stage|pathologic|tumou?r stage|category)[^.]{0,40}$"
)
# Tabular forms print the label, then the value: "Pathological T. T1", "Pathological N: N0", "T2, NOS", "T1. M0".
_LABEL_BEFORE = re.compile(r"(?i)\b(?:patholog\w*|pathological stage)\s*\(?[TN]\)?\s*[.:=-]?\s*$")
_VALUE_AFTER = re.compile(r"\s*,?\s*NOS\b|[\s.,;]{1,3}[pc]?M[01Xx]\b")  # "T2, NOS"; "T1. M0" (table row without N)
_SUMMARY = re.compile(r"(?i)(final|summary|pathologic stag|tnm|ajcc|stage:)")


def _context(text: str, start: int, end: int) -> bool:
    """A bare category counts only inside a staging phrase, after its table label, or before "NOS" or an M."""
    before = text[max(0, start - 60) : start]
    return bool(_STAGING_CONTEXT.search(before) or _LABEL_BEFORE.search(before) or _VALUE_AFTER.match(text, end))


def _pre(m: re.Match[str]) -> str | None:
    return m["pre"] or m["spre"]


def _digit(ch: str) -> str:
    return {"O": "0", "o": "0", "I": "1", "l": "1", "IS": "is", "x": "X"}.get(ch, ch)


def _norm_t(t: str, sub: str | None) -> str:
    t = _digit(t)
    sub = (sub or "").strip("()") if sub and not sub.startswith("(") else ""
    return f"T{t}{sub}" if t != "is" else "Tis"


def _norm_n(n: str, sub: str | None) -> str:
    n = _digit(n)
    sub = sub if sub and not sub.startswith("(") else ""
    return f"N{n}{sub or ''}"


def _prefix(pre: str | None) -> str | None:
    if not pre:
        return None
    return {"y": "yp", "rp": "rp", "ap": "ap", "u": None}.get(pre, pre)


def extract(doc: Doc) -> list[Finding]:
    """T, N and M findings, each with the prefix and the span they were read from."""
    text = doc.text
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for m in _COMBINED.finditer(text):
        t = m["t"]
        if t.lower() == "o":
            continue
        summary = bool(_SUMMARY.search(text[max(0, m.start() - 60) : m.start()]))
        has_p = bool(_pre(m))
        score = 3.0 + (1.0 if summary else 0.0) + (0.5 if has_p else 0.0)
        pre = _prefix(_pre(m))
        found.append(Finding("t", _norm_t(t, m["tsub"]), m.start("t") - 1, m.end("tsub") if m["tsub"] else m.end("t"), score, {"prefix": pre}))
        found.append(Finding("n", _norm_n(m["n"], m["nsub"]), m.start("n") - 1, m.end("nsub") if m["nsub"] else m.end("n"), score, {"prefix": pre}))
        if m["m"]:
            found.append(Finding("m", f"M{_digit(m['m'])}{m['msub'] or ''}", m.start("m") - 1, m.end(), score, {"prefix": pre}))
        taken.append(m.span())

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _T_ONLY.finditer(text):
        if not free(*m.span()) or m["t"].lower() == "o":
            continue
        ctx = _context(text, m.start(), m.end())
        if not _pre(m) and not ctx:
            continue
        if _pre(m) in ("u", "r", "c", "y") and not ctx:
            continue
        if m["t"] in ("I", "l") and not _pre(m):
            continue
        summary = bool(_SUMMARY.search(text[max(0, m.start() - 60) : m.start()]))
        score = 1.0 + (1.0 if ctx else 0.0) + (1.0 if summary else 0.0)
        found.append(Finding("t", _norm_t(m["t"], m["tsub"]), m.start(), m.end(), score, {"prefix": _prefix(_pre(m))}))
    for pattern, needs_ctx in ((_N_ONLY, False), (_N_STAGING, True)):
        for m in pattern.finditer(text):
            if not free(*m.span()):
                continue
            ctx = _context(text, m.start(), m.end())
            if needs_ctx and not ctx:
                continue
            # "N1 lymph nodes" names a nodal station (lung), not a category.
            if re.match(r"\s*(?:lymph|nodes?|station|level)", text[m.end() : m.end() + 12], re.IGNORECASE):
                continue
            summary = bool(_SUMMARY.search(text[max(0, m.start() - 60) : m.start()]))
            score = 1.0 + (1.0 if ctx else 0.0) + (1.0 if summary else 0.0)
            found.append(Finding("n", _norm_n(m["n"], m["nsub"]), m.start(), m.end(), score, {"prefix": _prefix(m["npre"])}))
            taken.append(m.span())
    for m in _M_ONLY.finditer(text):
        if free(*m.span()):
            found.append(Finding("m", f"M{_digit(m['m'])}{m['msub'] or ''}", m.start(), m.end(), 1.0, {"prefix": _prefix(m["mpre"])}))
    return found


def _rank(value: str) -> tuple[int, int]:
    core = value[1:2]
    level = {"X": -1, "i": 0}.get(core, int(core) if core.isdigit() else -1)
    return level, len(value)


# AJCC: a pathologic category supersedes the clinical one, and after neoadjuvant therapy the yp category is the
# patient's current status ("cT2 cN1 … ypT1c ypN0": the tumour is now T1c N0)
_PREFIX_RANK = {"yp": 3, "p": 2}
_CONFIDENT = 2.0


def choose(findings: list[Finding], field: str) -> Finding | None:
    """Best finding for one category: the most definitive prefix read with confidence, then the highest score,
    then the highest / most specific value."""
    cands = [f for f in findings if f.field == field]
    if not cands:
        return None
    known = [f for f in cands if "X" not in f.value] or cands
    confident = [f for f in known if f.score >= _CONFIDENT or f.extra.get("prefix") in _PREFIX_RANK]
    if confident:  # clinical and unprefixed categories rank together, below pathologic ones
        top_rank = max(_PREFIX_RANK.get(f.extra.get("prefix") or "", 0) for f in confident)
        known = [f for f in known if _PREFIX_RANK.get(f.extra.get("prefix") or "", 0) == top_rank]
    best_score = max(f.score for f in known)
    top = [f for f in known if f.score >= best_score - 0.01]
    return max(top, key=lambda f: _rank(f.value))


_NODE_COUNT = re.compile(
    r"(?i)(?:(?P<pos>\d{1,2}|no|none|zero)\s*(?:/|of|out of)\s*(?P<tot>\d{1,3})\s*(?:\([^)]*\)\s*)?(?:\w+\s+){0,3}?(?:lymph\s*nodes?|nodes?|LNs?)\b"
    r"|(?:lymph\s*nodes?|nodes)[^.]{0,60}?(?:negative|free of (?:tumou?r|carcinoma|metasta\w+)|no (?:tumou?r|carcinoma|metasta\w+))[^.]{0,20}?\(\s*(?P<pos2>0)\s*/\s*(?P<tot2>\d{1,3})\s*\))"
)


def nodes_from_counts(doc: Doc) -> Finding | None:
    """pN0 when every examined regional node is reported free of tumour ("0/14 lymph nodes")."""
    positives, total, first = 0, 0, None
    for m in _NODE_COUNT.finditer(doc.text):
        pos = m["pos"] or m["pos2"]
        tot = int(m["tot"] or m["tot2"])
        if tot == 0 or tot > 150:
            continue
        pos_n = 0 if pos.lower() in ("no", "none", "zero") else int(pos)
        if pos_n > tot:
            continue
        positives += pos_n
        total += tot
        first = first or m
    if first is None or positives:
        return None
    return Finding("n", "N0", first.start(), first.end(), 0.5, {"prefix": "p", "derived": True})
