"""Questions about the fused graph at a point in valid time. What is in force on a day is decided by
`validity` (its module doc holds the rules); this module reads the facts and exits those rules need.
"""
from __future__ import annotations

from typing import Iterable

from ..errors import NotFoundError, QueryError
from ..models import Actor
from ..store import Fact, Store
from ..timeutil import parse_partial_iso
from .validity import DEPARTURES, EXIT_EVENT_TYPES, EXIT_ROLES, MEMBERSHIP, PERSONAL, Exit, Validity, departs, \
    exit_of, happened_by

__all__ = ["DEPARTURES", "MEMBERSHIP", "departs", "happened_by", "in_force", "exits", "validity_for"]
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


def exits(store: Store, persons: Iterable[str] | None = None) -> list[Exit]:
    """The deaths and arrests of persons (of these ones) that the store's events report."""
    found = store.person_exit_events(persons, EXIT_EVENT_TYPES, EXIT_ROLES)
    return [x for actor, event, published in found if (x := exit_of(event, actor, published)) is not None]


def validity_for(store: Store, facts: list[Fact]) -> Validity:
    """The rules of `validity` with what may end these facts read from the store: departures of members,
    other leaders of the same groups, deaths and arrests of the persons among their subjects."""
    members = {f.subject for f in facts if f.predicate in MEMBERSHIP}
    coalitions = {f.object for f in facts if f.predicate in MEMBERSHIP}
    led = {f.object for f in facts if f.predicate == "leader_of"}
    context: list[Fact] = list(facts)
    if members:
        context += store.departures_from(members, coalitions)
    if led:
        context += store.facts(objects=led, predicates=["leader_of"], claims=False, evidence=False)
    persons = {f.subject for f in facts if f.predicate in PERSONAL}
    return Validity(context, exits(store, persons) if persons else [])


def in_force(facts: list[Fact], day: str, exits: Iterable[Exit] = ()) -> list[Fact]:
    """The state facts holding on `day` and the changes that had happened by then, `facts` being their own
    context (see `validity`); `exits`: the persons' deaths and arrests."""
    return Validity(facts, exits).in_force(facts, day)


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


def exit_summary(x: Exit, coalition: str) -> dict:
    """A person's death or arrest, shaped as the departure it is: the event key as its id, the event's evidence."""
    e = x.event
    return {"fact_id": x.source, "subject": x.actor, "predicate": "died" if x.reason == "death" else "arrested",
            "object": coalition, "start": x.span, "end": None, "attributes": {"event_type": e.type},
            "confidence": round(e.confidence, 4), "sources": 1, "documents": [e.doc], "negated": False,
            "status": e.status, "contradictions": [], "recorded_at": e.recorded_at, "updated_at": e.recorded_at,
            "evidence": [v.to_dict() for v in e.evidence]}


def members(store: Store, coalition: str, as_of: str, *, include: str = "all") -> list[dict]:
    """Members of `coalition` on `as_of`: actor records, each with its membership fact and evidence.
    `include`: all, groups (no persons) or people."""
    # only memberships begun and not ended by their own dates are read, then what may end them
    joins = [f for f in store.facts(object=coalition, predicates=MEMBERSHIP, holding_on=as_of, claims=False)
             if not f.negated]
    if not joins:
        return []
    rules = validity_for(store, joins)
    current = [f for f in joins if rules.holds_on(f, as_of)]
    actors = store.actors(f.subject for f in current)  # records only for the members kept
    out = []
    for f in current:
        record = _actor_dict(actors, f.subject)
        is_person = record["type"] in GROUP_TYPES_EXCLUDED
        if (include == "groups" and is_person) or (include == "people" and not is_person):
            continue
        membership = fact_summary(f)
        membership["contradictions"] = f.contradictions + rules.rejoin_flags(f)
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
    ends = store.facts(subjects=gone, predicates=DEPARTURES + ("merged_into",), claims=False) if gone else []
    rules = Validity(ends, exits(store, gone) if gone else [])
    left = []
    for actor_id in gone:
        member = before[actor_id]
        ended = [d for d in rules.departures.get(actor_id, []) if since < happened_by(d) <= until
                 and departs(d, coalition)]
        ended_by = [{**fact_summary(d), "evidence": d.evidence} for d in ended]
        ended_by += [exit_summary(x, coalition) for x in rules.exits.get(actor_id, []) if since < x.by <= until]
        left.append({**member, "departures": ended_by})
    order = lambda r: (r["name"].lower(), r["id"])  # noqa: E731
    return {"coalition": coalition, "since": since, "as_of": until,
            "stayed": sorted((m for i, m in after.items() if i in before), key=order),
            "joined": sorted((m for i, m in after.items() if i not in before), key=order),
            "left": sorted(left, key=order)}


def leaders(store: Store, group: str, as_of: str) -> list[dict]:
    facts = [f for f in store.facts(object=group, predicates=["leader_of"], claims=False) if not f.negated]
    actors = store.actors({f.subject for f in facts})
    rules = validity_for(store, facts)
    current = [f for f in facts if rules.holds_on(f, as_of)]
    return [{**_actor_dict(actors, f.subject), "leadership": {**fact_summary(f), "evidence": f.evidence}}
            for f in current]


def timeline(store: Store, actor: str) -> list[dict]:
    """Everything dated about an actor, in date order (undated facts last): facts and events."""
    entries = []
    facts = store.facts(actor=actor, claims=False)
    labels = store.actor_labels({end for f in facts for end in (f.subject, f.object)})
    name = lambda a: (labels.get(a) or {}).get("name") or a  # noqa: E731
    for f in facts:
        day = f.start.earliest if f.start else (f.end.earliest if f.end else None)
        entries.append({"date": day, "kind": "relation", **fact_summary(f), "subject_name": name(f.subject),
                        "object_name": name(f.object)})
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
    return with_names([e.to_dict() for e in found], store)


def with_names(events: list, store: Store) -> list:
    """Events (records or dicts) with each participant's name beside its id."""
    parts = lambda e: e["participants"] if isinstance(e, dict) else e.participants  # noqa: E731
    labels = store.actor_labels({p["actor"] if isinstance(p, dict) else p.actor for e in events for p in parts(e)})
    name = lambda a: (labels.get(a) or {}).get("name") or a  # noqa: E731
    for e in events:
        if isinstance(e, dict):
            e["participants"] = [{**p, "name": name(p["actor"])} for p in e["participants"]]
        else:
            e.participants = [p.model_copy(update={"name": name(p.actor)}) for p in e.participants]
    return events


def graph_as_of(store: Store, as_of: str) -> dict:
    """Nodes and edges of the graph on `as_of`: states in force then, and changes that had happened."""
    every = list(store.iter_facts(claims=False))
    persons = {f.subject for f in every if f.predicate in PERSONAL}
    facts = in_force(every, as_of, exits(store, persons) if persons else [])
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
    found = store.search_text(text, limit)
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
