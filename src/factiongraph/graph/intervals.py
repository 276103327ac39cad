"""When each fact holds, as one closed interval of days: the days on which `validity` counts it in force.

Every graph export (GEXF, GraphML, GeoJSON) takes its dates from `fact_intervals`, so a file opened in Gephi
shows on each day exactly what `members` and `graph --as-of` answer for that day. The rules are `validity`'s:
- a state fact (member_of, leader_of, allied_with, ...; merged_into as a membership) holds from its start's
  earliest day (from the beginning when undated) to its end's latest day (open when no end is known), unless
  something reported ended it first (a departure, a successor, the person's death or arrest): its last day is
  then the day before that ending had certainly happened;
- a change (left, split_from, renamed_to) is shown from the day it had certainly happened on.
A fact ended on the very day it began (or its own end before its start) is shown for that one day, the only
disagreement with `validity`, which never counts it (`Interval.never`). The uncertainty of each bound is kept
beside it: `start_earliest`/`start_latest`, `end_earliest`/`end_latest`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..models import CHANGE_PREDICATES
from ..store import Fact
from .validity import Exit, Validity, happened_by


@dataclass(frozen=True)
class Interval:
    start: str | None  # first day in force; None: from the beginning
    end: str | None  # last day in force; None: still in force
    start_earliest: str | None = None  # the window within which it began
    start_latest: str | None = None
    end_earliest: str | None = None  # the window within which it ended
    end_latest: str | None = None
    ended_by: str | None = None  # the fact (departure, successor) or event (death, arrest) that ended it
    never: bool = False  # ended before or on the day it began: in force on no day, shown for that one

    def holds_on(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def dates(self) -> list[str]:
        return [d for d in (self.start, self.end, self.start_earliest, self.start_latest, self.end_earliest,
                            self.end_latest) if d]


def _state_interval(f: Fact, rules: Validity) -> Interval:
    start = f.start.earliest if f.start else None
    first, last = rules.interval(f)
    ending = rules.ended_by(f)
    never = start is not None and last is not None and last < start
    return Interval(start=start, end=start if never else last, start_earliest=start,
                    start_latest=f.start.latest if f.start else None,
                    end_earliest=ending.span["earliest"] if ending else None,
                    end_latest=ending.span["latest"] if ending and ending.reason == "end" else
                    (ending.by if ending else None),
                    ended_by=ending.source if ending else None, never=never)


def fact_intervals(facts: list[Fact], exits: Iterable[Exit] = ()) -> dict[str, Interval]:
    """Each fact's interval, by fact id (see the module rules). `facts` is the whole graph: departures and
    successors end the memberships and leaderships they concern; `exits`: the deaths and arrests of persons
    (`queries.exits`). Negated facts get no interval."""
    facts = [f for f in facts if not f.negated]
    rules = Validity(facts, exits)
    out: dict[str, Interval] = {}
    for f in facts:
        if f.predicate in CHANGE_PREDICATES and f.predicate != "merged_into":
            out[f.fact_id] = Interval(start=happened_by(f), end=None,
                                      start_earliest=f.start.earliest if f.start else None,
                                      start_latest=happened_by(f))
        else:
            out[f.fact_id] = _state_interval(f, rules)
    return out


def store_intervals(store, facts: list[Fact]) -> dict[str, Interval]:
    """`fact_intervals` of facts read from `store`, with the deaths and arrests its events report of the persons
    among their subjects."""
    from .queries import exits
    from .validity import PERSONAL
    persons = {f.subject for f in facts if f.predicate in PERSONAL and not f.negated}
    return fact_intervals(facts, exits(store, persons) if persons else [])
