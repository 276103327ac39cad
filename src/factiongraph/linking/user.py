"""The user's own registry: actors and aliases an analyst adds, stored in the database, taking precedence over
the shipped registry (an entry with a shipped id replaces it; its names are matched first)."""
from __future__ import annotations

from typing import Iterable

from ..models import ACTOR_TYPES, Actor
from .registry import Registry, RegistryEntry, default_registry


def entry_from_actor(actor: Actor) -> RegistryEntry:
    if actor.type not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {actor.type!r}")
    return RegistryEntry(id=actor.id, name=actor.name, type=actor.type, country=actor.country, conflicts=(),
                         aliases=tuple(dict.fromkeys(actor.aliases)), founded=None, dissolved=None, lineage=(),
                         leaders=(), source="user", file="user")


def registry_with(user_actors: Iterable[Actor]) -> Registry:
    """The shipped registry overlaid with the user's entries (the shipped one itself when there are none)."""
    user = {a.id: entry_from_actor(a) for a in user_actors}
    if not user:
        return default_registry()
    return Registry({**default_registry().entries, **user})


def user_first(registry: Registry) -> list[RegistryEntry]:
    """Entries in matching order: the user's first, so that their names win ties."""
    entries = list(registry.entries.values())
    return [e for e in entries if e.source == "user"] + [e for e in entries if e.source != "user"]
