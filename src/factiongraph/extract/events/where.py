"""Where an incident happened: the places of the trigger's phrase, its subject or its clause, else the nearest
place in its sentence that no other trigger's phrase holds."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...models import Place
from ..context import Context
from ..syntax import clause_head, in_subtree, spans_coordinated, subject_tokens

# the towns or provinces of a country a report names for "in <country>" to place nothing
FINER_PLACES = 3


def place_for(ctx: Context, tok: Token, others: list[Token]) -> list[tuple[Place, Span]]:
    """Places of the trigger: in its own phrase, its subject ("towns such as A and B continue to protest"),
    its clause, else the nearest in the sentence that no other trigger's phrase holds (`others`: the triggers of
    the sentence). Coordinated towns come back together, one event each."""
    inside = [(p, s) for s, p in ctx.sites_in(ctx.window(tok))]
    if not inside:
        return []
    roots = [tok, *subject_tokens(tok)] if tok.pos_ == "VERB" else [tok]
    hits = [(p, s) for p, s in inside if any(in_subtree(s, r) for r in roots)]
    if not hits:
        clause = clause_head(tok, 6)
        free = [(p, s) for p, s in inside if not any(_held(s, o, tok, clause) for o in others)]
        hits = [(p, s) for p, s in free if in_subtree(s, clause)] or \
            ([min(free, key=lambda ps: abs(ps[1].start - tok.i))] if free else [])
    if not hits:
        return []
    best = _finest(hits)
    if best[0].feature == "country" and _located_finer(ctx, best[0]):
        return []  # "in Syria" of a report that places its incidents in Syria's towns: none of them
    if best[0].feature in ("country", "border"):
        return [best]  # towns, districts and provinces make one event each; a list of countries is one event
    return [best] + [(p, s) for p, s in hits if s is not best[1] and spans_coordinated(s, best[1])
                     and p.feature == best[0].feature]


def _located_finer(ctx: Context, country: Place) -> bool:
    """The report names towns or provinces of the country in several places: a deed set only "in Syria" is
    not placed by it (the country's point is its capital, which would place it wrongly)."""
    finer = {p.name for p in (ctx.doc._.fg_places or {}).values()
             if p.country == country.country and p.feature in ("city", "admin1", "admin2", "region")}
    return len(finer) >= FINER_PLACES


def _held(span: Span, other: Token, tok: Token, clause: Token) -> bool:
    """The place belongs to another trigger's phrase: one beside the trigger, or one whose clause holds the
    trigger's clause ("took Menaka, while the army said it had arrested 30": Menaka is the taking's)."""
    if not in_subtree(span, other) or other.i == tok.i or in_subtree(other.doc[other.i:other.i + 1], tok):
        return False
    if not in_subtree(tok.doc[tok.i:tok.i + 1], other):
        return True
    if clause.dep_ == "conj" and clause.head.i == other.i or \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False  # "clashed in Aden, and the army carried out airstrikes", "seizing X after days of fighting"
    return not in_subtree(span, clause)


def _finest(hits: list[tuple[Place, Span]]) -> tuple[Place, Span]:
    order = {"city": 0, "border": 1, "admin2": 2, "other": 3, "admin1": 4, "region": 5, "country": 6}
    return min(hits, key=lambda ps: (order.get(ps[0].feature, 3), ps[1].start))
