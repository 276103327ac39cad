"""When each fact holds, as one closed interval of days: the days on which `queries.in_force` counts it.

Every graph export (GEXF, GraphML, GeoJSON) takes its dates from `fact_intervals`, so a file opened in Gephi
shows on each day exactly what `members` and `graph --as-of` answer for that day:
- a state fact (member_of, leader_of, allied_with, ...) holds from its start's earliest day (from the beginning
  when undated) to its end's latest day (open when no end is known);
- a membership ends when a departure of that member from that coalition (left, split_from, merged_into another
  actor) had certainly happened: its last day is the day before the departure's latest date;
- a leadership ends the day before a later-starting successor had certainly taken over;
- a change (left, split_from, merged_into, renamed_to) is shown from the day it had certainly happened on.
A fact ended on the very day it began (or its own end before its start) is shown for that one day, the only
disagreement with `in_force`, which never counts it. The uncertainty of each bound is kept beside it: `start_earliest`/`start_latest`, `end_earliest`/`end_latest`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from ..models import CHANGE_PREDICATES
from ..store import Fact
from .queries import departs, happened_by


@dataclass(frozen=True)
class Interval:
    start: str | None  # first day in force; None: from the beginning
    end: str | None  # last day in force; None: still in force
    start_earliest: str | None = None  # the window within which it began
    start_latest: str | None = None
    end_earliest: str | None = None  # the window within which it ended
    end_latest: str | None = None
    ended_by: str | None = None  # the fact (departure, successor) that ended it

    def holds_on(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def dates(self) -> list[str]:
        return [d for d in (self.start, self.end, self.start_earliest, self.start_latest, self.end_earliest,
                            self.end_latest) if d]


def _day_before(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def _ending(candidates: Iterable[tuple[str, str | None, str]]) -> tuple[str, str | None, str] | None:
    """The first of (day it had certainly happened, earliest day it may have happened, fact id)."""
    return min(candidates, default=None)


def _state_interval(f: Fact, endings: list[tuple[str, str | None, str]]) -> Interval:
    start = f.start.earliest if f.start else None
    end, end_earliest, end_latest, ended_by = (f.end.latest, f.end.earliest, f.end.latest, None) if f.end else (
        None, None, None, None)
    first = _ending(endings)
    if first is not None and (end is None or _day_before(first[0]) < end):
        end, end_earliest, end_latest, ended_by = _day_before(first[0]), first[1] or first[0], first[0], first[2]
    if start is not None and end is not None and end < start:  # ended the day it began: shown for that day,
        end = start  # as a file may not hold an interval ending before it starts
    return Interval(start=start, end=end, start_earliest=start, start_latest=f.start.latest if f.start else None,
                    end_earliest=end_earliest, end_latest=end_latest, ended_by=ended_by)


def fact_intervals(facts: list[Fact]) -> dict[str, Interval]:
    """Each fact's interval, by fact id (see the module rules). `facts` is the whole graph: departures and
    successors end the memberships and leaderships they concern. Negated facts get no interval."""
    facts = [f for f in facts if not f.negated]
    by_subject: dict[str, list[Fact]] = {}
    leaders: dict[str, list[Fact]] = {}
    for f in facts:
        by_subject.setdefault(f.subject, []).append(f)
        if f.predicate == "leader_of":
            leaders.setdefault(f.object, []).append(f)
    out: dict[str, Interval] = {}
    for f in facts:
        if f.predicate in CHANGE_PREDICATES:
            out[f.fact_id] = Interval(start=happened_by(f), end=None,
                                      start_earliest=f.start.earliest if f.start else None,
                                      start_latest=happened_by(f))
            continue
        endings: list[tuple[str, str | None, str]] = []
        if f.predicate == "member_of":
            began = f.start.earliest if f.start else None
            endings = [(happened_by(d), d.start.earliest if d.start else None, d.fact_id)
                       for d in by_subject[f.subject] if departs(d, f.object)
                       and (began is None or happened_by(d) >= began)]
        elif f.predicate == "leader_of":
            began = f.start.earliest if f.start else (f.reported_by() or "")
            endings = [(g.start.latest, g.start.earliest, g.fact_id) for g in leaders.get(f.object, [])
                       if g.subject != f.subject and g.start is not None and g.start.earliest > began]
        out[f.fact_id] = _state_interval(f, endings)
    return out
