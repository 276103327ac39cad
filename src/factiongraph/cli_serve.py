"""`factiongraph serve`: the analyst's workbench (web UI and REST API) over one store, on 127.0.0.1 by default."""
from __future__ import annotations

import click

from .app import FactionGraph, default_db
from .errors import InputError


@click.command()
@click.option("--db", default=default_db, show_default="./factiongraph.db or $FACTIONGRAPH_DB",
              help="SQLite file or postgresql:// URL (an empty SQLite store is created).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the store to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--read-token/--no-read-token", "read_token", default=False, show_default=True,
              help="Also require the token for reading (writes always need it).")
@click.option("--config", type=click.Path(dir_okay=False), default=None, help="Pipeline config for ingest.")
def serve(db, host, port, read_token, config) -> None:
    """Serve the web UI and the REST API (docs at /docs). Writes need the token: $FACTIONGRAPH_TOKEN, or one
    generated at first start (kept in the cache folder) and printed here."""
    import uvicorn

    from .web import Settings, create_app
    from .web.core import resolve_token
    fg = FactionGraph(db)
    try:
        fg.store  # create an empty store (and run migrations) before serving
    finally:
        fg.close()
    token, source = resolve_token()
    hosts = ("127.0.0.1", "localhost", "[::1]", host, f"{host}:{port}")
    settings = Settings(db=db, token=token, token_source=source, read_requires_token=read_token,
                        hosts=tuple(dict.fromkeys(hosts)), config=config)
    app = create_app(settings)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"factiongraph workbench on http://{shown}:{port}/ (store {db})", err=True)
    click.echo(f"  write token ({source}): {token}", err=True)
    click.echo(f"  open with the token: http://{shown}:{port}/#token={token}", err=True)
    click.echo(f"  API docs: http://{shown}:{port}/docs", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"  warning: listening on {host}: anyone who can reach it can read the store", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    except OSError as e:
        raise InputError(f"{host}:{port}", f"cannot listen ({e.strerror or e})") from None
