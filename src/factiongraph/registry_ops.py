"""The user's own actor registry, as questions and changes of FactionGraph (mixed into it): entries kept in the
store and used by every later extraction into it, ahead of the shipped registry."""
from __future__ import annotations

from .errors import ConflictError, InputError, NotFoundError
from .models import Actor


class RegistryOps:
    """Needs `self.store` (created on first write) and `reload_registry()`."""

    def _find(self, ref: str) -> Actor:
        """A user entry, a shipped one, or an actor already in the store; by id first, then by name."""
        from .linking.registry import default_registry
        user = {a.id: a for a in self.store.user_actors()}
        shipped = default_registry()
        if ref in user:
            return user[ref]
        if ref in shipped.entries:
            return shipped.to_actor(ref)
        stored = self.store.resolve_actor(ref)
        if stored and stored in user:
            return user[stored]
        if stored and stored in shipped.entries:
            return shipped.to_actor(stored)
        if stored and (actor := self.store.get_actor(stored)):
            return actor
        for aid, entry in shipped.entries.items():
            if ref.lower() in (n.lower() for n in (entry.name, *entry.aliases)):
                return shipped.to_actor(aid)
        raise NotFoundError(ref, "no such actor in the registry or the store")

    def registry_list(self, source: str = "user") -> list[Actor]:
        """The user's entries (by id), or (`all`) the shipped registry with the user's entries over it."""
        user = list(self.store.user_actors())
        if source != "all":
            return user
        from .linking.registry import default_registry
        shipped = default_registry()
        mine = {a.id for a in user}
        return user + [shipped.to_actor(i) for i in shipped.entries if i not in mine]

    def registry_add(self, name: str, atype: str, *, author: str, actor_id: str | None = None,
                     country: str | None = None, aliases: list[str] | tuple = ()) -> Actor:
        """Add an actor (or replace the shipped entry with the same id)."""
        from .linking.user import entry_from_actor
        from .pipeline.link import slugify
        if country and (len(country) != 2 or not country.isalpha()):
            raise InputError("--country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
        if not name.strip():
            raise InputError("name", "an actor needs a name")
        actor = Actor(id=actor_id or slugify(name), name=name, type=atype, country=country and country.upper(),
                      aliases=list(aliases))
        entry_from_actor(actor)
        self.store.put_user_actor(actor, author=author)
        self.reload_registry()
        return actor

    def registry_alias(self, ref: str, aliases: list[str] | tuple, *, author: str) -> Actor:
        """Give an actor (id or name) more names."""
        found = self._find(ref)
        found.aliases = list(dict.fromkeys([*found.aliases, *aliases]))
        self.store.put_user_actor(found, author=author)
        self.reload_registry()
        return found

    def registry_merge(self, source: str, target: str, *, author: str) -> tuple[Actor, Actor]:
        """SOURCE is the same actor as TARGET: its names become TARGET's, its stored facts move to TARGET."""
        src, dst = self._find(source), self._find(target)
        if src.id == dst.id:
            raise ConflictError(source, f"is already {dst.id}")
        dst.aliases = list(dict.fromkeys([*dst.aliases, src.name, *src.aliases]))
        self.store.put_user_actor(dst, author=author)
        self.store.merge_actors(src.id, dst.id, author=author)
        self.reload_registry()
        return src, dst
