"""`factiongraph registry ...`: the user's own actor registry, kept in the database and used by every later
extraction into that database, ahead of the shipped registry."""
from __future__ import annotations

import getpass

import click

from .app import FactionGraph, default_db
from .errors import InputError
from .linking.registry import default_registry
from .linking.user import entry_from_actor
from .models import ACTOR_TYPES, Actor
from .pipeline.link import slugify

_db = click.option("--db", default=default_db, show_default="./factiongraph.db or $FACTIONGRAPH_DB")
_author = click.option("--author", default=getpass.getuser, show_default="the login name")


def _find(fg: FactionGraph, ref: str) -> Actor:
    """A user entry, a shipped one, or an actor already in the store; by id first, then by name."""
    user = {a.id: a for a in fg.store.user_actors()}
    shipped = default_registry()
    if ref in user:
        return user[ref]
    if ref in shipped.entries:
        return shipped.to_actor(ref)
    stored = fg.store.resolve_actor(ref)
    if stored and stored in user:
        return user[stored]
    if stored and stored in shipped.entries:
        return shipped.to_actor(stored)
    if stored and (actor := fg.store.get_actor(stored)):
        return actor
    for aid, entry in shipped.entries.items():
        if ref.lower() in (n.lower() for n in (entry.name, *entry.aliases)):
            return shipped.to_actor(aid)
    raise InputError(ref, "no such actor in the registry or the store")


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
    if country and (len(country) != 2 or not country.isalpha()):
        raise InputError("--country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
    actor = Actor(id=actor_id or slugify(name), name=name, type=atype, country=country and country.upper(),
                  aliases=list(aliases))
    entry_from_actor(actor)
    fg = FactionGraph(db=db)
    try:
        fg.store.put_user_actor(actor, author=author)
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
        found = _find(fg, actor)
        found.aliases = list(dict.fromkeys([*found.aliases, *alias]))
        fg.store.put_user_actor(found, author=author)
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
        src, dst = _find(fg, source), _find(fg, target)
        if src.id == dst.id:
            raise InputError(source, f"is already {dst.id}")
        dst.aliases = list(dict.fromkeys([*dst.aliases, src.name, *src.aliases]))
        fg.store.put_user_actor(dst, author=author)
        fg.store.merge_actors(src.id, dst.id, author=author)
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
        user = list(fg.store.user_actors())
    finally:
        fg.close()
    actors = user
    if source == "all":
        shipped = default_registry()
        mine = {a.id for a in user}
        actors = user + [shipped.to_actor(i) for i in shipped.entries if i not in mine]
    for a in actors:
        if fmt == "jsonl":
            click.echo(a.to_json())
        else:
            click.echo(f"{a.id:<36} {a.type:<16} {a.country or '':<3} {a.name}"
                       + (f"  ({', '.join(a.aliases[:4])}{', ...' if len(a.aliases) > 4 else ''})" if a.aliases else ""))
