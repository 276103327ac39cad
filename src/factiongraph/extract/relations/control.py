"""Control of places: 'X seized / took control of T' (from the verb rules), 'T (fell / remains) under the
control of Y', 'left T in the hands of Y', 'Y is in control of T'."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from ..context import Context
from ..syntax import prep_objects
from .ends import Found, actor, agent, np, subjects, unique, unique_spans
from .lexicon import GROUPS, HOLD_NOUNS, PLACE_NOUNS, SEATS
from .rules import nominal, on_lemmas


def place_of(ctx: Context, tok: Token) -> Span | None:
    """The place a token names: its own, or the name before a place noun ("the al-Qaryatain city", "Deir Ezzor
    city")."""
    span = ctx.place_at.get(tok.i)
    if span is None and tok.lemma_.lower() in PLACE_NOUNS:
        span = next((ctx.place_at[c.i] for c in tok.children if c.dep_ in ("compound", "nmod", "amod")
                     and c.i in ctx.place_at), None)
    return span


def place_control(ctx: Context, verb: Token, doers, objs: list[Token], lemma: str) -> Iterator[Found]:
    places = []
    for o in objs:
        if place_of(ctx, o) is not None:
            o_list = [o] + list(o.conjuncts)
        else:  # "took control of X", "the city of X", "the headquarters in X, Y and Z"
            o_list = [q for prep in ("of", "in") for p in prep_objects(o, prep) for q in [p, *p.conjuncts]]
            # "took control of the presidential palace in Kabul": the seat of power stands for its town
            seats = [p for p in [o, *o_list] if p.i not in ctx.place_at and p.lemma_.lower() in SEATS]
            o_list += [q for h in [*seats, verb] if seats for x in prep_objects(h, "in")
                       for q in [x, *x.conjuncts]]
        for p in o_list:
            span = place_of(ctx, p)
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
    places = [x for p in ofs for q in [p, *p.conjuncts] for x in [place_of(ctx, q)] if x is not None]
    if places and noun.lemma_.lower() == "control":
        holders = agent(ctx, noun.head.head)
    else:
        holders = [h for p in ofs for h in np(ctx, p)]
        host = noun.head.head
        cands = [host] if host.i in ctx.place_at else [c for c in host.children if c.dep_ in (
            "nsubj", "nsubjpass", "dobj")] if host.pos_ in ("VERB", "AUX") else []
        places = [x for c in cands for q in [c, *c.conjuncts] for x in [place_of(ctx, q)] if x is not None]
    for h in holders:
        if ctx.type_of(*h) in GROUPS:
            for p in unique_spans(places):
                yield Found(h, "controls", ("", p), noun, 0.7)


@on_lemmas(HOLD_NOUNS, order=170, when=nominal)
def stronghold_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'Deir Ezzor, a stronghold of X', 'the X bastion of Manbij', 'Idlib is a stronghold of X': the holder owns
    the place."""
    holders, places = [], []
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod"):
            h = actor(ctx, c)
            holders += [h] if h is not None else []
        if c.dep_ == "prep" and c.lower_ in ("of", "for"):
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                for q in [p, *p.conjuncts]:
                    span = place_of(ctx, q)
                    if span is not None:
                        places.append(span)
                    else:  # "a stronghold of the Daesh terror group"
                        holders += np(ctx, q) or [h for m in q.children if m.dep_ in ("compound", "amod", "nmod")
                                                  for h in [actor(ctx, m)] if h is not None]
    if noun.dep_ == "appos" or noun.dep_ == "conj" and noun.head.dep_ != "appos":
        span = place_of(ctx, noun.head)
        places += [span] if span is not None else []
    if noun.dep_ in ("attr", "appos") and not places:
        head = noun.head if noun.dep_ == "attr" else noun
        subs = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if noun.dep_ == "attr" else []
        places += [x for s in subs for q in [s, *s.conjuncts] for x in [place_of(ctx, q)] if x is not None]
    for h in unique(holders):
        if ctx.type_of(*h) not in GROUPS or ctx.type_of(*h) == "state":
            continue
        for p in unique_spans(places):
            yield Found(h, "controls", ("", p), noun, 0.65)
