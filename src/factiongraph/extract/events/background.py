"""Which candidate incidents are the report's own news, and which are history or tallies told in passing.

A report tells its incidents and, around them, other things dated loosely: "for the first time since being
defeated there in March", "since the coalition began its bombing campaign in 2014" (a "since" phrase dates
another happening), "over the past year MSF has received reports of at least 71 attacks" (a tally: a counted
plural of incidents dated by a season or more). Coders count neither as an incident of the report. History told in a
clause of its own ("The extremists overran Mosul in June 2014") stays: some coders count it, and where they
do not it is optional. Nor is the aim of an offensive begun ("began an offensive to liberate Zahra").
"""
from __future__ import annotations

from spacy.tokens import Token

from ..syntax import ASPECTUAL, has_to, lemma_of
from .candidates import Cand

# a date this wide on a noun dates a tally or a campaign, not one incident
WIDEST_DAYS = 92
TALLY_WORDS = {"several", "numerous", "dozens", "hundreds", "scores", "many", "spate", "series", "string", "wave"}


def own(cand: Cand) -> bool:
    """The candidate is one of the report's incidents, not a "since" phrase's or a tally."""
    if _in_since(cand.trigger) or _purpose(cand.trigger):
        return False
    date = cand.date
    return not (_counted(cand.trigger) and date is not None and (date.end_date - date.start_date).days > WIDEST_DAYS)


def _purpose(tok: Token) -> bool:
    """"began a new offensive to liberate Zahra", "continued their advance to seize more villages": the
    infinitive is the aim of the begun thing, not a deed begun (the parse hangs it on the aspectual verb, which
    has an object of its own; "began to shell the town" has none)."""
    return tok.pos_ == "VERB" and has_to(tok) and tok.dep_ == "xcomp" and lemma_of(tok.head) in ASPECTUAL and \
        any(c.dep_ == "dobj" for c in tok.head.children)


def _counted(tok: Token) -> bool:
    """A counted plural of incidents: "71 attacks", "dozens of strikes", "several raids"."""
    if tok.tag_ != "NNS":
        return False
    return any(c.dep_ == "nummod" or c.lower_ in TALLY_WORDS for c in tok.children) or \
        tok.head.lower_ == "of" and tok.head.head.like_num or tok.head.head.lower_ in TALLY_WORDS


def _in_since(tok: Token) -> bool:
    """"for the first time since being defeated there", "since the coalition began its campaign": the trigger
    is the object or the clause of a "since" that dates another happening."""
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children):
            return True
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ == "since":
            return True
        if t.dep_ not in ("xcomp", "aux", "auxpass", "conj", "dobj", "nsubj", "nsubjpass") or t.head.i == t.i:
            return False
        t = t.head
    return False
