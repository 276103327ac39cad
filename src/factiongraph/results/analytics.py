"""Typed answers of the analytics: cohesion, defection chains, centrality, event breakdowns, counts, lineage."""
from __future__ import annotations

from .core import Result, TimelineEntry, TimeSpan


# -- analytics -----------------------------------------------------------------------------------------
class CohesionMonth(Result):
    month: str
    components: int
    founding_retained: int
    arrivals: list[str]
    departures: list[str]
    cohesion: float | None


class Cohesion(Result):
    coalition: str
    founding: list[str]
    months: list[CohesionMonth]


class ChainStep(Result):
    date: str | None
    move: str
    group: str
    name: str


class Chain(Result):
    actor: str
    name: str
    moves: int
    steps: list[ChainStep]


class Centrality(Result):
    actor: str
    name: str
    degree: float
    betweenness: float
    neighbours: int


class EventsByType(Result):
    type: str | None
    events: int
    fatalities: int


class EventsByPlace(Result):
    place: str | None
    events: int
    fatalities: int


class EventsByMonth(Result):
    month: str | None
    events: int
    fatalities: int


EVENTS_BY = {"type": EventsByType, "place": EventsByPlace, "month": EventsByMonth}


class Counts(Result):
    documents: int
    actors: int
    claims: int
    relations: dict[str, int]
    events: dict[str, int]
    reviews: int


class Summary(Result):
    counts: Counts
    hints: dict[str, str]
    dates: dict[str, str | None]


class LineageLink(Result):
    subject: str
    predicate: str
    object: str
    start: TimeSpan | str | None = None
    source: str


class Lineage(Result):
    actor: str
    links: list[LineageLink]
    timeline: list[TimelineEntry]
