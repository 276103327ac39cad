"""Relation nouns and their phrases: "Y's rival X", "X, an affiliate of Y", "X's ties with Y", "a coalition of A and
B", "X's campaign against Y", "the defeat of Y", "support for Y", "part of Y", "loyal to Y", "defections from Y"."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from ..context import Context
from ..syntax import clause_head, former, objects, prep_objects
from .ends import (Found, actor, agent, formation_near, group_or_leaders, holders_of, named_by, np, owner, salient,
                   subjects, unique)
from .lexicon import COMPOSITE, CONFLICT_NOUNS, DEFEAT_NOUNS, FOUNDING, REL_NOUNS, ROLES, TIE_NOUNS
from .rules import nominal, on_lemmas


@on_lemmas(REL_NOUNS, order=70, when=nominal)
def relnoun_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    predicate = REL_NOUNS[noun.lemma_.lower()]
    if noun.lower_ == "breakaway" and noun.dep_ == "amod":
        noun = noun.head
    owners = owner(ctx, noun)
    if noun.dep_ == "conj" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        # "the regime and its Russian ally": the pronoun is the conjunct before it
        owners = [h for h in [actor(ctx, noun.head)] if h is not None] or owners
    holders = [h for h in holders_of(ctx, noun) if h[0] not in {o[0] for o in owners}]
    if not holders and owners:  # "its Russian ally", "Y's Iranian allies": the modifier names the holder
        holders = [h for c in noun.children if c.dep_ in ("amod", "compound") for h in [actor(ctx, c)]
                   if h is not None and h[0] not in {o[0] for o in owners}]
    # "Y's rival X" names both; "X defeated its rival" names the holder through the clause
    if not holders and noun.dep_ in ("dobj", "pobj") and predicate in ("rival_of", "allied_with"):
        holders = subjects(ctx, clause_head(noun))
    was_former = former(noun)
    for h in holders:
        for o in owners:
            if predicate == "allied_with" and noun.lemma_.lower() == "partner" and ctx.type_of(*o) == "coalition":
                yield Found(h, "member_of", o, noun, 0.65)  # "Coalition partners such as X" are its members
            elif predicate == "renamed_to_rev":
                yield Found(o, "renamed_to", h, noun, 0.6, timed=False)
            else:
                yield Found(h, predicate, o, noun, 0.65, former=was_former)


@on_lemmas(TIE_NOUNS, order=80, when=nominal)
def tie_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'the links of X to Y', "X's ties with Y", 'X's allegiance to Y'."""
    holders = []
    for c in noun.children:
        if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of":
            holders.extend(np(ctx, c) if c.dep_ == "poss" else [h for p in c.children if p.dep_ == "pobj"
                                                                for h in np(ctx, p)])
    if noun.head.lemma_ in ("cut", "sever", "break", "end", "deny", "renounce", "reject"):
        return
    if not holders and noun.lemma_ in ("allegiance", "loyalty"):
        holders = agent(ctx, noun)
    targets = []
    for host in (noun, noun.head):
        for c in host.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                targets.extend(h for p in c.children if p.dep_ == "pobj"
                               for h in group_or_leaders(ctx, p, "affiliated_with"))
        if targets:
            break
    for h in holders:
        for t in targets:
            yield Found(h, "affiliated_with", t, noun, 0.65)


@on_lemmas(COMPOSITE, order=90, when=nominal)
def composite_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'X was a coalition of groups including A, B and C', 'X, an alliance of A and B', 'the A-B alliance'."""
    members = []
    for p in prep_objects(noun, "of"):
        members.extend(np(ctx, p))
    if noun.lower_ == "umbrella" and not members:
        for p in prep_objects(noun.head, "of"):
            members.extend(np(ctx, p))
    if not members:
        return
    containers = holders_of(ctx, noun if noun.lower_ != "umbrella" else noun.head)
    if not containers:
        h = actor(ctx, noun)
        containers = [h] if h is not None else []
    fnd = formation_near(noun)
    attrs = {"founding": True} if fnd is not None and fnd.lemma_ in FOUNDING else {}
    for c in containers:
        for m in members:
            if m[0] != c[0]:
                yield Found(m, "member_of", c, noun, 0.75, dict(attrs), founding_tok=fnd)


@on_lemmas(CONFLICT_NOUNS, order=100, when=nominal)
def conflict_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'X's campaign against Y', 'Coalition forces conducted strikes against Y'."""
    targets = [h for p in prep_objects(noun, "against") + prep_objects(noun, "on")
               for h in np(ctx, p) or [named_by(ctx, p)] if h]
    if not targets:
        return
    actors = owner(ctx, noun)
    if not actors and noun.dep_ in ("dobj", "attr"):
        actors = subjects(ctx, noun.head)
    for a in actors:
        for t in targets:
            yield Found(a, "rival_of", t, noun, 0.65)


@on_lemmas(DEFEAT_NOUNS, order=110, when=nominal)
def defeat_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'to enable the defeat of ISIL', "the coalition's destruction of X": whoever brings it about fights X."""
    targets = [h for p in prep_objects(noun, "of") for h in np(ctx, p)]
    for a in agent(ctx, noun) if targets else []:
        for t in targets:
            yield Found(a, "rival_of", t, noun, 0.6)


@on_lemmas(("support", "backing", "help"), order=120, when=nominal)
def support_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'in support of Y', "the UK's support for Y", 'aided by support from Y' (allies either way round)."""
    for prep in ("of", "for", "to", "from"):
        for p in prep_objects(noun, prep):
            backed = np(ctx, p)
            for s in agent(ctx, noun):
                for b in backed:
                    yield Found(s, "allied_with", b, noun, 0.6)


@on_lemmas(("part",), order=130, when=nominal)
def part_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'X, as part of Y' / 'X is part of Y' / 'X became part of Y'."""
    wholes = [h for p in prep_objects(noun, "of") for h in np(ctx, p)]
    if not wholes:
        return
    if noun.dep_ in ("attr", "oprd"):
        parts = subjects(ctx, noun.head)
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as":
        parts = agent(ctx, noun.head.head)
    elif noun.dep_ == "appos":  # "the Syrian Arab Coalition, part of the SDF"
        parts = np(ctx, noun.head)
    else:
        parts = [h for c in noun.children if c.dep_ == "appos" for h in np(ctx, c)]
    for a in parts:
        for w in wholes:
            yield Found(a, "member_of", w, noun, 0.6)


@on_lemmas(("loyal", "loyalist", "faithful", "subordinate"), order=140,
           when=lambda ctx, tok: nominal(ctx, tok) and tok.pos_ == "ADJ")
def loyal_rules(ctx: Context, adj: Token) -> Iterator[Found]:
    """'X, loyal to Y' / 'X is loyal to Y': a group loyal to a group is affiliated, to a person is led by him."""
    targets = [h for p in prep_objects(adj, "to") for h in np(ctx, p)]
    if not targets:
        return
    if adj.dep_ in ("acomp", "attr"):
        holders = subjects(ctx, adj.head)
    elif adj.dep_ in ("amod", "appos", "acl"):
        holders = np(ctx, adj.head)
    else:
        holders = []
    for h in holders:
        if ctx.type_of(*h) == "person":
            continue
        for t in targets:
            if ctx.type_of(*t) == "person":
                yield Found(t, "leader_of", h, adj, 0.55)
            else:
                yield Found(h, "affiliated_with", t, adj, 0.65)


@on_lemmas(("defection", "desertion"), order=150, when=nominal)
def defection_rules(ctx: Context, noun: Token) -> Iterator[Found]:
    """'defections from leading clerics such as A and B have hit the group', "the group's defection"."""
    host = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else noun
    froms = prep_objects(noun, "from") + (prep_objects(host, "from") if host is not noun else [])
    leavers, role_nouns, left = [], [], []
    for p in froms:
        hits = np(ctx, p)
        if actor(ctx, p) is None and p.lemma_.lower() in ROLES:
            leavers.extend(hits)
            role_nouns.append(p)
        elif any(ctx.type_of(*h) == "person" for h in hits):
            leavers.extend(hits)
        else:
            left.extend(hits)
    for c in noun.children:
        if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of":
            leavers.extend(np(ctx, c) if c.dep_ == "poss" else [h for p in c.children for h in np(ctx, p)])
    if host is not noun and not left:
        left = [h for o in objects(host) for h in np(ctx, o)]
    leavers = unique(leavers)
    if not leavers:
        return
    if not left:
        s = salient(ctx, noun.i, {h[0] for h in leavers})
        left = [s] if s is not None else []
    role = role_nouns[0].lemma_.lower() if role_nouns else None
    for h in leavers:
        for o in left:
            yield Found(h, "left", o, noun, 0.7, {"mode": "defected"})
            if role in ("cleric", "commander", "leader", "official", "member", "fighter"):
                yield Found(h, "member_of", o, noun, 0.5, {"role": role})
