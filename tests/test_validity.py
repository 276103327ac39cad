"""When a fact is in force (graph/validity.py): departures, successors, deaths and arrests end memberships and
leaderships, and every answer (members, leaders, the graph on a date) agrees on every date of the sample store."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factiongraph.graph import queries
from factiongraph.graph.profile import bars
from factiongraph.graph.validity import exit_of
from factiongraph.models import Document, Event, Relation
from factiongraph.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def _day(d):
    return {"earliest": d, "latest": d, "precision": "day"}


def _event(eid, etype, text, participants, when=None):
    return Event(id=eid, type=etype, date=_day(when) if when else None, summary=text,
                 participants=[{"actor": a, "role": r} for a, r in participants],
                 evidence=[{"doc": "d", "char_start": 0, "char_end": len(text), "text": text}])


@pytest.mark.parametrize("etype,text,role,reason", [
    ("remote_violence", "A drone strike killed the commander.", "victim", "death"),
    ("assassination", "The commander was shot dead by gunmen.", "victim", "death"),
    ("arrest", "Police detained the commander.", "victim", "arrest"),
    ("attack", "Gunmen wounded the commander.", "victim", None),          # hurt, not killed
    ("assassination", "The commander survived an attempt on his life.", "victim", None),
    ("remote_violence", "A strike killed the commander.", "perpetrator", None),  # he was not its victim
    ("statement", "The commander said the leader was killed.", "subject", None),
])
def test_exit_of_reads_deaths_and_arrests(etype, text, role, reason):
    x = exit_of(_event("e1", etype, text, [("p", role)], "2020-01-03"), "p", "2020-01-05")
    assert (x.reason if x else None) == reason
    if x:
        assert x.by == "2020-01-03" and x.source == "e1"


def test_undated_exit_counts_from_publication():
    x = exit_of(_event("e1", "assassination", "He was killed.", [("p", "victim")]), "p", "2020-02-29")
    assert x.by == "2020-02-29"


@pytest.fixture
def small(tmp_path):
    s = open_store(str(tmp_path / "v.db"))
    yield s
    s.close()


def _ingest(store, doc_id, published, text, relations, events=()):
    ev = [{"doc": doc_id, "char_start": 0, "char_end": 6, "text": text[:6]}]
    actors = [{"kind": "actor", "id": "cmdr", "name": "The Commander", "type": "person"},
              {"kind": "actor", "id": "g", "name": "The Group", "type": "armed_group"},
              {"kind": "actor", "id": "p2", "name": "The Successor", "type": "person"}]
    from factiongraph.models import Actor
    store.ingest(Document(id=doc_id, published=published, text=text),
                 [Actor(**a) for a in actors] + [Relation(evidence=ev, **r) for r in relations] + list(events),
                 extractor_version="v1")


def test_death_ends_membership_and_leadership(small):
    text = "A drone strike on Friday killed The Commander of The Group. " + "x" * 40
    _ingest(small, "d", "2020-01-05", text, [
        {"subject": "cmdr", "predicate": "member_of", "object": "g"},
        {"subject": "cmdr", "predicate": "leader_of", "object": "g", "start": _day("2015-01-01")}],
        [_event("e1", "remote_violence", text, [("cmdr", "victim")], "2020-01-03")])
    ids = lambda found: {m["id"] for m in found}  # noqa: E731
    assert ids(queries.members(small, "g", "2020-01-02")) == {"cmdr"}
    assert ids(queries.members(small, "g", "2020-01-03")) == set()
    assert ids(queries.leaders(small, "g", "2020-01-02")) == {"cmdr"}
    assert ids(queries.leaders(small, "g", "2025-01-01")) == set()
    edges = {(e["source"], e["predicate"]) for e in queries.graph_as_of(small, "2021-01-01")["edges"]}
    assert ("cmdr", "member_of") not in edges and ("cmdr", "leader_of") not in edges
    gone = queries.changes(small, "g", "2019-01-01", "2021-01-01")["left"]
    assert [(m["id"], [d["predicate"] for d in m["departures"]]) for m in gone] == [("cmdr", ["died"])]
    assert gone[0]["departures"][0]["evidence"][0]["text"].startswith("A drone")
    bar = {b["predicate"]: b for b in bars(small, "cmdr")[0]}
    assert bar["member_of"]["ended_because"] == "death" and bar["member_of"]["end"]["latest"] == "2020-01-03"
    assert bar["leader_of"]["ended_by"] == "d:e1"
    import click
    from click.testing import CliRunner

    from factiongraph.cli_graph import COMMANDS
    group = click.Group("factiongraph", commands={c.name: c for c in COMMANDS})
    r = CliRunner().invoke(group, ["changes", "g", "--since", "2019-01-01", "--as-of", "2021-01-01", "--db",
                                   small.target])
    assert r.exit_code == 0 and "died 2020-01-03" in r.stdout and "d:e1" in r.stdout, r.output


def test_wounded_or_later_joined_person_stays(small):
    text = "Gunmen wounded The Commander of The Group in 2018. " + "x" * 40
    _ingest(small, "d", "2020-01-05", text, [
        {"subject": "cmdr", "predicate": "member_of", "object": "g"},
        {"subject": "p2", "predicate": "member_of", "object": "g", "start": _day("2019-05-01")}],
        [_event("e1", "attack", text, [("cmdr", "victim")], "2018-03-01"),
         _event("e2", "arrest", "The Successor was arrested in 2017.", [("p2", "victim")], "2017-01-01")])
    # a wound is no death; an arrest before the membership began does not end it
    assert {m["id"] for m in queries.members(small, "g", "2020-01-01")} == {"cmdr", "p2"}


def test_successor_and_arrest(small):
    text = "The Successor replaced The Commander, who was later arrested. " + "x" * 40
    _ingest(small, "d", "2021-01-05", text, [
        {"subject": "cmdr", "predicate": "leader_of", "object": "g", "start": _day("2015-01-01")},
        {"subject": "p2", "predicate": "leader_of", "object": "g", "start": _day("2019-06-01")}],
        [_event("e1", "arrest", text, [("p2", "victim")], "2020-07-01")])
    found = lambda d: {m["id"] for m in queries.leaders(small, "g", d)}  # noqa: E731
    assert found("2019-05-31") == {"cmdr"} and found("2019-06-01") == {"p2"} and found("2020-07-01") == set()


# -- the sample store: answers agree on every date ------------------------------------------------------
@pytest.fixture(scope="module")
def sample_exports(sample):
    """The sample store's GEXF and GraphML re-read by networkx, and the facts no day holds (shown for one)."""
    import io

    import networkx as nx

    from factiongraph.graph.export import export
    from factiongraph.graph.intervals import store_intervals
    read = {}
    for fmt, reader in (("gexf", lambda b: nx.read_gexf(b, version="1.3")),
                        ("graphml", lambda b: nx.read_graphml(b, force_multigraph=True))):
        out = io.BytesIO()
        export(sample, fmt, out)
        read[fmt] = reader(io.BytesIO(out.getvalue()))
    never = {k for k, i in store_intervals(sample, list(sample.iter_facts(claims=False))).items() if i.never}
    return read, never


def _holding(g, day: str) -> set[str]:
    """Fact ids (the edges' ids) of the edges holding on `day`."""
    edges = ((k, d) for _, _, k, d in g.edges(keys=True, data=True)) if g.is_multigraph() else (
        (d["id"], d) for _, _, d in g.edges(data=True))
    return {k for k, d in edges if d.get("start", day) <= day <= d.get("end", day)}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from factiongraph.app import FactionGraph
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    fg = FactionGraph(db)
    fg.ingest(fg.read([ROOT / "examples/sample/docs.jsonl"]))
    s = open_store(str(db))
    yield s
    s.close()


def test_sample_commander_killed_in_2020_is_no_member_in_2025(sample):
    pmf = queries.resolve(sample, "PMF")
    assert "abu-mahdi-al-muhandis" in {m["id"] for m in queries.members(sample, pmf, "2019-12-31")}
    assert "abu-mahdi-al-muhandis" not in {m["id"] for m in queries.members(sample, pmf, "2025-01-01")}


FIRST = date(2008, 1, 1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=(date(2026, 1, 1) - FIRST).days))
@example((date(2020, 1, 3) - FIRST).days)  # the day of a reported killing
@example((date(2017, 12, 4) - FIRST).days)
def test_members_graph_and_exports_agree_on_every_date(sample, sample_exports, offset):
    day = (FIRST + timedelta(days=offset)).isoformat()
    g = queries.graph_as_of(sample, day)
    read, never = sample_exports
    for fmt, exported in read.items():  # Gephi's timeline on that day is the graph on that day
        assert _holding(exported, day) - never == {e["fact_id"] for e in g["edges"]}, (fmt, day)
    memberships = {(e["target"], e["source"]) for e in g["edges"] if e["predicate"] in queries.MEMBERSHIP}
    coalitions = {f.object for f in sample.iter_facts(claims=False) if f.predicate in queries.MEMBERSHIP}
    answered = {(c, m["id"]) for c in coalitions for m in queries.members(sample, c, day)}
    assert answered == memberships, day
    groups = {f.object for f in sample.iter_facts(claims=False) if f.predicate == "leader_of"}
    led = {(c, m["id"]) for c in groups for m in queries.leaders(sample, c, day)}
    assert led == {(e["target"], e["source"]) for e in g["edges"] if e["predicate"] == "leader_of"}, day


def test_lean_facts_with_bare_bounds_are_judged_alike():
    """Validity reads any fact with ids, predicate, negated, start/end bounds (earliest, latest) and report date,
    as the network view's lean edges are."""
    from types import SimpleNamespace as NS

    from factiongraph.graph.validity import Exit, Validity
    bounds = lambda d: NS(earliest=d, latest=d)  # noqa: E731

    def fact(i, s, p, o, start=None):
        return NS(fact_id=i, subject=s, predicate=p, object=o, start=bounds(start) if start else None, end=None,
                  negated=False, recorded_at="2021-01-01T00:00:00", reported_by=lambda: "2021-01-01")
    facts = [fact("m", "a", "member_of", "c", "2015-01-01"), fact("l", "a", "left", "c", "2018-02-01"),
             fact("k", "p", "leader_of", "c", "2010-01-01"), fact("s", "q", "leader_of", "c", "2019-01-01")]
    rules = Validity(facts, [Exit("q", "death", "2020-05-05", {"earliest": "2020-05-05"}, "d:e1")])
    assert {f.fact_id for f in rules.in_force(facts, "2017-01-01")} == {"m", "k"}
    assert {f.fact_id for f in rules.in_force(facts, "2019-06-01")} == {"l", "s"}
    assert {f.fact_id for f in rules.in_force(facts, "2020-05-05")} == {"l"}
    assert rules.ended_by(facts[0]).span["precision"] == "day" and rules.interval(facts[2]) == ("2010-01-01", "2018-12-31")
