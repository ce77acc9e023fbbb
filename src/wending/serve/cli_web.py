"""CLI commands of the web area; each a thin adapter over a library function."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to the ``wending`` app."""

    @app.command()
    def serve(
        db: Annotated[
            str | None,
            typer.Option(
                "--db", envvar="WENDING_DB", help="Database file or URL (default: wending.db)."
            ),
        ] = None,
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
        token: Annotated[
            str | None,
            typer.Option(
                envvar="WENDING_API_TOKEN",
                help="Token that writing (POST /api/ingest) needs; none: no writes.",
            ),
        ] = None,
        read_protected: Annotated[
            bool | None,
            typer.Option("--read-protected/--read-open", help="Require the token for reading too."),
        ] = None,
    ) -> None:
        """Serve the web page and the REST API (docs/web.md)."""
        import uvicorn

        from wending.serve.api import create_app
        from wending.settings import Settings

        settings = Settings.from_env(db=db, api_token=token, api_read_protected=read_protected)
        typer.echo(
            f"Wending on http://{host}:{port}/ (database {settings.db}); Ctrl+C stops it", err=True
        )
        uvicorn.run(
            create_app(settings), host=host, port=port, log_level="warning", server_header=False
        )
