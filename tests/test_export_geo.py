"""GeoJSON: an RFC 7946 FeatureCollection of located events and controlled places, longitude first."""
from __future__ import annotations

import io
import json

from factiongraph.cli_graph import EXPORT_FORMATS
from factiongraph.graph.export import FORMATS, export
from factiongraph.models import Document, parse_fact


def _geojson(store) -> dict:
    out = io.BytesIO()
    export(store, "geojson", out)
    return json.loads(out.getvalue())


def rfc7946_problems(doc: dict) -> list[str]:
    """What RFC 7946 forbids in a FeatureCollection of Points (sections 3.1.1, 3.1.2, 3.2, 3.3, 4)."""
    problems = [] if doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list) else [
        "not a FeatureCollection"]
    if "crs" in doc:
        problems.append("crs member (RFC 7946 is WGS 84 only)")
    for f in doc.get("features", []):
        g = f.get("geometry")
        if f.get("type") != "Feature" or not isinstance(f.get("properties"), dict):
            problems.append(f"{f.get('id')}: not a Feature with properties")
        if not (isinstance(f.get("id"), (str, int))):
            problems.append(f"{f.get('id')}: id must be a string or number")
        if g is None or g.get("type") != "Point" or len(g.get("coordinates", [])) != 2:
            problems.append(f"{f.get('id')}: not a 2D Point")
            continue
        lon, lat = g["coordinates"]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append(f"{f.get('id')}: {lon}, {lat} out of range")
    return problems


def test_events_are_points_in_lon_lat_order(hts_store):
    doc = _geojson(hts_store)
    assert rfc7946_problems(doc) == []
    events = {f["properties"]["type"]: f for f in doc["features"] if f["properties"]["kind"] == "event"}
    assert set(events) == {"assassination", "protest"}  # the battle has no place
    protest = events["protest"]
    assert protest["geometry"]["coordinates"] == [36.8006, 35.8646]
    props = protest["properties"]
    assert (props["place"], props["country"], props["date_earliest"], props["date_latest"]) == (
        "Saraqib", "SY", "2017-07-01", "2017-10-31")
    assert props["acled_event_type"] == "Protests" and props["actors"] == "Hay'at Tahrir al-Sham"
    assert props["participants"] == [{"id": "hts", "name": "Hay'at Tahrir al-Sham", "role": "target"}]
    assert [s["doc"] for s in props["sources"]] == ["seed-hts-2017"]
    assert events["assassination"]["properties"]["fatalities"] == 1


def test_controlled_places_with_their_days(hts_store):
    text = "HTS has controlled Saraqib since March 2017."
    hts_store.ingest(Document(id="ctl", title="t", published="2017-05-01", source="x (Enab Baladi)", text=text), [
        parse_fact({"kind": "relation", "subject": "hts", "predicate": "controls", "object": "Saraqib",
                    "start": {"earliest": "2017-03-01", "latest": "2017-03-31", "precision": "month"},
                    "attributes": {"place": {"name": "Saraqib", "country": "SY", "lat": 35.8646, "lon": 36.8006,
                                             "feature": "city"}}, "confidence": 0.7})],
        extractor_version="test-1")
    doc = _geojson(hts_store)
    assert rfc7946_problems(doc) == []
    (control,) = [f for f in doc["features"] if f["properties"]["kind"] == "control"]
    props = control["properties"]
    assert control["geometry"]["coordinates"] == [36.8006, 35.8646]
    assert (props["actor_name"], props["place"], props["start"], props["start_latest"], props["end"]) == (
        "Hay'at Tahrir al-Sham", "Saraqib", "2017-03-01", "2017-03-31", None)
    assert props["sources"][0]["publisher"] == "Enab Baladi"


def test_the_checker_catches_lat_lon_swaps_and_the_cli_offers_every_format():
    swapped = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "x", "properties": {}, "geometry": {"type": "Point", "coordinates": [35.0, 120.0]}}]}
    assert rfc7946_problems(swapped) == ["x: 35.0, 120.0 out of range"]
    assert tuple(EXPORT_FORMATS) == FORMATS
