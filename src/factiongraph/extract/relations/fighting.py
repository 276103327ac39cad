"""Sides named as modifiers of one noun: 'the Iran-Iraq war', 'Kurdish-regime clashes' (rivals), 'a US-Iraq
partnership', 'joint UPDF-FARDC operations' (allies), and 'Syrian and Russian jets bombed T' (two states' forces
acting as one: allies)."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ..context import Context
from .ends import Found, actor, unique
from .lexicon import ALLIANCE_NOUNS, CONFLICT_NOUNS, RECIPROCAL, STAND_INS
from .rules import on_lemmas

PAIR_NOUNS = CONFLICT_NOUNS | ALLIANCE_NOUNS
# conflict nouns for a fight between the two sides; the others ("UPDF-FARDC operations") are joint actions
BETWEEN_SIDES = {"fighting", "clash", "battle", "war", "conflict", "hostility", "confrontation", "skirmish",
                 "rivalry", "feud", "infighting", "fight", "struggle", "tension", "dispute"}


def _modifier_actors(ctx: Context, noun: Token) -> list[tuple[str, object]]:
    """The actors named in the compound and adjective modifiers before a noun, in order ("Iran-Iraq")."""
    out = []
    for t in noun.doc[noun.left_edge.i:noun.i]:
        h = actor(ctx, t)
        if h is not None and h[1].end <= noun.i:
            out.append(h)
    return unique(out)


@on_lemmas(PAIR_NOUNS, order=105)
def pair_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'the Iran-Iraq war', 'YPG-regime fighting', 'the US-Iraq partnership': two sides joined by a hyphen
    before the noun (a mention that swallows the noun, 'Iraq War', names something else)."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return
    lo, hi = noun.left_edge.i, noun.i
    if not any(noun.doc[i].text in ("-", "–", "/") for i in range(lo, hi)):
        return
    sides = _modifier_actors(ctx, noun)
    if len(sides) != 2:
        return
    a, b = sides
    between = noun.doc[a[1].end:b[1].start]
    if not (len(between) == 1 and between[0].text in ("-", "–", "/")):
        return
    predicate = "rival_of" if noun.lemma_.lower() in BETWEEN_SIDES else "allied_with"
    yield Found(a, predicate, b, noun, 0.7)


@on_lemmas(STAND_INS, order=106, when=lambda ctx, tok: tok.pos_ == "NOUN" and tok.tag_ == "NNS")
def joint_force_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'Syrian and Russian jets bombed T', 'raids by Russian and Syrian aircraft': one plural force noun with
    two states' modifiers acting together is a joint action of allies (fighting each other is no alliance)."""
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    sides = unique([h for m in mods for t in (m, *m.conjuncts) for h in [actor(ctx, t)] if h is not None])
    if len(sides) != 2:
        return
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("between", "with", "against") or head.lemma_.lower() in RECIPROCAL:
        return
    if noun.dep_ not in ("nsubj", "nsubjpass", "pobj", "dobj", "conj", "appos"):
        return
    a, b = sides
    if ctx.type_of(*a) in ("state", "state_force") and ctx.type_of(*b) in ("state", "state_force"):
        yield Found(a, "allied_with", b, noun, 0.6)
