"""When a fact is in force: one set of rules for every question, analytic, chart and export.

A state fact (member_of, leader_of, allied_with, ...) holds on day D when
- it has begun: its start is unknown or start.earliest <= D (a fact with no start is taken to hold from the
  beginning, as reports state standing memberships without dates);
- it has not ended by its own dates: no end, or end.latest >= D;
- nothing reported had certainly ended it by D. What can end it:
  - a membership (member_of, or merged_into as an arrival) is ended by a departure of that member from that
    coalition: left, split_from, or merged_into another actor;
  - a leadership is ended by a successor: another leader_of the same group who started after the incumbent
    did (or after the incumbent was last reported, when the incumbent's start is unknown);
  - a person's membership and leadership are ended by the person's death or arrest, as an event reports it
    (the person the victim or target of an assassination or arrest, or the victim of a violent event whose
    text says it killed);
  an ending counts from the last day by which it had certainly happened (`happened_by`): its start.latest, or
  for an undated one the publication of the first report of it (else the day it was recorded). An ending
  dated before the fact began (a later re-joining) does not end it.
A change (left, split_from, renamed_to; merged_into as a change) has happened by D when happened_by <= D.
Negated facts (every claim a denial) and rejected facts are never in force.

The functions here are pure: they judge facts and exits already read from the store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

from ..models import CHANGE_PREDICATES
from ..store import Fact

MEMBERSHIP = ("member_of", "merged_into")
DEPARTURES = ("left", "split_from")
PERSONAL = ("member_of", "leader_of")  # what a person's death or arrest ends
EXIT_EVENT_TYPES = ("assassination", "arrest", "attack", "battle", "remote_violence", "violence_against_civilians")
EXIT_ROLES = ("victim", "target")
_KILLED = re.compile(r"\b(kill(s|ed|ing)?|slain|slew|died|dies|dead|death|assassinat\w*|executed|beheaded)\b",
                     re.IGNORECASE)
_SURVIVED = re.compile(r"\b(surviv\w*|escaped|unharmed|wounded|injured|attempt\w*|failed|foiled)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Exit:
    """A person's death or arrest as an event reports it: `by` is the last day by which it had happened."""
    actor: str
    reason: str  # "death" or "arrest"
    by: str
    span: dict
    source: str  # the event key
    event: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Ending:
    """What ended a state fact: the day it had certainly happened by, its span, why, and the fact or event."""
    by: str
    span: dict
    reason: str  # "end", "left", "split_from", "merged_into", "successor", "death", "arrest"
    source: str | None


def happened_by(fact: Fact) -> str:
    """The last day by which a change had certainly happened."""
    if fact.start is not None:
        return fact.start.latest
    return fact.reported_by() or fact.recorded_at[:10]


def _day_span(day: str) -> dict:
    return {"earliest": day, "latest": day, "precision": "day", "text": None}


def _span(span) -> dict:
    """A TimeSpan as a dict; a lean fact's bounds (earliest, latest only) as a span of that precision."""
    if hasattr(span, "to_dict"):
        return span.to_dict()
    precision = "day" if span.earliest == span.latest else "approximate"
    return {"earliest": span.earliest, "latest": span.latest, "precision": precision, "text": None}


def departs(d: Fact, coalition: str) -> bool:
    """Whether the change `d` takes its subject out of `coalition`: leaving or splitting from it, or merging
    into another actor."""
    return (d.predicate in DEPARTURES and d.object == coalition) or (
        d.predicate == "merged_into" and d.object != coalition)


def exit_of(event, actor: str, published: str | None) -> Exit | None:
    """The death or arrest of `actor` (a person taking part in `event` as victim or target), if the event
    reports one. `published`: the last day of the event's document's publication date, for undated events."""
    role = next((p.role for p in event.participants if p.actor == actor), None)
    if role not in EXIT_ROLES or event.type not in EXIT_EVENT_TYPES:
        return None
    text = " ".join(e.text for e in event.evidence) or (event.summary or "")
    if event.type == "arrest":
        reason = "arrest"
    elif _SURVIVED.search(text) or not (event.type == "assassination" or _KILLED.search(text)):
        return None  # an attempt, or someone hurt: not a reported death
    elif role != "victim" and event.type != "assassination":
        return None
    else:
        reason = "death"
    if event.date is not None:
        by, span = event.date.latest, _span(event.date)
    else:
        by = published or (getattr(event, "recorded_at", None) or "")[:10]
        span = _day_span(by)
    return Exit(actor, reason, by, span, getattr(event, "event_key", None) or event.id, event)


class Validity:
    """The facts that can end others, indexed: departures by member, leaderships by group, exits by person.
    Give it every fact that may end those it is asked about (the facts themselves may be among them)."""

    def __init__(self, context: Iterable[Fact] = (), exits: Iterable[Exit] = ()):
        self.departures: dict[str, list[Fact]] = {}
        self.leaders: dict[str, list[Fact]] = {}
        self.exits: dict[str, list[Exit]] = {}
        seen: set[str] = set()
        for f in context:
            if f.negated or f.fact_id in seen:
                continue
            seen.add(f.fact_id)
            if f.predicate in DEPARTURES or f.predicate == "merged_into":
                self.departures.setdefault(f.subject, []).append(f)
            if f.predicate == "leader_of":
                self.leaders.setdefault(f.object, []).append(f)
        for x in exits:
            self.exits.setdefault(x.actor, []).append(x)

    def endings(self, f: Fact) -> list[Ending]:
        """Everything reported that ends the state fact `f` (not its own end), first first."""
        out: list[Ending] = []
        if f.predicate in MEMBERSHIP:
            began = f.start.earliest if f.start else None
            out += [Ending(happened_by(d), _span(d.start) if d.start else _day_span(happened_by(d)),
                           d.predicate, d.fact_id)
                    for d in self.departures.get(f.subject, []) if departs(d, f.object)
                    and (began is None or happened_by(d) >= began)]
        elif f.predicate == "leader_of":
            began = f.start.earliest if f.start else (f.reported_by() or "")
            out += [Ending(g.start.latest, _span(g.start), "successor", g.fact_id)
                    for g in self.leaders.get(f.object, []) if g.subject != f.subject and g.start is not None
                    and g.start.earliest > began]
        if f.predicate in PERSONAL:
            began = f.start.earliest if f.start else None
            out += [Ending(x.by, x.span, x.reason, x.source) for x in self.exits.get(f.subject, [])
                    if began is None or x.by >= began]
        return sorted(out, key=lambda e: (e.by, e.source or ""))

    def ended_by(self, f: Fact) -> Ending | None:
        """What ended `f` first: its own end, or the first reported ending (whichever came first)."""
        found = self.endings(f) if f.predicate not in CHANGE_PREDICATES or f.predicate == "merged_into" else []
        own = Ending(f.end.latest, _span(f.end), "end", None) if f.end is not None else None
        first = found[0] if found else None
        if own is not None and (first is None or own.by <= first.by):
            return own
        return first

    def holds_on(self, f: Fact, day: str) -> bool:
        """Whether the state fact (or membership by merger) `f` is in force on `day`."""
        if f.negated:
            return False
        if f.start is not None and f.start.earliest > day:
            return False
        if f.end is not None and f.end.latest < day:
            return False
        return not any(e.by <= day for e in self.endings(f))

    def in_force(self, facts: Iterable[Fact], day: str) -> list[Fact]:
        """The state facts holding on `day` (merged_into as a membership) and the changes that had happened."""
        out = []
        for f in facts:
            if f.negated:
                continue
            if f.predicate in CHANGE_PREDICATES and f.predicate != "merged_into":
                if happened_by(f) <= day:
                    out.append(f)
            elif self.holds_on(f, day):
                out.append(f)
        return out

    def interval(self, f: Fact) -> tuple[str | None, str | None]:
        """(first day, last day) of `f` in force, None where open: what an export's start/end carries. A
        change is a point: from its earliest start to the day it had certainly happened by."""
        if f.predicate in CHANGE_PREDICATES and f.predicate != "merged_into":
            return (f.start.earliest if f.start else happened_by(f)), happened_by(f)
        first = f.start.earliest if f.start else None
        ending = self.ended_by(f)
        if ending is None:
            return first, None
        if ending.reason == "end":
            return first, ending.by
        # a reported ending's day is the first on which the fact no longer holds
        return first, (date.fromisoformat(ending.by) - timedelta(days=1)).isoformat()

    def rejoin_flags(self, member: Fact) -> list[str]:
        """A departure dated before the membership began: the member is reported joining after leaving."""
        if member.start is None:
            return []
        return [f"{member.subject} is reported joining {member.object} ({member.start.earliest}) after leaving it "
                f"({happened_by(d)}, {d.fact_id})" for d in self.departures.get(member.subject, [])
                if departs(d, member.object) and happened_by(d) < member.start.earliest]
