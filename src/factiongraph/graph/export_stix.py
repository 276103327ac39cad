"""A STIX 2.1 bundle: actors, facts as relationships, events as incidents, one report per document."""
from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone
from typing import BinaryIO, Iterable

from ..models import Actor
from ..store import Store

# -- STIX 2.1 ------------------------------------------------------------------------------------------
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


def stix_bundle(store: Store):
    """A STIX 2.1 bundle: actors as intrusion-set / threat-actor / identity, facts as relationships with
    start/stop times, events as incidents located at locations, one report per source document."""
    from stix2.v21 import Bundle, Identity, Incident, Relationship, Report
    now = _stix_time(datetime.now(timezone.utc).isoformat())
    creator = Identity(id=_sid("identity", "factiongraph"), name="factiongraph", identity_class="system",
                       created=now, modified=now)
    common = {"created_by_ref": creator.id, "created": now, "modified": now}
    facts = [f for f in store.iter_facts(claims=False) if not f.negated]
    events = store.events()
    actor_ids = ({f.subject for f in facts} | {f.object for f in facts if f.predicate != "controls"}
                 | {p.actor for e in events for p in e.participants})
    sdos = {a.id: _actor_sdo(a, common) for a in store.actors(actor_ids).values()}
    objects: dict[str, object] = {creator.id: creator, **{o.id: o for o in sdos.values()}}
    by_doc: dict[str, set[str]] = {}

    def cite(docs: Iterable[str], *ids: str) -> None:
        for d in docs:
            by_doc.setdefault(d, set()).update(ids)

    for f in facts:
        source = sdos.get(f.subject)
        target = sdos.get(f.object)
        if f.predicate == "controls":
            target = _location(f.attributes.get("place"), common)
            if target is not None:
                objects[target.id] = target
        if source is None or target is None:
            continue
        times = {}
        if f.start:
            times["start_time"] = _stix_time(f.start.earliest)
        if f.end and (not f.start or f.end.latest > f.start.earliest):
            times["stop_time"] = _stix_time(f.end.latest, end_of_day=True)
        rel = Relationship(id=_sid("relationship", f.fact_id), relationship_type=f.predicate.replace("_", "-"),
                           source_ref=source.id, target_ref=target.id, confidence=round(f.confidence * 100),
                           description=f"{f.sources} source(s): {', '.join(f.documents)}"
                           + (f"; contradictions: {' | '.join(f.contradictions)}" if f.contradictions else ""),
                           **times, **common)
        objects[rel.id] = rel
        cite(f.documents, rel.id, source.id, target.id)
    for e in events:
        key = e.event_key
        incident = Incident(id=_sid("incident", key), name=f"{e.type}: {e.summary or key}",
                            description=e.summary or e.type, **common)
        objects[incident.id] = incident
        refs = [incident.id]
        loc = _location(e.place.to_dict() if e.place else None, common)
        if loc is not None:
            objects[loc.id] = loc
            rel = Relationship(id=_sid("relationship", key + ":at"), relationship_type="located-at",
                               source_ref=incident.id, target_ref=loc.id, **common)
            objects[rel.id] = rel
            refs += [loc.id, rel.id]
        for i, p in enumerate(e.participants):
            if p.actor in sdos:
                rel = Relationship(id=_sid("relationship", f"{key}:{i}"), relationship_type="related-to",
                                   source_ref=incident.id, target_ref=sdos[p.actor].id, description=p.role,
                                   **common)
                objects[rel.id] = rel
                refs += [rel.id, sdos[p.actor].id]
        cite([e.doc], *refs)
    for doc in store.documents(by_doc):
        published = doc.published or now[:10]
        published = published + "-01" * (3 - len(published.split("-")))
        ref = {"source_name": doc.source or "factiongraph", "external_id": doc.id,
               **({"url": doc.url} if doc.url else {})}
        report = Report(id=_sid("report", doc.id), name=doc.title or doc.id, published=_stix_time(published),
                        object_refs=sorted(by_doc[doc.id]), report_types=["threat-report"],
                        external_references=[ref], **common)
        objects[report.id] = report
    return Bundle(objects=list(objects.values()), allow_custom=False)


def write_stix(store: Store, out: BinaryIO) -> int:
    bundle = stix_bundle(store)
    out.write(bundle.serialize(pretty=True).encode("utf-8"))
    return len(bundle.objects)
