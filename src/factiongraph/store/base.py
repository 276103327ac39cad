"""The Store interface and everything the backends share: ingest, fusion of claims into facts, reviews.

What a document says is stored as claims, one per relation and document, and never edited; they are the
source of truth. Facts are fused from them and kept in the `facts` table, rebuilt (in the same transaction)
whenever one of a fact's claims or reviews changes, so that reads filter fused facts in SQL instead of fusing
every claim of an actor on each question. Keeping claims and facts apart is what makes re-ingest safe:
replacing a document's claims cannot lose an analyst's work, because reviews and actor merges are keyed by
stable ids (fact keys, event keys, actor ids), never by rows.
"""
from __future__ import annotations

import hashlib
import json
import re
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from anyascii import anyascii

from ..models import SYMMETRIC, Actor, Document, Event, Evidence, Place, Relation, TimeSpan
from ..results import StoredEvent
from .reads import Reads
from ..timeutil import parse_partial_iso

MIGRATIONS = Path(__file__).parent / "migrations"
# migrations after which the facts table is (re)filled from the claims already stored: 3 creates it, 4 adds the
# evidence column
REFILL_FACTS_AFTER = frozenset({3, 4})
REVIEW_ACTIONS = ("accept", "reject", "edit")
EDITABLE = ("start", "end", "attributes", "confidence")


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def content_hash(text: str | None) -> str:
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


def norm_name(name: str) -> str:
    """A lookup form of a name that ignores case, accents, apostrophes and punctuation."""
    s = anyascii(name).lower()
    s = re.sub(r"['`]", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def canonical_key(subject: str, predicate: str, obj: str) -> tuple[str, str, str]:
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return subject, predicate, obj


def key_string(key: tuple[str, str, str]) -> str:
    return "|".join(key)


def fact_id_of(key: tuple[str, str, str]) -> str:
    return "f-" + hashlib.sha1(key_string(key).encode("utf-8")).hexdigest()[:16]


def _span(prefix: str, row: dict) -> TimeSpan | None:
    if row.get(prefix + "_earliest") is None:
        return None
    return _stored_span(row[prefix + "_earliest"], row[prefix + "_latest"], row[prefix + "_precision"],
                        row[prefix + "_text"])


@lru_cache(maxsize=65536)
def _stored_span(earliest: str, latest: str, precision: str, text: str | None) -> TimeSpan:
    """Stored spans were validated on the way in: constructed without validation, and once for each value
    (many facts share their span; nothing edits a span in place, a review replaces it)."""
    return TimeSpan.model_construct(earliest=earliest, latest=latest, precision=precision, text=text)


def _span_cols(span: TimeSpan | None) -> list:
    return [span.earliest, span.latest, span.precision, span.text] if span else [None] * 4


# encoders built once: json.dumps with options builds a new encoder per call, a cost ingest pays per column
_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_ORDERED = json.JSONEncoder(ensure_ascii=False).encode


def _json(value: Any) -> str | None:
    return None if value is None else _SORTED(value)


def _loads(text: str) -> Any:
    """json.loads, skipping the decoder for the empty lists and objects most fact columns hold, and for a
    list of one plain string (the one document most facts come from)."""
    if text == "[]":
        return []
    if text == "{}":
        return {}
    if text.startswith('["') and text.endswith('"]') and '"' not in text[2:-2] and "\\" not in text:
        return [text[2:-2]]
    return json.loads(text)


_SPANS = ("s_earliest", "s_latest", "s_precision", "s_text", "e_earliest", "e_latest", "e_precision", "e_text")
SPAN_COLUMNS = ", ".join("c." + c for c in _SPANS)
CLAIM_COLUMNS = ("fact_id", "doc_id", "subject", "predicate", "object", "subject_raw", "object_raw", *_SPANS,
                 "attributes", "negated", "confidence", "evidence", "extra", "recorded_at")
EVENT_COLUMNS = ("event_key", "doc_id", "id", "type", "d_earliest", "d_latest", "d_precision", "d_text", "place",
                 "place_key", "admin1_key", "country", "fatalities", "acled", "summary", "confidence", "evidence",
                 "extra", "recorded_at")
PARTICIPANT_COLUMNS = ("event_key", "position", "actor_id", "actor_raw", "doc_id", "role", "d_latest")
FACT_COLUMNS = ("fact_id", "subject", "predicate", "object", *_SPANS, "attributes", "negated", "confidence",
                "sources", "documents", "first_reported", "contradictions", "status", "edited", "recorded_at",
                "updated_at", "evidence")


@dataclass
class Claim:
    """One document's statement of a relation."""
    doc_id: str
    subject: str
    predicate: str
    object: str
    start: TimeSpan | None
    end: TimeSpan | None
    attributes: dict
    negated: bool
    confidence: float
    evidence: list[dict]
    recorded_at: str
    published: str | None = None

    def reported_by(self) -> str | None:
        """The last day this claim was known to hold: its document's publication (or None)."""
        if not self.published:
            return None
        return _last_day(self.published)


@lru_cache(maxsize=4096)
def _last_day(published: str) -> str | None:
    """Cached: a document's publication date is parsed once, not once per claim that fusion reads."""
    try:
        return parse_partial_iso(published)[1].isoformat()
    except ValueError:
        return None


_UNREAD = "\x00unread"  # a fact's stored evidence when the question did not read it


@dataclass
class Fact:
    """A relation fused from every claim of it: all evidence, independent sources, combined confidence.
    `claims` is None when the fact was read without them (`Store.with_claims` attaches them); its evidence is
    stored with it, so questions that answer with evidence read no claims."""
    fact_id: str
    subject: str
    predicate: str
    object: str
    start: TimeSpan | None
    end: TimeSpan | None
    attributes: dict
    confidence: float
    sources: int
    negated: bool
    claims: list[Claim] | None
    contradictions: list[str] = field(default_factory=list)
    status: str | None = None
    edited: bool = False
    recorded_at: str = ""
    updated_at: str = ""
    documents: list[str] = field(default_factory=list)
    first_reported: str | None = None
    # the evidence list, or its JSON as stored: decoded on first use, as most facts a question reads are not shown
    stored_evidence: list[dict] | str = field(default="[]", repr=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return self.subject, self.predicate, self.object

    @property
    def evidence(self) -> list[dict]:
        if self.stored_evidence is _UNREAD:
            raise RuntimeError(f"{self.fact_id} was read without its evidence (facts(..., evidence=False))")
        if isinstance(self.stored_evidence, str):
            self.stored_evidence = json.loads(self.stored_evidence)
        return self.stored_evidence

    def reported_by(self) -> str | None:
        """Earliest publication date (last day) among the documents asserting it."""
        return self.first_reported

    def to_relation(self) -> Relation:
        attributes = dict(self.attributes)
        if self.negated:
            attributes["negated"] = True
        return Relation(subject=self.subject, predicate=self.predicate, object=self.object, start=self.start,
                        end=self.end, attributes=attributes, confidence=round(self.confidence, 6),
                        evidence=[Evidence.model_validate(e) for e in self.evidence],
                        fact_id=self.fact_id, sources=self.sources, documents=self.documents,
                        contradictions=self.contradictions, status=self.status, edited=self.edited,
                        recorded_at=self.recorded_at, updated_at=self.updated_at)

    def to_dict(self) -> dict:
        return self.to_relation().to_dict()


def _fuse_span(claims: list[Claim], attr: str) -> tuple[TimeSpan | None, str | None]:
    """The span all claims agree on (their intersection); when they disagree, the most confident one's span
    and a description of the disagreement."""
    dated = [(getattr(c, attr), c) for c in claims if getattr(c, attr) is not None]
    if not dated:
        return None, None
    lo = max(s.earliest for s, _ in dated)
    hi = min(s.latest for s, _ in dated)
    narrowest = min(dated, key=lambda sc: (sc[0].end_date - sc[0].start_date, -sc[1].confidence))[0]
    if lo <= hi:
        if (lo, hi) == (narrowest.earliest, narrowest.latest):
            return narrowest, None
        return TimeSpan(earliest=lo, latest=hi, precision=narrowest.precision, text=narrowest.text), None
    best = max(dated, key=lambda sc: (sc[1].confidence, -(sc[0].end_date - sc[0].start_date).days))[0]
    detail = "; ".join(f"{c.doc_id}: {s.earliest}..{s.latest}" for s, c in dated)
    return best, f"{attr} dates disagree ({detail})"


def merged_evidence(claims: Iterable[Claim]) -> list[dict]:
    """Every claim's source spans, each span once, in claim order."""
    seen, out = set(), []
    for c in claims:
        for ev in c.evidence:
            k = (ev.get("doc"), ev.get("char_start"), ev.get("char_end"))
            if k not in seen:
                seen.add(k)
                out.append(ev)
    return out


def combined_confidence(claims: Iterable[Claim]) -> float:
    """1 - prod(1 - c) over documents, each document counted once (its most confident claim), so repeating
    a claim inside one report does not make it surer."""
    per_doc: dict[str, float] = {}
    for c in claims:
        per_doc[c.doc_id] = max(per_doc.get(c.doc_id, 0.0), c.confidence)
    p = 1.0
    for conf in per_doc.values():
        p *= 1.0 - conf
    return 1.0 - p


def fuse(key: tuple[str, str, str], claims: list[Claim], reviews: Sequence[dict] = ()) -> Fact:
    asserting = [c for c in claims if not c.negated]
    denying = [c for c in claims if c.negated]
    basis = asserting or denying
    start, start_conflict = _fuse_span(basis, "start")
    end, end_conflict = _fuse_span(basis, "end")
    attributes: dict = {}
    for c in basis:
        for k, v in c.attributes.items():
            if k != "negated":
                attributes.setdefault(k, v)
    contradictions = [x for x in (start_conflict, end_conflict) if x]
    if asserting and denying:
        contradictions.append("denied by " + ", ".join(sorted({c.doc_id for c in denying}))
                              + "; asserted by " + ", ".join(sorted({c.doc_id for c in asserting})))
    times = [c.recorded_at for c in claims]
    days = [d for c in asserting if (d := c.reported_by())]
    fact = Fact(fact_id=fact_id_of(key), subject=key[0], predicate=key[1], object=key[2], start=start, end=end,
                attributes=attributes, confidence=combined_confidence(basis),
                sources=len({c.doc_id for c in basis}), negated=not asserting, claims=claims,
                contradictions=contradictions, recorded_at=min(times), updated_at=max(times),
                documents=sorted({c.doc_id for c in claims}), first_reported=min(days) if days else None,
                stored_evidence=merged_evidence(claims))
    for r in reviews:
        apply_review(fact, r)
    return fact


def apply_review(fact: Fact, review: dict) -> None:
    action = review["action"]
    if action in ("accept", "reject"):
        fact.status = action + "ed"
    elif action == "edit":
        changes = json.loads(review["payload"] or "{}")
        for k in ("start", "end"):
            if k in changes:
                setattr(fact, k, TimeSpan.model_validate(changes[k]) if changes[k] else None)
        if "attributes" in changes:
            fact.attributes.update(changes["attributes"])
        if "confidence" in changes:
            fact.confidence = float(changes["confidence"])
        fact.edited = True
    fact.updated_at = max(fact.updated_at, review["created_at"])


def _fact_row(f: Fact) -> list:
    return [f.fact_id, f.subject, f.predicate, f.object, *_span_cols(f.start), *_span_cols(f.end),
            _ORDERED(f.attributes), int(f.negated), f.confidence, f.sources, _ORDERED(f.documents),
            f.first_reported, _ORDERED(f.contradictions), f.status, int(f.edited), f.recorded_at, f.updated_at,
            _SORTED(f.evidence)]


def _fact_from_row(r: dict) -> Fact:
    return Fact(fact_id=r["fact_id"], subject=r["subject"], predicate=r["predicate"], object=r["object"],
                start=_span("s", r), end=_span("e", r), attributes=_loads(r["attributes"]),
                confidence=float(r["confidence"]), sources=int(r["sources"]), negated=bool(r["negated"]),
                claims=None, contradictions=_loads(r["contradictions"]), status=r["status"],
                edited=bool(r["edited"]), recorded_at=r["recorded_at"], updated_at=r["updated_at"],
                documents=_loads(r["documents"]), first_reported=r["first_reported"],
                stored_evidence=r.get("evidence", _UNREAD))


class Store(Reads, ABC):
    """A factiongraph store. Backends supply the connection, transactions and SQL dialect; the logic lives here."""

    AUTO_ID = ""  # the dialect's auto-increment primary key column type
    NO_LIMIT = "ALL"  # LIMIT without a bound, so that OFFSET can follow
    target: str = ""

    # -- backend primitives -------------------------------------------------------------------------
    @abstractmethod
    def _tx(self): """A context manager: one transaction, rolled back on any exception."""

    @abstractmethod
    def _exec(self, sql: str, params: Sequence = ()) -> None: ...

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence]) -> None: ...

    @abstractmethod
    def _query(self, sql: str, params: Sequence = ()) -> list[dict]: ...

    @abstractmethod
    def _table_exists(self, name: str) -> bool: ...

    def _bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        """Insert many new rows (no conflicts expected); backends may use a faster path than executemany."""
        if rows:
            self._executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                              rows)

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        """Apply every migration file not yet recorded in schema_version, each in its own transaction."""
        with self._tx():
            if not self._table_exists("schema_version"):
                self._exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                           "applied_at TEXT NOT NULL)")
        applied = {r["version"] for r in self._query("SELECT version FROM schema_version")}
        pending = [p for p in sorted(MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql")) if int(p.name[:3]) not in applied]
        # facts are refilled once, in the transaction of the last migration, when any pending one needs it
        refill = any(int(p.name[:3]) in REFILL_FACTS_AFTER for p in pending)
        for path in pending:
            version = int(path.name[:3])
            sql = path.read_text(encoding="utf-8").replace("{{AUTO_ID}}", self.AUTO_ID)
            sql = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
            with self._tx():
                for statement in filter(str.strip, sql.split(";")):
                    self._exec(statement)
                if refill and path == pending[-1]:
                    self._rebuild_facts()
                self._exec("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                           [version, path.stem, utcnow()])

    def schema_version(self) -> int:
        return max((r["version"] for r in self._query("SELECT version FROM schema_version")), default=0)

    # -- ingest -------------------------------------------------------------------------------------
    def ingest(self, document: Document, records: list[Actor | Relation | Event], *,
               extractor_version: str) -> dict:
        """Store one document and what was extracted from it, all or nothing."""
        counts = dict(documents_added=0, documents_unchanged=0, documents_replaced=0, actors=0, relations=0,
                      events=0)
        digest, now = content_hash(document.text), utcnow()
        with self._tx():
            existing = self._query("SELECT content_hash, extractor_version FROM documents WHERE id = ?",
                                   [document.id])
            if existing and (existing[0]["content_hash"], existing[0]["extractor_version"]) == (
                    digest, extractor_version):
                counts["documents_unchanged"] = 1
                return counts
            if not existing and self._query(
                    "SELECT id FROM documents WHERE content_hash = ? AND extractor_version = ? LIMIT 1",
                    [digest, extractor_version]):
                counts["documents_unchanged"] = 1  # the same text under another id is not a new source
                return counts
            self._touch()
            doc_row = [document.title, document.published, document.source, document.url, document.text,
                       _json(document.model_extra or None)]
            stale: set[str] = set()
            if existing:
                stale = {r["fact_id"] for r in self._query("SELECT DISTINCT fact_id FROM claims WHERE doc_id = ?",
                                                           [document.id])}
                self._delete_document_claims(document.id)
                self._exec("UPDATE documents SET content_hash = ?, extractor_version = ?, title = ?, "
                           "published = ?, source = ?, url = ?, text = ?, extra = ?, updated_at = ? WHERE id = ?",
                           [digest, extractor_version, *doc_row, now, document.id])
                counts["documents_replaced"] = 1
            else:
                self._exec("INSERT INTO documents (id, content_hash, extractor_version, title, published, source, "
                           "url, text, extra, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [document.id, digest, extractor_version, *doc_row, now, now])
                counts["documents_added"] = 1
            resolve = self._resolver(document.id)
            actors = [r for r in records if isinstance(r, Actor)]
            relations = [r for r in records if isinstance(r, Relation)]
            events = [r for r in records if isinstance(r, Event)]
            self._upsert_actors(actors, now)
            fresh = self._insert_claims(document, relations, resolve, now)
            self._refresh_facts(stale, fresh)
            self._insert_events(document.id, events, resolve, now)
            counts.update(actors=len(actors), relations=len(relations), events=len(events))
        return counts

    def bulk(self):
        """One transaction around many ingests, so that a bulk load commits (and SQLite rewrites the index pages
        it touched) once per batch rather than once per document. Each ingest inside stays all or nothing."""
        return self._tx()

    def _delete_document_claims(self, doc_id: str) -> None:
        for table in ("claims", "events", "event_participants"):
            self._exec(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])

    def _upsert_actors(self, actors: list[Actor], now: str) -> None:
        if not actors:
            return
        self._executemany(
            "INSERT INTO actors (id, name, type, country, merged_into, recorded_at, updated_at) "
            "VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "type = CASE WHEN actors.type = 'other' THEN excluded.type ELSE actors.type END, "
            "country = COALESCE(actors.country, excluded.country), updated_at = excluded.updated_at",
            [[a.id, a.name, a.type, a.country, now, now] for a in actors])
        rows = {(a.id, name) for a in actors for name in [a.name, *a.aliases] if name and name.strip()}
        self._executemany("INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                          [[i, n, norm_name(n)] for i, n in sorted(rows)])

    def _claim_row(self, doc_id: str, r: Relation, evidence: list[dict], resolve, now: str) -> list:
        key = canonical_key(resolve(r.subject), r.predicate, resolve(r.object))
        return [fact_id_of(key), doc_id, *key, r.subject, r.object, *_span_cols(r.start), *_span_cols(r.end),
                _json(r.attributes), int(bool(r.attributes.get("negated"))), r.confidence, _json(evidence),
                _json(r.model_extra or None), now]

    def _insert_claims(self, document: Document, relations: list[Relation], resolve,
                       now: str) -> dict[str, list[Claim]]:
        """Insert a document's claims; returns them by fact id, as fusion reads them."""
        evidence = [[e.to_dict() for e in r.evidence] for r in relations]
        rows = [self._claim_row(document.id, r, ev, resolve, now) for r, ev in zip(relations, evidence)]
        self._bulk_insert("claims", CLAIM_COLUMNS, rows)
        out: dict[str, list[Claim]] = {}
        for row, r, ev in zip(rows, relations, evidence):
            out.setdefault(row[0], []).append(Claim(
                doc_id=document.id, subject=row[2], predicate=row[3], object=row[4], start=r.start, end=r.end,
                attributes=json.loads(row[15]), negated=bool(row[16]), confidence=r.confidence, evidence=ev,
                recorded_at=now, published=document.published))
        return out

    def _insert_events(self, doc_id: str, events: list[Event], resolve, now: str) -> None:
        rows, participants, seen = [], [], set()
        for e in events:
            key = f"{doc_id}:{e.id}"
            n = 1
            while key in seen:
                n += 1
                key = f"{doc_id}:{e.id}#{n}"
            seen.add(key)
            p = e.place
            rows.append([key, doc_id, e.id, e.type, *_span_cols(e.date), _json(p.to_dict() if p else None),
                         norm_name(p.name) if p else None, norm_name(p.admin1) if p and p.admin1 else None,
                         p.country.upper() if p and p.country else None, e.fatalities, _json(e.acled), e.summary,
                         e.confidence, _json([x.to_dict() for x in e.evidence]), _json(e.model_extra or None),
                         now])
            participants += [[key, i, resolve(pt.actor), pt.actor, doc_id, pt.role,
                              e.date.latest if e.date else None] for i, pt in enumerate(e.participants)]
        self._bulk_insert("events", EVENT_COLUMNS, rows)
        self._bulk_insert("event_participants", PARTICIPANT_COLUMNS, participants)

    # -- fused facts --------------------------------------------------------------------------------
    def _refresh_facts(self, fact_ids: Iterable[str], added: dict[str, list[Claim]] | None = None) -> None:
        """Re-fuse these facts from their claims and reviews into the facts table (a fact left without claims
        is dropped). Callers run it inside the transaction that changed the claims or reviews. `added`: claims
        just inserted, by fact id; a fact with no other claims is fused from them without reading them back."""
        ids = set(fact_ids)
        if added:
            ids |= self._stored_facts(sorted(set(added) - ids))
            new = {fid: claims for fid, claims in added.items() if fid not in ids}
            keys = {fid: (c[0].subject, c[0].predicate, c[0].object) for fid, c in new.items()}
            reviews = self._reviews_for("fact", [key_string(k) for k in keys.values()])
            self._bulk_insert("facts", FACT_COLUMNS, [_fact_row(fuse(keys[fid], claims, reviews.get(
                key_string(keys[fid]), []))) for fid, claims in new.items()])
        ids = sorted(ids)
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                f"SELECT c.fact_id, c.doc_id, c.subject, c.predicate, c.object, {SPAN_COLUMNS}, c.attributes, "
                f"c.negated, c.confidence, c.evidence, c.recorded_at, d.published FROM claims c JOIN documents d "
                f"ON d.id = c.doc_id WHERE c.fact_id IN ({marks}) ORDER BY c.fact_id, c.id", chunk)
            self._exec(f"DELETE FROM facts WHERE fact_id IN ({marks})", chunk)
            facts = self._fuse_rows(rows)
            self._bulk_insert("facts", FACT_COLUMNS, [_fact_row(f) for f in facts])

    def _stored_facts(self, fact_ids: list[str]) -> set[str]:
        found = set()
        for chunk in (fact_ids[i:i + 500] for i in range(0, len(fact_ids), 500)):
            found |= {r["fact_id"] for r in self._query(
                f"SELECT fact_id FROM facts WHERE fact_id IN ({', '.join('?' * len(chunk))})", chunk)}
        return found

    def _rebuild_facts(self) -> None:
        """Fill the facts table from every claim (a store created before it existed)."""
        last = ""
        while ids := [r["fact_id"] for r in self._query(
                "SELECT DISTINCT fact_id FROM claims WHERE fact_id > ? ORDER BY fact_id LIMIT 5000", [last])]:
            self._refresh_facts(ids)
            last = ids[-1]

    # -- actor identity -----------------------------------------------------------------------------
    def _resolver(self, doc_id: str | None = None):
        """Map an extracted actor id to the analyst's actor: split overrides first, then merge redirects."""
        redirects = {r["id"]: r["merged_into"] for r in
                     self._query("SELECT id, merged_into FROM actors WHERE merged_into IS NOT NULL")}
        overrides = {} if doc_id is None else {r["raw_id"]: r["actor_id"] for r in self._query(
            "SELECT raw_id, actor_id FROM actor_overrides WHERE doc_id = ?", [doc_id])}

        def resolve(raw: str) -> str:
            target = overrides.get(raw, raw)
            for _ in range(32):  # merge chains are short; the bound guards against a cycle
                if target not in redirects:
                    break
                target = redirects[target]
            return target
        return resolve

    def _reresolve(self, raw_ids: set[str], doc_ids: set[str] | None = None) -> None:
        """Recompute resolved actor ids (and fact ids) of claims and participants naming any of raw_ids."""
        if not raw_ids:
            return
        marks = ", ".join("?" * len(raw_ids))
        ids = sorted(raw_ids)
        resolvers: dict[str, Any] = {}

        def resolver(doc: str):
            if doc not in resolvers:
                resolvers[doc] = self._resolver(doc)
            return resolvers[doc]
        claims = self._query(f"SELECT id, fact_id, doc_id, predicate, subject_raw, object_raw FROM claims "
                             f"WHERE subject_raw IN ({marks}) OR object_raw IN ({marks})", ids + ids)
        updates, touched = [], set()
        for c in claims:
            if doc_ids is not None and c["doc_id"] not in doc_ids:
                continue
            res = resolver(c["doc_id"])
            key = canonical_key(res(c["subject_raw"]), c["predicate"], res(c["object_raw"]))
            updates.append([key[0], key[2], fact_id_of(key), c["id"]])
            touched |= {c["fact_id"], fact_id_of(key)}
        if updates:
            self._executemany("UPDATE claims SET subject = ?, object = ?, fact_id = ? WHERE id = ?", updates)
            self._refresh_facts(touched)
        parts = self._query(f"SELECT event_key, position, doc_id, actor_raw FROM event_participants "
                            f"WHERE actor_raw IN ({marks})", ids)
        updates = [[resolver(p["doc_id"])(p["actor_raw"]), p["event_key"], p["position"]] for p in parts
                   if doc_ids is None or p["doc_id"] in doc_ids]
        if updates:
            self._executemany("UPDATE event_participants SET actor_id = ? WHERE event_key = ? AND position = ?",
                              updates)

    def resolve_actor(self, name_or_id: str) -> str | None:
        """The actor an id, name or alias denotes (following merges), or None."""
        rows = self._query("SELECT id FROM actors WHERE id = ?", [name_or_id])
        if not rows:
            n = norm_name(name_or_id)
            rows = self._query("SELECT DISTINCT actor_id AS id FROM aliases WHERE norm = ? ORDER BY actor_id", [n])
            if not rows:
                rows = self._query("SELECT id FROM actors WHERE id = ?", [n.replace(" ", "-")])
        if not rows:
            return None
        resolve = self._resolver()
        return resolve(rows[0]["id"])

    def actors(self, ids: Iterable[str]) -> dict[str, Actor]:
        """Actor records for ids, each with the names and aliases of every actor merged into it."""
        ids = sorted(set(ids))
        if not ids:
            return {}
        out: dict[str, Actor] = {}
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(f"SELECT id, name, type, country, merged_into FROM actors WHERE id IN ({marks}) "
                               f"OR merged_into IN ({marks})", chunk + chunk)
            aliases: dict[str, list[str]] = {}
            members = [r["id"] for r in rows]
            marks2 = ", ".join("?" * len(members))
            for a in self._query(f"SELECT actor_id, alias FROM aliases WHERE actor_id IN ({marks2}) "
                                 f"ORDER BY actor_id, alias", members) if members else []:
                aliases.setdefault(a["actor_id"], []).append(a["alias"])
            by_id = {r["id"]: r for r in rows}
            absorbed: dict[str, list[dict]] = {}
            for m in rows:
                if m["merged_into"]:
                    absorbed.setdefault(m["merged_into"], []).append(m)
            for i in chunk:
                r = by_id.get(i)
                if r is None:
                    continue
                names = [n for n in aliases.get(i, []) if n != r["name"]]
                for m in absorbed.get(i, []):
                    names += [m["name"], *aliases.get(m["id"], [])]
                out[i] = Actor(id=i, name=r["name"], type=r["type"], country=r["country"],
                               aliases=sorted(set(names) - {r["name"]}))
        return out

    def get_actor(self, actor_id: str) -> Actor | None:
        return self.actors([actor_id]).get(actor_id)

    # -- the user's registry ------------------------------------------------------------------------
    def user_actors(self) -> list[Actor]:
        """The analyst's own registry entries, by id."""
        rows = self._query("SELECT actor FROM user_actors ORDER BY id")
        return [Actor.model_validate_json(r["actor"]) for r in rows]

    def put_user_actor(self, actor: Actor, *, author: str) -> None:
        """Add or replace a registry entry, and make the store's actor match it (the user's name, type and
        country win over what extraction recorded) so that queries find it by every name."""
        if not author or not author.strip():
            raise ValueError("a registry entry needs an author")
        actor = Actor.model_validate(actor.to_dict())
        now = utcnow()
        with self._tx():
            self._touch()
            self._exec("INSERT INTO user_actors (id, actor, author, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET actor = excluded.actor, author = excluded.author, "
                       "updated_at = excluded.updated_at", [actor.id, actor.to_json(), author, now, now])
            self._exec("INSERT INTO actors (id, name, type, country, merged_into, recorded_at, updated_at) "
                       "VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                       "type = excluded.type, country = COALESCE(excluded.country, actors.country), "
                       "updated_at = excluded.updated_at", [actor.id, actor.name, actor.type, actor.country, now, now])
            names = sorted({n for n in [actor.name, *actor.aliases] if n and n.strip()})
            self._executemany("INSERT INTO aliases (actor_id, alias, norm) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                              [[actor.id, n, norm_name(n)] for n in names])

    # -- facts --------------------------------------------------------------------------------------
    @staticmethod
    def _claim(row: dict) -> Claim:
        evidence = row.get("evidence")
        return Claim(doc_id=row["doc_id"], subject=row["subject"], predicate=row["predicate"],
                     object=row["object"], start=_span("s", row), end=_span("e", row),
                     attributes=json.loads(row["attributes"]), negated=bool(row["negated"]),
                     confidence=float(row["confidence"]), evidence=json.loads(evidence) if evidence else [],
                     recorded_at=row["recorded_at"], published=row.get("published"))

    def _reviews_for(self, kind: str, targets: Sequence[str]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        targets = sorted(set(targets))
        for chunk in (targets[i:i + 500] for i in range(0, len(targets), 500)):
            marks = ", ".join("?" * len(chunk))
            for r in self._query(f"SELECT * FROM reviews WHERE target_kind = ? AND target IN ({marks}) ORDER BY id",
                                 [kind, *chunk]):
                out.setdefault(r["target"], []).append(r)
        return out

    def _fuse_rows(self, rows: list[dict]) -> list[Fact]:
        """Fuse claim rows (ordered by fact id) with the reviews of their facts."""
        grouped: dict[str, list[dict]] = {}
        for r in rows:
            grouped.setdefault(r["fact_id"], []).append(r)
        keys = {fid: (g[0]["subject"], g[0]["predicate"], g[0]["object"]) for fid, g in grouped.items()}
        reviews = self._reviews_for("fact", [key_string(k) for k in keys.values()])
        return [fuse(keys[fid], [self._claim(r) for r in g], reviews.get(key_string(keys[fid]), []))
                for fid, g in grouped.items()]

    def with_claims(self, facts: list[Fact]) -> list[Fact]:
        """Attach each fact's claims (with their evidence) where they were not read; returns the same list."""
        missing = sorted({f.fact_id for f in facts if f.claims is None})
        found: dict[str, list[Claim]] = {}
        for chunk in (missing[i:i + 500] for i in range(0, len(missing), 500)):
            marks = ", ".join("?" * len(chunk))
            for r in self._query(f"SELECT c.*, d.published FROM claims c JOIN documents d ON d.id = c.doc_id "
                                 f"WHERE c.fact_id IN ({marks}) ORDER BY c.fact_id, c.id", chunk):
                found.setdefault(r["fact_id"], []).append(self._claim(r))
        for f in facts:
            if f.claims is None:
                f.claims = found.get(f.fact_id, [])
        return facts

    def facts(self, *, subject: str | None = None, object: str | None = None, actor: str | None = None,
              predicates: Iterable[str] | None = None, subjects: Iterable[str] | None = None,
              fact_id: str | None = None, holding_on: str | None = None, include_rejected: bool = False,
              claims: bool = True, objects: Iterable[str] | None = None, actors: Iterable[str] | None = None,
              limit: int | None = None, ordered: bool = True, index_predicates: bool = True,
              evidence: bool = True, started_by: str | None = None, undated: bool = False,
              recent_first: bool = False) -> list[Fact]:
        """Fused facts matching every given filter, in fact-id order (`actor`: either end; `holding_on`: begun
        by that day and not ended before it, by their own dates). Without `claims` they come without evidence,
        which is what makes broad questions cheap."""
        where, params = [], []
        if fact_id is not None:
            where.append("f.fact_id = ?"), params.append(fact_id)
        if subject is not None:
            where.append("f.subject = ?"), params.append(subject)
        if object is not None:
            where.append("f.object = ?"), params.append(object)
        if actor is not None:
            where.append("(f.subject = ? OR f.object = ?)"), params.extend([actor, actor])
        if subjects is not None:
            subjects = sorted(set(subjects))
            if not subjects:
                return []
            where.append(f"f.subject IN ({', '.join('?' * len(subjects))})"), params.extend(subjects)
        if objects is not None:
            objects = sorted(set(objects))
            if not objects:
                return []
            where.append(f"f.object IN ({', '.join('?' * len(objects))})"), params.extend(objects)
        if actors is not None:  # either end in the set
            actors = sorted(set(actors))
            if not actors:
                return []
            marks = ", ".join("?" * len(actors))
            where.append(f"(f.subject IN ({marks}) OR f.object IN ({marks}))"), params.extend(actors + actors)
        if predicates is not None:
            predicates = sorted(set(predicates))
            # `index_predicates=False`: an expression no index serves, so that a limited question in fact-id
            # order walks the primary key and stops early instead of sorting every fact of the predicates
            column = "f.predicate" if index_predicates else "(f.predicate || '')"
            where.append(f"{column} IN ({', '.join('?' * len(predicates))})"), params.extend(predicates)
        if holding_on is not None:
            where.append("(f.s_earliest IS NULL OR f.s_earliest <= ?) AND (f.e_latest IS NULL OR f.e_latest >= ?)")
            params.extend([holding_on, holding_on])
        if started_by is not None:  # dated, and begun by that day
            where.append("f.s_earliest <= ?"), params.append(started_by)
        if undated:
            where.append("f.s_earliest IS NULL")
        if not include_rejected:
            where.append("(f.status IS NULL OR f.status <> 'rejected')")
        # unordered, a limited question stops at its first `limit` rows in whichever index serves its filters
        columns = "*" if evidence or claims else ", ".join(f"f.{c}" for c in FACT_COLUMNS if c != "evidence")
        order = " ORDER BY f.s_earliest DESC, f.fact_id DESC" if recent_first else " ORDER BY f.fact_id"
        sql = f"SELECT {columns} FROM facts f WHERE {' AND '.join(where) or '1 = 1'}" + (order if ordered else "")
        rows = self._query(sql + (f" LIMIT {int(limit)}" if limit is not None else ""), params)
        found = [_fact_from_row(r) for r in rows]
        return self.with_claims(found) if claims else found

    def fact(self, fact_id: str) -> Fact | None:
        found = self.facts(fact_id=fact_id, include_rejected=True)
        return found[0] if found else None

    def iter_facts(self, include_rejected: bool = False, batch: int = 5000, claims: bool = True) -> Iterator[Fact]:
        """Every fact, streamed in fact-id order so exports of large stores stay in bounded memory."""
        last = ""
        rejected = "" if include_rejected else " AND (status IS NULL OR status <> 'rejected')"
        while rows := self._query(f"SELECT * FROM facts WHERE fact_id > ?{rejected} ORDER BY fact_id LIMIT ?",
                                  [last, batch]):
            found = [_fact_from_row(r) for r in rows]
            yield from (self.with_claims(found) if claims else found)
            last = rows[-1]["fact_id"]

    # -- events -------------------------------------------------------------------------------------
    def events(self, *, actor: str | None = None, place: str | None = None, date_from: str | None = None,
               date_to: str | None = None, types: Iterable[str] | None = None, doc_id: str | None = None,
               limit: int | None = None, offset: int = 0, include_rejected: bool = False) -> list[Event]:
        """Events by participant, place (name, admin1 or country code), date overlap and type."""
        where, params = [], []
        if actor is not None:
            where.append("e.event_key IN (SELECT p.event_key FROM event_participants p WHERE p.actor_id = ?"
                         + (" AND p.d_latest >= ?" if date_from else "") + ")")
            params += [actor] + ([date_from] if date_from else [])
        if date_from is not None:
            where.append("e.d_latest >= ?"), params.append(date_from)
        if date_to is not None:
            where.append("e.d_earliest <= ?"), params.append(date_to)
        if types is not None:
            types = sorted(set(types))
            where.append(f"e.type IN ({', '.join('?' * len(types))})"), params.extend(types)
        if doc_id is not None:
            where.append("e.doc_id = ?"), params.append(doc_id)
        if place is None:
            sql = f"SELECT e.* FROM events e WHERE {' AND '.join(where) or '1 = 1'}"
        else:
            # one branch per place column, each able to use its (column, type, dates) index; an OR of the three
            # columns makes the planners fall back to the type index or a scan
            branches = [(col, value) for col, value in (("place_key", norm_name(place)),
                                                        ("admin1_key", norm_name(place)), ("country", place.upper()))]
            sql = " UNION ".join(f"SELECT e.* FROM events e WHERE {' AND '.join([f'e.{col} = ?', *where])}"
                                 for col, _ in branches)
            params = [x for _, value in branches for x in (value, *params)]
        sql += " ORDER BY d_earliest, event_key" + (f" LIMIT {int(limit)}" if limit else "")
        if offset:
            sql += ("" if limit else f" LIMIT {self.NO_LIMIT}") + f" OFFSET {int(offset)}"
        return self._events_from_rows(self._query(sql, params), include_rejected)

    def _events_from_rows(self, rows: list[dict], include_rejected: bool) -> list[Event]:
        if not rows:
            return []
        keys = [r["event_key"] for r in rows]
        parts: dict[str, list[dict]] = {}
        for chunk in (keys[i:i + 500] for i in range(0, len(keys), 500)):
            marks = ", ".join("?" * len(chunk))
            for p in self._query(f"SELECT event_key, actor_id, role FROM event_participants "
                                 f"WHERE event_key IN ({marks}) ORDER BY event_key, position", chunk):
                parts.setdefault(p["event_key"], []).append({"actor": p["actor_id"], "role": p["role"]})
        reviews = self._reviews_for("event", keys)
        out = []
        for r in rows:
            status, extra = None, json.loads(r["extra"]) if r["extra"] else {}
            data = dict(extra, id=r["id"], type=r["type"], date=_span("d", r),
                        place=Place.model_validate(json.loads(r["place"])) if r["place"] else None,
                        participants=parts.get(r["event_key"], []), fatalities=r["fatalities"],
                        acled=json.loads(r["acled"]) if r["acled"] else None, summary=r["summary"],
                        confidence=float(r["confidence"]), evidence=json.loads(r["evidence"]),
                        event_key=r["event_key"], doc=r["doc_id"], recorded_at=r["recorded_at"])
            for rv in reviews.get(r["event_key"], []):
                if rv["action"] in ("accept", "reject"):
                    status = rv["action"] + "ed"
                elif rv["action"] == "edit":
                    data.update(json.loads(rv["payload"] or "{}"))
                    data["edited"] = True
            if status == "rejected" and not include_rejected:
                continue
            data["status"] = status
            out.append(StoredEvent.model_validate(data))
        return out

    def event(self, event_key: str) -> Event | None:
        found = self._events_from_rows(self._query("SELECT * FROM events e WHERE event_key = ?", [event_key]), True)
        return found[0] if found else None

    # -- reviews ------------------------------------------------------------------------------------
    @staticmethod
    def _reviewed(kind: str, target: str, action: str, found):
        """What a review names, once the action is known and the target exists."""
        if action not in REVIEW_ACTIONS:
            raise ValueError(f"unknown review action {action!r} (accept, reject, edit)")
        if found is None:
            raise KeyError(f"no {kind} {target}")
        return found

    def _add_review(self, kind: str, target: str, action: str, author: str, payload: dict,
                    note: str | None = None) -> None:
        if not author or not author.strip():
            raise ValueError("a review needs an author")
        payload = {**payload, "note": note} if note else payload
        self._exec("INSERT INTO reviews (target_kind, target, action, payload, author, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [kind, target, action, _json(payload or None), author, utcnow()])

    def review_fact(self, fact_id: str, action: str, *, author: str, changes: dict | None = None,
                    note: str | None = None) -> Fact:
        """Accept, reject or edit a fact; the review outlives re-ingest because it names the fact's key."""
        fact = self._reviewed("fact", fact_id, action, self.fact(fact_id))
        payload = dict(changes or {})
        if action == "edit":
            bad = set(payload) - set(EDITABLE)
            if not payload or bad:
                raise ValueError(f"edit changes one of {', '.join(EDITABLE)}" + (f"; not {sorted(bad)}" if bad else ""))
            for k in ("start", "end"):
                if payload.get(k) is not None:
                    payload[k] = TimeSpan.model_validate(payload[k]).to_dict()
            if "confidence" in payload and not 0 <= float(payload["confidence"]) <= 1:
                raise ValueError("confidence must be in [0, 1]")
        with self._tx():
            self._touch()
            self._add_review("fact", key_string(fact.key), action, author, payload, note)
            self._refresh_facts([fact_id])
        return self.fact(fact_id)  # type: ignore[return-value]

    def review_event(self, event_key: str, action: str, *, author: str, changes: dict | None = None,
                     note: str | None = None) -> Event:
        event = self._reviewed("event", event_key, action, self.event(event_key))
        payload = dict(changes or {})
        if action == "edit":
            Event.model_validate({**event.to_dict(), **payload})  # refuse an edit that breaks the format
        with self._tx():
            self._touch()
            self._add_review("event", event_key, action, author, payload, note)
        return self.event(event_key)  # type: ignore[return-value]

    def merge_actors(self, source: str, target: str, *, author: str) -> None:
        """Declare `source` the same actor as `target`: its claims, events and names now belong to target."""
        if source == target:
            raise ValueError("cannot merge an actor into itself")
        for a in (source, target):
            if not self._query("SELECT id FROM actors WHERE id = ?", [a]):
                raise KeyError(f"no actor {a}")
        if self._resolver()(target) == source:
            raise ValueError(f"{target} is already merged into {source}")
        with self._tx():
            self._touch()
            absorbed = {source} | {r["id"] for r in self._query("SELECT id FROM actors WHERE merged_into = ?",
                                                               [source])}
            self._exec("UPDATE actors SET merged_into = ?, updated_at = ? WHERE id = ? OR merged_into = ?",
                       [target, utcnow(), source, source])
            self._add_review("actor", source, "merge", author, {"into": target})
            self._reresolve(absorbed | self._override_raws(absorbed))

    def _override_raws(self, actor_ids: set[str]) -> set[str]:
        marks = ", ".join("?" * len(actor_ids))
        return {r["raw_id"] for r in self._query(
            f"SELECT raw_id FROM actor_overrides WHERE actor_id IN ({marks})", sorted(actor_ids))}

    def split_actor(self, actor: str, new_id: str, *, author: str, docs: Iterable[str] | None = None,
                    name: str | None = None) -> None:
        """Undo a merge (`new_id` was merged into `actor`), or, given documents, declare that in those documents
        `actor` means a different actor `new_id` (created with `name` when it does not exist)."""
        docs = sorted(set(docs or []))
        rows = self._query("SELECT id, name, type, country, merged_into FROM actors WHERE id = ?", [new_id])
        with self._tx():
            self._touch()
            if rows and rows[0]["merged_into"] == actor and not docs:
                self._exec("UPDATE actors SET merged_into = NULL, updated_at = ? WHERE id = ?", [utcnow(), new_id])
                self._add_review("actor", actor, "split", author, {"restored": new_id})
                self._reresolve({new_id} | self._override_raws({new_id}))
                return
            if not docs:
                raise ValueError(f"{new_id} was not merged into {actor}: name the documents to split off")
            base = self._query("SELECT name, type, country FROM actors WHERE id = ?", [actor])
            if not base:
                raise KeyError(f"no actor {actor}")
            if not rows:
                now = utcnow()
                self._exec("INSERT INTO actors (id, name, type, country, merged_into, recorded_at, updated_at) "
                           "VALUES (?, ?, ?, ?, NULL, ?, ?)",
                           [new_id, name or base[0]["name"], base[0]["type"], base[0]["country"], now, now])
            raws = {actor} | {r["id"] for r in self._query("SELECT id FROM actors WHERE merged_into = ?", [actor])}
            self._executemany("INSERT INTO actor_overrides (doc_id, raw_id, actor_id) VALUES (?, ?, ?) "
                              "ON CONFLICT (doc_id, raw_id) DO UPDATE SET actor_id = excluded.actor_id",
                              [[d, r, new_id] for d in docs for r in sorted(raws)])
            self._add_review("actor", actor, "split", author, {"into": new_id, "docs": docs})
            self._reresolve(raws, set(docs))

    def reviews(self, kind: str | None = None, target: str | None = None) -> list[dict]:
        where, params = [], []
        if kind:
            where.append("target_kind = ?"), params.append(kind)
        if target:
            where.append("target = ?"), params.append(target)
        rows = self._query(f"SELECT * FROM reviews WHERE {' AND '.join(where) or '1 = 1'} ORDER BY id", params)
        for r in rows:
            r["payload"] = json.loads(r["payload"]) if r["payload"] else None
        return rows

    # -- search, export, summary --------------------------------------------------------------------
    def search(self, text: str, limit: int = 50) -> dict[str, list]:
        """Actors whose name or alias contains the text, facts naming them, events whose summary contains it."""
        n = norm_name(text)
        like = f"%{n}%"
        ids = [r["actor_id"] for r in self._query(
            "SELECT DISTINCT actor_id FROM aliases WHERE norm LIKE ? ORDER BY actor_id LIMIT ?", [like, limit])]
        ids += [r["id"] for r in self._query("SELECT id FROM actors WHERE id LIKE ? ORDER BY id LIMIT ?",
                                            [f"%{n.replace(' ', '-')}%", limit])]
        resolve = self._resolver()
        actor_ids = sorted({resolve(i) for i in ids})
        events = self._events_from_rows(self._query(
            "SELECT * FROM events e WHERE LOWER(e.summary) LIKE ? ORDER BY e.d_earliest, e.event_key LIMIT ?",
            [f"%{text.lower()}%", limit]), False)
        return {"actors": list(self.actors(actor_ids).values()), "events": events}

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        if ids is None:
            rows = self._query("SELECT * FROM documents ORDER BY id")
        else:
            ids = sorted(set(ids))
            rows = self._query(f"SELECT * FROM documents WHERE id IN ({', '.join('?' * len(ids))}) ORDER BY id",
                               ids) if ids else []
        return [Document.model_validate({**(json.loads(r["extra"]) if r["extra"] else {}), "id": r["id"],
                                         "title": r["title"], "published": r["published"], "source": r["source"],
                                         "url": r["url"], "text": r["text"]}) for r in rows]

    def export_records(self, include_rejected: bool = False) -> Iterator[Document | Actor | Relation | Event]:
        """The whole store in the exchange format: documents, actors, fused facts with all evidence, events."""
        yield from self.documents()
        ids = [r["id"] for r in self._query("SELECT id FROM actors WHERE merged_into IS NULL ORDER BY id")]
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            yield from self.actors(chunk).values()
        for fact in self.iter_facts(include_rejected):
            yield fact.to_relation()
        keys = [r["event_key"] for r in self._query("SELECT event_key FROM events ORDER BY event_key")]
        for chunk in (keys[i:i + 500] for i in range(0, len(keys), 500)):
            marks = ", ".join("?" * len(chunk))
            yield from self._events_from_rows(
                self._query(f"SELECT * FROM events e WHERE event_key IN ({marks}) ORDER BY event_key", chunk),
                include_rejected)

    def counts(self) -> dict:
        one = lambda sql: self._query(sql)[0]["n"]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) AS n FROM documents"),
            "actors": one("SELECT COUNT(*) AS n FROM actors WHERE merged_into IS NULL"),
            "claims": one("SELECT COUNT(*) AS n FROM claims"),
            "relations": {r["predicate"]: r["n"] for r in self._query(
                "SELECT predicate, COUNT(*) AS n FROM facts GROUP BY predicate ORDER BY predicate")},
            "events": {r["type"]: r["n"] for r in self._query(
                "SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY type")},
            "reviews": one("SELECT COUNT(*) AS n FROM reviews"),
        }


@contextmanager
def nested(depth: list[int], begin, commit, rollback, execute):
    """Transactions that nest: the outermost begins and commits; an inner one is a savepoint, so an exception
    inside it undoes its own work only (and still propagates)."""
    if depth[0]:
        name = f"fg_sp{depth[0]}"
        execute(f"SAVEPOINT {name}")
        depth[0] += 1
        try:
            yield
        except BaseException:
            execute(f"ROLLBACK TO SAVEPOINT {name}")
            execute(f"RELEASE SAVEPOINT {name}")
            raise
        finally:
            depth[0] -= 1
        execute(f"RELEASE SAVEPOINT {name}")
        return
    depth[0] = 1
    begin()
    try:
        yield
    except BaseException:
        depth[0] = 0
        rollback()
        raise
    depth[0] = 0
    commit()
