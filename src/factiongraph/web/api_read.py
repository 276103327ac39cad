"""The read side of the REST API: every question of the command line, as JSON, paged, with ETags. Each route
parses its parameters and calls one FactionGraph method; nothing here touches the store."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request

from .. import __version__
from .. import results as R
from ..models import ACTOR_TYPES, EVENT_TYPES, PREDICATES, ActorType, EventType, Predicate
from .core import Workbench, answer, check_token, dump

Limit = Query(50, ge=1, le=500, description="Items on a page (at most 500).")
Offset = Query(0, ge=0, le=1_000_000_000, description="Where the page starts.")
AsOf = Query(None, description="A day (YYYY-MM-DD), month or year; a month or year means its last day. "
                               "Default: today.", max_length=10)
Include = Literal["all", "groups", "people"]


def bench(request: Request) -> Workbench:
    return request.app.state.bench


def read_access(request: Request) -> None:
    settings = request.app.state.bench.settings
    if settings.read_requires_token:
        check_token(request, settings)


router = APIRouter(prefix="/api", dependencies=[Depends(read_access)])


@router.get("/meta", tags=["store"], summary="What the store covers and what the API accepts")
def meta(request: Request, b: Workbench = Depends(bench)):
    def ask(fg):
        version = fg.version()
        return {"version": __version__, "store_version": version,
                "dates": b.memo(version, "dates", fg.dates),
                "predicates": list(PREDICATES), "event_types": list(EVENT_TYPES), "actor_types": list(ACTOR_TYPES),
                "read_requires_token": b.settings.read_requires_token}
    return answer(request, b, ask)


@router.get("/summary", tags=["store"], response_model=R.Summary, summary="Counts, date range and suggestions")
def summary(request: Request, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.summary())


@router.get("/search", tags=["actors"], response_model=R.SearchResult,
            summary="Actors by name or alias (with their facts), events by summary")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200), limit: int = Limit,
           b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.search(q, limit))


@router.get("/actors/{actor}", tags=["actors"], response_model=R.ActorProfile,
            summary="An actor: names, lineage, the bars of its Gantt chart, its changes")
def actor(request: Request, actor: str, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.actor(actor))


@router.get("/actors/{actor}/members", tags=["actors"], response_model=R.Page[R.Member],
            summary="Members or components on a date, each with the evidence of its membership")
def members(request: Request, actor: str, as_of: str | None = AsOf, include: Include = "all",
            limit: int = Query(200, ge=1, le=1000), offset: int = Offset, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: R.page(fg.members(actor, as_of, include), offset, limit))


@router.get("/actors/{actor}/changes", tags=["actors"], response_model=R.Changes,
            summary="Who joined and who left between two dates, with the facts behind each departure")
def changes(request: Request, actor: str, since: str = Query(..., max_length=10), as_of: str | None = AsOf,
            include: Include = "all", b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.changes(actor, since, as_of, include))


@router.get("/actors/{actor}/leaders", tags=["actors"], response_model=list[R.Leader], summary="Leaders on a date")
def leaders(request: Request, actor: str, as_of: str | None = AsOf, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.leaders(actor, as_of))


@router.get("/actors/{actor}/timeline", tags=["actors"], response_model=R.Page[R.TimelineEntry],
            summary="Everything dated about an actor: facts and events in date order")
def timeline(request: Request, actor: str, limit: int = Query(200, ge=1, le=2000), offset: int = Offset,
             b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: R.page(fg.timeline(actor), offset, limit))


@router.get("/actors/{actor}/lineage", tags=["actors"], response_model=R.Lineage,
            summary="The names an organisation carried and the bodies it merged into")
def lineage(request: Request, actor: str, timeline: bool = False, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.lineage(actor, timeline))


@router.get("/actors/{actor}/cohesion", tags=["analytics"], response_model=R.Cohesion,
            summary="A coalition month by month: components, founders retained, cohesion index")
def cohesion(request: Request, actor: str, until: str | None = Query(None, max_length=10),
             b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.cohesion(actor, until))


@router.get("/events", tags=["events"], response_model=R.Page[R.StoredEvent],
            summary="Events by participant, place, date range and type")
def events(request: Request, actor: str | None = Query(None, max_length=200),
           place: str | None = Query(None, max_length=200, description="Place name, admin1 or ISO country code"),
           date_from: str | None = Query(None, alias="from", max_length=10),
           date_to: str | None = Query(None, alias="to", max_length=10),
           type: list[EventType] = Query([]), limit: int = Query(100, ge=1, le=5000), offset: int = Offset,
           b: Workbench = Depends(bench)):
    def ask(fg):
        found = fg.events(actor=actor, place=place, date_from=date_from, date_to=date_to, types=type or None,
                          limit=limit + 1, offset=offset)
        return R.page(dump(found[:limit]), offset, limit, more=len(found) > limit)
    return answer(request, b, ask)


@router.get("/events/{event_key:path}", tags=["events"], response_model=R.EventEvidence,
            summary="One event (document id : event id) with its evidence and reviews")
def event(request: Request, event_key: str, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.evidence(event_key) if ":" in event_key else fg.event(event_key))


@router.get("/facts/{fact_id}", tags=["facts"], response_model=R.FactEvidence,
            summary="A fact with every claim and source span behind it, and its reviews")
def fact(request: Request, fact_id: str, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.evidence(fact_id if fact_id.startswith("f-") else f"f-{fact_id}"))


@router.get("/sentences", tags=["facts"], response_model=list[R.Sentence],
            summary="The sentences behind a fact (f-...) or an event (doc:id), each span inside its sentence")
def sentences(request: Request, target: str = Query(..., min_length=1, max_length=300),
              b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.sentences(target))


@router.get("/graph", tags=["graph"], response_model=R.NetworkView | R.CompactNetworkView,
            summary="The graph in force on a date, filtered on the server (whole store cut at `limit`, or ego "
                    "network); `detail=compact` for drawing")
def graph(request: Request, as_of: str | None = AsOf, focus: str | None = Query(None, max_length=200),
          depth: int = Query(1, ge=1, le=3), predicate: list[Predicate] = Query([]),
          node_type: list[ActorType | Literal["place"]] = Query([]),
          limit: int = Query(1000, ge=1, le=20000), detail: Literal["full", "compact"] = "full",
          b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.network(as_of, focus=focus, depth=depth, predicates=predicate or None,
                                                    node_types=node_type or None, limit=limit,
                                                    compact=detail == "compact"))


@router.get("/stats/chains", tags=["analytics"], response_model=R.Page[R.Chain], summary="Defection chains")
def chains(request: Request, limit: int = Limit, offset: int = Offset, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: R.page(fg.chains(), offset, limit))


@router.get("/stats/centrality", tags=["analytics"], response_model=list[R.Centrality],
            summary="The most central actors (betweenness, degree)")
def centrality(request: Request, as_of: str | None = Query(None, max_length=10), top: int = Query(10, ge=1, le=200),
               b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.centrality(as_of, top))


@router.get("/stats/events-by", tags=["analytics"],
            response_model=list[R.EventsByType | R.EventsByPlace | R.EventsByMonth],
            summary="Event counts and fatalities by type, place or month")
def events_by(request: Request, by: Literal["type", "place", "month"] = "type", b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.events_by(by))


@router.get("/documents", tags=["sources"], response_model=R.Page[R.DocumentInfo],
            summary="Documents in the store, newest first")
def documents(request: Request, q: str | None = Query(None, max_length=200), limit: int = Limit,
              offset: int = Offset, b: Workbench = Depends(bench)):
    def ask(fg):
        found = fg.documents(limit + 1, offset, q)
        return R.page(found[:limit], offset, limit, more=len(found) > limit)
    return answer(request, b, ask)


@router.get("/documents/{doc_id:path}", tags=["sources"], response_model=R.DocumentView,
            summary="A document's text with every fact and event found in it, at its exact span")
def document(request: Request, doc_id: str, b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: fg.document(doc_id))


@router.get("/review/queue", tags=["review"], response_model=R.Page[R.QueueItem],
            summary="Unreviewed facts that are contradicted or of low confidence")
def review_queue(request: Request, max_confidence: float = Query(0.6, ge=0, le=1), limit: int = Limit,
                 offset: int = Offset, b: Workbench = Depends(bench)):
    def ask(fg):
        found = fg.review_queue(max_confidence, limit + 1, offset)
        return R.page(found[:limit], offset, limit, more=len(found) > limit)
    return answer(request, b, ask)


@router.get("/registry", tags=["registry"], response_model=R.Page[R.Actor],
            summary="The user's registry entries (or the shipped registry with them)")
def registry(request: Request, source: Literal["user", "all"] = "user", limit: int = Limit, offset: int = Offset,
             b: Workbench = Depends(bench)):
    return answer(request, b, lambda fg: R.page(fg.registry_list(source), offset, limit))
