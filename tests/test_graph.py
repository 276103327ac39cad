"""Time-aware questions, analytics and the graph CLI, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from conftest import hts_records
from factiongraph.cli_graph import COMMANDS
from factiongraph.graph import analytics, queries
from factiongraph.models import Document, Relation
from factiongraph.store import fact_id_of

FOUNDERS = {"jfs", "jaish-al-ahrar", "jaish-al-sunna", "zinki", "ansar-al-din", "liwa-al-haq"}


def _ids(found):
    return {m["id"] for m in found}


def test_acceptance_hts_members(hts_store):
    hts = queries.resolve(hts_store, "Hay'at Tahrir al-Sham")
    assert hts == "hts" == queries.resolve(hts_store, "HTS")
    assert _ids(queries.members(hts_store, hts, "2017-02-01", include="groups")) == FOUNDERS
    assert FOUNDERS <= _ids(queries.members(hts_store, hts, "2017-02-01"))
    late = _ids(queries.members(hts_store, hts, "2017-10-31"))
    assert FOUNDERS - late == {"jaish-al-ahrar", "zinki"}
    assert not late & {"muhaysini", "olayani"}
    # before the group was formed there was nothing to be a member of, except the undated clerics
    assert _ids(queries.members(hts_store, hts, "2016-12-31")) == {"muhaysini", "olayani"}


def test_members_json_carries_evidence(hts_store):
    found = queries.members(hts_store, "hts", "2017-02-01", include="groups")
    for m in found:
        assert m["kind"] == "actor" and m["name"]
        ev = m["membership"]["evidence"]
        assert ev and ev[0]["doc"] == "seed-hts-2017" and all(e["text"] for e in ev)
        assert m["membership"]["start"]["earliest"] == "2017-01-01"
    liwa = next(m for m in found if m["id"] == "liwa-al-haq")
    assert liwa["membership"]["contradictions"]  # the denial is kept and flagged, with its evidence
    assert {e["doc"] for e in liwa["membership"]["evidence"]} == {"seed-hts-2017", "report-2017-09"}


def test_dated_departure_ends_membership_on_its_day(hts_store):
    # the second report dates Jaish al-Ahrar's departure to 2017-09-13
    assert "jaish-al-ahrar" in _ids(queries.members(hts_store, "hts", "2017-09-12"))
    assert "jaish-al-ahrar" not in _ids(queries.members(hts_store, "hts", "2017-09-13"))


def test_changes_between_two_dates(hts_store):
    found = queries.changes(hts_store, "hts", "2017-02-01", "2017-10-31", include="groups")
    assert {m["id"] for m in found["left"]} == {"jaish-al-ahrar", "zinki"}
    assert {m["id"] for m in found["stayed"]} == FOUNDERS - {"jaish-al-ahrar", "zinki"}
    assert found["joined"] == []
    for m in found["left"]:  # each departure comes with the fact that ended it and that fact's evidence
        assert [d["predicate"] for d in m["departures"]] == ["left"] and m["departures"][0]["evidence"]
    ahrar = next(m for m in found["left"] if m["id"] == "jaish-al-ahrar")
    assert ahrar["departures"][0]["start"]["earliest"] == "2017-09-13"
    # nothing had changed between two dates before any departure
    quiet = queries.changes(hts_store, "hts", "2017-02-01", "2017-03-01", include="groups")
    assert not quiet["left"] and not quiet["joined"] and len(quiet["stayed"]) == 6
    with pytest.raises(queries.QueryError):
        queries.changes(hts_store, "hts", "2017-10-31", "2017-02-01")


def _doc(store, doc_id, published, records):
    text = f"report {doc_id} " + "x" * 40
    ev = [{"doc": doc_id, "char_start": 0, "char_end": 6, "text": "report"}]
    store.ingest(Document(id=doc_id, published=published, text=text),
                 [Relation(evidence=ev, **r) for r in records], extractor_version="v1")


def _day(d):
    return {"earliest": d, "latest": d, "precision": "day"}


def test_undated_departure_counts_from_its_report(store):
    _doc(store, "a", "2018-01", [{"subject": "g", "predicate": "member_of", "object": "c", "start": _day("2016-05-01")}])
    _doc(store, "b", "2019-03", [{"subject": "g", "predicate": "left", "object": "c"}])
    assert _ids(queries.members(store, "c", "2019-03-30")) == {"g"}
    assert _ids(queries.members(store, "c", "2019-03-31")) == set()


def test_rejoin_after_departure_and_merge_elsewhere(store):
    _doc(store, "a", "2018", [
        {"subject": "g", "predicate": "member_of", "object": "c", "start": _day("2017-06-01")},
        {"subject": "g", "predicate": "left", "object": "c", "start": _day("2016-01-01")},
        {"subject": "h", "predicate": "merged_into", "object": "c", "start": _day("2016-03-01")},
        {"subject": "h", "predicate": "merged_into", "object": "d", "start": _day("2017-03-01")},
    ])
    assert _ids(queries.members(store, "c", "2016-06-01")) == {"h"}
    found = queries.members(store, "c", "2017-07-01")
    assert _ids(found) == {"g"}  # h dissolved into d; g's departure predates its (re)joining
    assert found[0]["membership"]["contradictions"]


def test_leadership_ends_with_successor(store):
    _doc(store, "a", "2020", [
        {"subject": "p1", "predicate": "leader_of", "object": "g", "start": _day("2015-01-01")},
        {"subject": "p2", "predicate": "leader_of", "object": "g", "start": _day("2019-06-01")},
    ])
    assert _ids(queries.leaders(store, "g", "2018-01-01")) == {"p1"}
    assert _ids(queries.leaders(store, "g", "2019-06-01")) == {"p2"}


def test_rejected_fact_is_not_in_force(hts_store):
    hts_store.review_fact(fact_id_of(("jfs", "member_of", "hts")), "reject", author="ana")
    assert "jfs" not in _ids(queries.members(hts_store, "hts", "2017-02-01"))


def test_timeline_events_graph_search_evidence(hts_store):
    tl = queries.timeline(hts_store, "hts")
    dated = [e["date"] for e in tl if e["date"]]
    assert dated == sorted(dated) and tl[-1]["date"] is None
    assert {e["event_key"] for e in tl if e["kind"] == "event"} == {"seed-hts-2017:e1", "seed-hts-2017:e3"}
    assert [e["id"] for e in queries.events(hts_store, place="Idlib")] == ["e3", "e2"]
    assert [e["id"] for e in queries.events(hts_store, date_from="2017-10-01", date_to="2017-10-31")] == ["e3", "e2"]
    assert [e["id"] for e in queries.events(hts_store, types=["battle"], actor="ahrar-al-sham")] == ["e1"]
    assert queries.events(hts_store, place="Aleppo") == []
    # a place matches by name, admin1 or country code, each event once, with the other filters applied
    assert [e["id"] for e in queries.events(hts_store, place="Saraqib")] == ["e3"]
    assert [e["id"] for e in queries.events(hts_store, place="sy")] == ["e3", "e2"]
    assert [e["id"] for e in queries.events(hts_store, place="Idlib", types=["assassination"])] == ["e2"]
    assert [e["id"] for e in queries.events(hts_store, place="Idlib", date_from="2017-10-01", limit=1)] == ["e3"]
    g = queries.graph_as_of(hts_store, "2017-10-31")
    preds = {(e["source"], e["predicate"], e["target"]) for e in g["edges"]}
    assert ("jfs", "member_of", "hts") in preds and ("zinki", "member_of", "hts") not in preds
    assert ("zinki", "left", "hts") in preds and {n["id"] for n in g["nodes"]} >= {"hts", "zinki"}
    early = {(e["source"], e["predicate"]) for e in queries.graph_as_of(hts_store, "2017-02-01")["edges"]}
    assert ("zinki", "member_of") in early and ("zinki", "left") not in early
    found = queries.search(hts_store, "Zinki")
    assert [a["id"] for a in found["actors"]] == ["zinki"] and found["facts"]
    assert [e["id"] for e in queries.search(hts_store, "saraqib")["events"]] == ["e3"]
    ev = queries.evidence(hts_store, fact_id_of(("jaish-al-ahrar", "left", "hts")))
    assert {c["doc"] for c in ev["claims"]} == {"seed-hts-2017", "report-2017-09"}
    assert queries.evidence(hts_store, "seed-hts-2017:e2")["fatalities"] == 1
    with pytest.raises(queries.QueryError):
        queries.evidence(hts_store, "f-0000")
    with pytest.raises(queries.QueryError):
        queries.resolve(hts_store, "Nobody at all")


def test_cohesion_and_chains(hts_store):
    c = analytics.cohesion(hts_store, "hts")
    assert set(c["founding"]) == FOUNDERS
    months = {m["month"]: m for m in c["months"]}
    assert months["2017-01"]["cohesion"] == 1.0 and months["2017-01"]["founding_retained"] == 6
    assert months["2017-09"]["departures"] == ["jaish-al-ahrar"] and months["2017-09"]["components"] == 5
    assert months["2017-10"]["cohesion"] == pytest.approx(4 / 6, abs=1e-4)
    chains = {ch["actor"]: ch for ch in analytics.defection_chains(hts_store)}
    assert set(chains) == {"jaish-al-ahrar", "zinki", "muhaysini", "olayani"}
    assert [s["move"] for s in chains["jaish-al-ahrar"]["steps"]] == ["joined", "left"]
    top = analytics.centrality(hts_store, top=3)
    assert top[0]["actor"] == "hts" and len(top) == 3
    by_type = {d["type"]: d["events"] for d in analytics.events_by(hts_store, "type")}
    assert by_type == {"assassination": 1, "battle": 1, "protest": 1}
    assert {d["place"]: d["events"] for d in analytics.events_by(hts_store, "place")}["Idlib"] == 2


# -- CLI ---------------------------------------------------------------------------------------------

@pytest.fixture
def cli():
    group = click.Group("factiongraph", commands={c.name: c for c in COMMANDS})
    runner = CliRunner()
    return lambda *args: runner.invoke(group, list(args))


def test_cli_members_acceptance(cli, hts_store):
    db = hts_store.target
    r = cli("members", "Hay'at Tahrir al-Sham", "--as-of", "2017-02-01", "--format", "json", "--db", db)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert FOUNDERS <= {m["id"] for m in data} and all(m["membership"]["evidence"] for m in data)
    r = cli("members", "HTS", "--as-of", "2017-10-31", "--include", "groups", "--format", "json", "--db", db)
    assert {m["id"] for m in json.loads(r.stdout)} == FOUNDERS - {"jaish-al-ahrar", "zinki"}
    r = cli("members", "HTS", "--as-of", "2017-10-31", "--db", db)
    assert r.exit_code == 0 and "Jabhat Fateh al-Sham" in r.stdout and "Jaish al-Ahrar" not in r.stdout


def test_cli_changes(cli, hts_store):
    r = cli("changes", "HTS", "--since", "2017-02-01", "--as-of", "2017-10-31", "--include", "groups",
            "--db", hts_store.target)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["change", "id", "name", "when", "fact"]
    assert sorted(line.split()[1] for line in lines if line.startswith("left")) == ["jaish-al-ahrar", "zinki"]
    assert sum(line.startswith("stayed") for line in lines) == 4
    r = cli("changes", "HTS", "--since", "2017-02-01", "--as-of", "2017-10-31", "--format", "json",
            "--db", hts_store.target)
    left = json.loads(r.stdout)["left"]  # without --include groups the clerics who left count too
    assert {m["id"] for m in left} == {"jaish-al-ahrar", "zinki", "muhaysini", "olayani"}
    assert all(m["departures"] for m in left)


@pytest.mark.parametrize("args", [
    ["changes", "HTS", "--since", "2017-11-01", "--as-of", "2017-02-01"],
    ["changes", "HTS", "--since", "someday"],
    ["members", "Nobody", "--as-of", "2017-01-01"],
    ["members", "HTS", "--as-of", "2017-13-01"],
    ["events", "--from", "yesterday"],
    ["timeline", "Nobody"],
    ["evidence", "f-nothing"],
    ["review", "accept", "f-nothing", "--author", "ana"],
    ["review", "edit", "f-nothing", "--author", "ana"],
    ["review", "merge", "HTS", "Nobody", "--author", "ana"],
])
def test_cli_bad_input_exits_2(cli, hts_store, args):
    r = cli(*args, "--db", hts_store.target)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1


def test_cli_missing_database_exits_2(cli, tmp_path):
    r = cli("members", "HTS", "--db", str(tmp_path / "none.db"))
    assert r.exit_code == 2 and "no such database" in r.stderr
    assert not (tmp_path / "none.db").exists()


def test_cli_review_and_queries(cli, hts_store):
    db = hts_store.target
    fid = fact_id_of(("jfs", "member_of", "hts"))
    r = cli("review", "edit", fid, "--author", "ana", "--start", "2017-01-28", "--set", "founding=true", "--db", db)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["start"]["earliest"] == "2017-01-28"
    r = cli("review", "reject", "seed-hts-2017:e1", "--author", "ana", "--db", db)
    assert r.exit_code == 0 and json.loads(r.stdout)["status"] == "rejected"
    r = cli("events", "--actor", "HTS", "--format", "json", "--db", db)
    assert [e["id"] for e in json.loads(r.stdout)] == ["e3"]
    r = cli("review", "merge", "Ahrar al-Sham", "HTS", "--author", "ana", "--db", db)
    assert r.exit_code == 0
    r = cli("review", "split", "hts", "ahrar-al-sham", "--author", "ana", "--db", db)
    assert r.exit_code == 0
    for args in (["timeline", "HTS"], ["graph", "--as-of", "2017-06"], ["search", "ahrar"],
                 ["evidence", fid], ["stats"], ["stats", "--cohesion", "HTS"], ["stats", "--chains"],
                 ["stats", "--central", "3"], ["stats", "--events-by", "month"]):
        r = cli(*args, "--format", "json", "--db", db)
        assert r.exit_code == 0, (args, r.output)
        assert json.loads(r.stdout)
    r = cli("stats", "--format", "json", "--db", db)
    assert json.loads(r.stdout)["reviews"] == 4


def test_search_matches_percent_and_underscore_literally(hts_store):
    assert queries.search(hts_store, "%") == {"actors": [], "facts": [], "events": []}  # not every row
    assert queries.search(hts_store, "_")["events"] == []
    from factiongraph.models import Event
    hts_store.ingest(Document(id="pct", published="2019-01", text="turnout fell 100% short " + "x" * 40),
                     [Event(id="e1", type="protest", summary="turnout fell 100% short", participants=[
                         {"actor": "hts", "role": "target"}])], extractor_version="v2")
    assert [e["id"] for e in queries.search(hts_store, "100%")["events"]] == ["e1"]
    assert queries.search(hts_store, "1_0%")["events"] == []


def test_event_participants_carry_names(hts_store):
    found = queries.events(hts_store, place="Saraqib")
    assert found and all(p["name"] for e in found for p in e["participants"])
    assert {p["name"] for p in found[0]["participants"]} >= {"Hay'at Tahrir al-Sham"}
    from factiongraph.app import FactionGraph
    fg = FactionGraph(hts_store.target)
    try:
        via_api = fg.events(place="Saraqib")[0].to_dict()
    finally:
        fg.close()
    assert "Hay'at Tahrir al-Sham" in {p["name"] for p in via_api["participants"]}
