"""`oncoguide index | search | ask | schema` commands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def index() -> None:
        """Build or update the passage index."""
        raise typer.Exit(1)
