"""`oncoguide index | search | ask | schema` — thin shells over oncoguide.answer.engine."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from oncoguide.settings import Settings

err = Console(stderr=True)
out = Console()


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int], None]]:
    """A Rich progress bar fed by (stage, done, total) callbacks; quiet when stderr is not a terminal."""
    with Progress(
        TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False, disable=not err.is_terminal,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _engine(settings: Settings) -> Any:
    from oncoguide.answer.engine import OncoGuide

    try:
        with progress_bar() as update:
            return OncoGuide(settings, progress=update)
    except FileNotFoundError as e:
        _fail(str(e), 1)


def _read_queries(path: Path, field: str = "question") -> Iterator[tuple[object, str | None, str | None]]:
    """(id, text, error) per line; a bad line is reported in the output, never fatal."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as e:
        _fail(f"cannot read {path}: {e.strerror}")
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("line is not a JSON object")
            except ValueError as e:
                yield n, None, f"line {n}: not valid JSON ({e})"
                continue
            text = obj.get(field)
            if not isinstance(text, str):
                yield obj.get("id", n), None, f"line {n}: missing text field {field!r}"
                continue
            yield obj.get("id", n), text, None


def _each_query(
    path: Path, run: Callable[[object, str], dict[str, Any]], on_error: dict[str, Any] | None = None
) -> None:
    """One JSON line out per query line in; a bad line or question gives an error line, never a crash."""
    from oncoguide.answer.engine import InputError

    for qid, text, problem in _read_queries(path):
        try:
            if problem or text is None:
                raise InputError(problem or "no question")
            line = run(qid, text)
        except InputError as e:
            line = {"id": qid, **(on_error or {}), "error": str(e)}
        print(json.dumps(line), flush=True)


def _or_fail(call: Callable[[], Any]) -> Any:
    """Run one library call; a question we cannot take becomes a clear error and exit code 2."""
    from oncoguide.answer.engine import InputError

    try:
        return call()
    except InputError as e:
        _fail(str(e))


def _load_profile(path: Path | None) -> Any:
    if path is None:
        return None
    from oncoguide.records import load_profile

    try:
        return load_profile(path)
    except (OSError, ValueError, ValidationError) as e:
        _fail(f"cannot use profile {path}: {e}")


def _hit_json(h: Any) -> dict[str, Any]:
    p = h.passage
    return {
        "doc": p.doc, "url": p.url, "title": p.title, "heading": p.heading, "passage_id": p.passage_id,
        "score": round(h.score, 6), "text": p.text,
    }


def register(app: typer.Typer) -> None:
    @app.command()
    def index(as_json: bool = typer.Option(False, "--json", help="Print the build report as JSON.")) -> None:
        """Build the passage index, or update it for pages that changed (unchanged pages cost nothing)."""
        from oncoguide.retrieval.embedder import embedder_for
        from oncoguide.retrieval.index import build_index

        settings = Settings.from_env()
        try:
            with progress_bar() as update:
                report = build_index(settings, embedder_for(settings), update)
        except FileNotFoundError as e:
            _fail(str(e), 1)
        if as_json:
            out.print_json(report.model_dump_json())
            return
        state = "up to date" if report.up_to_date else f"{report.pages_changed} page(s) indexed"
        out.print(f"Index {state}: {report.pages_total} pages, {report.passages} passages, "
                  f"{report.pages_removed} removed, {len(report.errors)} skipped.")
        for skipped in report.errors:
            err.print(f"  skipped {skipped.path}: {skipped.reason}")

    @app.command()
    def search(
        query: str = typer.Argument(None, help="The question to search for."),
        k: int = typer.Option(10, "--k", min=1, max=100, help="How many passages."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
        queries: Path = typer.Option(None, "--queries", help="JSONL file of {id, question}; one JSON line out each."),
    ) -> None:
        """Ranked passages for a question (hybrid BM25 + dense retrieval)."""

        if query is None and queries is None:
            _fail("give a QUERY or --queries FILE.jsonl")
        eng = _engine(Settings.from_env())
        if queries is not None:
            _each_query(queries, lambda qid, text: {"id": qid, "results": [_hit_json(h) for h in eng.search(text, k=k)]},
                        on_error={"results": []})
            return
        hits = _or_fail(lambda: eng.search(query, k=k))
        if as_json:
            print(json.dumps({"query": query, "results": [_hit_json(h) for h in hits]}, indent=1))
            return
        for i, h in enumerate(hits, 1):
            out.print(f"[bold]{i}. {h.passage.title}[/] — {h.passage.heading} [dim]({h.score:.4f})[/]")
            out.print(f"   [dim]{h.passage.url}[/]")
            out.print("   " + h.passage.text[:240].replace("\n", " ") + "…")

    @app.command()
    def ask(
        question: str = typer.Argument(None, help="Your question, in your own words."),
        as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON."),
        profile: Path = typer.Option(None, "--profile", help="PatientProfile JSON (from `oncoguide records import`)."),
        queries: Path = typer.Option(None, "--queries", help="JSONL file of {id, question}; one answer JSON line each."),
    ) -> None:
        """A plain-language, cited answer built from NCI pages."""
        from oncoguide.answer.render import render_answer

        if question is None and queries is None:
            _fail("give a QUESTION or --queries FILE.jsonl")
        settings = Settings.from_env()
        prof = _load_profile(profile)
        if question is not None and queries is None:
            # Check the input before loading anything, so a bad question fails fast.
            from oncoguide.answer.triage import assess_message

            problem = assess_message(question, max_chars=settings.max_question_chars).error
            if problem:
                _fail(problem.message)
        eng = _engine(settings)
        if queries is not None:
            def answer_line(qid: object, text: str) -> dict[str, Any]:
                ans = eng.ask(text, profile=prof)
                ans.id = str(qid)
                return ans.model_dump(mode="json")

            _each_query(queries, answer_line)
            return
        ans = _or_fail(lambda: eng.ask(question, profile=prof))
        if as_json:
            print(ans.model_dump_json(indent=1))
        else:
            render_answer(ans, out)

    @app.command()
    def schema(
        name: str = typer.Argument(..., help="'answer' or 'profile'."),
    ) -> None:
        """Print the JSON schema of an output model."""
        if name == "answer":
            from oncoguide.answer.model import Answer

            print(json.dumps(Answer.model_json_schema(), indent=1))
        elif name == "profile":
            from oncoguide.records.model import PatientProfile

            print(json.dumps(PatientProfile.model_json_schema(), indent=1))
        else:
            _fail(f"unknown schema {name!r}; choose 'answer' or 'profile'")

