"""The store as a dynamic graph: actors as nodes, facts as edges, each with the days it holds
(`intervals.store_intervals`), written as GraphML; `export_gexf` writes the same graph as GEXF 1.3."""
from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from ..store import Store
from .intervals import Interval, store_intervals

# edge attributes in the order they are declared; every value is a str, int or float
EDGE_ATTRIBUTES = {"predicate": "string", "confidence": "double", "sources": "integer", "documents": "string",
                   "contradictions": "integer", "status": "string", "start_earliest": "string",
                   "start_latest": "string", "end_earliest": "string", "end_latest": "string", "ended_by": "string"}
NODE_ATTRIBUTES = {"type": "string", "country": "string", "first_attested": "string", "last_attested": "string"}


def _span(intervals: list[Interval]) -> tuple[str | None, str | None]:
    """A node's lifetime: from its first edge's start to its last edge's end (open when any is open)."""
    starts, ends = [i.start for i in intervals], [i.end for i in intervals]
    return (None if not starts or None in starts else min(starts)), (None if not ends or None in ends else max(ends))


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Actors as nodes, facts as edges keyed by fact id. `start`/`end` on an edge: the first and last day it
    holds; on a node: the span of its edges. Nodes carry the first and last dates any fact or event of theirs
    is attested on (dates, their uncertainty windows, report publication)."""
    facts = [f for f in store.iter_facts(claims=False) if not f.negated]
    intervals = store_intervals(store, facts)
    actor_ids = {f.subject for f in facts} | {f.object for f in facts if f.predicate != "controls"}
    actors = store.actors(actor_ids)
    g = nx.MultiDiGraph()
    attested: dict[str, list[str]] = {}
    spans: dict[str, list[Interval]] = {}
    for f in facts:
        span = intervals[f.fact_id]
        for end in (f.subject, f.object):
            attested.setdefault(end, []).extend(span.dates() + ([f.first_reported] if f.first_reported else []))
            spans.setdefault(end, []).append(span)
    for e in store.events():
        for p in e.participants:
            if p.actor in attested and e.date:
                attested[p.actor] += [e.date.earliest, e.date.latest]
    for node in attested:
        a = actors.get(node)
        place = node not in actors and any(f.predicate == "controls" and f.object == node for f in facts)
        data = {"label": a.name if a else node, "type": a.type if a else ("place" if place else "other")}
        if a and a.country:
            data["country"] = a.country
        days = sorted(attested[node])
        if days:
            data.update(first_attested=days[0], last_attested=days[-1])
        start, end = _span(spans[node])
        data.update({k: v for k, v in (("start", start), ("end", end)) if v})
        g.add_node(node, **data)
    for f in facts:
        span = intervals[f.fact_id]
        data = {"label": f.predicate, "predicate": f.predicate, "confidence": round(f.confidence, 4),
                "sources": f.sources, "documents": "; ".join(f.documents), "contradictions": len(f.contradictions)}
        if f.status:
            data["status"] = f.status
        for key in ("start", "end", "start_earliest", "start_latest", "end_earliest", "end_latest", "ended_by"):
            if getattr(span, key):
                data[key] = getattr(span, key)
        g.add_edge(f.subject, f.object, key=f.fact_id, **data)
    return g


def write_graphml(store: Store, out: BinaryIO) -> int:
    """GraphML has no time model: `start`/`end` are plain attributes (ISO days, the same as in GEXF)."""
    g = to_networkx(store)
    nx.write_graphml(g, out)
    return g.number_of_edges()
