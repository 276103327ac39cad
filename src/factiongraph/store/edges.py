"""Lean reads for drawing the graph: facts as `Edge`s (ids, ends, predicate, dates as plain strings and what a
drawing shows), with no attributes, documents or evidence decoded, and filtered in SQL down to what can
matter on the day asked (departures that had happened by then, successors who had started). Mixed into
`Store`; the SQL is the portable subset both backends run. `queries.in_force` judges Edges as it judges Facts.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

EDGE_COLUMNS = ("fact_id, subject, predicate, object, s_earliest, s_latest, e_earliest, e_latest, confidence, "
                "sources, negated, status, contradictions, first_reported, recorded_at")
NOT_REJECTED = "(status IS NULL OR status <> 'rejected')"
CHUNK = 400  # ids bound in one IN (...): well under both backends' limits on parameters


class Bounds(NamedTuple):
    """A stored span as `in_force` reads it: first and last possible day."""
    earliest: str
    latest: str


class Edge:
    """A fused fact as the network view needs it (see Fact for the fields)."""
    __slots__ = ("fact_id", "subject", "predicate", "object", "start", "end", "confidence", "sources", "negated",
                 "status", "contradicted", "first_reported", "recorded_at")

    def __init__(self, r: dict):
        self.fact_id, self.subject, self.predicate, self.object = r["fact_id"], r["subject"], r["predicate"], \
            r["object"]
        self.start = Bounds(r["s_earliest"], r["s_latest"]) if r["s_earliest"] is not None else None
        self.end = Bounds(r["e_earliest"], r["e_latest"]) if r["e_earliest"] is not None else None
        self.confidence, self.sources = float(r["confidence"]), int(r["sources"])
        self.negated, self.status = bool(r["negated"]), r["status"]
        self.contradicted = r["contradictions"] != "[]"
        self.first_reported, self.recorded_at = r["first_reported"], r["recorded_at"]

    def reported_by(self) -> str | None:
        return self.first_reported

    def drawn(self) -> dict:
        """The edge as `detail=compact` answers it."""
        return {"fact_id": self.fact_id, "source": self.subject, "target": self.object, "predicate": self.predicate,
                "confidence": round(self.confidence, 4), "sources": self.sources, "status": self.status,
                "contradicted": self.contradicted}


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))


def _chunks(values: Iterable[str]) -> list[list[str]]:
    values = sorted(set(values))
    return [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]


class Edges:
    """Needs the backend's `_query` and the Reads mixin's `state_version`."""

    def _edges(self, where: list[str], params: list, tail: str = "") -> list[Edge]:
        sql = f"SELECT {EDGE_COLUMNS} FROM facts WHERE {' AND '.join(where + [NOT_REJECTED])}{tail}"
        return [Edge(r) for r in self._query(sql, params)]

    @staticmethod
    def _holding(predicates: list[str], day: str) -> tuple[list[str], list]:
        """Asserted facts of these predicates begun by `day` and not ended before it, by their own dates.
        `(predicate || '')`: no index serves it, so that the planners walk the date or actor index instead."""
        return ([f"(predicate || '') IN ({_marks(predicates)})", "negated = 0",
                 "(s_earliest IS NULL OR s_earliest <= ?)", "(e_latest IS NULL OR e_latest >= ?)"],
                [*predicates, day, day])

    def edges_recent(self, predicates: list[str], day: str, limit: int) -> list[Edge]:
        """At most `limit` facts holding on `day` by their own dates: those begun most recently by then first
        (walking `facts_start` back from the day), then undated ones."""
        where, params = self._holding(predicates, day)
        found = self._edges(where + ["s_earliest <= ?"], params + [day],
                            f" ORDER BY s_earliest DESC, fact_id DESC LIMIT {int(limit)}")
        if len(found) < limit:
            found += self._edges(where + ["s_earliest IS NULL"], params,
                                 f" ORDER BY fact_id LIMIT {int(limit - len(found))}")
        return found

    def edges_touching(self, actors: Iterable[str], predicates: list[str], day: str, limit: int) -> list[Edge]:
        """At most `limit` facts holding on `day` with either end among `actors` (in no particular order)."""
        where, params = self._holding(predicates, day)
        out: list[Edge] = []
        for chunk in _chunks(actors):
            if len(out) >= limit:
                break
            m = _marks(chunk)
            out += self._edges(where + [f"(subject IN ({m}) OR object IN ({m}))"], params + chunk + chunk,
                               f" LIMIT {int(limit - len(out))}")
        return out

    def edge_departures(self, memberships: list[Edge], day: str) -> list[Edge]:
        """Departures that may end these memberships on `day`: asserted, not dated after the day, and either
        left or split_from the same coalition by the same member (paired in SQL, through the membership's
        row: a member's departures from other coalitions are most of what its subject index holds) or a
        merged_into anything by the member. `|| ''` keeps the planners on the membership's id, then the
        member's subject index (the predicate or coalition indexes would read every departure there is)."""
        d_cols = ", ".join("d." + c.strip() for c in EDGE_COLUMNS.split(","))
        holding = "d.negated = 0 AND (d.s_latest IS NULL OR d.s_latest <= ?) AND " \
                  "(d.status IS NULL OR d.status <> 'rejected')"
        out: list[Edge] = []
        for chunk in _chunks(f.fact_id for f in memberships):
            out += [Edge(r) for r in self._query(
                f"SELECT {d_cols} FROM facts m JOIN facts d ON d.subject = m.subject AND (d.object || '') = m.object "
                f"WHERE m.fact_id IN ({_marks(chunk)}) AND (d.predicate || '') IN ('left', 'split_from') AND "
                f"{holding}",
                chunk + [day])]
        for chunk in _chunks(f.subject for f in memberships):
            out += self._edges([f"subject IN ({_marks(chunk)})", "predicate = 'merged_into'", "negated = 0",
                                "(s_latest IS NULL OR s_latest <= ?)"], chunk + [day])
        return out

    def edge_successors(self, groups: Iterable[str], day: str) -> list[Edge]:
        """Leaderships of these groups begun for certain by `day`: those that can end another leader's."""
        out: list[Edge] = []
        for chunk in _chunks(groups):
            out += self._edges([f"object IN ({_marks(chunk)})", "predicate = 'leader_of'", "negated = 0",
                                "s_latest <= ?"], chunk + [day])
        return out

    def labels(self, ids: Iterable[str]) -> dict[str, dict]:
        """Id, name and type of each actor, kept between questions until the store changes."""
        version = self.state_version()
        cache = getattr(self, "_label_cache", None)
        if cache is None or cache[0] != version:
            cache = self._label_cache = (version, {})
        known = cache[1]
        missing = [i for i in set(ids) if i not in known]
        if missing:
            found = self.actor_labels(missing)
            for i in missing:
                known[i] = found.get(i)
            if len(known) > 200_000:  # a bound on memory; the next question fills it again
                self._label_cache = None
        return {i: known[i] for i in ids if known.get(i) is not None}

    def facts_by_id(self, fact_ids: Iterable[str]) -> list:
        """Full facts (without claims or evidence) for these ids, in fact-id order."""
        from .records import FACT_COLUMNS, _fact_from_row
        columns = ", ".join(c for c in FACT_COLUMNS if c != "evidence")
        out = []
        for chunk in _chunks(fact_ids):
            out += [_fact_from_row(r) for r in self._query(
                f"SELECT {columns} FROM facts WHERE fact_id IN ({_marks(chunk)})", chunk)]
        return sorted(out, key=lambda f: f.fact_id)
