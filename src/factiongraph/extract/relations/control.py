"""Control of places: 'X seized / took control of T' (from the verb rules), 'T (fell / remains) under the
control of Y', 'left T in the hands of Y', 'Y is in control of T'."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ..context import Context
from ..syntax import prep_objects
from .ends import Found, agent, np, unique_spans
from .lexicon import GROUPS, SEATS
from .rules import nominal, on_lemmas


def place_control(ctx: Context, verb: Token, doers, objs: list[Token], lemma: str) -> Iterator[Found]:
    places = []
    for o in objs:
        if o.i in ctx.place_at:
            o_list = [o] + list(o.conjuncts)
        else:  # "took control of X", "the city of X", "the headquarters in X, Y and Z"
            o_list = [q for prep in ("of", "in") for p in prep_objects(o, prep) for q in [p, *p.conjuncts]]
            # "took control of the presidential palace in Kabul": the seat of power stands for its town
            seats = [p for p in [o, *o_list] if p.i not in ctx.place_at and p.lemma_.lower() in SEATS]
            o_list += [q for h in [*seats, verb] if seats for x in prep_objects(h, "in")
                       for q in [x, *x.conjuncts]]
        for p in o_list:
            span = ctx.place_at.get(p.i)
            if span is not None:
                places.append(span)
    for s in doers:
        if ctx.type_of(*s) not in GROUPS:
            continue
        for p in unique_spans(places):
            yield Found(s, "controls", ("", p), verb, 0.6 if lemma == "enter" else 0.8)


@on_lemmas(("control", "hand"), order=160, when=lambda ctx, tok: nominal(ctx, tok) and tok.dep_ == "pobj"
           and tok.head.lower_ in ("under", "in"))
def control_phrase(ctx: Context, noun: Token) -> Iterator[Found]:
    """'PLACE (fell / remains) under the control of Y', 'left PLACE in the hands of Y' and 'Y is in control of
    PLACE'."""
    if noun.lemma_.lower() == "hand" and (noun.head.lower_ != "in" or noun.tag_ != "NNS"):
        return
    ofs = prep_objects(noun, "of")
    places = [ctx.place_at[q.i] for p in ofs for q in [p, *p.conjuncts] if q.i in ctx.place_at]
    if places and noun.lemma_.lower() == "control":
        holders = agent(ctx, noun.head.head)
    else:
        holders = [h for p in ofs for h in np(ctx, p)]
        host = noun.head.head
        cands = [host] if host.i in ctx.place_at else [c for c in host.children if c.dep_ in (
            "nsubj", "nsubjpass", "dobj")] if host.pos_ in ("VERB", "AUX") else []
        places = [ctx.place_at[q.i] for c in cands for q in [c, *c.conjuncts] if q.i in ctx.place_at]
    for h in holders:
        if ctx.type_of(*h) in GROUPS:
            for p in unique_spans(places):
                yield Found(h, "controls", ("", p), noun, 0.7)
