"""Verb rules: a verb of the lexicon's VERBS table ("defected from", "joined", "backed", "seized") and its frames
(predicate, preposition, attributes) give the relation; subject, object, passive agent and prepositional
objects give its ends."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Span, Token

from ..context import Context
from ..syntax import former, lemma_of, objects, own_subject, passive, prep_objects
from .control import place_control
from .ends import (Found, actor, agent, antecedent, formation_near, group_or_leaders, np, owner, purpose_partners,
                   salient, subjects, unique)
from .lexicon import LEAD_VERBS, PARTITIVE, RECIPROCAL, VERBS
from .rules import headline_verb, on_lemmas

Ends = list[tuple[str, Span]]


@dataclass
class Clause:
    """A trigger verb read once: its voice and the actors of its subject, passive subject and agent."""
    verb: Token
    lemma: str
    passive: bool
    subjects: Ends
    pass_subj: Ends
    agents: Ends


def _verbal(ctx: Context, tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.lemma_.lower() in ("head", "back", "target", "shell") and \
        tok.dep_ == "ROOT" or headline_verb(tok) is not None


def _frames_apply(ctx: Context, verb: Token, lemma: str, is_passive: bool) -> bool:
    """Verbs that carry a relation only with a particle or an object of their own ("broke away", "took control
    of", "brought together", "made up of")."""
    prt = {c.lower_ for c in verb.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("away", "off")}
    if lemma == "break" and not (prt & {"away", "off"} or prep_objects(verb, "with")):
        return False
    if lemma in ("take", "run", "rule", "enter") and not any(
            o.lower_ == "control" or o.i in ctx.place_at or prep_objects(o, "of") for o in objects(verb)) \
            and not (is_passive and any(c.dep_ == "nsubjpass" and c.i in ctx.place_at for c in verb.children)):
        return False
    if lemma == "bring" and "together" not in prt and not any(c.lower_ == "together" for c in verb.children):
        return False
    if lemma == "make" and not ("up" in prt and (is_passive or verb.tag_ == "VBN")):
        return False
    return True


@on_lemmas(VERBS, order=10, when=_verbal)
def verb_rules(ctx: Context, verb: Token) -> Iterator[Found]:
    lemma = headline_verb(verb) if verb.pos_ == "PROPN" else lemma_of(verb)
    frames = VERBS.get(lemma)
    if not frames:
        return
    if verb.pos_ == "PROPN":
        yield from _headline(ctx, verb, frames)
        return
    is_passive = passive(verb)
    if not _frames_apply(ctx, verb, lemma, is_passive):
        return
    if verb.dep_ in ("acl", "relcl", "advcl") and not is_passive and verb.tag_ == "VBN" and prep_objects(verb, "by"):
        is_passive = True
    if lemma in LEAD_VERBS and is_passive:
        yield from _led_by(ctx, verb)
        return
    subs = subjects(ctx, verb)
    if lemma in RECIPROCAL and not is_passive and all(o.lower_ in ("other", "another") for o in objects(verb)) and \
            not any(prep_objects(verb, p) for p in ("with", "against", "alongside")):
        for i, a in enumerate(subs):  # "A and B have clashed", "A and B fought each other"
            for b in subs[i + 1:]:
                yield Found(a, "rival_of", b, verb, 0.7)
    pass_subj = unique([h for s in verb.children if s.dep_ == "nsubjpass" for h in np(ctx, s)])
    agents = unique([h for a in prep_objects(verb, "by") for h in np(ctx, a)])
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and not pass_subj and not own_subject(verb):
        # "groups backed by Iran", "the coalition formed by A and B": a reduced passive ("who has led X" is not)
        near = antecedent(ctx, verb)
        is_passive, pass_subj = True, [near] if near is not None and near[0] not in {
            h[0] for h in np(ctx, verb.head)} and actor(ctx, verb.head) is None else np(ctx, verb.head)
    clause = Clause(verb, lemma, is_passive, subs, pass_subj, agents)
    for predicate, prep, attrs in frames:
        if prep:
            objs = prep_objects(verb, prep)
            if lemma == "merge" and prep == "with":
                continue
        else:
            objs = objects(verb)
        frame = _FRAMES.get(predicate, _plain)
        yield from frame(ctx, clause, predicate, prep, attrs, objs)


def _headline(ctx: Context, verb: Token, frames) -> Iterator[Found]:
    """'Iraqi Army Kills 20 ISIL Militants', 'M23 Seizes Rubaya': a headline's subject (or the names the parser
    hangs on the verb before it) and its object."""
    subs = unique([h for c in verb.children if c.dep_ in ("nsubj", "compound") and c.i < verb.i for h in np(ctx, c)])
    objs = [c for c in verb.children if c.dep_ in ("dobj", "appos") and c.i > verb.i]
    for predicate, prep, attrs in frames:
        if prep or predicate not in ("rival_of", "allied_with", "controls"):
            continue
        if predicate == "controls":
            yield from place_control(ctx, verb, subs, objs, lemma_of(verb))
            continue
        for s in subs:
            # title case hides the stand-in noun from the lemmatizer ("12 FARDC Soldiers")
            named = [h for t in objs for h in np(ctx, t) or [actor(ctx, c) for c in t.children
                                                             if c.dep_ == "compound" and actor(ctx, c)]]
            for o in unique(named):
                yield Found(s, predicate, o, verb, 0.7)


def _led_by(ctx: Context, verb: Token) -> Iterator[Found]:
    """'X, led by Y', 'the group is headed by Y', 'Led by Y, the group ...'."""
    agents = [p for p in prep_objects(verb, "by")]
    led_toks = [verb.head if s.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" else s
                for s in verb.children if s.dep_ == "nsubjpass"] or ([verb.head] if verb.dep_ == "acl" else [])
    own = antecedent(ctx, verb) if verb.dep_ in ("acl", "relcl") else None
    led = [own] if own is not None else unique(  # "A, led by X, and B": the participle is about A alone
        [h for s in led_toks for h in np(ctx, s) or (np(ctx, s.head) if s.dep_ == "appos" else [])])
    if not led_toks and verb.dep_ == "advcl":  # "Led by X, the group ..."
        led = subjects(ctx, verb.head)
    for group in led:
        for a in agents:
            for person in np(ctx, a):
                yield Found(person, "leader_of", group, verb, 0.8, former=former(verb))


def _controls(ctx: Context, c: Clause, predicate: str, prep: str, attrs: dict, objs: list[Token]) -> Iterator[Found]:
    doers = c.subjects if not c.passive else c.agents
    if c.passive:  # "Tarhuna had been run since 2015 by the Kaniyat"
        objs = [t for t in c.verb.children if t.dep_ == "nsubjpass"]
    yield from place_control(ctx, c.verb, doers, objs, c.lemma)
    losers = [h for p in prep_objects(c.verb, "from") for h in np(ctx, p) or agent(ctx, p)[:1]]
    for d in doers:
        for x in losers:
            yield Found(d, "rival_of", x, c.verb, 0.7)


def _has_member(ctx: Context, c: Clause, predicate: str, prep: str, attrs: dict, objs: list[Token]) -> Iterator[Found]:
    container = c.subjects if not c.passive else c.pass_subj
    if not container and not c.passive:  # "Its largest factions include X": the factions' owner
        container = [h for t in c.verb.children if t.dep_ == "nsubj" and t.lemma_.lower() in PARTITIVE
                     for h in owner(ctx, t)]
    members = unique([h for o in objs for h in np(ctx, o)])
    if c.lemma == "include" and c.passive:
        return
    for whole in container:
        for m in members:
            yield Found(m, "member_of", whole, c.verb, 0.8, founding_tok=formation_near(c.verb))


def _founded_by(ctx: Context, c: Clause, predicate: str, prep: str, attrs: dict, objs: list[Token]) -> Iterator[Found]:
    verb = c.verb
    if c.passive:
        made, makers = c.pass_subj, c.agents
    else:
        made, makers = unique([h for o in objs for h in np(ctx, o)]), c.subjects
        if not makers and verb.dep_ == "xcomp" and verb.head.lemma_ in ("merge", "unite", "join", "combine"):
            makers = subjects(ctx, verb.head)
    for m in makers:
        for group in made:
            if ctx.type_of(*m) == "person":  # "X, who founded Y" / "Y was founded by X"
                yield Found(m, "leader_of", group, verb, 0.7, {"role": "founder"})
            else:
                yield Found(m, "member_of", group, verb, 0.85, {"founding": True}, founding_tok=verb)


def _renamed(ctx: Context, c: Clause, predicate: str, prep: str, attrs: dict, objs: list[Token]) -> Iterator[Found]:
    named = [t for t in c.verb.children if t.dep_ in ("oprd", "attr", "dobj", "ccomp", "xcomp")
             and t.lower_ not in ("itself", "themselves")] + objs
    ends = unique([h for o in named for h in np(ctx, o)])
    for a in c.pass_subj if c.passive else c.subjects:
        for b in ends:
            yield Found(a, "renamed_to", b, c.verb, 0.8)


def _sides(ctx: Context, c: Clause, predicate: str, prep: str, ends: Ends) -> tuple[Ends, Ends]:
    """(subjects, objects) of a plain frame, by voice and verb."""
    verb, lemma = c.verb, c.lemma
    if c.passive and predicate in ("allied_with", "rival_of", "leader_of") and not prep:
        return c.agents, c.pass_subj
    if c.passive and lemma == "assign":  # "X was assigned to Y"
        return c.pass_subj, ends
    if c.passive and lemma == "represent":  # "the KRG, represented by X"
        return c.agents, c.pass_subj
    if c.passive and lemma == "expel":
        return c.pass_subj, [h for p in prep_objects(verb, "from") for h in np(ctx, p)]
    if c.passive and predicate in ("affiliated_with", "allied_with") and prep:
        return c.pass_subj or c.subjects, ends
    if lemma == "expel":  # "Y expelled X": X left Y
        return ends, c.subjects
    return c.subjects, ends


def _plain(ctx: Context, c: Clause, predicate: str, prep: str, attrs: dict, objs: list[Token]) -> Iterator[Found]:
    verb, lemma = c.verb, c.lemma
    if lemma == "command":  # "X, commanding general / officer of Y" (the parser reads a verb)
        objs = [q for o in objs for q in (prep_objects(o, "of") if o.lower_ in ("general", "officer") else [o])]
    ends = [h for o in objs for h in group_or_leaders(ctx, o, predicate)]
    if lemma == "join" and any(o.lower_ == "forces" and actor(ctx, o) is None for o in objs):
        ends, predicate = [h for p in prep_objects(verb, "with") for h in np(ctx, p)], "allied_with"
    if lemma == "merge" and prep == "into" and not ends:
        return
    if lemma in ("pledge", "swear") and not any(o.lemma_ in ("allegiance", "loyalty", "bay'ah", "bayah")
                                               for o in objects(verb)):
        return
    froms = prep_objects(verb, "from") if lemma == "expel" and not c.passive else []
    if froms and not [h for p in froms for h in np(ctx, p)]:
        # "X expelled the government from PLACE" is a change of control
        yield from place_control(ctx, verb, c.subjects, froms, lemma)
        return
    subs, ends = _sides(ctx, c, predicate, prep, ends)
    if predicate == "leader_of" or lemma == "represent":
        subs = [s for s in subs if ctx.type_of(*s) == "person"]
    if predicate == "rival_of" and not c.passive:
        partners = [h for h in purpose_partners(ctx, verb) if h[0] not in {x[0] for x in subs}]
        for a in subs:
            for b in partners:
                yield Found(a, "allied_with", b, verb, 0.55)
        subs = unique(subs + partners)
    conf = 0.85 if prep or predicate not in ("rival_of", "allied_with") else 0.75
    if predicate == "rival_of" and (ends or any(o.lower_ not in ("other", "another") for o in objs)):
        for i, a in enumerate(subs):  # "A and B attacked C": A and B fought side by side
            for b in subs[i + 1:]:
                yield Found(a, "allied_with", b, verb, 0.5)
    for s in subs:
        for o in ends:
            yield Found(s, predicate, o, verb, conf, dict(attrs), former=former(verb),
                        founding_tok=verb if lemma == "join" else None)
    if predicate == "left" and not ends and not prep and subs and not objs and lemma in ("defect", "quit"):
        yield from implied_departure(ctx, verb, subs, attrs)


def implied_departure(ctx: Context, trigger: Token, subs: Ends, attrs: dict) -> Iterator[Found]:
    """'A and B have also defected': the group left is the one the article is about."""
    target = salient(ctx, trigger.i, {s[0] for s in subs})
    if target is None:
        return
    for s in subs:
        yield Found(s, "left", target, trigger, 0.6, dict(attrs))


_FRAMES = {"controls": _controls, "has_member": _has_member, "founded_by": _founded_by, "renamed_to": _renamed}
