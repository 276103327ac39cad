"""STIX 2.1: the bundle parses with `stix2`, passes `stix2-validator` with no errors, and carries the incidents'
dates, fatalities and who did what to whom."""
from __future__ import annotations

import io
import json

import stix2
from stix2validator import ValidationOptions, validate_string

from factiongraph.graph.export import export


def _export(store, fmt) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out)
    return out.getvalue()


def test_stix_bundle_validates(hts_store):
    bundle = stix2.parse(_export(hts_store, "stix").decode(), allow_custom=True)
    by_type: dict[str, list] = {}
    for o in bundle.objects:
        by_type.setdefault(o.type, []).append(o)
    assert {"identity", "intrusion-set", "threat-actor", "relationship", "location", "incident",
            "report"} <= set(by_type)
    assert [o.name for o in by_type["intrusion-set"]] == ["Hay'at Tahrir al-Sham"]
    ids = {o.id for o in bundle.objects}
    for rel in by_type["relationship"]:
        assert rel.source_ref in ids and rel.target_ref in ids
    member = [r for r in by_type["relationship"] if r.relationship_type == "member-of"]
    dated = [r for r in member if "start_time" in r]
    assert len(member) == 8 and len(dated) == 6 and all(str(r.start_time).startswith("2017-01-01") for r in dated)
    reports = {r.external_references[0].external_id: r for r in by_type["report"]}
    assert set(reports) == {"seed-hts-2017", "report-2017-09"}
    assert all(ref in ids for r in reports.values() for ref in r.object_refs)



def test_stix_validator_finds_no_errors(hts_store):
    result = validate_string(_export(hts_store, "stix").decode(), ValidationOptions(version="2.1"))
    assert result.is_valid and result.errors == []


def test_incidents_have_dates_fatalities_and_roles(hts_store):
    objects = {o["id"]: o for o in json.loads(_export(hts_store, "stix"))["objects"]}
    incidents = {o["name"].split(":")[0]: o for o in objects.values() if o["type"] == "incident"}
    killing = incidents["assassination"]
    assert (killing["first_seen"], killing["last_seen"]) == ("2017-10-09T00:00:00.000Z", "2017-10-09T23:59:59.000Z")
    assert killing["fatalities"] == 1
    (ext,) = killing["extensions"]
    assert objects[ext]["type"] == "extension-definition"
    assert objects[ext]["extension_types"] == ["toplevel-property-extension"]
    roles = {(objects[r["target_ref"]]["name"], r["relationship_type"]) for r in objects.values()
             if r["type"] == "relationship" and r["source_ref"] == killing["id"] and r["target_ref"] in objects
             and objects[r["target_ref"]]["type"] != "location"}
    assert roles == {("unknown gunmen", "attributed-to"), ("Abu Yasser al-Shami", "targets")}
    battle = incidents["battle"]
    assert "fatalities" not in battle and battle["first_seen"].startswith("2017-07-15")
    assert {r["relationship_type"] for r in objects.values() if r["type"] == "relationship"
            and r["source_ref"] == battle["id"]} == {"related-to"}
    protest = incidents["protest"]
    assert {r["relationship_type"] for r in objects.values()
            if r["type"] == "relationship" and r["source_ref"] == protest["id"]} == {"targets", "located-at"}


def test_memberships_stop_at_the_departure(hts_store):
    objects = json.loads(_export(hts_store, "stix"))["objects"]
    names = {o["id"]: o.get("name") for o in objects}
    member = {names[o["source_ref"]]: o for o in objects
              if o["type"] == "relationship" and o["relationship_type"] == "member-of"}
    assert member["Jaish al-Ahrar"]["stop_time"] == "2017-09-12T23:59:59Z"
    assert "stop_time" not in member["Jabhat Fateh al-Sham"]
