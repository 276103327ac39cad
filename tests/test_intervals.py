"""Edge intervals agree with the questions: on every day, the facts whose interval holds are the facts
`in_force` answers with, and the member_of edges holding are `members`."""
from __future__ import annotations

import io
import random
from datetime import date, timedelta

import networkx as nx

from factiongraph.graph.export import export
from factiongraph.graph.intervals import fact_intervals
from factiongraph.graph.queries import in_force, members


def _days(intervals) -> list[str]:
    """Every bound, the days either side of it, and random days from 2016 to 2019."""
    rng = random.Random(11)
    bounds = {d for i in intervals.values() for d in i.dates()}
    near = {(date.fromisoformat(d) + timedelta(days=k)).isoformat() for d in bounds for k in (-1, 1)}
    spread = {(date(2016, 1, 1) + timedelta(days=rng.randrange(1400))).isoformat() for _ in range(60)}
    return sorted(bounds | near | spread)


def test_intervals_hold_exactly_when_in_force(hts_store):
    facts = list(hts_store.iter_facts(claims=False))
    intervals = fact_intervals(facts)
    assert any(i.ended_by for i in intervals.values())
    for day in _days(intervals):
        expected = {f.fact_id for f in in_force(facts, day)}
        assert {k for k, i in intervals.items() if i.holds_on(day)} == expected, day


def test_exported_memberships_agree_with_members_on_every_day(hts_store):
    out = io.BytesIO()
    export(hts_store, "gexf", out)
    g = nx.read_gexf(io.BytesIO(out.getvalue()), version="1.3")
    intervals = fact_intervals(list(hts_store.iter_facts(claims=False)))
    for day in _days(intervals)[::3]:
        holding = {u for u, v, d in g.edges(data=True) if v == "hts" and d["predicate"] == "member_of"
                   and d.get("start", day) <= day <= d.get("end", day)}
        assert holding == {m["id"] for m in members(hts_store, "hts", day)}, day



def test_a_membership_ended_the_day_it_began_is_one_day_not_an_inverted_interval(store):
    from factiongraph.models import Document, parse_fact
    day = {"earliest": "2019-05-02", "latest": "2019-05-02", "precision": "day"}
    store.ingest(Document(id="d", title="t", published="2019-05-03", text="A joined B and left it the same day."), [
        parse_fact({"kind": "relation", "subject": "a", "predicate": "member_of", "object": "b", "start": day}),
        parse_fact({"kind": "relation", "subject": "a", "predicate": "left", "object": "b", "start": day})],
        extractor_version="test-1")
    intervals = fact_intervals(list(store.iter_facts(claims=False)))
    member = next(i for i in intervals.values() if i.ended_by)
    assert (member.start, member.end, member.end_latest) == ("2019-05-02", "2019-05-02", "2019-05-02")
