"""`factiongraph registry ...`: the user's own actor registry, kept in the database and used by every later
extraction into that database, ahead of the shipped registry."""
from __future__ import annotations

import getpass

import click

from .app import FactionGraph, default_db
from .models import ACTOR_TYPES

_db = click.option("--db", default=default_db, show_default="./factiongraph.db or $FACTIONGRAPH_DB")
_author = click.option("--author", default=getpass.getuser, show_default="the login name")


@click.group()
def registry() -> None:
    """The user's own registry: add actors and aliases, merge actors, list entries."""


@registry.command("add")
@click.argument("name")
@click.option("--type", "atype", type=click.Choice(ACTOR_TYPES), required=True)
@click.option("--id", "actor_id", default=None, help="Stable id (default: a slug of the name).")
@click.option("--country", default=None, help="ISO 3166-1 alpha-2 code.")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@_db
@_author
def add(name, atype, actor_id, country, aliases, db, author) -> None:
    """Add an actor (or replace the shipped entry with the same id)."""
    fg = FactionGraph(db=db)
    try:
        actor = fg.registry_add(name, atype, author=author, actor_id=actor_id, country=country, aliases=aliases)
    finally:
        fg.close()
    click.echo(f"added {actor.id}")


@registry.command("alias")
@click.argument("actor")
@click.argument("alias", nargs=-1, required=True)
@_db
@_author
def alias(actor, alias, db, author) -> None:
    """Give ACTOR (id or name) more names."""
    fg = FactionGraph(db=db)
    try:
        found = fg.registry_alias(actor, alias, author=author)
    finally:
        fg.close()
    click.echo(f"{found.id}: {len(found.aliases)} aliases")


@registry.command("merge")
@click.argument("source")
@click.argument("target")
@_db
@_author
def merge(source, target, db, author) -> None:
    """SOURCE is the same actor as TARGET: its names become TARGET's, its stored facts move to TARGET."""
    fg = FactionGraph(db=db)
    try:
        src, dst = fg.registry_merge(source, target, author=author)
    finally:
        fg.close()
    click.echo(f"merged {src.id} into {dst.id}")


@registry.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--source", type=click.Choice(["user", "all"]), default="user", show_default=True,
              help="Only the user's entries, or the shipped registry with the user's entries over it.")
@_db
def list_(fmt, source, db) -> None:
    """List registry entries (jsonl: one FACTS.md actor record a line)."""
    fg = FactionGraph(db=db)
    try:
        actors = fg.registry_list(source)
    finally:
        fg.close()
    for a in actors:
        if fmt == "jsonl":
            click.echo(a.to_json())
        else:
            click.echo(f"{a.id:<36} {a.type:<16} {a.country or '':<3} {a.name}"
                       + (f"  ({', '.join(a.aliases[:4])}{', ...' if len(a.aliases) > 4 else ''})" if a.aliases else ""))
