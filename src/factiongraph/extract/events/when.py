"""When an incident happened: the date of the trigger's clause, else of its sentence, else of its paragraph's
lead; "two days later" counts on from the date borrowed; dates of speech and of asides date something else."""
from __future__ import annotations

from datetime import timedelta

from spacy.tokens import Span, Token

from ...models import TimeSpan
from ..context import Context
from ..syntax import clause_head, in_subtree
from .fatalities import number
from .lexicon import SPEECH, WORDNUM


def dates_in(ctx: Context, window: Span, tok: Token) -> TimeSpan | None:
    inside = [(s, t) for s, t in ctx.dates if window.start <= s.start and s.end <= window.end and
              not _report_date(s, tok)]
    t = tok
    for _ in range(6):  # "since June 2018, when X was killed": the clause hangs on its date
        hit = [st for st in inside if st[0].start <= t.i < st[0].end]
        if hit and t.i != tok.i:
            return hit[0][1]
        if t.head.i == t.i:
            break
        t = t.head
    inside = [(s, t) for s, t in inside if not _aside(s.root, tok)]
    if not inside:
        return None
    clause = clause_head(tok, 6)
    for root in (tok, clause):
        hits = [(s, t) for s, t in inside if in_subtree(s, root)]
        if hits:
            return min(hits, key=lambda st: abs(st[0].start - tok.i))[1]
    return min(inside, key=lambda st: min(abs(st[0].start - tok.i), abs(st[0].end - 1 - tok.i)))[1]


def date_for(ctx: Context, tok: Token) -> TimeSpan | None:
    """The date of the trigger's clause, else of its sentence, else of its paragraph's first sentence; "two days
    later" or "the next day" in a clause without a date of its own counts on from the date borrowed."""
    found = dates_in(ctx, ctx.window(tok), tok)
    if found is None and _that_day(clause_head(tok, 6)):
        return _last_day_before(ctx, tok)
    if found is None:
        first = _paragraph_lead(ctx, tok)
        if first is not None and first.start != tok.sent.start:
            found = dates_in(ctx, first, first.root)
    clause = clause_head(tok, 6)
    days = _days_on(clause)
    if found is None or not days or found.precision != "day" or \
            any(in_subtree(s, clause) for s, _ in ctx.dates if s.sent.start == tok.sent.start):
        return found
    day = (found.start_date + timedelta(days=days)).isoformat()
    return TimeSpan(earliest=day, latest=day, precision="day", text=f"{found.text} + {days} days")


def _that_day(clause: Token) -> bool:
    """"On that day", "the same day": the day last told."""
    return any(g.lemma_.lower() == "day" and any(d.lower_ in ("that", "same") for d in g.children)
               for c in clause.children if c.dep_ in ("prep", "npadvmod") for g in c.subtree)


def _last_day_before(ctx: Context, tok: Token) -> TimeSpan | None:
    days = [t for s, t in ctx.dates if s.end <= tok.sent.start and t.precision == "day"]
    return days[-1] if days else None


def _days_on(clause: Token) -> int:
    """Days a clause counts on from the date before it: "two days later" 2, "the following day" 1, "a day earlier" -1."""
    for c in clause.children:
        if c.dep_ == "advmod" and c.lower_ in ("later", "earlier", "after", "before"):
            sign = 1 if c.lower_ in ("later", "after") else -1
            for n in c.children:
                if n.dep_ == "npadvmod" and n.lemma_.lower() == "day":
                    k = next((number(g) or WORDNUM.get(g.lower_) for g in n.children if g.dep_ in ("nummod", "det")
                              and (g.like_num or g.lower_ in WORDNUM)), None)
                    return sign * (k or 1)
        if c.dep_ == "npadvmod" and c.lemma_.lower() == "day" and \
                any(g.lower_ in ("following", "next") for g in c.children):
            return 1
    return 0


def _paragraph_lead(ctx: Context, tok: Token) -> Span | None:
    """The first sentence of the trigger's paragraph (paragraphs end at a blank line)."""
    doc = tok.doc
    start = ctx.text.rfind("\n\n", 0, tok.idx)
    if start < 0:
        return None
    lead = doc.char_span(start, start + 2, alignment_mode="expand")
    if lead is None or lead.end >= len(doc):
        return None
    first = doc[min(lead.end, len(doc) - 1)].sent
    return first if first.start <= tok.i else None


def _report_date(span: Span, tok: Token) -> bool:
    """A date on a speech verb dates the report, not what it reports ("..., the minister said on Monday")."""
    head = span.root
    while head.dep_ in ("pobj", "prep", "npadvmod", "compound", "nmod") and head.head.i != head.i:
        head = head.head
    return head.i != tok.i and head.lemma_.lower() in SPEECH and head.pos_ == "VERB"


def _aside(date_tok: Token, tok: Token) -> bool:
    """A date inside a relative clause, apposition or 'since' phrase that does not hold the trigger dates
    something else ("Rwanda, which ... since 1994, denies ...")."""
    t = date_tok
    for _ in range(8):
        if t.dep_ in ("relcl", "acl") and t.head.i == tok.i:
            return False  # "a truck bomb that devastated a junction on Saturday": the clause tells the trigger's own
        if t.lower_ == "since" or t.dep_ in ("relcl", "appos", "acl", "parataxis", "advcl", "ccomp", "conj") and \
                not (t.left_edge.i <= tok.i <= t.right_edge.i):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False
