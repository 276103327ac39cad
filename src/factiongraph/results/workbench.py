"""Typed answers the workbench needs: an actor's page, documents and their annotations, sentences, review and
ingest results, pages of lists."""
from __future__ import annotations

from typing import Generic, Literal, TypeVar

from ..models import Actor
from .analytics import LineageLink
from .core import FactView, Result, TimeSpan

T = TypeVar("T")


# -- actor page, sources, review, ingest -----------------------------------------------------------------
class Bar(Result):
    """One bar of an actor's Gantt chart: a state fact from its start to its end, each end a span
    (earliest..latest) so that uncertainty is drawn as such; `ended_by` names the fact that ended it."""
    fact_id: str
    predicate: str
    subject: str
    object: str
    other: str
    other_name: str
    start: TimeSpan | None
    end: TimeSpan | None
    ended_by: str | None = None
    ended_because: str | None = None  # end, left, split_from, merged_into, successor, death or arrest
    confidence: float
    sources: int
    status: str | None = None
    contradicted: bool = False


class ActorProfile(Result):
    actor: Actor
    lineage: list[LineageLink]
    bars: list[Bar]
    changes: list[FactView]  # type: ignore[valid-type]
    events: int
    is_coalition: bool


class Annotation(Result):
    """A fact or event found in a document, at its exact span."""
    kind: Literal["fact", "event"]
    id: str
    label: str
    char_start: int
    char_end: int
    text: str
    confidence: float
    status: str | None = None


class DocumentInfo(Result):
    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    recorded_at: str | None = None


class DocumentView(DocumentInfo):
    text: str
    annotations: list[Annotation]


class Sentence(Result):
    """A source span with the sentence around it: `sentence[start:end]` is the span itself."""
    doc: str
    title: str | None = None
    char_start: int
    char_end: int
    text: str
    sentence: str
    sentence_start: int
    start: int
    end: int


class ActorChange(Result):
    action: Literal["merge", "split"]
    source: str
    target: str


class IngestResult(Result):
    documents: list[str]
    counts: dict[str, int]


class Page(Result, Generic[T]):
    """One page of a list: `next_offset` is where the next page starts (null on the last page)."""
    items: list[T]
    offset: int
    limit: int
    next_offset: int | None = None
    total: int | None = None


def page(items: list, offset: int, limit: int, *, total: int | None = None, more: bool | None = None) -> dict:
    """A page of `items` (already cut to `limit`, or a whole list to cut here)."""
    if more is None:
        total = len(items) if total is None else total
        more = offset + limit < len(items)
        items = items[offset:offset + limit]
    return {"items": items, "offset": offset, "limit": limit,
            "next_offset": offset + limit if more else None, "total": total}
