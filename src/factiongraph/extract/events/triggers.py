"""Trigger words: a verb or noun lemma ("clash", "airstrike", "protest", "build-up") and the words around it
decide whether a token reports an incident, and of which type."""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from ..context import Context
from ..syntax import coordinate, lemma_of, modifier_lemmas, sentence_initial, subject_tokens
from .lexicon import (AGREED, CROWD, ENDERS, INCIDENT_HEADS, MINE_WORDS, NOUNS, PEACE_WORDS, REMOTE_WORDS, SEND,
                      TARGETS, TROOPS, VAGUE_GROUND, VERBS, VICTIM_NOUNS)


def trigger(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    """(type, nominal) for a trigger word, or None. 'kill' stands for a killing whose type its victim decides."""
    if tok.pos_ == "VERB":
        return _verb_trigger(ctx, tok, lemma_of(tok))
    if tok.pos_ in ("NOUN", "PROPN") or tok.lower_ in ("ied", "ieds"):
        return _noun_trigger(ctx, tok, lemma_of(tok), tok.lower_)
    return None


Test = Callable[[Context, Token], "tuple[str, bool] | None"]
# verbs that report an incident (or another one) through a particle or an object: "took control", "pulled out",
# "rounded up", "blew up", "set ablaze"; a test that answers None leaves the verb to the VERBS table
PHRASAL: dict[str, Test] = {}


def phrasal(*lemmas: str) -> Callable[[Test], Test]:
    def register(test: Test) -> Test:
        for lemma in lemmas:
            PHRASAL[lemma] = test
        return test
    return register


def _verb_trigger(ctx: Context, tok: Token, lemma: str) -> tuple[str, bool] | None:
    if tok.dep_ == "amod":
        return None  # "captured towns", "the detained leaders": a description, not a report
    if any(c.dep_ == "dobj" and c.lemma_.lower() in ("power", "office") for c in tok.children):
        return None  # "seized power": a coup or an office taken, no ground changes hands
    test = PHRASAL.get(lemma)
    found = test(ctx, tok) if test is not None else None
    if found is not None:
        return found
    if _ends_peace(tok):
        return "statement", False  # "called off its ceasefire with the government", "suspended talks"
    etype = VERBS.get(lemma)
    if etype is None:
        return None
    if lemma in ("take", "fall", "enter"):
        return (etype, False) if _place_object(ctx, tok) else None
    if lemma == "overrun" and _place_object(ctx, tok):
        return "territory_change", False
    if lemma == "withdraw" and not _town_in(ctx, tok):
        return None  # a force leaving a country or "positions" is no town changing hands
    if lemma == "shoot" and not any(c.lower_ == "dead" for c in tok.children) and not _shot_someone(ctx, tok):
        return None
    if lemma == "sign" and not any(c.lemma_.lower() in NOUNS and NOUNS[c.lemma_.lower()] == "agreement"
                                   for c in tok.children if c.dep_ == "dobj"):
        return None
    if lemma == "agree" and not any(g.lemma_.lower() in AGREED for g in tok.subtree):
        return None  # "agreed to hand back towns" is no accord; "agreed to a truce" is
    if lemma in ("capture", "seize") and _person_object(ctx, tok):
        return "arrest", False
    if etype == "territory_change" and any(c.dep_ == "dobj" and c.lemma_.lower() in VAGUE_GROUND
                                           for c in tok.children):
        return None  # "seized more territory", "gained ground": no place changed hands
    if lemma in ("broker", "mediate", "negotiate") and tok.dep_ == "acl" and \
            NOUNS.get(tok.head.lemma_.lower()) == "agreement":
        return None  # "a deal brokered by X": the accord is the incident, X its mediator
    if lemma == "mass" and not any(c.lemma_.lower() in TROOPS for c in tok.children):
        return None
    return etype, False


def _shot_someone(ctx: Context, tok: Token) -> bool:
    """"shot a driver", "shot and injured a man": someone was shot (not "shot a video")."""
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and lemma_of(c) in ("injure", "wound", "kill")]
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.i in ctx.persons or c.lemma_.lower() in VICTIM_NOUNS)
               for v in verbs for c in v.children)


@phrasal("open")
def _open_fire(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    """"opened fire on a police convoy": an attack on whoever is fired at."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() == "fire" for c in tok.children) and \
            any(c.dep_ == "prep" and c.lower_ in ("on", "at", "into") for c in tok.children):
        return "attack", False
    return None


@phrasal("take")
def _take_control(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    """"took control of X"; "took 55 civilians hostage" (an abduction); "took to the streets" (a protest)."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() == "control" for c in tok.children):
        return "territory_change", False
    if any(c.lemma_.lower() == "hostage" and c.dep_ in ("oprd", "dobj", "advmod", "npadvmod", "xcomp", "ccomp")
           for c in tok.children):
        return "violence_against_civilians", False
    if any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "street" for g in c.children)
           for c in tok.children):
        return "protest", False
    return None


@phrasal(*sorted(SEND))
def _send_troops(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    if any(c.dep_ == "dobj" and c.lemma_.lower() in TROOPS for c in tok.children):
        return "military_buildup", False
    return None


@phrasal("pull")
def _pull_out(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    if any(c.lower_ in ("out", "back") for c in tok.children):
        return ("territory_change", False) if _town_in(ctx, tok) else None
    return None


@phrasal("round")
def _round_up(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    return ("arrest", False) if any(c.lower_ == "up" for c in tok.children) else None


@phrasal("blow")
def _blow_up(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    if any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return "attack", False  # "blew up the mosque"
    return None


@phrasal("set")
def _set_ablaze(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    return ("riot", False) if any(c.lemma_.lower() in ("fire", "ablaze", "alight", "aflame") for c in tok.subtree) \
        else None


@phrasal("disperse")
def _disperse(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    """"police fired tear gas to disperse the crowd": a protest the authorities broke up."""
    crowd = {"crowd", "protester", "demonstrator", "protest", "demonstration", "gathering", "rally", "march"}
    return ("protest", False) if any(c.dep_ == "dobj" and (c.lemma_.lower() in crowd | CROWD)
                                     for c in tok.children) else None


def _throw_stones(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    if any(c.dep_ == "dobj" and c.lemma_.lower() in ("stone", "rock", "brick", "molotov") for c in tok.children):
        return "riot", False
    return None


@phrasal("call")
def _call_for(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    return ("call", False) if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children) else None


def _noun_trigger(ctx: Context, tok: Token, lemma: str, low: str) -> tuple[str, bool] | None:
    if tok.pos_ == "PROPN" and low not in ("ied", "ieds") and not (sentence_initial(tok) and not tok.ent_type_):
        return None  # a name; but "Gunfire rang out" starts a sentence capitalised
    if low == "sit" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" and \
            tok.doc[tok.i + 2].lower_ == "in":
        return "protest", True
    if low == "up" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ == "build":
        return "military_buildup", True  # "build-up": the parser heads it on "up"
    if lemma in ("strike", "fire") and modifier_lemmas(tok) & REMOTE_WORDS:
        return "remote_violence", True  # "drone strike", "artillery fire"
    if lemma in ("bomb", "missile", "rocket", "grenade") and tok.dep_ != "compound":
        return "remote_violence", True
    if lemma == "mine" and (modifier_lemmas(tok) | {t.lemma_.lower() for t in tok.children}) & MINE_WORDS:
        return "remote_violence", True  # "a land mine", "a Taliban-planted mine" (not a gold mine)
    etype = NOUNS.get(lemma) or NOUNS.get(low)
    if etype is None or lemma == "sit":
        return None
    if lemma == "withdrawal" and not _town_in(ctx, tok):
        return None
    if etype == "attack" and modifier_lemmas(tok) & REMOTE_WORDS:
        return "remote_violence", True
    if tok.dep_ == "compound" and trigger(ctx, tok.head) is not None:
        return None  # "ceasefire talks", "protest march": the head speaks for both
    if etype == "remote_violence" and any(NOUNS.get(t.lemma_.lower()) == "battle" for t in coordinate(tok)):
        return None  # "gunfire and explosions", "clashes and airstrikes": one fight
    if tok.dep_ == "dobj" and _ends_peace(tok.head):
        return None  # "called off the talks": the ending is told, not the talks
    if tok.dep_ == "compound" and tok.head.lemma_.lower() not in INCIDENT_HEADS:
        return None  # "a detention centre", "an attack helicopter", "protest leaders": a kind of thing
    return etype, True


def _ends_peace(tok: Token) -> bool:
    lemma = lemma_of(tok)
    ends = lemma in ENDERS or lemma in ("call", "break") and any(c.dep_ == "prt" and c.lower_ == "off"
                                                                  for c in tok.children)
    return ends and any(c.dep_ == "dobj" and c.lemma_.lower() in PEACE_WORDS | AGREED for c in tok.children)


@phrasal("strike")
def _strike(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    """"struck a deal" is an accord; "aircraft struck five bases" remote violence; "the RSF struck a convoy" an
    attack; "the earthquake struck" nothing."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() in AGREED for c in tok.children):
        return "agreement", False
    subs = subject_tokens(tok)
    if any(s.lemma_.lower() in REMOTE_WORDS or modifier_lemmas(s) & REMOTE_WORDS for s in subs):
        return "remote_violence", False
    if any(s.i in ctx.actor_at for s in subs) and any(c.dep_ == "dobj" for c in tok.children):
        return "attack", False
    return None


def _tear_gas(tok: Token) -> bool:
    """"fired tear gas", "used teargas canisters": the police breaking up a protest."""
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in ("teargas", "tear-gas") or
                                     c.lemma_.lower() in ("gas", "canister") and
                                     any(g.lemma_.lower() in ("tear", "teargas") for g in c.subtree))
               for c in tok.children)


@phrasal("use", "lob", "throw")
def _use_tear_gas(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    if _tear_gas(tok):
        return "protest", False
    return _throw_stones(ctx, tok) if lemma_of(tok) == "throw" else None


@phrasal("fire")
def _fire(ctx: Context, tok: Token) -> tuple[str, bool] | None:
    """"fired missiles at the base" is remote violence, "fired on protesters" an attack, "fired tear gas" a
    protest broken up; "fired in the air" and "fired the minister" nothing."""
    if _tear_gas(tok):
        return "protest", False
    aimed = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "into") for g in c.children
             if g.dep_ == "pobj" and (g.i in ctx.actor_at or g.i in ctx.site_at or g.lemma_.lower() in TARGETS)]
    if any(c.dep_ == "dobj" and c.lemma_.lower() in REMOTE_WORDS | {"shell", "round"} for c in tok.children):
        return "remote_violence", False
    return ("attack", False) if aimed else None


def _place_object(ctx: Context, tok: Token) -> bool:
    """'took Jalalabad', 'entered the town of X', 'Mosul fell to ...': the verb's object is a place."""
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() != "control" and (c.i in ctx.site_at or any(
                g.i in ctx.site_at for g in c.subtree)):
            return True
    if tok.lemma_.lower() == "fall":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children) and \
            any(c.dep_ == "nsubj" and (c.i in ctx.site_at or c.lemma_.lower() in ("city", "town", "base"))
                for c in tok.children)
    return False


def _town_in(ctx: Context, tok: Token) -> bool:
    """A town, district or site the phrase names: "withdrew from Kidal", "the withdrawal from Tarhuna"."""
    heads = [c for c in tok.children if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in ("from", "of", "out")]
    heads += [g for c in tok.children if c.dep_ == "prt" for g in c.children if g.dep_ == "prep"]  # "pulled out of X"
    return any(g.i in ctx.site_at and ctx.sites[ctx.site_at[g.i]][1].feature in ("city", "admin2", "other")
               for h in heads for g in h.subtree)


def _person_object(ctx: Context, tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.i in ctx.persons or c.lemma_.lower() in VICTIM_NOUNS)
               for c in tok.children)
