"""What the workbench shows of one actor and of one document: the bars of an actor's Gantt chart (each state
fact from its start to what ended it by `validity`'s rules, both ends as spans), a document's facts at their
exact spans, and the sentence around any source span."""
from __future__ import annotations

import re

from ..models import CHANGE_PREDICATES
from ..store import Fact, Store
from .queries import fact_summary, validity_for

BAR_PREDICATES = ("member_of", "leader_of", "allied_with", "rival_of", "affiliated_with", "controls")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n\s*\n")


def bars(store: Store, actor: str) -> tuple[list[dict], list[dict]]:
    """The actor's state facts as Gantt bars, and its changes (left, renamed, merged...) as milestones."""
    facts = [f for f in store.facts(actor=actor, claims=False) if not f.negated]
    rules = validity_for(store, facts)
    others = {f.object if f.subject == actor else f.subject for f in facts}
    names = {a.id: a.name for a in store.actors(others).values()}
    out = []
    for f in facts:
        if f.predicate not in BAR_PREDICATES:
            continue
        ending = rules.ended_by(f)
        end, ended_by = (ending.span, ending.source) if ending else (None, None)
        other = f.object if f.subject == actor else f.subject
        out.append({"fact_id": f.fact_id, "predicate": f.predicate, "subject": f.subject, "object": f.object,
                    "other": other, "other_name": names.get(other, other),
                    "start": f.start.to_dict() if f.start else None, "end": end, "ended_by": ended_by,
                    "ended_because": ending.reason if ending else None,
                    "confidence": round(f.confidence, 4), "sources": f.sources, "status": f.status,
                    "contradicted": bool(f.contradictions)})
    out.sort(key=lambda b: (BAR_PREDICATES.index(b["predicate"]), (b["start"] or {}).get("earliest") or "",
                            b["other_name"].lower()))
    changes = [fact_summary(f) for f in facts if f.predicate in CHANGE_PREDICATES]
    return out, sorted(changes, key=lambda c: ((c["start"] or {}).get("earliest") or "9999", c["fact_id"]))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) holding text[start:end]: from the end of the sentence before to the end
    of the last one the span touches."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, max(end - 1, lo))
    hi = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else len(text))
    while hi < len(text) and text[hi] in "\"'\u201d\u2019)":
        hi += 1
    return lo, max(hi, end)


def annotations(store: Store, doc_id: str) -> list[dict]:
    """Every fact and event extracted from a document, one entry per source span, in text order."""
    out = []
    for c in store.document_claims(doc_id):
        label = f"{c['subject']} {c['predicate']} {c['object']}" + (" (denied)" if c["negated"] else "")
        for ev in c["evidence"]:
            if ev.get("doc", doc_id) == doc_id:
                out.append({"kind": "fact", "id": c["fact_id"], "label": label, "char_start": ev["char_start"],
                            "char_end": ev["char_end"], "text": ev["text"], "confidence": c["confidence"],
                            "status": c["status"]})
    for e in store.events(doc_id=doc_id, include_rejected=True):
        for ev in e.evidence:
            out.append({"kind": "event", "id": e.event_key, "label": f"{e.type}: {e.summary or ''}",
                        "char_start": ev.char_start, "char_end": ev.char_end, "text": ev.text,
                        "confidence": e.confidence, "status": e.status})
    return sorted(out, key=lambda a: (a["char_start"], -a["char_end"], a["kind"], a["id"]))
