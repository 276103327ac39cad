"""Analytics over the fused graph: coalition cohesion, defection chains, centrality, event breakdowns.

Cohesion index of a coalition at the end of month m: the share of the components (non-person members) that
had joined by then and are still members, M / (M + L), where M is the number of current components and L
the number of components that joined and have since departed. 1.0 is a coalition that has lost no one;
0.5 one that has lost half of everyone who ever joined. The founding components retained are reported
beside it, because losing a founder usually weighs more than losing a late arrival.
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from ..store import Store
from ..timeutil import month_end
from .queries import DEPARTURES, MEMBERSHIP, PERSONAL, exits, happened_by, in_force, members, validity_for

_MONTH = 7  # len("YYYY-MM")


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last[:_MONTH]:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def cohesion(store: Store, coalition: str, until: str | None = None) -> dict:
    """Month by month: components, founders retained, arrivals, departures and the cohesion index."""
    joins = [f for f in store.facts(object=coalition, predicates=MEMBERSHIP, claims=False) if not f.negated]
    types = {a.id: a.type for a in store.actors({f.subject for f in joins}).values()}
    joins = [f for f in joins if types.get(f.subject) != "person"]
    if not joins:
        return {"coalition": coalition, "founding": [], "months": []}
    dated = [f.start.earliest for f in joins if f.start]
    formed = min(dated) if dated else min(f.reported_by() or f.recorded_at[:10] for f in joins)
    founding = sorted({f.subject for f in joins if f.attributes.get("founding")
                       or (f.start and f.start.earliest[:_MONTH] == formed[:_MONTH])})
    rules = validity_for(store, joins)
    ended = [(f.subject, e.by) for f in joins if (e := rules.ended_by(f)) is not None and e.reason != "end"]
    last = until or max([by for _, by in ended] + [formed])
    months, ever = [], set()
    for month in _months(formed, last):
        day = month_end(int(month[:4]), int(month[5:7])).isoformat()
        current = {m["id"] for m in members(store, coalition, day, include="groups")}
        ever |= {f.subject for f in joins if f.start is None or f.start.earliest <= day}
        left = ever - current
        arrivals = sorted(f.subject for f in joins if f.start and f.start.earliest[:_MONTH] == month
                          and f.subject not in founding)
        departures = sorted({subject for subject, by in ended if by[:_MONTH] == month})
        months.append({"month": month, "components": len(current),
                       "founding_retained": len(current & set(founding)), "arrivals": arrivals,
                       "departures": departures,
                       "cohesion": round(len(current) / (len(current) + len(left)), 4) if ever else None})
    return {"coalition": coalition, "founding": founding, "months": months}


def defection_chains(store: Store, min_moves: int = 1) -> list[dict]:
    """Actors that left one group, with every group they belonged to in date order: who went where."""
    departures = [d for d in store.facts(predicates=DEPARTURES, claims=False) if not d.negated]
    movers = {d.subject for d in departures}
    if not movers:
        return []
    joins = [f for f in store.facts(subjects=movers, predicates=MEMBERSHIP, claims=False) if not f.negated]
    names = {a.id: a.name for a in store.actors(movers | {f.object for f in joins} | {d.object for d in departures})
             .values()}
    chains = []
    for actor in sorted(movers):
        steps = [{"date": f.start.earliest if f.start else None, "move": "joined", "group": f.object}
                 for f in joins if f.subject == actor]
        steps += [{"date": happened_by(d), "move": d.predicate, "group": d.object} for d in departures
                  if d.subject == actor]
        # an undated joining is placed first: a member must have joined before it could leave
        steps.sort(key=lambda s: (s["date"] or ("" if s["move"] == "joined" else "9999"), s["move"] != "joined"))
        for s in steps:
            s["name"] = names.get(s["group"], s["group"])
        moves = sum(s["move"] != "joined" for s in steps)
        if moves >= min_moves:
            chains.append({"actor": actor, "name": names.get(actor, actor), "moves": moves, "steps": steps})
    return sorted(chains, key=lambda c: (-c["moves"], c["actor"]))


def centrality(store: Store, as_of: str | None = None, top: int = 10) -> list[dict]:
    """The most central actors (degree and betweenness) of the actor graph, optionally as of a date."""
    facts = [f for f in store.iter_facts(claims=False) if not f.negated and f.predicate != "controls"]
    if as_of:
        persons = {f.subject for f in facts if f.predicate in PERSONAL}
        facts = in_force(facts, as_of, exits(store, persons) if persons else [])
    g = nx.Graph()
    g.add_edges_from((f.subject, f.object) for f in facts if f.subject != f.object)
    if g.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(g)
    k = min(g.number_of_nodes(), 500) if g.number_of_nodes() > 2000 else None  # sampled on large graphs
    between = nx.betweenness_centrality(g, k=k, seed=7)
    names = {a.id: a.name for a in store.actors(g.nodes).values()}
    ranked = sorted(g.nodes, key=lambda n: (-between[n], -degree[n], n))[:top]
    return [{"actor": n, "name": names.get(n, n), "degree": round(degree[n], 4),
             "betweenness": round(between[n], 4), "neighbours": g.degree(n)} for n in ranked]


def events_by(store: Store, by: str) -> list[dict]:
    """Event counts by `type`, `place` (admin1, else place name, else country) or `month`."""
    if by not in ("type", "place", "month"):
        raise ValueError(f"events_by: 'type', 'place' or 'month', not {by!r}")
    counts: Counter = Counter()
    fatalities: Counter = Counter()
    for e in store.events():
        if by == "type":
            key = e.type
        elif by == "place":
            key = (e.place.admin1 or e.place.name or e.place.country) if e.place else None
        else:
            key = e.date.earliest[:_MONTH] if e.date and e.date.earliest[:_MONTH] == e.date.latest[:_MONTH] else (
                None if e.date is None else f"{e.date.earliest[:_MONTH]}..{e.date.latest[:_MONTH]}")
        counts[key] += 1
        fatalities[key] += e.fatalities or 0
    return [{by: k, "events": n, "fatalities": fatalities[k]}
            for k, n in sorted(counts.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))]
