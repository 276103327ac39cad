"""The actor registry: known groups, people and states with their names, lineage and leaders.

Hand-written files (data/registry/*.yaml, source "curated") come first; data/registry/generated/*.yaml is
written by `python -m factiongraph.linking.build` from UCDP's actor list and ACLED's actor names (source "ucdp"
or "acled"), and may also extend a curated entry (`extends: ID`) with names and ids, never replace it.
Extraction links surface names to these entries, so the data must be trustworthy: loading is strict and
fails on the first structural problem, naming the file and entry. Ambiguous aliases are only warnings,
because some names really are shared (two "Islamic Front"s) and the linker resolves them by context.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..models import ACTOR_TYPES, Actor
from ..timeutil import parse_partial_iso

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CONFLICTS = frozenset({"syria", "iraq", "yemen", "libya", "sahel", "somalia", "lake_chad", "afpak",
                       "myanmar", "sudan", "drc", "colombia", "ukraine"})
LINEAGE_PREDICATES = frozenset({"renamed_to", "merged_into", "split_from", "affiliated_with", "member_of",
                                "allied_with", "rival_of"})
SUCCESSION = frozenset({"renamed_to", "merged_into"})
SOURCES = frozenset({"curated", "ucdp", "acled"})
GENERATED = frozenset({"ucdp", "acled"})  # written by the build, not reviewed name by name
_ENTRY_KEYS = {"id", "name", "type", "country", "conflicts", "aliases", "founded", "dissolved", "lineage",
               "leaders", "source", "ucdp_id", "acled_names", "cased"}
_EXTENSION_KEYS = {"extends", "source", "ucdp_id", "acled_names", "aliases", "cased"}
_LINK_KEYS = {"predicate", "object", "start", "end", "note"}
_TENURE_KEYS = {"person", "start", "end", "role"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RegistryError(ValueError):
    """A registry file that breaks the schema, located by file and entry."""


@dataclass(frozen=True)
class Link:
    predicate: str
    object: str
    start: str | None = None
    end: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Tenure:
    person: str
    start: str | None = None
    end: str | None = None
    role: str = "leader"


@dataclass(frozen=True)
class RegistryEntry:
    id: str
    name: str
    type: str
    country: str | None
    conflicts: tuple[str, ...]
    aliases: tuple[str, ...]
    founded: str | None
    dissolved: str | None
    lineage: tuple[Link, ...]
    leaders: tuple[Tenure, ...]
    source: str                       # curated | ucdp | acled | user
    file: str = ""                    # where the entry was read, for messages
    ucdp_id: int | None = None        # UCDP actor id (UCDP Actor Dataset)
    acled_names: tuple[str, ...] = ()  # ACLED's actor names for it, tenures included
    cased: frozenset[str] = frozenset()  # names matched in text only as written (ordinary English words)


def _date(v: Any, fail) -> str | None:
    """YAML turns unquoted 2017 into an int and 2017-01-28 into a date; accept both, keep ISO text."""
    if v is None:
        return None
    text = v.isoformat() if isinstance(v, date) else str(v)
    try:
        parse_partial_iso(text)
    except ValueError as e:
        fail(f"bad date: {e}")
    return text


def _mapping(raw: Any, allowed: set[str], what: str, fail) -> dict:
    if not isinstance(raw, dict):
        fail(f"{what} must be a mapping, got {type(raw).__name__}")
    if unknown := sorted(set(raw) - allowed):
        fail(f"unknown key(s) in {what}: {', '.join(map(str, unknown))}")
    return raw


def _strings(raw: Any, what: str, fail) -> tuple[str, ...]:
    raw = raw or []
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        fail(f"{what} must be a list of non-empty strings")
    return tuple(raw)


def _items(raw: Any, allowed: set[str], ref: str, what: str, fail) -> list[dict]:
    """Lineage links and leader tenures share their shape: a reference id and an optional period."""
    if not isinstance(raw or [], list):
        fail(f"{what}s must be a list")
    out = []
    for item in raw or []:
        item = _mapping(item, allowed, what, fail)
        if not isinstance(item.get(ref), str):
            fail(f"{what} needs a {ref!r} id")
        start, end = _date(item.get("start"), fail), _date(item.get("end"), fail)
        if start and end and parse_partial_iso(start)[0] > parse_partial_iso(end)[1]:
            fail(f"{what} -> {item[ref]!r} starts ({start}) after it ends ({end})")
        out.append({**{k: v for k, v in item.items() if v is not None}, "start": start, "end": end})
    return out


def _provenance(raw: dict, default: str | None, fail) -> tuple[str, int | None, tuple[str, ...], frozenset[str]]:
    """(source, ucdp_id, acled_names, cased) of an entry or extension; generated files must name the source."""
    source = raw.get("source", default)
    if source not in SOURCES:
        fail(f"source must be one of {', '.join(sorted(SOURCES))}, got {source!r}")
    ucdp_id = raw.get("ucdp_id")
    if ucdp_id is not None and (not isinstance(ucdp_id, int) or isinstance(ucdp_id, bool) or ucdp_id <= 0):
        fail(f"ucdp_id must be a positive integer, got {ucdp_id!r}")
    cased = frozenset(_strings(raw.get("cased"), "cased", fail))
    names = {raw.get("name"), *_strings(raw.get("aliases"), "aliases", fail)}
    if unknown := sorted(cased - names):
        fail(f"cased name(s) not among the entry's names: {', '.join(unknown)}")
    return source, ucdp_id, _strings(raw.get("acled_names"), "acled_names", fail), cased


def _entry(raw: Any, file: str, n: int, default_source: str | None = "curated") -> RegistryEntry:
    label = raw.get("id") if isinstance(raw, dict) and raw.get("id") else f"#{n}"

    def fail(problem: str):
        raise RegistryError(f"{file}: entry {label!r}: {problem}")

    raw = _mapping(raw, _ENTRY_KEYS, "entry", fail)
    for key in ("id", "name", "type"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            fail(f"missing or empty {key!r}")
    if not _SLUG.match(raw["id"]):
        fail("id must be a lowercase slug (a-z, 0-9, single hyphens)")
    if raw["type"] not in ACTOR_TYPES:
        fail(f"bad type {raw['type']!r} (one of {', '.join(ACTOR_TYPES)})")
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
        fail(f"country must be an ISO 3166-1 alpha-2 code or null, got {country!r}")
    conflicts = _strings(raw.get("conflicts"), "conflicts", fail)
    if unknown := sorted(set(conflicts) - CONFLICTS):
        fail(f"unknown conflict key(s): {', '.join(unknown)}")
    links = _items(raw.get("lineage"), _LINK_KEYS, "object", "lineage item", fail)
    if bad := [i.get("predicate") for i in links if i.get("predicate") not in LINEAGE_PREDICATES]:
        fail(f"bad lineage predicate {bad[0]!r}")
    tenures = [Tenure(**i) for i in _items(raw.get("leaders"), _TENURE_KEYS, "person", "leaders item", fail)]
    source, ucdp_id, acled_names, cased = _provenance(raw, default_source, fail)
    return RegistryEntry(raw["id"], raw["name"].strip(), raw["type"], country, conflicts,
                         _strings(raw.get("aliases"), "aliases", fail), _date(raw.get("founded"), fail),
                         _date(raw.get("dissolved"), fail), tuple(Link(**i) for i in links), tuple(tenures),
                         source, file, ucdp_id, acled_names, cased)


def _extend(entries: dict[str, RegistryEntry], raw: dict, file: str, n: int) -> None:
    """Apply a generated extension to an existing entry: more names and ids, never a changed fact."""
    label = raw.get("extends") or f"#{n}"

    def fail(problem: str):
        raise RegistryError(f"{file}: extension of {label!r}: {problem}")

    raw = _mapping(raw, _EXTENSION_KEYS, "extension", fail)
    target = entries.get(raw["extends"]) if isinstance(raw.get("extends"), str) else None
    if target is None:
        fail("extends no entry loaded before it")
    source, ucdp_id, acled_names, cased = _provenance(
        {**raw, "name": target.name, "aliases": [*target.aliases, *(raw.get("aliases") or ())]}, None, fail)
    if ucdp_id is not None and target.ucdp_id not in (None, ucdp_id):
        fail(f"ucdp_id {ucdp_id} but the entry already has {target.ucdp_id}")
    aliases = tuple(dict.fromkeys((*target.aliases, *(a for a in raw.get("aliases") or ()
                                                       if a != target.name))))
    entries[target.id] = replace(target, aliases=aliases, ucdp_id=target.ucdp_id or ucdp_id,
                                 acled_names=tuple(dict.fromkeys((*target.acled_names, *acled_names))),
                                 cased=target.cased | cased)


def _check_references(entries: dict[str, RegistryEntry]) -> None:
    for e in entries.values():
        for link in e.lineage:
            if link.object not in entries:
                raise RegistryError(f"{e.file}: entry {e.id!r}: lineage {link.predicate} -> unknown id "
                                    f"{link.object!r}")
        for t in e.leaders:
            if entries.get(t.person) is None or entries[t.person].type != "person":
                raise RegistryError(f"{e.file}: entry {e.id!r}: leader {t.person!r} is not a person in "
                                    f"the registry")


def _alias_clashes(entries: dict[str, RegistryEntry]) -> list[str]:
    claims: dict[tuple, set[str]] = defaultdict(set)
    for e in entries.values():
        for alias in {a.casefold() for a in (e.name, *e.aliases)}:
            for conflict in e.conflicts or ("",):
                claims[(e.type, conflict, alias)].add(e.id)
    return [f"alias {alias!r} ({typ}, {conflict or 'no conflict'}) claimed by {', '.join(sorted(ids))}"
            for (typ, conflict, alias), ids in sorted(claims.items()) if len(ids) > 1]


class Registry:
    def __init__(self, entries: dict[str, RegistryEntry]):
        _check_references(entries)
        self.entries = entries
        self.warnings = _alias_clashes(entries)
        self._incoming: dict[str, list[tuple[str, Link]]] = defaultdict(list)
        for e in entries.values():
            for link in e.lineage:
                self._incoming[link.object].append((e.id, link))

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, actor_id: str) -> RegistryEntry | None:
        return self.entries.get(actor_id)

    def to_actor(self, actor_id: str) -> Actor:
        e = self.entries[actor_id]
        return Actor(id=e.id, name=e.name, type=e.type, aliases=list(e.aliases), country=e.country)

    def all_names(self, actor_id: str) -> list[str]:
        e = self.entries[actor_id]
        return list(dict.fromkeys((e.name, *e.aliases)))

    def leaders_at(self, group_id: str, day: date) -> list[str]:
        """People leading the group on `day`; a missing start or end bound does not exclude anyone."""
        found = []
        for t in self.entries[group_id].leaders:
            if t.start and parse_partial_iso(t.start)[0] > day:
                continue
            if t.end and parse_partial_iso(t.end)[1] < day:
                continue
            found.append(t.person)
        return list(dict.fromkeys(found))

    def _walk(self, actor_id: str, step) -> list[str]:
        seen, order, queue = {actor_id}, [], [actor_id]
        while queue:
            for nxt in step(queue.pop(0)):
                if nxt not in seen:
                    seen.add(nxt)
                    order.append(nxt)
                    queue.append(nxt)
        return order

    def successors(self, actor_id: str) -> list[str]:
        """What the actor was renamed or merged into, transitively, nearest first."""
        return self._walk(actor_id, lambda a: [l.object for l in self.entries[a].lineage
                                               if l.predicate in SUCCESSION])

    def predecessors(self, actor_id: str) -> list[str]:
        return self._walk(actor_id, lambda a: [s for s, l in self._incoming.get(a, ())
                                               if l.predicate in SUCCESSION])

    def lineage(self, actor_id: str) -> list[tuple[str, Link]]:
        """Every lineage link touching the actor, as (subject id, link), outgoing first."""
        out = [(actor_id, link) for link in self.entries[actor_id].lineage]
        return out + list(self._incoming.get(actor_id, ()))


def _packaged_files(include_generated: bool = True) -> list[tuple[str, str, str | None]]:
    """(label, text, default source): the curated files, then the generated ones (which name their source)."""
    out = []
    for sub, default in (("data/registry", "curated"), ("data/registry/generated", None))[:2 if include_generated else 1]:
        folder = resources.files("factiongraph").joinpath(sub)
        if not folder.is_dir():
            continue
        out += [(f"{sub.removeprefix('data/')}/{f.name}", f.read_text(encoding="utf-8"), default)
                for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith((".yaml", ".yml"))]
    return out


def load_registry(paths: Iterable[str | Path] | None = None, *, include_generated: bool = True) -> Registry:
    """The packaged registry plus any extra YAML files; the first structural problem raises RegistryError.
    `include_generated=False`: the curated files alone (what the build merges into)."""
    files = _packaged_files(include_generated) + [(str(p), Path(p).read_text(encoding="utf-8"), "curated") for p in paths or ()]
    entries: dict[str, RegistryEntry] = {}
    for file, text, default in files:
        try:
            data = yaml.load(text, Loader=_Loader) or []
        except yaml.YAMLError as e:
            raise RegistryError(f"{file}: not valid YAML ({e})") from None
        if not isinstance(data, list):
            raise RegistryError(f"{file}: must be a YAML list of entries")
        for n, raw in enumerate(data, 1):
            if isinstance(raw, dict) and "extends" in raw:
                _extend(entries, raw, file, n)
                continue
            entry = _entry(raw, file, n, default)
            if entry.id in entries:
                raise RegistryError(f"{file}: entry {entry.id!r}: duplicate id (also in "
                                    f"{entries[entry.id].file})")
            entries[entry.id] = entry
    return Registry(entries)


@functools.lru_cache(maxsize=1)
def default_registry() -> Registry:
    return load_registry()
