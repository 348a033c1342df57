"""`oncoguide trials …` commands (owned by the trials work)."""

import typer

app = typer.Typer(no_args_is_help=True)
