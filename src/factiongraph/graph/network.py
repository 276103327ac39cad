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
from ..store import Fact, Store
from .queries import _actor_dict, fact_summary, validity_for

MAX_LIMIT = 20000


def _select(store: Store, as_of: str, predicates: list[str], focus: str | None, depth: int,
            limit: int) -> tuple[list[Fact], bool]:
    """Candidate facts (begun by their own dates on `as_of`), at most limit + 1 of them."""
    if focus is None:  # the relations begun most recently by the day, then the undated ones
        common = dict(predicates=predicates, holding_on=as_of, claims=False, index_predicates=False, evidence=False)
        found = store.facts(started_by=as_of, recent_first=True, limit=limit + 1, **common)
        if len(found) <= limit:
            found += store.facts(undated=True, limit=limit + 1 - len(found), **common)
        return found, len(found) > limit
    chosen: dict[str, Fact] = {}
    frontier, seen = {focus}, {focus}
    for _ in range(depth):
        room = limit + 1 - len(chosen)
        if room <= 0 or not frontier:
            break
        level = [f for f in store.facts(actors=frontier, predicates=predicates, holding_on=as_of, claims=False,
                                        limit=room + len(chosen), ordered=False, evidence=False,
                                        index_predicates=False)
                 if f.fact_id not in chosen]
        for f in level[:room]:
            chosen[f.fact_id] = f
        frontier = {end for f in level for end in (f.subject, f.object) if end not in seen and
                    f.predicate != "controls"}
        seen |= frontier
    found = sorted(chosen.values(), key=lambda f: f.fact_id)
    return found, len(found) > limit


def compact_edge(f: Fact) -> dict:
    return {"fact_id": f.fact_id, "source": f.subject, "target": f.object, "predicate": f.predicate,
            "confidence": round(f.confidence, 4), "sources": f.sources, "status": f.status,
            "contradicted": bool(f.contradictions)}


def network(store: Store, as_of: str, *, focus: str | None = None, depth: int = 1,
            predicates: Iterable[str] | None = None, node_types: Iterable[str] | None = None,
            limit: int = 1000, compact: bool = False) -> dict:
    """Nodes and edges in force on `as_of` (see the module doc); `truncated` when `limit` cut edges off.
    `compact`: edges with ids, ends, predicate, confidence, sources and flags only (for drawing)."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    wanted = sorted(set(predicates)) if predicates else list(PREDICATES)
    candidates, truncated = _select(store, as_of, wanted, focus, max(1, depth), limit)
    candidates = [f for f in candidates if not f.negated]
    keep = {f.fact_id for f in candidates}
    facts = [f for f in validity_for(store, candidates).in_force(candidates, as_of) if f.fact_id in keep]
    facts = sorted({f.fact_id: f for f in facts}.values(), key=lambda f: f.fact_id)[:limit]
    ends = {f.subject for f in facts} | {f.object for f in facts if f.predicate != "controls"}
    if focus:
        ends.add(focus)
    if compact:
        labels = store.actor_labels(ends)
        nodes = {a: labels.get(a) or {"id": a, "name": a, "type": "other"} for a in ends}
    else:
        actors = store.actors(ends)
        nodes = {a: _actor_dict(actors, a) for a in ends}
    for f in facts:
        if f.predicate == "controls" and f.object not in nodes:
            nodes[f.object] = {"id": f.object, "name": f.object, "type": "place"} if compact else {
                "kind": "place", "id": f.object, "name": f.object, "type": "place"}
    if node_types:
        allowed = set(node_types)
        nodes = {i: n for i, n in nodes.items() if n["type"] in allowed or i == focus}
        facts = [f for f in facts if f.subject in nodes and f.object in nodes]
    edges = [compact_edge(f) for f in facts] if compact else [
        {"source": f.subject, "target": f.object, **fact_summary(f)} for f in facts]
    return {"as_of": as_of, "nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges,
            "focus": focus, "depth": depth, "limit": limit, "truncated": truncated}
