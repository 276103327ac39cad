"""GeoJSON (RFC 7946) for QGIS, kepler.gl and web maps: one FeatureCollection of the located events and the
places groups are reported to control. Points are [longitude, latitude] in WGS 84; things with no coordinates
are left out. Dates are ISO days: an event's date span, a control's days in force (intervals.py)."""
from __future__ import annotations

import json
from typing import BinaryIO

from ..models import Event
from ..store import Store
from .export_acled import acled_types, publisher
from .intervals import store_intervals


def _point(place: dict | None) -> dict | None:
    if not place or place.get("lat") is None or place.get("lon") is None:
        return None
    return {"type": "Point", "coordinates": [round(float(place["lon"]), 6), round(float(place["lat"]), 6)]}


def _source(doc) -> dict:
    return {"doc": doc.id, "title": doc.title, "publisher": publisher(doc), "published": doc.published,
            "url": doc.url}


def _place_props(place: dict) -> dict:
    return {"place": place.get("name"), "admin1": place.get("admin1"), "country": place.get("country"),
            "place_feature": place.get("feature"), "geonames_id": place.get("geonames_id")}


def _event_feature(e: Event, names: dict[str, str], docs: dict) -> dict | None:
    place = e.place.to_dict() if e.place else None
    geometry = _point(place)
    if geometry is None:
        return None
    disorder, etype, sub = acled_types(e)
    props = {"kind": "event", "id": e.event_key, "type": e.type, "acled_event_type": etype,
             "acled_sub_event_type": sub, "disorder_type": disorder,
             "date_earliest": e.date.earliest if e.date else None, "date_latest": e.date.latest if e.date else None,
             "date_precision": e.date.precision if e.date else None, "fatalities": e.fatalities,
             "summary": e.summary, "confidence": round(e.confidence, 4), **_place_props(place),
             "actors": "; ".join(names.get(p.actor, p.actor) for p in e.participants),
             "participants": [{"id": p.actor, "name": names.get(p.actor, p.actor), "role": p.role}
                              for p in e.participants],
             "sources": [_source(docs[e.doc])] if e.doc in docs else []}
    return {"type": "Feature", "id": e.event_key, "geometry": geometry, "properties": props}


def geojson(store: Store) -> dict:
    facts = [f for f in store.iter_facts(claims=False) if not f.negated]
    intervals = store_intervals(store, facts)
    controls = [f for f in facts if f.predicate == "controls" and _point(f.attributes.get("place"))]
    events = store.events()
    names = {a.id: a.name for a in store.actors({p.actor for e in events for p in e.participants}
                                                | {f.subject for f in controls}).values()}
    docs = {d.id: d for d in store.documents({e.doc for e in events} | {d for f in controls for d in f.documents})}
    features = [f for f in (_event_feature(e, names, docs) for e in events) if f is not None]
    for f in controls:
        span = intervals[f.fact_id]
        place = f.attributes["place"]
        props = {"kind": "control", "id": f.fact_id, "type": "controls", "actor": f.subject,
                 "actor_name": names.get(f.subject, f.subject), **_place_props(place),
                 "start": span.start, "end": span.end, "start_latest": span.start_latest,
                 "end_earliest": span.end_earliest, "confidence": round(f.confidence, 4),
                 "sources": [_source(docs[d]) for d in f.documents if d in docs]}
        features.append({"type": "Feature", "id": f.fact_id, "geometry": _point(place), "properties": props})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(store: Store, out: BinaryIO) -> int:
    collection = geojson(store)
    out.write(json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(collection["features"])
