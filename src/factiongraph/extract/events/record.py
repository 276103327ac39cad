"""Merged candidates to records: models.Event with its ACLED coding, summary, confidence and exact evidence."""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Span, Token

from ...models import Event, Evidence, Participant, TimeSpan
from .. import anchors
from ..acled import coded
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
                    fatalities=c.fatalities, acled=coded(c.type, c.words, ptypes, civil, _text(c)),
                    summary=summary(c.trigger), confidence=confidence(ctx, c, date), evidence=evidence)


def _text(c: Cand, reach: int = 1) -> str:
    """What the typer reads: the sentences that tell the incident and the `reach` sentences either side of each
    within its paragraph (the next sentence often says who was hit, how, and the toll), in the order told."""
    doc = c.trigger.doc
    sents = list(doc.sents)
    index = {s.start: n for n, s in enumerate(sents)}
    keep: set[int] = set()
    for s in c.sents:
        n = index[s.start]
        for m in range(max(0, n - reach), min(len(sents), n + reach + 1)):
            lo, hi = sorted((n, m))
            if "\n\n" not in doc.text[sents[lo].start_char:sents[hi].end_char].strip():
                keep.add(m)
    return " ".join(sents[n].text.strip() for n in sorted(keep))


def trimmed(sent: Span) -> Span | None:
    toks = [t for t in sent if not t.is_space]
    return sent.doc[toks[0].i:toks[-1].i + 1] if toks else None
