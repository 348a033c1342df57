"""Terminal rendering of an Answer with Rich: notices first, then the cited body, prompts and sources."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from oncoguide.answer.model import Answer, Sentence

_NOTICE_STYLE = {"urgent": "bold white on red", "clarification": "bold yellow", "off_topic": "yellow"}


def _cite(s: Sentence) -> str:
    return escape(s.text) + " " + "".join(f"[dim]\\[{c}][/]" for c in s.citations)


def render_answer(ans: Answer, console: Console) -> None:
    for n in ans.notices:
        body = escape(n.text) + ("\n" + "\n".join(f"  • {escape(o)}" for o in n.options) if n.options else "")
        console.print(Panel(body, style=_NOTICE_STYLE.get(n.kind, "cyan"), title=n.kind.replace("_", " ")))
    console.print(f"\n[bold underline]{escape(ans.question)}[/]\n")
    if ans.summary:
        console.print(" ".join(_cite(s) for s in ans.summary), highlight=False)
    for sec in ans.sections:
        console.print(f"\n[bold]{sec.title}[/]")
        for s in sec.sentences:
            console.print(f"  • {_cite(s)}", highlight=False)
    if ans.trials:
        console.print("\n[bold]Clinical trials that may fit[/]")
        for t in ans.trials:
            console.print(f"  • {t.nct_id} ({t.eligibility}; {t.met} met, {t.not_met} not met, {t.unknown} unknown): "
                          f"{escape(t.title)} [dim]{t.url}[/]")
            for q in t.ask_trial_team:
                console.print(f"      ? {escape(q)}", highlight=False)
    for title, items in (("Questions to ask your care team", ans.questions_to_ask), ("Next steps", ans.next_steps),
                         ("Related questions", ans.related_questions)):
        if items:
            console.print(f"\n[bold]{title}[/]")
            for item in items:
                console.print(f"  • {escape(item)}", highlight=False)
    if ans.sources:
        console.print("\n[bold]Sources[/]")
        for src in ans.sources:
            reviewed = f", reviewed {src.last_reviewed}" if src.last_reviewed else ""
            console.print(f"  \\[{src.id}] {escape(src.title)} — {src.url}{reviewed}", highlight=False)
    if ans.disclaimer:
        console.print(f"\n[italic]{escape(ans.disclaimer)}[/]")
