"""FactionGraph: the one core object. It owns the extraction pipeline and the store, and asks every question
of the graph; the CLI (cli*.py) and the web API (web/) are thin front-ends over it that never touch SQL, the
store or spaCy themselves. Every question returns typed results (factiongraph.results) and raises only the
errors of factiongraph.errors (or the store's KeyError / ValueError, which errors.describe maps too)."""
from __future__ import annotations

import os
from datetime import date
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from . import __version__
from . import results as R
from .errors import FactionGraphError, InputError, NotFoundError
from .ingest import Item, ReadOptions, iter_items, read_inputs
from .models import Document, TimeSpan
from .registry_ops import RegistryOps

DEFAULT_DB = "factiongraph.db"
UNSET: Any = object()


def default_db() -> str:
    return os.environ.get("FACTIONGRAPH_DB", DEFAULT_DB)


def _span_of(value: str, what: str) -> dict:
    from .timeutil import parse_partial_iso
    try:
        lo, hi, precision = parse_partial_iso(value)
    except ValueError as e:
        raise InputError(f"--{what}", str(e)) from None
    return TimeSpan(earliest=lo.isoformat(), latest=hi.isoformat(), precision=precision, text=value).to_dict()


def _skip(on_skip, item: Item, what: str, exc: Exception) -> None:
    error = InputError(item.where, f"{what} ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")
    if on_skip is None:
        raise error from exc
    on_skip(error)


class FactionGraph(RegistryOps):
    def __init__(self, db: str | Path | None = None, config: str | Path | None = None, model: str | None = None,
                 *, user_registry: bool = True, workers: int = 1, engine: str = "local",
                 address: str | None = None):
        self.db = str(db or default_db())
        self.config, self.model = config, model
        self.user_registry = user_registry
        self.workers = workers  # extraction processes for ingest (parallel.py); the store is written by this one
        self.engine, self.address = engine, address  # "ray": extraction as Ray tasks (distributed.py)

    # -- the pipeline and the store -------------------------------------------------------------------
    @cached_property
    def extractor(self):
        """The pipeline, linking against the shipped registry overlaid with the user's entries in the store."""
        from .pipeline import Extractor  # spaCy loads only when extraction is asked for
        user = self.store.user_actors() if self.user_registry and self.exists() else ()
        return Extractor(self.config, self.model, user_actors=user)

    @cached_property
    def store(self):
        from .store import open_store
        try:
            return open_store(self.db)
        except FactionGraphError:
            raise
        except Exception as e:  # noqa: BLE001 - sqlite3's or psycopg's "cannot open": one line, not a traceback
            if isinstance(e, OSError) or type(e).__module__.split(".")[0] in ("sqlite3", "psycopg"):
                raise FactionGraphError(f"{self.db}: cannot open the database ({e})") from None
            raise

    def exists(self) -> bool:
        from .store import is_url
        return is_url(self.db) or Path(self.db).is_file()

    @property
    def reader(self):
        """The store, for questions: a missing SQLite file is an error, never created by asking."""
        if "store" not in self.__dict__ and not self.exists():
            raise NotFoundError(f"{self.db}: no such database (run `factiongraph ingest` first)")
        return self.store

    @property
    def extractor_version(self) -> str:
        meta = self.extractor.nlp.meta
        return f"factiongraph-{__version__}/{meta.get('name', '?')}-{meta.get('version', '?')}"

    def reload_registry(self) -> None:
        """Rebuild the pipeline on next use, so that registry entries added since are linked against."""
        self.__dict__.pop("extractor", None)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]

    # -- reading and ingesting ------------------------------------------------------------------------
    def read(self, inputs: Iterable[str | Path], published: str | None = None) -> list[Document]:
        """Every input read and checked before anything is extracted or stored (all or nothing)."""
        return read_inputs(inputs, published)

    def stream(self, inputs: Iterable[str | Path], options: ReadOptions | None = None,
               on_skip: Callable[[FactionGraphError], None] | None = None) -> Iterator[Item]:
        """The documents of the inputs as they are read; bad inputs and rows to `on_skip` (raised without)."""
        return iter_items(inputs, options, on_skip)

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list]]:
        if self.engine == "ray":
            from .distributed import extract_ray
            user = self.store.user_actors() if self.user_registry and self.exists() else ()
            return extract_ray(documents, config=self.config, model=self.model, user_actors=user,
                               address=self.address, workers=self.workers if self.workers > 1 else None)
        if self.workers > 1:
            from .parallel import extract_parallel
            return extract_parallel(self.extractor, documents, self.workers)
        return self.extractor.extract(documents)

    def extract_items(self, items: Iterable[Item | Document], batch: int = 50,
                      on_skip: Callable[[FactionGraphError], None] | None = None) -> Iterator[tuple[Item, Document, list]]:
        """(item, document as extracted, records), `batch` documents at a time, so that memory holds one batch.
        A batch that fails is extracted again document by document; the document that fails is handed to
        `on_skip` with where it came from and why (raised as an InputError without), and the rest go on."""
        pending = (x if isinstance(x, Item) else Item(x, x.id) for x in items)
        while chunk := list(islice(pending, max(1, batch))):
            try:
                done = list(self.extract([i.document for i in chunk]))
            except Exception:  # noqa: BLE001 - isolated below, document by document
                done = None
            if done is not None and len(done) == len(chunk):
                yield from ((i, d, r) for i, (d, r) in zip(chunk, done))
                continue
            for item in chunk:
                try:
                    [(document, records)] = list(self.extract([item.document]))
                except Exception as e:  # noqa: BLE001 - one document's failure is reported, never the run's
                    _skip(on_skip, item, "extraction failed", e)
                    continue
                yield item, document, records

    def ingest(self, documents: Iterable[Item | Document], batch: int = 50, *,
               on_skip: Callable[[FactionGraphError], None] | None = None,
               progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Extract and store; returns summed counts. Up to `batch` documents are extracted, then stored in one
        transaction (each document still all or nothing, a savepoint), so that a large corpus commits once per
        batch, memory holds one batch, and no write lock is held while spaCy parses. Documents the store holds
        as they are are dropped before extraction (store/skip.py)."""
        from .store.skip import unstored
        totals = dict.fromkeys(("documents_added", "documents_unchanged", "documents_replaced", "actors", "relations",
                                "events"), 0)
        version = self.extractor_version
        pending = (x if isinstance(x, Item) else Item(x, x.id) for x in documents)
        results = self.extract_items(unstored(self.store, pending, version, totals), batch, on_skip)
        while chunk := list(islice(results, max(1, batch))):
            with self.store.bulk():
                for item, document, records in chunk:
                    try:
                        counts = self.store.ingest(document, records, extractor_version=version)
                    except (ValueError, TypeError, OverflowError, UnicodeError) as e:
                        _skip(on_skip, item, "could not be stored", e)
                        continue
                    for k, v in counts.items():
                        totals[k] = totals.get(k, 0) + v
            if progress is not None:
                progress(len(chunk))
        return totals

    def ingest_documents(self, documents: list[Document]) -> R.IngestResult:
        counts = self.ingest(documents)
        return R.IngestResult(documents=[d.id for d in documents], counts=counts)

    # -- questions --------------------------------------------------------------------------------------
    @staticmethod
    def day(value: str | None, *, end: bool = True, default_today: bool = False) -> str | None:
        from .graph.queries import parse_day
        if value is None or value == "":
            return date.today().isoformat() if default_today else None
        return parse_day(value, end=end)

    def resolve(self, actor: str) -> str:
        from .graph.queries import resolve
        return resolve(self.reader, actor)

    def counts(self) -> R.Counts:
        return R.Counts.model_validate(self.reader.counts())

    def summary(self) -> R.Summary:
        return R.Summary(counts=self.counts(), hints=self.suggestions(), dates=self.dates())

    def version(self) -> int:
        return self.reader.state_version()

    def dates(self) -> dict:
        """The first and last day the store's facts and events name."""
        return self.reader.date_extent()

    def members(self, actor: str, as_of: str | None = None, include: str = "all") -> list[R.Member]:
        from .graph import queries
        found = queries.members(self.reader, self.resolve(actor), self.day(as_of, default_today=True),
                                include=include)
        return [R.Member.model_validate(m) for m in found]

    def changes(self, actor: str, since: str, as_of: str | None = None, include: str = "all") -> R.Changes:
        from .graph import queries
        found = queries.changes(self.reader, self.resolve(actor), self.day(since),
                                self.day(as_of, default_today=True), include=include)
        return R.Changes.model_validate(found)

    def leaders(self, actor: str, as_of: str | None = None) -> list[R.Leader]:
        from .graph import queries
        found = queries.leaders(self.reader, self.resolve(actor), self.day(as_of, default_today=True))
        return [R.Leader.model_validate(m) for m in found]

    def timeline(self, actor: str) -> list[R.TimelineEntry]:
        from pydantic import TypeAdapter

        from .graph import queries
        return TypeAdapter(list[R.TimelineEntry]).validate_python(queries.timeline(self.reader, self.resolve(actor)))

    def events(self, *, actor: str | None = None, place: str | None = None, date_from: str | None = None,
               date_to: str | None = None, types: Iterable[str] | None = None, limit: int | None = None,
               offset: int = 0) -> list[R.StoredEvent]:
        from .graph.queries import with_names
        return with_names(self.reader.events(actor=self.resolve(actor) if actor else None, place=place or None,
                                             date_from=self.day(date_from, end=False), date_to=self.day(date_to),
                                             types=list(types) if types else None, limit=limit, offset=offset),
                          self.reader)

    def event(self, event_key: str) -> R.StoredEvent:
        found = self.reader.event(event_key)
        if found is None:
            raise NotFoundError(f"no event {event_key!r}")
        return found

    def graph(self, as_of: str | None = None) -> R.GraphView:
        from .graph import queries
        return R.GraphView.model_validate(queries.graph_as_of(self.reader, self.day(as_of, default_today=True)))

    def network(self, as_of: str | None = None, *, focus: str | None = None, depth: int = 1,
                predicates: Iterable[str] | None = None, node_types: Iterable[str] | None = None,
                limit: int = 1000, compact: bool = False) -> R.NetworkView | R.CompactNetworkView:
        from .graph.network import network
        found = network(self.reader, self.day(as_of, default_today=True), focus=self.resolve(focus) if focus else None,
                        depth=depth, predicates=predicates, node_types=node_types, limit=limit, compact=compact)
        if compact:
            return R.CompactNetworkView.model_validate(found)
        return R.NetworkView.model_validate(found)

    def search(self, text: str, limit: int = 50) -> R.SearchResult:
        from .graph import queries
        if not text.strip():
            raise InputError("search", "give some text to search for")
        return R.SearchResult.model_validate(queries.search(self.reader, text, limit))

    def evidence(self, target: str) -> R.FactEvidence | R.EventEvidence:
        from .graph import queries
        found = queries.evidence(self.reader, target)
        return (R.FactEvidence if target.startswith("f-") else R.EventEvidence).model_validate(found)

    def sentences(self, target: str) -> list[R.Sentence]:
        """Every source span behind a fact or event, with the sentence around it."""
        from .graph.profile import sentence_around
        found = self.evidence(target)
        spans = [ev for c in found.claims for ev in c.evidence] if isinstance(found, R.FactEvidence) \
            else list(found.evidence)
        docs = {d.id: d for d in self.reader.documents({ev.doc for ev in spans})}
        out = []
        for ev in spans:
            doc = docs.get(ev.doc)
            if doc is None or not doc.text:
                continue
            lo, hi = sentence_around(doc.text, ev.char_start, ev.char_end)
            out.append(R.Sentence(doc=ev.doc, title=doc.title, char_start=ev.char_start, char_end=ev.char_end,
                                  text=ev.text, sentence=doc.text[lo:hi], sentence_start=lo,
                                  start=ev.char_start - lo, end=ev.char_end - lo))
        return out

    # -- analytics ----------------------------------------------------------------------------------------
    def cohesion(self, actor: str, until: str | None = None) -> R.Cohesion:
        from .graph import analytics
        return R.Cohesion.model_validate(analytics.cohesion(self.reader, self.resolve(actor), self.day(until)))

    def chains(self) -> list[R.Chain]:
        from .graph import analytics
        return [R.Chain.model_validate(c) for c in analytics.defection_chains(self.reader)]

    def centrality(self, as_of: str | None = None, top: int = 10) -> list[R.Centrality]:
        from .graph import analytics
        return [R.Centrality.model_validate(c) for c in analytics.centrality(self.reader, self.day(as_of), top)]

    def events_by(self, by: str) -> list[R.EventsByType | R.EventsByPlace | R.EventsByMonth]:
        from .graph import analytics
        if by not in R.EVENTS_BY:
            raise InputError("events by", f"'type', 'place' or 'month', not {by!r}")
        return [R.EVENTS_BY[by].model_validate(d) for d in analytics.events_by(self.reader, by)]

    def lineage(self, actor: str, with_timeline: bool = False) -> R.Lineage:
        from .graph.lineage import lineage_links, lineage_timeline
        actor_id = self.reader.resolve_actor(actor)
        if actor_id is None:
            raise NotFoundError(actor, "no such actor in the store")
        entries = lineage_timeline(self.reader, actor_id) if with_timeline else []
        return R.Lineage.model_validate({"actor": actor_id, "links": lineage_links(self.reader, actor_id),
                                         "timeline": entries})

    def suggestions(self) -> dict[str, str]:
        """Names worth asking about in this store: the coalition with most members, the busiest actor."""
        from collections import Counter
        store = self.reader
        facts = store.facts(predicates=["member_of"], claims=False)
        coalitions = Counter(f.object for f in facts)
        busiest = Counter(p.actor for e in store.events() for p in e.participants
                          if not p.actor.startswith("generic-"))
        actors = store.actors([i for i, _ in coalitions.most_common(1) + busiest.most_common(1)])
        out = {}
        if coalitions:
            cid = coalitions.most_common(1)[0][0]
            dated = sorted(f.start.latest for f in facts if f.object == cid and f.start)
            out["coalition"] = actors[cid].name if cid in actors else cid
            out["coalition_id"] = cid
            out["as_of"] = dated[0] if dated else ""
        if busiest:
            aid = busiest.most_common(1)[0][0]
            out["actor"] = actors[aid].name if aid in actors else aid
            out["actor_id"] = aid
        return out

    # -- the workbench: actor page, sources, review queue ----------------------------------------------
    def actor(self, actor: str) -> R.ActorProfile:
        from .graph.lineage import lineage_links
        from .graph.profile import bars
        actor_id = self.resolve(actor)
        record = self.reader.get_actor(actor_id) or R.Actor(id=actor_id, name=actor_id)
        found, changes = bars(self.reader, actor_id)
        n_events = len(self.reader.events(actor=actor_id, limit=100000))
        return R.ActorProfile.model_validate({
            "actor": record, "lineage": lineage_links(self.reader, actor_id), "bars": found, "changes": changes,
            "events": n_events, "is_coalition": record.type == "coalition" or any(
                b["predicate"] == "member_of" and b["object"] == actor_id for b in found)})

    def documents(self, limit: int = 50, offset: int = 0, text: str | None = None) -> list[R.DocumentInfo]:
        return [R.DocumentInfo.model_validate(d) for d in self.reader.document_list(limit, offset, text)]

    def document(self, doc_id: str) -> R.DocumentView:
        from .graph.profile import annotations
        found = self.reader.documents([doc_id])
        if not found:
            raise NotFoundError(f"no document {doc_id!r}")
        d = found[0]
        return R.DocumentView(id=d.id, title=d.title, published=d.published, source=d.source, url=d.url,
                              text=d.text or "", annotations=annotations(self.reader, d.id))

    def review_queue(self, max_confidence: float = 0.6, limit: int = 50, offset: int = 0) -> list:
        from .graph.queries import fact_summary
        out = []
        for f in self.reader.review_queue(max_confidence, limit, offset):
            reasons = (["contradicted"] if f.contradictions else []) + (
                [f"confidence {f.confidence:.2f} < {max_confidence:.2f}"] if f.confidence < max_confidence else [])
            out.append(R.QueueItem.model_validate({**fact_summary(f), "reasons": reasons}))
        return out

    # -- review ----------------------------------------------------------------------------------------------
    def review(self, target: str, action: str, *, author: str, changes: dict | None = None,
               note: str | None = None):
        """Accept, reject or edit a fact (f-...) or an event (doc:id); stored with author and time."""
        from .graph.queries import fact_summary
        store = self.reader
        if target.startswith("f-"):
            return R.FactView.model_validate(fact_summary(
                store.review_fact(target, action, author=author, changes=changes, note=note)))
        return store.review_event(target, action, author=author, changes=changes, note=note)

    def edit(self, target: str, *, author: str, start: str | None = UNSET, end: str | None = UNSET,
             confidence: float | None = None, fields: dict | None = None, note: str | None = None):
        """Edit a fact's dates ("none" or None clears one), confidence or attributes, or an event's fields."""
        changes: dict = {}
        for name, value in (("start", start), ("end", end)):
            if value is not UNSET:
                changes[name] = None if value is None or value.lower() == "none" else _span_of(value, name)
        if confidence is not None:
            changes["confidence"] = confidence
        if fields and target.startswith("f-"):
            changes["attributes"] = fields
        elif fields:
            changes.update(fields)
        if not changes:
            raise InputError("nothing to edit (give --start, --end, --confidence or --set)")
        return self.review(target, "edit", author=author, changes=changes, note=note)

    def merge(self, source: str, target: str, *, author: str) -> R.ActorChange:
        src, dst = self.resolve(source), self.resolve(target)
        self.reader.merge_actors(src, dst, author=author)
        return R.ActorChange(action="merge", source=src, target=dst)

    def split(self, actor: str, new_id: str, *, author: str, docs: Iterable[str] = (),
              name: str | None = None) -> R.ActorChange:
        actor_id = self.resolve(actor)
        self.reader.split_actor(actor_id, new_id, author=author, docs=docs, name=name)
        return R.ActorChange(action="split", source=actor_id, target=new_id)

    def export(self, fmt: str, out: BinaryIO) -> int:
        from .graph.export import export
        return export(self.reader, fmt, out)
