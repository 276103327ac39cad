"""Candidate incidents: every asserted trigger with its type, participants, place, date and toll. A happening
that is negated, hypothetical, habitual, ongoing, a manner of another or an actor's history yields nothing."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Span, Token

from ...models import Place, TimeSpan
from ..context import Context
from ..syntax import clause_head, happened, lemma_of, modifier_lemmas, passive, reflexive, subject_tokens
from .arguments import arguments
from .fatalities import fatalities
from .lexicon import (ARMED, CLASS, CROWD, DEFINITE, DISTINCT, HABITUAL, HARM_NEEDS_VICTIM, LIGHT, PEACE_WORDS,
                      STATEMENT_NEEDS, VICTIM_NOUNS)
from .triggers import trigger
from .when import date_for, dates_in
from .where import place_for


@dataclass
class Cand:
    type: str
    trigger: Token
    nominal: bool
    participants: list[tuple[str, str]] = field(default_factory=list)  # (actor id, role)
    place: Place | None = None
    date: TimeSpan | None = None
    fatalities: int | None = None
    words: set[str] = field(default_factory=set)
    anaphoric: bool = False
    vague: bool = False
    distinct: bool = False
    sents: list[Span] = field(default_factory=list)
    told: bool = False  # a noun its sentence is about ("Clashes between rival clans"): a report of its own

    def named(self, ctx: Context) -> set[str]:
        return {a for a, _ in self.participants if not ctx.generic(a)}


def ongoing(tok: Token) -> bool:
    """A state rather than an incident: "have fought since 2015", "any talks"."""
    kids = list(tok.children)
    if any(c.lower_ == "since" for c in kids) or any(c.lower_ == "since" for c in tok.head.children
                                                       if tok.dep_ in ("dobj", "nsubj")):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in kids + list(clause_head(tok, 6).children)):
        return True  # "frequently bombs hotels": a habit, not an incident
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ == "pobj" and g.lemma_.lower() in ("year", "decade")
                                                         for g in c.children) for c in kids):
        return True  # "has fought the government for more than 15 years"
    return any(c.dep_ == "det" and c.lower_ in ("any", "every", "future") for c in kids)


def candidates(ctx: Context) -> Iterator[Cand]:
    hits = [(tok, hit) for tok in ctx.doc if (hit := trigger(ctx, tok)) is not None]
    # every trigger's own phrase keeps its places; a phrase never reaches out of its sentence
    triggers: dict[int, list[Token]] = {}
    for t, _ in hits:
        triggers.setdefault(t.sent.start, []).append(t)
    tolls: dict[int, int | None] = {}  # deaths each sentence reports, counted once
    seen_types: set[str] = set()
    verbs = {t.i: etype for t, (etype, nominal) in hits if not nominal}
    for tok, (etype, nominal) in hits:
        if not (happened(tok) or _purpose_protest(tok, etype)) or ongoing(tok) or manner(tok, etype, verbs) or \
                background(ctx, tok) and not (CLASS.get(etype) == "demonstration" and _crowd_noun(tok.head)) or \
                reflexive(tok):
            continue
        if etype == "call":
            peace = any(g.lemma_.lower() in PEACE_WORDS for c in tok.children if c.lower_ == "for"
                        for g in c.subtree)
            etype = "mediation" if peace else "statement"
        args = arguments(ctx, tok, etype if etype != "kill" else "attack", nominal)
        if etype == "protest" and not nominal and tok.lemma_.lower() in ("march", "rally") and \
                any(ctx.type_of(a) in ARMED and r == "participant" for a, r in args):
            etype = "military_buildup"
        if etype == "statement":
            subs = [a for a, r in args if r == "subject" and not ctx.generic(a)]
            about = [a for a, r in args if r != "subject" and a not in subs and not ctx.generic(a)]
            if not subs or not about or nominal and tok.lemma_.lower() not in STATEMENT_NEEDS:
                continue  # a statement is one named actor's words about another, not every "announced"
        doers = subject_tokens(tok) or ([tok.head] if tok.dep_ in ("acl", "relcl") else [])
        if etype == "riot" and tok.lemma_.lower() in ("loot", "torch", "ransack", "set", "throw", "burn") and \
                not any(ctx.type_of(a) == "population" for a, _ in args) and \
                not any(_crowd_noun(t) for t in doers):
            # a crowd's deed; armed men who loot or burn attack (a town, its people); else nothing is told
            armed = arguments(ctx, tok, "attack", nominal)
            if not any(ctx.type_of(a) in ARMED and r == "perpetrator" for a, r in armed):
                continue
            etype, args = "attack", armed
        if etype == "kill" and (not args or tok.lemma_.lower() in HARM_NEEDS_VICTIM) and not _harmed(ctx, tok):
            continue
        if etype == "military_buildup" and not nominal and not args:
            continue
        words = {t.lemma_.lower() for t in tok.subtree} | {tok.lemma_.lower()} | modifier_lemmas(tok)
        sent = tok.sent
        places = place_for(ctx, tok, triggers[sent.start])
        date = date_for(ctx, tok)
        anaphoric = nominal and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children)
        if nominal and not args and not places and date is None and not _told(tok):
            continue
        if anaphoric and not [a for a, _ in args if not ctx.generic(a)] and \
                not any(CLASS.get(e) == CLASS.get(etype) for e in seen_types):
            continue  # "the takeover" with nothing before it to refer to and nobody named
        seen_types.add(etype)
        vague = nominal and tok.tag_ == "NNS" and not [a for a, _ in args if not ctx.generic(a)] and not places
        if sent.start not in tolls:
            tolls[sent.start] = fatalities(ctx, sent)
        for place in places or [(None, None)]:
            cand = Cand(etype, tok, nominal, list(args), place[0], date, tolls[sent.start], words,
                        anaphoric, vague, distinct=any(g.lower_ in DISTINCT for g in _noun_of(tok).children),
                        sents=[sent], told=nominal and _told(tok))
            reclassify(ctx, cand)
            yield cand


def reclassify(ctx: Context, cand: Cand) -> None:
    """A killing: its victim decides the type (a named person: assassination; civilians: violence against
    civilians); an attack on civilians likewise."""
    victims = [a for a, r in cand.participants if r in ("victim", "target")]
    persons = [a for a in victims if ctx.type_of(a) == "person"]
    civil = [a for a in victims if ctx.type_of(a) == "population"]
    doers = [a for a, r in cand.participants if r == "perpetrator"]
    if cand.type in ("attack", "kill") and doers and all(_crowd(ctx, a) for a in doers):
        cand.type = "riot"  # "protesters attacked the embassies": a violent demonstration
        cand.participants = [(a, "participant" if r == "perpetrator" else r) for a, r in cand.participants]
    elif cand.type == "kill":
        cand.type = "assassination" if persons else "violence_against_civilians" if civil else "attack"
    elif cand.type == "attack" and persons and any(r == "perpetrator" for _, r in cand.participants) and \
            not civil and cand.trigger.pos_ == "VERB":
        cand.type = "assassination"


def _purpose_protest(tok: Token, etype: str) -> bool:
    """"blocked the road to protest", "gathered to demonstrate": a crowd's deed whose purpose is the protest; the
    deed itself happened."""
    return etype == "protest" and tok.pos_ == "VERB" and tok.dep_ in ("advcl", "xcomp") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.pos_ == "VERB" and \
        tok.head.dep_ == "ROOT" and happened(tok.head)


def _harmed(ctx: Context, tok: Token) -> bool:
    """Someone harmed by someone: the verb's object or passive subject is a person or people, and it has a doer
    ("armed men killed a civilian", "two men were killed by riders"; not a toll: "20 people were killed")."""
    if not any(c.dep_ in ("nsubj", "agent") for c in tok.children):
        return False
    any_noun = lemma_of(tok) == "kill"  # what is killed is someone ("killed a shopkeeper")
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]  # "shot and injured X"
    for c in (c for v in verbs for c in v.children):
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN", "NUM") and (
                any_noun or c.i in ctx.persons or c.lemma_.lower() in VICTIM_NOUNS | CROWD):
            return True
    return False


TERSE_TOKENS = 16  # a headline or a coder's one-line note


def _told(tok: Token) -> bool:
    """A noun a terse line is about: its root ("Clashes between rival clans"), the subject of its root
    ("Ethnic clashes leave civilians dead"), or what a light verb's subject did ("mourners staged a protest")."""
    if len(tok.sent) <= TERSE_TOKENS and (tok.dep_ == "ROOT" or tok.dep_ in ("nsubj", "attr") and
                                          tok.head.dep_ == "ROOT"):
        return True
    verb = tok.head if tok.dep_ == "dobj" else tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" \
        and lemma_of(tok.head.head) == "engage" else None  # "engaged in a violent demonstration"
    return verb is not None and verb.pos_ == "VERB" and lemma_of(verb) in LIGHT and \
        (verb.dep_ == "ROOT" or any(c.dep_ == "nsubj" for c in verb.children))


def _crowd_noun(t: Token) -> bool:
    """"crowds", "youths", "hundreds of protesters"."""
    return t.lemma_.lower() in CROWD or any(g.lemma_.lower() in CROWD for c in t.children
                                            if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


def _crowd(ctx: Context, aid: str) -> bool:
    return ctx.type_of(aid) == "population" and aid.startswith("generic-") and \
        aid.removeprefix("generic-").rstrip("s") in CROWD


def _noun_of(tok: Token) -> Token:
    """The incident noun: the trigger, or the subject of "went off" / "exploded" ("a second bomb went off")."""
    if tok.pos_ == "VERB":
        subs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subs[0] if subs else tok
    return tok


def manner(tok: Token, etype: str, verbs: dict[int, str]) -> bool:
    """"detained in early morning raids": the noun says how another kind of incident happened."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or tok.head.lower_ not in ("in", "during", "after"):
        return False
    verb = tok.head.head
    other = verbs.get(verb.i)
    return other is not None and other != "kill" and CLASS.get(other) != CLASS.get(etype)


def background(ctx: Context, tok: Token) -> bool:
    """"JNIM, which seized northern Mali in 2012": a relative clause on an actor tells its history, not the
    news, unless it dates the deed to a day or a month."""
    if tok.dep_ != "relcl" or passive(tok, reduced=True):
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in ("which", "who", "that") for c in tok.children):
        return False
    date = dates_in(ctx, ctx.window(tok), tok)
    if not _actor_phrase(ctx, tok.head):  # "the alliance that seized northern Mali in 2012": a dated history
        ref = ctx.doc._.fg_reference
        return date is not None and date.precision == "year" and \
            (ref is None or ref.earliest is None or date.end_date.year < ref.earliest.year)
    return date is None or date.precision not in ("day", "week", "month")


def _actor_phrase(ctx: Context, noun: Token) -> bool:
    """An actor's name, or a description set beside one ("Al-Shabaab, the al-Qaeda affiliate that ...")."""
    t = noun
    while t.dep_ == "appos" and t.head.i != t.i and t.i not in ctx.actor_at:
        t = t.head
    return t.i in ctx.actor_at or any(c.i in ctx.actor_at for c in noun.children
                                   if c.dep_ in ("compound", "amod", "poss", "nmod"))
