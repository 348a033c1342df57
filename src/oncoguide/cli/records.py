"""`oncoguide records …` commands (owned by the records work): thin shells over oncoguide.records."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

app = typer.Typer(no_args_is_help=True)


@app.command("import")
def import_cmd(
    files: list[Path] = typer.Argument(..., help="PDF, scanned PDF/image, DOCX, text or FHIR R4 JSON files of one patient."),
    as_json: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
    fhir_out: Path | None = typer.Option(None, "--fhir", help="Also write an mCODE FHIR R4 bundle to this path."),
) -> None:
    """Import one patient's documents into one de-identified profile."""
    from oncoguide.records import fhir
    from oncoguide.records.errors import RecordsError
    from oncoguide.records.io import import_files

    try:
        profile = import_files(files)
    except RecordsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if fhir_out:
        fhir_out.write_text(json.dumps(fhir.to_bundle(profile), indent=1), encoding="utf-8")
    if as_json:
        typer.echo(profile.model_dump_json(indent=2))
        return
    _summary(profile)


def _summary(profile) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True, header_style="bold")
    table.add_column("field")
    table.add_column("value")
    for name in ("cancer_type", "histology", "laterality", "grade", "stage_group", "menopausal_status", "ecog"):
        value = getattr(profile, name)
        if value is not None:
            table.add_row(name, str(value))
    if profile.tnm:
        table.add_row("tnm", " ".join(f"{profile.tnm.prefix or ''}{v}" for v in (profile.tnm.t, profile.tnm.n, profile.tnm.m) if v))
    if profile.metastatic_sites:
        table.add_row("metastatic_sites", ", ".join(profile.metastatic_sites))
    for b in profile.biomarkers:
        table.add_row(f"biomarker {b.name}", " ".join(filter(None, [b.status, b.value, "" if b.most_recent else "(older)"])))
    for t in profile.treatments:
        table.add_row(f"treatment ({t.kind})", " ".join(filter(None, [t.name, f"({t.drug_class})" if t.drug_class else None, t.start])))
    for e in profile.adverse_events:
        table.add_row("adverse event", f"{e.name}" + (f" grade {e.grade}" if e.grade else "") + (f" → {e.consequence}" if e.consequence else ""))
    Console().print(table)


@app.command("extract")
def extract_cmd(
    queries: Path = typer.Option(..., "--queries", help='JSON lines {"id": …, "text": …}, one document each.'),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """One profile JSON line per input line, with its id (for benchmarks)."""
    from oncoguide.records import extract_profile

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with queries.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    qid, text = item["id"], item["text"]
                    if not isinstance(text, str):
                        raise TypeError
                except (json.JSONDecodeError, KeyError, TypeError):
                    typer.echo(f"error: {queries.name} line {lineno}: expected a JSON object with 'id' and 'text'.", err=True)
                    raise typer.Exit(2) from None
                profile = extract_profile(text, document=str(qid))
                out.write(json.dumps({"id": qid, "profile": profile.model_dump(mode="json")}) + "\n")
    except FileNotFoundError:
        typer.echo(f"error: {queries} not found.", err=True)
        raise typer.Exit(2) from None
    finally:
        if output:
            out.close()
