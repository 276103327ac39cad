"""The network on a date (SQL-filtered, graph/network.py) agrees with the graph of `queries.in_force` (every
fact read and judged in Python) on every date, on both backends, and cuts and ego networks stay inside it."""
from __future__ import annotations

from datetime import date, timedelta

from conftest import hts_records
from factiongraph.fixtures import populate
from factiongraph.graph.network import network
from factiongraph.graph.queries import graph_as_of


def _edges(g):
    return {(e["source"], e["predicate"], e["target"]) for e in g["edges"]}


def _days(first: str, last: str, step: int = 9):
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    while d <= end:
        yield d.isoformat()
        d += timedelta(days=step)


def test_network_agrees_with_in_force_on_every_date(store):
    populate(store)
    for doc, records in hts_records():
        store.ingest(doc, records, extractor_version="test-1")
    for day in _days("2016-12-01", "2020-04-01"):
        whole = _edges(graph_as_of(store, day))
        assert _edges(network(store, day, limit=20000)) == whole, day
        assert _edges(network(store, day, limit=3)) <= whole
        for focus in ("nfa", "kataib-al-nasr", "hts", "jaish-al-ahrar"):
            ego = network(store, day, focus=focus, depth=2, limit=20000)
            assert _edges(ego) <= whole, (day, focus)
            assert {e for e in whole if focus in (e[0], e[2])} <= _edges(ego), (day, focus)
