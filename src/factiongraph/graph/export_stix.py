"""A STIX 2.1 bundle: actors, facts as relationships, events as incidents, one report per document.

Ids are UUIDv5 of our keys, so re-exporting the same store gives the same ids (stix2-validator warns that SDO ids
SHOULD be UUIDv4; that is the price of stable ids). Incidents carry `first_seen`, `last_seen` and `fatalities`
as top-level properties declared by one extension definition (STIX 2.1 section 7.3, toplevel-property-extension),
the names OpenCTI reads.
"""
from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone
from typing import BinaryIO, Iterable

from ..models import CHANGE_PREDICATES, Actor, Event
from ..store import Fact, Store
from .export_acled import publisher
from .intervals import store_intervals

_NS = uuid.UUID("5d1c7b84-3e0c-4c36-9f6e-6a2f6d3c1f00")


def _sid(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(_NS, kind + ':' + key)}"


def _stix_time(iso: str, end_of_day: bool = False) -> str:
    if len(iso) == 10:
        return iso + ("T23:59:59.000Z" if end_of_day else "T00:00:00.000Z")
    return datetime.fromisoformat(iso).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _actor_sdo(a: Actor, common: dict):
    from stix2.v21 import Identity, IntrusionSet, ThreatActor
    aliases = {"aliases": a.aliases} if a.aliases else {}
    if a.type == "coalition":
        return IntrusionSet(id=_sid("intrusion-set", a.id), name=a.name, **aliases, **common)
    if a.type in ("armed_group", "political_group"):
        return ThreatActor(id=_sid("threat-actor", a.id), name=a.name, **aliases, **common)
    identity_class = {"person": "individual", "population": "class", "state": "organization",
                      "state_force": "organization", "international_org": "organization"}.get(a.type, "group")
    return Identity(id=_sid("identity", a.id), name=a.name, identity_class=identity_class, **common)


def _location(place: dict | None, common: dict):
    from stix2.v21 import Location
    if not place:
        return None
    props = {}
    if place.get("lat") is not None and place.get("lon") is not None:
        props.update(latitude=place["lat"], longitude=place["lon"])
    if place.get("country"):
        props["country"] = place["country"]
    if not props:
        return None
    if place.get("admin1"):
        props["administrative_area"] = place["admin1"]
    key = hashlib.sha1(repr(sorted(place.items())).encode()).hexdigest()
    return Location(id=_sid("location", key), name=place.get("name"), **props, **common)


ROLE_RELATIONSHIPS = {"perpetrator": "attributed-to", "target": "targets", "victim": "targets"}
EXTENSION_SCHEMA = ("Top-level properties of an incident reported in conflict reports: first_seen and last_seen "
                    "(timestamps: the first and last moment of the span the reports date it within) and "
                    "fatalities (integer >= 0: the most conservative reported figure).")


def _extension(common: dict):
    from stix2.v21 import ExtensionDefinition
    return ExtensionDefinition(id=_sid("extension-definition", "incident-dates-fatalities"),
                               name="factiongraph incident dates and fatalities", schema=EXTENSION_SCHEMA,
                               version="1.0.0", extension_types=["toplevel-property-extension"], **common)


def _relationship(f: Fact, interval, source, target, common: dict):
    from stix2.v21 import Relationship
    times = {}
    if f.predicate in CHANGE_PREDICATES:  # a change: the window it happened within
        lo, hi = (f.start.earliest if f.start else None), interval.start
    else:  # a state: the days it holds (intervals.py), ended by departures and successors too
        lo, hi = interval.start, interval.end
    if lo:
        times["start_time"] = _stix_time(lo)
    if hi and (not lo or hi >= lo):
        times["stop_time"] = _stix_time(hi, end_of_day=True)
    return Relationship(id=_sid("relationship", f.fact_id), relationship_type=f.predicate.replace("_", "-"),
                        source_ref=source.id, target_ref=target.id, confidence=round(f.confidence * 100),
                        description=f"{f.sources} source(s): {', '.join(f.documents)}"
                        + (f"; contradictions: {' | '.join(f.contradictions)}" if f.contradictions else ""),
                        **times, **common)


def _incident_objects(e: Event, sdos: dict, extension_id: str, common: dict) -> list:
    """The incident, its location, and one relationship per participant: attributed-to its perpetrators,
    targets its targets and victims, related-to (with the role as description) the others."""
    from stix2.v21 import Incident, Relationship
    key = e.event_key
    extra = {"fatalities": e.fatalities} if e.fatalities is not None else {}
    if e.date:
        extra.update(first_seen=_stix_time(e.date.earliest), last_seen=_stix_time(e.date.latest, end_of_day=True))
    incident = Incident(id=_sid("incident", key), name=f"{e.type}: {e.summary or key}",
                        description=e.summary or e.type, labels=[e.type], confidence=round(e.confidence * 100),
                        extensions={extension_id: {"extension_type": "toplevel-property-extension"}},
                        allow_custom=True, **extra, **common)
    out = [incident]
    loc = _location(e.place.to_dict() if e.place else None, common)
    if loc is not None:
        out += [loc, Relationship(id=_sid("relationship", key + ":at"), relationship_type="located-at",
                                  source_ref=incident.id, target_ref=loc.id, **common)]
    for i, p in enumerate(e.participants):
        if p.actor in sdos:
            kind = ROLE_RELATIONSHIPS.get(p.role, "related-to")
            out += [sdos[p.actor], Relationship(
                id=_sid("relationship", f"{key}:{i}"), relationship_type=kind, source_ref=incident.id,
                target_ref=sdos[p.actor].id, description=p.role, **common)]
    return out


def _report(doc, refs: set[str], now: str, common: dict):
    from stix2.v21 import Report
    published = doc.published or now[:10]
    published = published + "-01" * (3 - len(published.split("-")))
    ref = {"source_name": publisher(doc) or "factiongraph", "external_id": doc.id,
           **({"url": doc.url} if doc.url else {})}
    return Report(id=_sid("report", doc.id), name=doc.title or doc.id, published=_stix_time(published),
                  object_refs=sorted(refs), report_types=["threat-report"], external_references=[ref], **common)


def stix_bundle(store: Store):
    """A STIX 2.1 bundle: actors as intrusion-set / threat-actor / identity, facts as relationships with
    start/stop times, events as incidents located at locations, one report per source document."""
    from stix2.v21 import Bundle, Identity
    now = _stix_time(datetime.now(timezone.utc).isoformat())
    creator = Identity(id=_sid("identity", "factiongraph"), name="factiongraph", identity_class="system",
                       created=now, modified=now)
    common = {"created_by_ref": creator.id, "created": now, "modified": now}
    extension = _extension(common)
    facts = [f for f in store.iter_facts(claims=False) if not f.negated]
    intervals = store_intervals(store, facts)
    events = store.events()
    actor_ids = ({f.subject for f in facts} | {f.object for f in facts if f.predicate != "controls"}
                 | {p.actor for e in events for p in e.participants})
    sdos = {a.id: _actor_sdo(a, common) for a in store.actors(actor_ids).values()}
    objects: dict[str, object] = {creator.id: creator, extension.id: extension, **{o.id: o for o in sdos.values()}}
    by_doc: dict[str, set[str]] = {}

    def cite(docs: Iterable[str], *found) -> None:
        for o in found:
            objects[o.id] = o
        for d in docs:
            by_doc.setdefault(d, set()).update(o.id for o in found)

    for f in facts:
        source, target = sdos.get(f.subject), sdos.get(f.object)
        if f.predicate == "controls":
            target = _location(f.attributes.get("place"), common)
        if source is not None and target is not None:
            cite(f.documents, _relationship(f, intervals[f.fact_id], source, target, common), source, target)
    for e in events:
        cite([e.doc], *_incident_objects(e, sdos, extension.id, common))
    for doc in store.documents(by_doc):
        report = _report(doc, by_doc[doc.id], now, common)
        objects[report.id] = report
    return Bundle(objects=list(objects.values()), allow_custom=True)


def write_stix(store: Store, out: BinaryIO) -> int:
    bundle = stix_bundle(store)
    out.write(bundle.serialize(pretty=True).encode("utf-8"))
    return len(bundle.objects)
