"""Questions about the fused graph at a point in valid time.

Rules for "in force on day D" (a state fact: member_of, leader_of, allied_with, ...):
- it has begun: its start is unknown or start.earliest <= D (a fact with no start is taken to hold from the
  beginning, as reports state standing memberships without dates);
- it has not ended: no end, or end.latest >= D;
- a membership (member_of, or merged_into as an arrival) is ended by a departure of that member from that
  coalition (left, split_from, or merged_into another actor) that had certainly happened by D: its
  start.latest <= D. A departure without a date is known to have happened by the publication of the first
  report of it (or, with no publication date, by the day it was recorded), so it ends the membership from
  then on. A departure dated before the membership began (a later re-joining) does not end it; the pair
  is flagged as contradictory;
- a leadership is ended by a successor: another leader_of the same group whose start.latest <= D and who
  started after the incumbent did (or after the incumbent was last reported, when the incumbent's start is
  unknown).
Negated facts (every claim a denial) and rejected facts are never in force.
"""
from __future__ import annotations

from typing import Iterable

from ..errors import NotFoundError, QueryError
from ..models import CHANGE_PREDICATES, Actor
from ..store import Fact, Store
from ..timeutil import parse_partial_iso

MEMBERSHIP = ("member_of", "merged_into")
DEPARTURES = ("left", "split_from")
GROUP_TYPES_EXCLUDED = frozenset({"person"})


def parse_day(value: str, *, end: bool = True) -> str:
    """An ISO date of any precision as one day: its last day (for as-of) or first (for a range start)."""
    try:
        lo, hi, _ = parse_partial_iso(value)
    except ValueError as e:
        raise QueryError(f"bad date {value!r}: {e}") from None
    return (hi if end else lo).isoformat()


def resolve(store: Store, name: str) -> str:
    actor = store.resolve_actor(name)
    if actor is None:
        raise NotFoundError(f"unknown actor {name!r}")
    return actor


def happened_by(fact: Fact) -> str:
    """The last day by which a change had certainly happened."""
    if fact.start is not None:
        return fact.start.latest
    return fact.reported_by() or fact.recorded_at[:10]


def _begun(fact: Fact, day: str) -> bool:
    return (fact.start is None or fact.start.earliest <= day) and (fact.end is None or fact.end.latest >= day)


def _departures_ending(member: Fact, departures: Iterable[Fact], day: str) -> list[Fact]:
    began = member.start.earliest if member.start else None
    return [d for d in departures if not d.negated and happened_by(d) <= day
            and (began is None or happened_by(d) >= began)]


def _rejoin_flags(member: Fact, departures: Iterable[Fact]) -> list[str]:
    if member.start is None:
        return []
    return [f"{member.subject} is reported joining {member.object} ({member.start.earliest}) after leaving it "
            f"({happened_by(d)}, {d.fact_id})" for d in departures if not d.negated and
            happened_by(d) < member.start.earliest]


def departs(d: Fact, coalition: str) -> bool:
    """Whether the change `d` takes its subject out of `coalition`: leaving or splitting from it, or merging
    into another actor."""
    return (d.predicate in DEPARTURES and d.object == coalition) or (
        d.predicate == "merged_into" and d.object != coalition)


def _departures_of(facts: Iterable[Fact], member: Fact) -> list[Fact]:
    return [d for d in facts if d.subject == member.subject and departs(d, member.object)]


def in_force(facts: list[Fact], day: str) -> list[Fact]:
    """The state facts holding on `day` and the changes that had happened by then (see the module rules)."""
    by_subject: dict[str, list[Fact]] = {}
    leaders: dict[str, list[Fact]] = {}
    for f in facts:
        by_subject.setdefault(f.subject, []).append(f)
        if f.predicate == "leader_of" and not f.negated:
            leaders.setdefault(f.object, []).append(f)
    out = []
    for f in facts:
        if f.negated:
            continue
        if f.predicate in CHANGE_PREDICATES:
            if happened_by(f) <= day:
                out.append(f)
            continue
        if not _begun(f, day):
            continue
        if f.predicate == "member_of" and _departures_ending(f, _departures_of(by_subject[f.subject], f), day):
            continue
        if f.predicate == "leader_of":
            began = f.start.earliest if f.start else (f.reported_by() or "")
            if any(g.subject != f.subject and g.start is not None and g.start.latest <= day
                   and g.start.earliest > began for g in leaders.get(f.object, [])):
                continue
        out.append(f)
    return out


def _actor_dict(actors: dict[str, Actor], actor_id: str) -> dict:
    a = actors.get(actor_id)
    return a.to_dict() if a else {"kind": "actor", "id": actor_id, "name": actor_id, "type": "other",
                                  "aliases": [], "country": None}


def fact_summary(f: Fact) -> dict:
    return {"fact_id": f.fact_id, "subject": f.subject, "predicate": f.predicate, "object": f.object,
            "start": f.start.to_dict() if f.start else None, "end": f.end.to_dict() if f.end else None,
            "attributes": f.attributes, "confidence": round(f.confidence, 4), "sources": f.sources,
            "documents": f.documents, "negated": f.negated, "status": f.status,
            "contradictions": f.contradictions, "recorded_at": f.recorded_at, "updated_at": f.updated_at}


def members(store: Store, coalition: str, as_of: str, *, include: str = "all") -> list[dict]:
    """Members of `coalition` on `as_of`: actor records, each with its membership fact and evidence.
    `include`: all, groups (no persons) or people."""
    # only memberships begun and not ended by their own dates are read, then departures are applied
    joins = [f for f in store.facts(object=coalition, predicates=MEMBERSHIP, holding_on=as_of, claims=False)
             if not f.negated]
    if not joins:
        return []
    exits: dict[str, list[Fact]] = {}
    subjects = {f.subject for f in joins}
    for d in store.facts(object=coalition, predicates=DEPARTURES, subjects=subjects, claims=False) + store.facts(
            subjects=subjects, predicates=["merged_into"], claims=False):
        exits.setdefault(d.subject, []).append(d)
    current = []
    for f in joins:
        departures = _departures_of(exits.get(f.subject, []), f)
        if not _departures_ending(f, departures, as_of):
            current.append((f, departures))
    actors = store.actors(f.subject for f, _ in current)  # records only for the members kept
    out = []
    for f, departures in current:
        record = _actor_dict(actors, f.subject)
        is_person = record["type"] in GROUP_TYPES_EXCLUDED
        if (include == "groups" and is_person) or (include == "people" and not is_person):
            continue
        membership = fact_summary(f)
        membership["contradictions"] = f.contradictions + _rejoin_flags(f, departures)
        membership["evidence"] = f.evidence
        out.append({**record, "membership": membership})
    return sorted(out, key=lambda r: (r["name"].lower(), r["id"]))


def changes(store: Store, coalition: str, since: str, until: str, *, include: str = "all") -> dict:
    """Who joined and who left `coalition` between two dates ("who made it up on `since`, and who had left
    by `until`?"): the two memberships compared, each departure with the facts that ended it and their
    evidence (none when a membership simply reached its own end date)."""
    if since > until:
        raise QueryError(f"--since {since} is after --as-of {until}")
    before = {m["id"]: m for m in members(store, coalition, since, include=include)}
    after = {m["id"]: m for m in members(store, coalition, until, include=include)}
    gone = sorted(set(before) - set(after))
    exits: dict[str, list[Fact]] = {}
    for d in store.facts(subjects=gone, predicates=DEPARTURES + ("merged_into",), claims=False) if gone else []:
        exits.setdefault(d.subject, []).append(d)
    left = []
    for actor_id in gone:
        member = before[actor_id]
        ended = [d for d in exits.get(actor_id, []) if not d.negated and since < happened_by(d) <= until
                 and departs(d, coalition)]
        left.append({**member, "departures": [{**fact_summary(d), "evidence": d.evidence} for d in ended]})
    order = lambda r: (r["name"].lower(), r["id"])  # noqa: E731
    return {"coalition": coalition, "since": since, "as_of": until,
            "stayed": sorted((m for i, m in after.items() if i in before), key=order),
            "joined": sorted((m for i, m in after.items() if i not in before), key=order),
            "left": sorted(left, key=order)}


def leaders(store: Store, group: str, as_of: str) -> list[dict]:
    facts = store.facts(object=group, predicates=["leader_of"], claims=False)
    actors = store.actors({f.subject for f in facts})
    current = [f for f in in_force(facts, as_of) if f.predicate == "leader_of"]
    return [{**_actor_dict(actors, f.subject), "leadership": {**fact_summary(f), "evidence": f.evidence}}
            for f in current]


def timeline(store: Store, actor: str) -> list[dict]:
    """Everything dated about an actor, in date order (undated facts last): facts and events."""
    entries = []
    for f in store.facts(actor=actor, claims=False):
        day = f.start.earliest if f.start else (f.end.earliest if f.end else None)
        entries.append({"date": day, "kind": "relation", **fact_summary(f)})
    for e in store.events(actor=actor):
        role = next((p.role for p in e.participants if p.actor == actor), None)
        entries.append({"date": e.date.earliest if e.date else None, "kind": "event",
                        "event_key": e.event_key, "type": e.type, "role": role,
                        "summary": e.summary, "place": e.place.name if e.place else None,
                        "fatalities": e.fatalities, "event_date": e.date.to_dict() if e.date else None})
    return sorted(entries, key=lambda x: (x["date"] is None, x["date"] or "", x["kind"],
                                          x.get("fact_id") or x.get("event_key")))


def events(store: Store, *, actor: str | None = None, place: str | None = None, date_from: str | None = None,
           date_to: str | None = None, types: Iterable[str] | None = None, limit: int | None = None) -> list[dict]:
    found = store.events(actor=actor, place=place, date_from=date_from, date_to=date_to, types=types, limit=limit)
    return [e.to_dict() for e in found]


def graph_as_of(store: Store, as_of: str) -> dict:
    """Nodes and edges of the graph on `as_of`: states in force then, and changes that had happened."""
    facts = in_force(list(store.iter_facts(claims=False)), as_of)
    actors = store.actors({f.subject for f in facts} | {f.object for f in facts if f.predicate != "controls"})
    nodes = {a: _actor_dict(actors, a) for a in actors}
    for f in facts:
        for end in (f.subject, f.object):
            if end not in nodes:
                kind = "place" if f.predicate == "controls" and end == f.object else "other"
                nodes[end] = {"kind": kind, "id": end, "name": end, "type": kind}
    edges = [{"source": f.subject, "target": f.object, **fact_summary(f)} for f in facts]
    return {"as_of": as_of, "nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges}


def search(store: Store, text: str, limit: int = 50) -> dict:
    found = store.search(text, limit)
    facts = []
    for a in found["actors"][:10]:
        facts += [fact_summary(f) for f in store.facts(actor=a.id, claims=False)]
    return {"actors": [a.to_dict() for a in found["actors"]], "facts": facts[:limit],
            "events": [e.to_dict() for e in found["events"]]}


def evidence(store: Store, fact_id: str) -> dict:
    """A fact (or event, by its doc:id key) with every claim and source span behind it."""
    if fact_id.startswith("f-"):
        fact = store.fact(fact_id)
        if fact is None:
            raise NotFoundError(f"no fact {fact_id!r}")
        docs = {d.id: d for d in store.documents(fact.documents)}
        claims = [{"doc": c.doc_id, "title": docs[c.doc_id].title if c.doc_id in docs else None,
                   "published": c.published, "start": c.start.to_dict() if c.start else None,
                   "end": c.end.to_dict() if c.end else None, "attributes": c.attributes,
                   "negated": c.negated, "confidence": c.confidence, "evidence": c.evidence,
                   "recorded_at": c.recorded_at} for c in fact.claims]
        return {**fact_summary(fact), "claims": claims,
                "reviews": store.reviews("fact", "|".join(fact.key))}
    event = store.event(fact_id)
    if event is None:
        raise NotFoundError(f"no fact or event {fact_id!r}")
    return {**event.to_dict(), "reviews": store.reviews("event", fact_id)}
