"""Which aspect of a disease a passage speaks to (symptoms, staging, treatment, …), read from its headings.

One mapping serves both ranking (a passage whose heading names the asked aspect ranks higher) and answer
composition (sentences are grouped into sections by aspect).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Which aspect a passage speaks to, from its heading path (deepest heading first). Within a heading the
# earliest cue wins ("Certain factors affect prognosis … and treatment options" is about outlook);
# "meaning" is only a fallback, since "What is the prognosis…" is about outlook.
ASPECT_HEADINGS: list[tuple[str, re.Pattern[str]]] = [
    (a, re.compile(p, re.I))
    for a, p in [
        ("trials", r"clinical trial|new types of treatment|being tested"),
        ("side_effects", r"side effect|late effect"),
        ("symptoms", r"\bsigns?\b|symptom"),
        ("diagnosis", r"diagnos|\btests?\b|exam|biopsy|detect"),
        ("recurrence", r"recur"),
        ("stage", r"\bstages?\b|staging|spread"),
        ("outlook", r"prognos|outlook|surviv|chance of recovery"),
        ("treatment", r"treat|therap|surgery|chemotherapy|radiation"),
        ("genetics", r"inherit|genetic|hereditary|family history"),
        ("prevention", r"prevent|protective"),
        ("causes_risk", r"risk|cause"),
        ("screening", r"screen"),
        ("integrative", r"complementary|alternative|integrative|supplement|herb"),
        ("living_with", r"coping|living with|support|caregiver|after treatment|survivor"),
    ]
]
_MEANING_HEADING = re.compile(r"^(what is|what are)|general information|overview|about|key points", re.I)


def aspect_of(headings: Sequence[str]) -> str | None:
    """The aspect named by the deepest specific heading; generic ones ("Key Points") defer to their parent.

    The first heading is the page's title ("Melanoma Treatment") and names the page, not the passage, so it
    is read only when it is the passage's sole heading.
    """
    heads = list(headings[1:]) if len(headings) > 1 else list(headings)
    for h in reversed(heads):
        found = [(m.start(), a) for a, rx in ASPECT_HEADINGS if (m := rx.search(h))]
        if found:
            return min(found)[1]
    if any(_MEANING_HEADING.search(h) for h in heads):
        return "meaning"
    return None


def aspects_named(headings: Sequence[str]) -> frozenset[str]:
    """Every aspect any heading below the page title names: "Stages of X > After X has been diagnosed, tests
    are done to find out if cancer cells have spread" speaks to staging as well as diagnosis."""
    heads = list(headings[1:]) if len(headings) > 1 else list(headings)
    named = {a for h in heads for a, rx in ASPECT_HEADINGS if rx.search(h)}
    if any(_MEANING_HEADING.search(h) for h in heads):
        named.add("meaning")
    return frozenset(named)
