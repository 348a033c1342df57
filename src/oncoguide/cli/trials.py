"""`oncoguide trials …` commands (owned by the trials work). Thin shell over oncoguide.trials."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from oncoguide.records.model import PatientProfile

app = typer.Typer(no_args_is_help=True)
_VERDICT_STYLE = {"met": "green", "not_met": "red", "unknown": "yellow", "not_applicable": "dim"}


def _fail(message: str) -> NoReturn:
    Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _read_profile(path: Path) -> PatientProfile:
    from oncoguide.records.model import PatientProfile

    if not path.is_file():
        _fail(f"profile file not found: {path}")
    try:
        return PatientProfile.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as e:
        _fail(f"{path} is not a valid patient profile: {e.errors()[0]['msg']} at {e.errors()[0]['loc']}")
    except UnicodeDecodeError:
        _fail(f"{path} is not UTF-8 text")


def _print_results(results, console: Console) -> None:  # noqa: ANN001
    if results.filtered:
        dropped = ", ".join(f"{n} {why}" for why, n in sorted(results.filtered.items(), key=lambda x: -x[1]))
        console.print(f"[dim]Hard filters left out: {dropped}.[/dim]")
    if not results.results:
        console.print("No trials matched.")
        return
    for i, m in enumerate(results.results, 1):
        c = m.counts
        colour = {"likely": "green", "unlikely": "red", "unknown": "yellow"}[m.eligibility]
        console.rule(f"{i}. {m.nct_id} · [{colour}]{m.eligibility}[/{colour}] · score {m.score:.3f}")
        console.print(f"[bold]{m.title}[/bold]")
        console.print(f"{m.phase or 'phase n/a'} · {m.status or 'status not recorded'} · "
                      f"{', '.join(m.locations or []) or 'locations not recorded'} · https://clinicaltrials.gov/study/{m.nct_id}")
        console.print(f"criteria: {c['met']} met, {c['not_met']} not met, {c['unknown']} unknown, "
                      f"{c['not_applicable']} not applicable")
        table = Table(show_header=True, header_style="bold", expand=True)
        table.add_column("verdict", width=9)
        table.add_column("criterion", ratio=3)
        table.add_column("profile evidence", ratio=2)
        for v in m.criteria:
            if v.verdict in {"met", "not_met"}:
                style = _VERDICT_STYLE[v.verdict]
                table.add_row(f"[{style}]{v.verdict}[/{style}]", f"{'EXCL ' if v.kind == 'exclusion' else ''}{v.text}",
                              v.evidence)
        console.print(table)
        questions = list(dict.fromkeys(m.questions()))
        if questions:
            console.print("[bold]Ask the trial team:[/bold]")
            for q in questions[:8]:
                console.print(f"  • {q}")


@app.command()
def match(
    profile: Path | None = typer.Option(None, "--profile", help="PatientProfile JSON file."),
    text: str | None = typer.Option(None, "--text", help="Free-text patient description."),
    queries: Path | None = typer.Option(None, "--queries", help='JSONL of {"id", "text"}; one JSON line out each.'),
    country: str | None = typer.Option(None, "--country", help="Keep trials with a site in this country."),
    recruiting: bool = typer.Option(False, "--recruiting", help="Keep only trials recorded as recruiting."),
    k: int = typer.Option(20, "--k", min=1, max=200, help="How many trials to return."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """Rank trials for a patient, judging each eligibility criterion against the profile."""
    from oncoguide.settings import Settings
    from oncoguide.trials.loader import TrialDataError
    from oncoguide.trials.matcher import TrialMatcher, text_to_profile

    if sum(x is not None for x in (profile, text, queries)) != 1:
        _fail("give exactly one of --profile, --text or --queries")
    settings = Settings.from_env()
    lines: list[tuple[str, str]] = []
    if queries is not None:
        if not queries.is_file():
            _fail(f"queries file not found: {queries}")
        for n, raw in enumerate(queries.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as e:
                _fail(f"{queries}:{n}: not valid JSON ({e.msg})")
            if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("text"), str):
                _fail(f'{queries}:{n}: expected {{"id": …, "text": "…"}}')
            lines.append((obj["id"], obj["text"]))
        if not lines:
            _fail(f"queries file is empty: {queries}")
    patient = _read_profile(profile) if profile is not None else None
    try:
        if text is not None:
            patient = text_to_profile(text)
        matcher = TrialMatcher(settings)
        if patient is None:  # --queries
            for qid, qtext in lines:
                res = matcher.match(text_to_profile(qtext), country=country, recruiting=recruiting, k=k)
                typer.echo(json.dumps({"id": qid, **res.to_json()}, ensure_ascii=False))
            return
        res = matcher.match(patient, country=country, recruiting=recruiting, k=k)
    except (TrialDataError, ValueError, RuntimeError, TypeError) as e:
        _fail(str(e))
    if as_json:
        typer.echo(json.dumps(res.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_results(res, Console())
