"""Fusion of claims into a fact, as pure functions: the span all claims agree on, evidence merged, confidence
combined over independent documents, reviews applied. No database: the store calls these with claims it read."""
from __future__ import annotations

import json
from typing import Iterable, Sequence

from ..models import TimeSpan
from .records import Claim, Fact, fact_id_of


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
