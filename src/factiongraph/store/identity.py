"""Actor identity: which actor an extracted id denotes (merges, per-document splits), the actor records, and
the analyst's own registry. Mixed into `Store`."""
from __future__ import annotations

from typing import Any, Iterable

from ..models import Actor
from .records import canonical_key, fact_id_of, norm_name, utcnow


class Identity:
    """Needs the backend's primitives, `_touch`, `_add_review` and `_refresh_facts`."""

    def _resolver(self, doc_id: str | None = None):
        """Map an extracted actor id to the analyst's actor: split overrides first, then merge redirects."""
        redirects = {r["id"]: r["merged_into"] for r in
                     self._query("SELECT id, merged_into FROM actors WHERE merged_into IS NOT NULL")}
        overrides = {} if doc_id is None else {r["raw_id"]: r["actor_id"] for r in self._query(
            "SELECT raw_id, actor_id FROM actor_overrides WHERE doc_id = ?", [doc_id])}

        def resolve(raw: str) -> str:
            target = overrides.get(raw, raw)
            for _ in range(32):  # merge chains are short; the bound guards against a cycle
                if target not in redirects:
                    break
                target = redirects[target]
            return target
        return resolve

    def _reresolve(self, raw_ids: set[str], doc_ids: set[str] | None = None) -> None:
        """Recompute resolved actor ids (and fact ids) of claims and participants naming any of raw_ids."""
        if not raw_ids:
            return
        marks = ", ".join("?" * len(raw_ids))
        ids = sorted(raw_ids)
        resolvers: dict[str, Any] = {}

        def resolver(doc: str):
            if doc not in resolvers:
                resolvers[doc] = self._resolver(doc)
            return resolvers[doc]
        claims = self._query(f"SELECT id, fact_id, doc_id, predicate, subject_raw, object_raw FROM claims "
                             f"WHERE subject_raw IN ({marks}) OR object_raw IN ({marks})", ids + ids)
        updates, touched = [], set()
        for c in claims:
            if doc_ids is not None and c["doc_id"] not in doc_ids:
                continue
            res = resolver(c["doc_id"])
            key = canonical_key(res(c["subject_raw"]), c["predicate"], res(c["object_raw"]))
            updates.append([key[0], key[2], fact_id_of(key), c["id"]])
            touched |= {c["fact_id"], fact_id_of(key)}
        if updates:
            self._executemany("UPDATE claims SET subject = ?, object = ?, fact_id = ? WHERE id = ?", updates)
            self._refresh_facts(touched)
        parts = self._query(f"SELECT event_key, position, doc_id, actor_raw FROM event_participants "
                            f"WHERE actor_raw IN ({marks})", ids)
        updates = [[resolver(p["doc_id"])(p["actor_raw"]), p["event_key"], p["position"]] for p in parts
                   if doc_ids is None or p["doc_id"] in doc_ids]
        if updates:
            self._executemany("UPDATE event_participants SET actor_id = ? WHERE event_key = ? AND position = ?",
                              updates)

    def resolve_actor(self, name_or_id: str) -> str | None:
        """The actor an id, name or alias denotes (following merges), or None."""
        rows = self._query("SELECT id FROM actors WHERE id = ?", [name_or_id])
        if not rows:
            n = norm_name(name_or_id)
            rows = self._query("SELECT DISTINCT actor_id AS id FROM aliases WHERE norm = ? ORDER BY actor_id", [n])
            if not rows:
                rows = self._query("SELECT id FROM actors WHERE id = ?", [n.replace(" ", "-")])
        if not rows:
            return None
        resolve = self._resolver()
        return resolve(rows[0]["id"])

    def actors(self, ids: Iterable[str]) -> dict[str, Actor]:
        """Actor records for ids, each with the names and aliases of every actor merged into it."""
        ids = sorted(set(ids))
        if not ids:
            return {}
        out: dict[str, Actor] = {}
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(f"SELECT id, name, type, country, merged_into FROM actors WHERE id IN ({marks}) "
                               f"OR merged_into IN ({marks})", chunk + chunk)
            aliases: dict[str, list[str]] = {}
            members = [r["id"] for r in rows]
            marks2 = ", ".join("?" * len(members))
            for a in self._query(f"SELECT actor_id, alias FROM aliases WHERE actor_id IN ({marks2}) "
                                 f"ORDER BY actor_id, alias", members) if members else []:
                aliases.setdefault(a["actor_id"], []).append(a["alias"])
            by_id = {r["id"]: r for r in rows}
            absorbed: dict[str, list[dict]] = {}
            for m in rows:
                if m["merged_into"]:
                    absorbed.setdefault(m["merged_into"], []).append(m)
            for i in chunk:
                r = by_id.get(i)
                if r is None:
                    continue
                names = [n for n in aliases.get(i, []) if n != r["name"]]
                for m in absorbed.get(i, []):
                    names += [m["name"], *aliases.get(m["id"], [])]
                out[i] = Actor(id=i, name=r["name"], type=r["type"], country=r["country"],
                               aliases=sorted(set(names) - {r["name"]}))
        return out

    def get_actor(self, actor_id: str) -> Actor | None:
        return self.actors([actor_id]).get(actor_id)

    # -- the user's registry ------------------------------------------------------------------------
    def user_actors(self) -> list[Actor]:
        """The analyst's own registry entries, by id."""
        rows = self._query("SELECT actor FROM user_actors ORDER BY id")
        return [Actor.model_validate_json(r["actor"]) for r in rows]

    def put_user_actor(self, actor: Actor, *, author: str) -> None:
        """Add or replace a registry entry, and make the store's actor match it (the user's name, type and
        country win over what extraction recorded) so that queries find it by every name."""
        if not author or not author.strip():
            raise ValueError("a registry entry needs an author")
        actor = Actor.model_validate(actor.to_dict())
        now = utcnow()
        with self._tx():
            self._touch()
            self._exec("INSERT INTO user_actors (id, actor, author, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET actor = excluded.actor, author = excluded.author, "
                       "updated_at = excluded.updated_at", [actor.id, actor.to_json(), author, now, now])
            self._exec("INSERT INTO actors (id, name, type, country, merged_into, recorded_at, updated_at) "
                       "VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                       "type = excluded.type, country = COALESCE(excluded.country, actors.country), "
                       "updated_at = excluded.updated_at", [actor.id, actor.name, actor.type, actor.country, now, now])
            names = sorted({n for n in [actor.name, *actor.aliases] if n and n.strip()})
            self._executemany("INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                              [[actor.id, n, norm_name(n)] for n in names])

    def merge_actors(self, source: str, target: str, *, author: str) -> None:
        """Declare `source` the same actor as `target`: its claims, events and names now belong to target."""
        if source == target:
            raise ValueError("cannot merge an actor into itself")
        for a in (source, target):
            if not self._query("SELECT id FROM actors WHERE id = ?", [a]):
                raise KeyError(f"no actor {a}")
        if self._resolver()(target) == source:
            raise ValueError(f"{target} is already merged into {source}")
        with self._tx():
            self._touch()
            absorbed = {source} | {r["id"] for r in self._query("SELECT id FROM actors WHERE merged_into = ?",
                                                               [source])}
            self._exec("UPDATE actors SET merged_into = ?, updated_at = ? WHERE id = ? OR merged_into = ?",
                       [target, utcnow(), source, source])
            self._add_review("actor", source, "merge", author, {"into": target})
            self._reresolve(absorbed | self._override_raws(absorbed))

    def _override_raws(self, actor_ids: set[str]) -> set[str]:
        marks = ", ".join("?" * len(actor_ids))
        return {r["raw_id"] for r in self._query(
            f"SELECT raw_id FROM actor_overrides WHERE actor_id IN ({marks})", sorted(actor_ids))}

    def split_actor(self, actor: str, new_id: str, *, author: str, docs: Iterable[str] | None = None,
                    name: str | None = None) -> None:
        """Undo a merge (`new_id` was merged into `actor`), or, given documents, declare that in those documents
        `actor` means a different actor `new_id` (created with `name` when it does not exist)."""
        docs = sorted(set(docs or []))
        rows = self._query("SELECT id, name, type, country, merged_into FROM actors WHERE id = ?", [new_id])
        with self._tx():
            self._touch()
            if rows and rows[0]["merged_into"] == actor and not docs:
                self._exec("UPDATE actors SET merged_into = NULL, updated_at = ? WHERE id = ?", [utcnow(), new_id])
                self._add_review("actor", actor, "split", author, {"restored": new_id})
                self._reresolve({new_id} | self._override_raws({new_id}))
                return
            if not docs:
                raise ValueError(f"{new_id} was not merged into {actor}: name the documents to split off")
            base = self._query("SELECT name, type, country FROM actors WHERE id = ?", [actor])
            if not base:
                raise KeyError(f"no actor {actor}")
            if not rows:
                now = utcnow()
                self._exec("INSERT INTO actors (id, name, type, country, merged_into, recorded_at, updated_at) "
                           "VALUES (?, ?, ?, ?, NULL, ?, ?)",
                           [new_id, name or base[0]["name"], base[0]["type"], base[0]["country"], now, now])
            raws = {actor} | {r["id"] for r in self._query("SELECT id FROM actors WHERE merged_into = ?", [actor])}
            self._executemany("INSERT INTO actor_overrides (doc_id, raw_id, actor_id) VALUES (?, ?, ?) "
                              "ON CONFLICT (doc_id, raw_id) DO UPDATE SET actor_id = excluded.actor_id",
                              [[d, r, new_id] for d in docs for r in sorted(raws)])
            self._add_review("actor", actor, "split", author, {"into": new_id, "docs": docs})
            self._reresolve(raws, set(docs))
