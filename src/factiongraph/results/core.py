"""The base of every typed answer, and the answers about facts, events, members, the graph and evidence."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from ..models import Actor, Event, Evidence


def _absent(value: Any) -> bool:
    return value is None


def optional(annotation: Any = str | None) -> Any:
    """A key that is left out of the JSON when it has no value (rather than written as null)."""
    return Annotated[annotation, Field(default=None, exclude_if=_absent)]


class Result(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class Span(Result):
    """When something happened or held: days from earliest to latest (models.TimeSpan, read back from a store
    that checked it on the way in, so not checked again)."""
    earliest: str
    latest: str
    precision: str
    text: str | None = None


TimeSpan = Span

# -- facts ---------------------------------------------------------------------------------------------
_FACT_FIELDS: dict[str, Any] = {
    "fact_id": (str, ...), "subject": (str, ...), "predicate": (str, ...), "object": (str, ...),
    "start": (TimeSpan | None, None), "end": (TimeSpan | None, None),
    "attributes": (dict[str, Any], Field(default_factory=dict)), "confidence": (float, ...),
    "sources": (int, ...), "documents": (list[str], Field(default_factory=list)), "negated": (bool, False),
    "status": (str | None, None), "contradictions": (list[str], Field(default_factory=list)),
    "recorded_at": (str, ""), "updated_at": (str, ""),
}


def _fact_model(name: str, doc: str, before: dict | None = None, after: dict | None = None) -> type[Result]:
    fields = {**(before or {}), **_FACT_FIELDS, **(after or {})}
    model = create_model(name, __base__=Result, __doc__=doc, **fields)
    model.__module__ = __name__
    return model


FactView = _fact_model("FactView", "A fused fact: one (subject, predicate, object) with its dates, confidence, "
                                   "number of independent sources, review status and contradictions.")
SourcedFact = _fact_model("SourcedFact", "A fused fact with every source span behind it.",
                          after={"evidence": (list[Evidence], Field(default_factory=list))})
RelationEntry = _fact_model("RelationEntry", "A fact on an actor's timeline.",
                            before={"actor": (optional(), None), "date": (str | None, None),
                                    "kind": (Literal["relation"], "relation")})
GraphEdge = _fact_model("GraphEdge", "A fact in force on the date asked about, as an edge source -> target.",
                        before={"source": (str, ...), "target": (str, ...)})
QueueItem = _fact_model("QueueItem", "A fact waiting for review, and why it is in the queue.",
                        after={"reasons": (list[str], Field(default_factory=list))})


class EventEntry(Result):
    """An event on an actor's timeline, with the actor's role in it."""
    actor: optional() = None
    date: str | None = None
    kind: Literal["event"] = "event"
    event_key: str
    type: str
    role: str | None = None
    summary: str | None = None
    place: str | None = None
    fatalities: int | None = None
    event_date: TimeSpan | None = None


TimelineEntry = Annotated[Union[RelationEntry, EventEntry], Field(discriminator="kind")]  # type: ignore[valid-type]


class StoredEvent(Event):
    """An event as the store holds it: `event_key` (document id : event id) names it everywhere."""
    event_key: str
    doc: str
    recorded_at: str
    status: str | None = None
    edited: optional(bool | None) = None


# -- members and changes -------------------------------------------------------------------------------
class Member(Actor):
    """A member (or component) on a date, with the fact of its membership and that fact's evidence."""
    membership: SourcedFact  # type: ignore[valid-type]


class LeftMember(Member):
    departures: list[SourcedFact] = Field(default_factory=list)  # type: ignore[valid-type]


class Changes(Result):
    coalition: str
    since: str
    as_of: str
    stayed: list[Member]
    joined: list[Member]
    left: list[LeftMember]


class Leader(Actor):
    leadership: SourcedFact  # type: ignore[valid-type]


# -- the graph -----------------------------------------------------------------------------------------
class PlaceNode(Result):
    """A node that is no actor: a place an actor controls, or an id without a record."""
    kind: Literal["place", "other"]
    id: str
    name: str
    type: str


GraphNode = Annotated[Union[Actor, PlaceNode], Field(discriminator="kind")]


class GraphView(Result):
    as_of: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]  # type: ignore[valid-type]


class NetworkView(GraphView):
    """The graph on a date, filtered on the server: around one actor (to a depth) or the whole store, by
    predicate and node type, cut at `limit` edges (`truncated` says whether the cut removed any)."""
    focus: str | None = None
    depth: int = 1
    limit: int
    truncated: bool = False


class CompactEdge(Result):
    """An edge to draw: the fact's id, its ends and predicate, and what the drawing shows of it."""
    fact_id: str
    source: str
    target: str
    predicate: str
    confidence: float
    sources: int
    status: str | None = None
    contradicted: bool = False


class CompactNode(Result):
    id: str
    name: str
    type: str


class CompactNetworkView(Result):
    """NetworkView for drawing: nodes and edges with only what is drawn (`/api/facts/ID` has the rest)."""
    as_of: str
    nodes: list[CompactNode]
    edges: list[CompactEdge]
    focus: str | None = None
    depth: int = 1
    limit: int
    truncated: bool = False


class SearchResult(Result):
    actors: list[Actor]
    facts: list[FactView]  # type: ignore[valid-type]
    events: list[StoredEvent]


class ClaimView(Result):
    """One document's statement of a fact."""
    doc: str
    title: str | None = None
    published: str | None = None
    start: TimeSpan | None = None
    end: TimeSpan | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    negated: bool = False
    confidence: float
    evidence: list[Evidence] = Field(default_factory=list)
    recorded_at: str = ""


class ReviewRecord(Result):
    id: int
    target_kind: str
    target: str
    action: str
    payload: dict[str, Any] | None = None
    author: str
    created_at: str


FactEvidence = _fact_model("FactEvidence", "A fact with every claim and source span behind it, and its reviews.",
                           after={"claims": (list[ClaimView], Field(default_factory=list)),
                                  "reviews": (list[ReviewRecord], Field(default_factory=list))})


class EventEvidence(StoredEvent):
    reviews: list[ReviewRecord] = Field(default_factory=list)
