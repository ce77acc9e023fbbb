"""CLI commands of the scale area; each a thin adapter over a library function."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to the ``wending`` app."""
