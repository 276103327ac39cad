"""What the store keeps, as Python values: claims (one document's statement of a relation) and fused facts,
their ids and keys, and how they map to and from table rows."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from anyascii import anyascii

from ..models import SYMMETRIC, Evidence, Relation, TimeSpan
from ..timeutil import parse_partial_iso


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
