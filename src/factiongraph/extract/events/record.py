"""Merged candidates to records: models.Event with its ACLED coding, summary, confidence and exact evidence."""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Span, Token

from ...models import Event, Evidence, Participant, TimeSpan
from .. import anchors
from ..acled import acled
from ..context import Context
from ..syntax import clause_head
from .candidates import Cand


def summary(tok: Token) -> str:
    clause = clause_head(tok, 6)
    sent = tok.sent
    lo, hi = max(clause.left_edge.i, sent.start), min(clause.right_edge.i + 1, sent.end)
    if hi - lo > 30:
        lo, hi = max(lo, tok.i - 12), min(hi, tok.i + 18)
    text = tok.doc[lo:hi].text.strip(" ,;:-\n")
    return re.sub(r"\s+", " ", text)


def confidence(ctx: Context, c: Cand, date: TimeSpan | None) -> float:
    conf = 0.5 + 0.15 * bool(c.named(ctx)) + 0.1 * (c.place is not None) + 0.1 * (date is not None)
    conf += 0.05 * (not c.nominal)
    if c.vague:
        conf = 0.3
    if c.type == "statement":
        conf -= 0.15
    return round(min(conf, 0.9), 2)


def records(ctx: Context, incidents: list[Cand]) -> Iterator[Event]:
    """One Event per merged incident, in the order told; ids are given by fg_facts."""
    doc = ctx.doc
    for c in incidents:
        date = c.date
        if date is None and (c.trigger.tag_ in ("VB", "VBD", "VBN", "VBZ", "VBP", "VBG") or c.nominal):
            date = anchors.recent_window(doc, summary(c.trigger)[:60])
        ptypes = {ctx.type_of(a) for a, r in c.participants if r == "perpetrator"}
        civil = any(ctx.type_of(a) == "population" for a, r in c.participants if r == "victim")
        evidence: list[Evidence] = []
        for s in c.sents:
            span = trimmed(s)
            if span is not None:
                evidence.append(anchors.evidence(doc, span))
        yield Event(id="e", type=c.type, date=date, place=c.place,
                    participants=[Participant(actor=a, role=r) for a, r in c.participants],
                    fatalities=c.fatalities, acled=acled(c.type, c.words, ptypes, civil),
                    summary=summary(c.trigger), confidence=confidence(ctx, c, date), evidence=evidence)


def trimmed(sent: Span) -> Span | None:
    toks = [t for t in sent if not t.is_space]
    return sent.doc[toks[0].i:toks[-1].i + 1] if toks else None
