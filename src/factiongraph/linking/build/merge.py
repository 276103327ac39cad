"""Candidates into registry entries: filtered names, the curated registry first, one entry per actor.

Order decides: curated entries, then UCDP's candidates, then ACLED's. A candidate that is an actor already in
the registry (by UCDP id, by being a country's state or national force, or by name: an exact name, or a close
one in the same country, through the project's name matcher) adds its new names to that entry; a curated entry
gets them as an extension and keeps every fact it has. Otherwise the candidate becomes an entry, when at least
one of its names survives the filters. A name that would belong to two actors is dropped from the generated
one (the curated entry keeps it); a display name two generated actors share gets its country in brackets.

States come from the curated registry only: a state steers decisions about a whole report (the country it is
about, whose president "President X" is), so a government the curated registry lacks ("Government of Cuba") is
left out (measured: adding them changed those decisions in tests/corpus); the governments of curated states
add their UCDP ids and ACLED names.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from anyascii import anyascii

from ..names import THRESHOLD, NameIndex, normalize
from ..registry import Registry
from .candidate import Candidate
from .filters import NameFilter, Verdict, is_acronym, words_of

_NATIONAL = re.compile(r"\b(?:Army|Armed Forces|Military|Defen[cs]e Forces?|Tatmadaw)\b")
_POLICE = re.compile(r"\bPolice\b")
_STATE, _PERSON = "state", "person"


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower().replace("'", "").replace("’", "")).strip("-")
    return (s[:60].rsplit("-", 1)[0] if len(s) > 60 else s) or "actor"


def compatible(a: str, b: str) -> bool:
    """Types that may be one actor: a state only with a state, a person only with a person."""
    return (a == _STATE) == (b == _STATE) and (a == _PERSON) == (b == _PERSON)


@dataclass
class Entry:
    """A generated entry (or the additions to a curated one) being built."""
    id: str
    source: str
    name: str
    type: str
    country: str | None
    names: list[str] = field(default_factory=list)
    cased: set[str] = field(default_factory=set)
    ucdp_id: int | None = None
    acled_names: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str | None]] = field(default_factory=list)
    curated: bool = False
    country_state: bool = False   # the state of its country (not a government of another time)
    origin: dict[str, str] = field(default_factory=dict)  # each added name -> the source that gave it


class Merger:
    def __init__(self, curated: Registry, name_filter: NameFilter, overrides: dict[str, str] | None = None):
        self.curated, self.filter = curated, name_filter
        self.overrides = overrides or {}
        self.index = NameIndex()
        self.owner: dict[str, set[str]] = defaultdict(set)  # lower-case name -> ids that bear it
        self.entries: dict[str, Entry] = {}
        self.by_key: dict[str, str] = {}
        self.rejected: list[tuple[str, str, str]] = []  # (candidate key, name, reason), for the build report
        for e in curated.entries.values():
            self.entries[e.id] = Entry(e.id, e.source, e.name, e.type, e.country, [], ucdp_id=e.ucdp_id,
                                       curated=True, country_state=e.type == _STATE and bool(e.country))
            for n in (e.name, *e.aliases):
                self._claim(n, e.id)

    def _claim(self, name: str, actor_id: str) -> None:
        self.index.add(name, actor_id)
        self.owner[name.lower()].add(actor_id)

    # -- matching ---------------------------------------------------------------------------------------------
    @staticmethod
    def _country_ok(entry: Entry, cand: Candidate) -> bool:
        return entry.country is None or cand.country is None or entry.country in (cand.country, *cand.countries)

    def _by_role(self, cand: Candidate) -> str | None:
        """A country's state, or its national army or police: one entry per country and role."""
        for e in self.entries.values():
            if e.country != cand.country or not e.country:
                continue
            if cand.state and e.country_state:
                return e.id
            if cand.force and e.type == "state_force":
                names = [e.name, *e.names, *(self.curated.all_names(e.id) if e.curated else ())]
                police = any(_POLICE.search(n) for n in names)
                if police if cand.force == "police" else not police and any(_NATIONAL.search(n) for n in names):
                    return e.id
        return None

    def _by_name(self, cand: Candidate, kept: list[tuple[str, Verdict]]) -> str | None:
        """The entry that one of `names` (those that passed the filters) names. An acronym or a single word
        decides only within one country, and only for a candidate that has no full name: a full name that
        names no one says that a shared acronym ("BGF") is a coincidence. Across countries, only the very same
        distinctive full name counts."""
        votes: dict[str, float] = defaultdict(float)
        names = [n for n, _ in kept]
        ordinary = {n for n, v in kept if v.cased}  # English words only: "National Liberation Front"
        full = [n for n in names if not is_acronym(n) and len(words_of(n)) >= 2]
        for name in full or names:
            short = not full
            for actor_id, score in self.index.lookup(name, threshold=1.0 if short else THRESHOLD, limit=8):
                e = self.entries[actor_id]
                if not compatible(e.type, cand.type):
                    continue
                if e.ucdp_id and cand.ucdp_id and e.ucdp_id != cand.ucdp_id:
                    continue  # two UCDP actors are two actors
                literal = actor_id in self.owner.get(name.lower(), ())
                if short and not (e.country in (cand.country, *cand.countries) if e.country else literal):
                    continue  # one word or an acronym: one of its countries, or a transnational actor's own name
                if not self._country_ok(e, cand) and (name in ordinary or
                                                              actor_id not in self.owner.get(name.lower(), ())):
                    continue  # in two countries, only the same distinctive name as written: a group that
                    # crossed a border (the name matcher also joins "Ansaroul Islam" and "Ansar al-Islam")
                votes[actor_id] += score + (0.01 if e.curated else 0.0)
        if not votes:
            return None
        return min(votes, key=lambda a: (-votes[a], a))

    def match(self, cand: Candidate, names: list[tuple[str, Verdict]]) -> str | None:
        if cand.key in self.by_key:
            return self.by_key[cand.key]
        if cand.key in self.overrides:
            return self.overrides[cand.key]
        if cand.ucdp_id:
            for e in self.entries.values():
                if e.ucdp_id == cand.ucdp_id:
                    return e.id
        return (self._by_role(cand) if cand.state or cand.force else None) or self._by_name(cand, names)

    # -- adding -----------------------------------------------------------------------------------------------
    def _verdicts(self, cand: Candidate) -> list[tuple[str, Verdict]]:
        own = cand.country if cand.state else None
        out = []
        for name in cand.all_names():
            v = self.filter.verdict(name, own_country=own)
            if v.keep:
                out.append((name, v))
            else:
                self.rejected.append((cand.key, name, v.reason))
        return out

    def add(self, cand: Candidate) -> str | None:
        kept = self._verdicts(cand)
        former = set(cand.former)
        target = self.match(cand, [(n, v) for n, v in kept if n not in former])
        if target is None:
            if not kept or cand.type == _STATE:
                return None  # a state comes from the curated registry only (see the module's docstring)
            target = self._new_entry(cand, [n for n, _ in kept])
        entry = self.entries[target]
        self.by_key[cand.key] = target
        entry.ucdp_id = entry.ucdp_id or cand.ucdp_id
        entry.acled_names = list(dict.fromkeys([*entry.acled_names, *cand.acled_names]))
        if not entry.curated:
            entry.links += cand.links
        have = {n.lower() for n in (entry.name, *entry.names)} | \
            ({n.lower() for n in self.curated.all_names(target)} if entry.curated else set())
        for name, verdict in kept:
            if name == entry.name and verdict.cased and not entry.curated:
                entry.cased.add(name)
            others = self.owner.get(name.lower(), set()) - {target}
            if name.lower() in have or others:
                if others and name not in former:
                    self.rejected.append((cand.key, name, f"also a name of {sorted(others)[0]}"))
                continue
            if name in former and (entry.curated or self.index.lookup(name, threshold=1.0)):
                continue  # a curated entry has its own former names; or one is an actor of its own (ISI)
            entry.names.append(name)
            entry.origin[name] = cand.source
            have.add(name.lower())
            if verdict.cased:
                entry.cased.add(name)
            self._claim(name, target)
        return target

    def _new_entry(self, cand: Candidate, kept: list[str]) -> str:
        """A new entry named by its first surviving name that no other actor bears (else its first one)."""
        free = [n for n in kept if not self.owner.get(n.lower())]
        name = (free or kept)[0]
        actor_id = base = slug(name)
        for suffix in ([cand.country.lower()] if cand.country else []) + [str(n) for n in range(2, 1000)]:
            if actor_id not in self.entries:
                break
            actor_id = f"{base}-{suffix}"
        self.entries[actor_id] = Entry(actor_id, cand.source, name, cand.type, cand.country, [],
                                       country_state=cand.state)
        if free:
            self._claim(name, actor_id)
        self.by_key[cand.key] = actor_id
        return actor_id

    # -- finishing --------------------------------------------------------------------------------------------
    def finish(self, country_names: dict[str, str]) -> list[Entry]:
        """Resolve links to ids; a display name another actor bears gets its country (or UCDP id) in brackets,
        so that it never matches as a name of both."""
        generated = [e for e in self.entries.values() if not e.curated or e.names or e.acled_names or e.ucdp_id]
        for e in generated:
            resolved: list[tuple[str, str, str | None]] = []
            for predicate, key, note in e.links:
                target = self.by_key.get(key)
                if target and target != e.id and (predicate, target) not in {(p, t) for p, t, _ in resolved}:
                    resolved.append((predicate, target, note))
            e.links = resolved
            if not e.curated and self.owner.get(e.name.lower(), set()) - {e.id}:
                where = country_names.get(e.country or "") or (f"UCDP {e.ucdp_id}" if e.ucdp_id else e.id)
                e.name = f"{e.name} ({where})"
            e.names = [n for n in e.names if n != e.name]
            e.cased &= {e.name, *e.names}
        return sorted(generated, key=lambda e: e.id)


def merge(curated: Registry, name_filter: NameFilter, candidates: Iterable[Candidate],
          country_names: dict[str, str], overrides: dict[str, str] | None = None) -> tuple[list[Entry], Merger]:
    merger = Merger(curated, name_filter, overrides)
    for cand in candidates:
        merger.add(cand)
    return merger.finish(country_names), merger
