"""Command line: `oncoguide index | search | ask | records … | trials … | schema …`.

Only this layer prints; every command is a thin shell over a library call.
"""

from __future__ import annotations

import typer

from oncoguide.cli import core, records, trials

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
core.register(app)
app.add_typer(records.app, name="records", help="Import patient records into a structured profile.")
app.add_typer(trials.app, name="trials", help="Match clinical trials to a patient profile.")


def quiet_library_logs() -> None:
    """The terminal shows warnings and errors only, whatever log levels libraries set for themselves."""
    import logging

    # Libraries (bm25s, onnxruntime) log chatter; the terminal shows warnings of ours and errors only.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    for noisy in ("bm25s", "onnxruntime", "transformers", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    # bm25s sets its own logger to DEBUG when it is first imported (lazily, after this): the handler filters too.
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)


def main() -> None:
    quiet_library_logs()
    app()
