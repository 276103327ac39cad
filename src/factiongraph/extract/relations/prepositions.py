"""Preposition rules: 'clashes between X and Y', 'Turkey within NATO', 'strikes against Y', 'X fought alongside Y',
'Colonel X of the Y Legion'."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ..context import Context
from ..syntax import objects, prep_objects
from .ends import Found, actor, agent, named_by, np, subjects
from .lexicon import CONFLICT_NOUNS, ROLES, VERBS
from .rules import on_words, prep


@on_words(("between",), order=20, when=prep)
def between_rules(ctx: Context, prep: Token) -> Iterator[Found]:
    """'fighting / clashes between X and Y' (rivals), 'an alliance / a pact between X and Y' (allies)."""
    head = prep.head.lemma_.lower()
    if head in CONFLICT_NOUNS or any(f[0] == "rival_of" for f in VERBS.get(head, [])):
        predicate = "rival_of"
    elif head in ("alliance", "cooperation", "partnership", "pact", "coordination", "rapprochement"):
        predicate = "allied_with"
    else:
        return
    sides = [h for p in prep.children if p.dep_ == "pobj" for h in np(ctx, p)]
    for i, a in enumerate(sides):
        for b in sides[i + 1:]:
            yield Found(a, predicate, b, prep, 0.7)


@on_words(("within",), order=30, when=prep)
def within_rules(ctx: Context, prep: Token) -> Iterator[Found]:
    """'Turkey within NATO', 'hardliners within the coalition': a part inside an alliance or organisation."""
    wholes = [h for p in prep.children if p.dep_ == "pobj" for h in np(ctx, p)
              if ctx.type_of(*h) in ("coalition", "international_org")]
    before = actor(ctx, ctx.doc[prep.i - 1]) if prep.i > 0 else None  # "working with Turkey within NATO"
    parts = [before] if before is not None else np(ctx, prep.head) if prep.head.pos_ in ("NOUN", "PROPN") else \
        subjects(ctx, prep.head)
    for part in parts if wholes else []:
        for w in wholes:
            yield Found(part, "member_of", w, prep, 0.6)


@on_words(("against",), order=40, when=prep)
def against_rules(ctx: Context, prep: Token) -> Iterator[Found]:
    """'X unite against Y', 'X's defences against Y', 'strikes against Y', 'artillery against Y': whoever is
    behind the phrase the preposition hangs on is fighting Y."""
    targets = [h for p in prep.children if p.dep_ == "pobj" for h in np(ctx, p) or [named_by(ctx, p)] if h]
    if not targets:
        return
    for s in agent(ctx, prep.head):
        for t in targets:
            yield Found(s, "rival_of", t, prep, 0.6)


@on_words(("alongside", "with"), order=50, when=lambda ctx, tok: prep(ctx, tok) and (
    tok.lower_ == "alongside" or tok.lower_ == "with" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "together"))
def alongside_rules(ctx: Context, prep: Token) -> Iterator[Found]:
    """'X fought alongside Y', 'X, together with Y, ...'; 'X belongs to / joined Z together with Y': Y is in Z too."""
    partners = [h for p in prep.children if p.dep_ == "pobj" for h in np(ctx, p)]
    if partners and prep.head.lemma_ in ("join", "rejoin", "belong"):
        wholes = [h for o in objects(prep.head) + prep_objects(prep.head, "to") for h in np(ctx, o)]
        for p in partners:
            for w in wholes:
                yield Found(p, "member_of", w, prep, 0.65)
        if wholes:
            return
    for s in agent(ctx, prep.head) if partners else []:
        for p in partners:
            yield Found(s, "allied_with", p, prep, 0.6)


MEMBER_GROUPS = {"armed_group", "political_group", "coalition", "state_force", "international_org"}


@on_words(("of",), order=60, when=prep)
def person_of_rules(ctx: Context, prep: Token) -> Iterator[Found]:
    """'Colonel X of the Y Legion', 'Abu Z of Jabhat al-Nusra': a named person of a group is its member."""
    person = actor(ctx, ctx.doc[prep.i - 1]) if prep.i > prep.sent.start else None
    if person is None or person[1].end != prep.i or ctx.type_of(*person) != "person":
        return
    start = person[1].start
    if start > 0 and ROLES.get(ctx.doc[start - 1].lemma_.lower(), ("member_of",))[0] == "leader_of":
        return  # "commander X of Y": the role rules read the office
    for p in prep.children:
        if p.dep_ != "pobj":
            continue
        group = actor(ctx, p)
        if group is not None and ctx.type_of(*group) in MEMBER_GROUPS:
            yield Found(person, "member_of", group, prep, 0.6)
