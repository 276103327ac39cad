"""The graph on a date, filtered in SQL so that it answers quickly on a store of any size: the whole store cut
at a number of edges (the relations begun most recently by that date first, then undated ones), or the ego
network of one actor to a depth, by predicate and node type.

The same rules of "in force on a day" as `queries.in_force` apply: the facts a filter selects are read with
the facts and events that can end them (`queries.validity_for`), and `validity` decides
(tests/test_graph_network.py checks that the two agree on every date).
"""
from __future__ import annotations

from typing import Iterable

from ..models import PREDICATES
from ..store import Store
from ..store.edges import Edge
from .queries import _actor_dict, exits, fact_summary, in_force
from .validity import MEMBERSHIP, PERSONAL

MAX_LIMIT = 20000


def _context(store: Store, edges: list[Edge], day: str) -> list[Edge]:
    """The facts that may end those given on `day`: departures of members (from those coalitions, or mergers
    into anything), other leaders of the same groups who had started by then."""
    members = [f for f in edges if f.predicate in MEMBERSHIP]
    led = {f.object for f in edges if f.predicate == "leader_of"}
    found = store.edge_departures(members, day) if members else []
    return found + (store.edge_successors(led, day) if led else [])


def _select(store: Store, as_of: str, predicates: list[str], focus: str | None, depth: int,
            limit: int) -> tuple[list[Edge], bool]:
    """Candidate facts (asserted, begun by their own dates on `as_of`), at most limit + 1 of them."""
    if focus is None:  # the relations begun most recently by the day, then the undated ones
        found = store.edges_recent(predicates, as_of, limit + 1)
        return found, len(found) > limit
    chosen: dict[str, Edge] = {}
    frontier, seen = {focus}, {focus}
    for _ in range(depth):
        room = limit + 1 - len(chosen)
        if room <= 0 or not frontier:
            break
        level = [f for f in store.edges_touching(frontier, predicates, as_of, room + len(chosen))
                 if f.fact_id not in chosen]
        for f in level[:room]:
            chosen[f.fact_id] = f
        frontier = {end for f in level for end in (f.subject, f.object) if end not in seen and
                    f.predicate != "controls"}
        seen |= frontier
    found = sorted(chosen.values(), key=lambda f: f.fact_id)
    return found, len(found) > limit


def _nodes(store: Store, ends: set[str], edges: list[Edge], compact: bool) -> dict[str, dict]:
    if compact:
        labels = store.labels(ends)
        nodes = {a: labels.get(a) or {"id": a, "name": a, "type": "other"} for a in ends}
    else:
        actors = store.actors(ends)
        nodes = {a: _actor_dict(actors, a) for a in ends}
    for f in edges:
        if f.predicate == "controls" and f.object not in nodes:
            nodes[f.object] = {"id": f.object, "name": f.object, "type": "place"} if compact else {
                "kind": "place", "id": f.object, "name": f.object, "type": "place"}
    return nodes


def network(store: Store, as_of: str, *, focus: str | None = None, depth: int = 1,
            predicates: Iterable[str] | None = None, node_types: Iterable[str] | None = None,
            limit: int = 1000, compact: bool = False) -> dict:
    """Nodes and edges in force on `as_of` (see the module doc); `truncated` when `limit` cut edges off.
    `compact`: edges with ids, ends, predicate, confidence, sources and flags only (for drawing)."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    wanted = sorted(set(predicates)) if predicates else list(PREDICATES)
    candidates, truncated = _select(store, as_of, wanted, focus, max(1, depth), limit)
    keep = {f.fact_id for f in candidates}
    persons = {f.subject for f in candidates if f.predicate in PERSONAL}
    edges = [f for f in in_force(candidates + _context(store, candidates, as_of), as_of,
                               exits(store, persons) if persons else ()) if f.fact_id in keep]
    edges = sorted({f.fact_id: f for f in edges}.values(), key=lambda f: f.fact_id)[:limit]
    ends = {f.subject for f in edges} | {f.object for f in edges if f.predicate != "controls"}
    if focus:
        ends.add(focus)
    nodes = _nodes(store, ends, edges, compact)
    if node_types:
        allowed = set(node_types)
        nodes = {i: n for i, n in nodes.items() if n["type"] in allowed or i == focus}
        edges = [f for f in edges if f.subject in nodes and f.object in nodes]
    drawn = [f.drawn() for f in edges] if compact else [
        {"source": f.subject, "target": f.object, **fact_summary(f)}
        for f in store.facts_by_id(f.fact_id for f in edges)]
    return {"as_of": as_of, "nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": drawn,
            "focus": focus, "depth": depth, "limit": limit, "truncated": truncated}
