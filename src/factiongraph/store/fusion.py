"""Fusion of claims into a fact, as pure functions without a database.

A fact is `finish`ed from a summary of its claims (`summarize`), per polarity (asserting, denying): how many
documents and sources, the first of them by id, the product of the sources' doubts, the first value of each
attribute, the first publication day and a summary of each span (intersection, narrowest and most confident
span, the first dates given). The summary's size does not grow with the claims: the store keeps it beside each
fact (JSON), with each source's confidence in a table, so that a new document's claims are `absorb`ed in time
proportional to them. The result equals fusing all claims again (tests/test_store_fusion.py checks it).

A source is a document, or the story a document copies (`Claim.story`): copies of one story count once.
Lists in contradictions name the first LISTED documents or dates and how many more there are.
"""
from __future__ import annotations

import bisect
import json
from datetime import date
from typing import Iterable, Sequence

from ..models import TimeSpan
from .records import Claim, Fact, _stored_span, fact_id_of

LISTED = 20

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




def _span_entry(span: TimeSpan, confidence: float) -> list:
    days = (date.fromisoformat(span.latest) - date.fromisoformat(span.earliest)).days
    return [span.earliest, span.latest, span.precision, span.text, confidence, days]


def _span_summary(claims: list[Claim], attr: str) -> list | None:
    """[lo, hi, narrowest, most confident, the first LISTED "doc: dates", how many] over the claims that give
    this span, in claim order; ties go to the first claim."""
    dated = [(getattr(c, attr), c) for c in claims if getattr(c, attr) is not None]
    if not dated:
        return None
    entries = [_span_entry(sp, c.confidence) for sp, c in dated]
    return [max(sp.earliest for sp, _ in dated), min(sp.latest for sp, _ in dated),
            min(entries, key=lambda e: (e[5], -e[4])), max(entries, key=lambda e: (e[4], -e[5])),
            [f"{c.doc_id}: {sp.earliest}..{sp.latest}" for sp, c in dated[:LISTED]], len(dated)]


def _merge_span(a: list | None, b: list | None) -> list | None:
    """The summary of a's claims followed by b's."""
    if a is None or b is None:
        return a or b
    narrow = b[2] if (b[2][5], -b[2][4]) < (a[2][5], -a[2][4]) else a[2]
    best = b[3] if (b[3][4], -b[3][5]) > (a[3][4], -a[3][5]) else a[3]
    return [max(a[0], b[0]), min(a[1], b[1]), narrow, best, (a[4] + b[4])[:LISTED], a[5] + b[5]]


def _listed(items: list[str], n: int, sep: str) -> str:
    return sep.join(items) + (f"{sep}and {n - len(items)} more" if n > len(items) else "")


def _finish_span(summary: list | None, attr: str) -> tuple[TimeSpan | None, str | None]:
    """The span all claims agree on (their intersection); when they disagree, the most confident one's span
    and a description of the disagreement."""
    if summary is None:
        return None, None
    lo, hi, narrow, best, listed, n = summary
    if lo <= hi:
        if (lo, hi) == (narrow[0], narrow[1]):
            return _stored_span(*narrow[:4]), None
        return TimeSpan(earliest=lo, latest=hi, precision=narrow[2], text=narrow[3]), None
    return _stored_span(*best[:4]), f"{attr} dates disagree ({_listed(listed, n, '; ')})"


def sources_of(claims: list[Claim]) -> dict[str, float]:
    """Each source's most confident claim, in order of first appearance."""
    per_source: dict[str, float] = {}
    for c in claims:
        k = c.story or c.doc_id
        per_source[k] = max(per_source.get(k, 0.0), c.confidence)
    return per_source


def _side(claims: list[Claim]) -> dict | None:
    """The summary of the claims of one polarity, in claim order."""
    if not claims:
        return None
    docs = sorted({c.doc_id for c in claims})
    per_source = sources_of(claims)
    p = 1.0
    for conf in per_source.values():
        p *= 1.0 - conf
    attributes: dict = {}
    for c in claims:
        for k, v in c.attributes.items():
            if k != "negated":
                attributes.setdefault(k, v)
    days = [d for c in claims if (d := c.reported_by())]
    return {"docs": docs[:LISTED], "n": len(docs), "sources": len(per_source), "p": p, "attrs": attributes,
            "first": min(days) if days else None, "start": _span_summary(claims, "start"),
            "end": _span_summary(claims, "end")}


def _merge_side(a: dict | None, b: dict | None, conf: float, counted: float | None) -> dict | None:
    """a's summary followed by b's, one new document's of confidence `conf`; `counted`: the confidence a's
    claims already give b's source, if any. None when that cannot be exact: b raises it (its doubt would have
    to be divided out)."""
    if a is None or b is None:
        return a or b
    p, sources = a["p"], a["sources"]
    if counted is None:
        p, sources = p * b["p"], sources + 1
    elif conf > counted:
        return None
    attributes = dict(a["attrs"])
    for k, v in b["attrs"].items():
        attributes.setdefault(k, v)
    docs = list(a["docs"])
    for d in b["docs"]:
        bisect.insort(docs, d)
    firsts = [d for d in (a["first"], b["first"]) if d]
    return {"docs": docs[:LISTED], "n": a["n"] + b["n"], "sources": sources, "p": p, "attrs": attributes,
            "first": min(firsts) if firsts else None, "start": _merge_span(a["start"], b["start"]),
            "end": _merge_span(a["end"], b["end"])}


def summarize(claims: list[Claim]) -> dict:
    """What `finish` needs of a fact's claims, and what `absorb` extends; JSON-ready, of bounded size."""
    times = [c.recorded_at for c in claims]
    foreign = sorted({str(ev.get("doc")) for c in claims for ev in c.evidence if ev.get("doc") != c.doc_id})
    return {"a": _side([c for c in claims if not c.negated]), "d": _side([c for c in claims if c.negated]),
            "recorded": min(times), "updated": max(times), "foreign": foreign}


def absorbable(summary: dict, doc_id: str, claims: list[Claim]) -> bool:
    """Whether one new document's claims (the document has none in the fact yet) can be absorbed: its evidence
    cites itself only, and no claim already merged cites it, so none of its spans can repeat one merged."""
    return doc_id not in summary["foreign"] and all(
        c.doc_id == doc_id and all(ev.get("doc") == doc_id for ev in c.evidence) for c in claims)


def absorb(summary: dict, claims: list[Claim], counted: dict[str, float | None]) -> dict | None:
    """The summary of the fact's claims followed by one new document's (see `absorbable`), or None when only a
    full re-fusion is exact. `counted`: by polarity ("a", "d"), the confidence the fact's claims already give
    the document's source (its story), or None."""
    new = summarize(claims)
    sides = {}
    for k in ("a", "d"):
        mine = sources_of([c for c in claims if c.negated == (k == "d")])
        sides[k] = _merge_side(summary[k], new[k], max(mine.values(), default=0.0), counted.get(k))
        if sides[k] is None and (summary[k] or new[k]):
            return None
    return {**sides, "recorded": min(summary["recorded"], new["recorded"]),
            "updated": max(summary["updated"], new["updated"]), "foreign": summary["foreign"]}


def finish(key: tuple[str, str, str], summary: dict, evidence: list[dict] | str, reviews: Sequence[dict] = (),
           claims: list[Claim] | None = None, documents: list[str] | None = None) -> Fact:
    """The fact of a summary, with its merged evidence (a list, or its stored JSON) and documents, reviews
    applied in order."""
    asserting, denying = summary["a"], summary["d"]
    basis = asserting or denying
    start, start_conflict = _finish_span(basis["start"], "start")
    end, end_conflict = _finish_span(basis["end"], "end")
    contradictions = [x for x in (start_conflict, end_conflict) if x]
    if asserting and denying:
        contradictions.append("denied by " + _listed(denying["docs"], denying["n"], ", ")
                              + "; asserted by " + _listed(asserting["docs"], asserting["n"], ", "))
    fact = Fact(fact_id=fact_id_of(key), subject=key[0], predicate=key[1], object=key[2], start=start, end=end,
                attributes=dict(basis["attrs"]), confidence=1.0 - basis["p"], sources=basis["sources"],
                negated=not asserting, claims=claims, contradictions=contradictions,
                recorded_at=summary["recorded"], updated_at=summary["updated"], documents=documents or [],
                first_reported=asserting["first"] if asserting else None, stored_evidence=evidence)
    for r in reviews:
        apply_review(fact, r)
    return fact


def fuse(key: tuple[str, str, str], claims: list[Claim], reviews: Sequence[dict] = ()) -> Fact:
    """All claims of a fact fused at once."""
    return finish(key, summarize(claims), merged_evidence(claims), reviews, claims,
                  sorted({c.doc_id for c in claims}))


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
