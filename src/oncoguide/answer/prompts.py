"""Pick our own reviewed wording for an answer: section titles and care-team prompts by intent."""

from __future__ import annotations

from collections.abc import Sequence

from oncoguide.wording import IntentWording, Wording


def _for(wording: Wording, intent: str) -> IntentWording:
    return wording.intents.get(intent) or wording.intents["general"]  # type: ignore[call-overload]


def section_title(wording: Wording, aspect: str) -> str:
    return _for(wording, aspect).section_title


def questions_to_ask(wording: Wording, intents: Sequence[str], n: int = 5) -> list[str]:
    """The primary intent's questions first, then one or two from the next intent."""
    out: list[str] = []
    primary = list(_for(wording, intents[0] if intents else "general").questions_to_ask)
    out.extend(primary[: n - 1 if len(intents) > 1 else n])
    for intent in intents[1:2]:
        for q in _for(wording, intent).questions_to_ask:
            if q not in out and len(out) < n:
                out.append(q)
    return out


def next_steps(wording: Wording, intents: Sequence[str], n: int = 4) -> list[str]:
    out: list[str] = []
    for intent in list(intents[:2]) or ["general"]:
        for s in _for(wording, intent).next_steps:
            if s not in out and len(out) < n:
                out.append(s)
    return out
