"""Deaths a sentence reports: 'killed 12', 'at least 30 people were killed', 'the death toll rose to 40'."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..context import Context
from ..syntax import conjuncts
from .lexicon import WORDNUM


def number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if text in WORDNUM and text not in ("a", "an"):
        n = WORDNUM[text]
        for c in tok.children:  # "two hundred"
            if c.lower_ in WORDNUM:
                n = WORDNUM[c.lower_] * n if n == 100 else n
        return n
    return None


def _count(noun: Token) -> int | None:
    """The number a victim noun phrase gives: 'at least 30 people', '12', 'two soldiers'."""
    n = number(noun)
    if n is not None:
        return n
    for c in noun.children:
        if c.dep_ in ("nummod", "quantmod") or c.like_num:
            n = number(c)
            if n is not None:
                return n
    return None


def fatalities(ctx: Context, sent: Span) -> int | None:
    """Deaths the sentence reports: 'killed 12', 'at least 30 people were killed', 'killing two soldiers',
    'the death toll rose to 40', and a named person who 'was killed' (1)."""
    best = None
    for t in sent:
        lemma = t.lemma_.lower()
        nouns: list[Token] = []
        if lemma in ("kill", "slay", "massacre", "execute", "murder") and t.pos_ == "VERB":
            nouns = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
            if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "NUM"):
                nouns.append(t.head)
        elif lemma == "die" or t.lower_ == "dead" and t.dep_ in ("acomp", "amod", "oprd", "ROOT"):
            nouns = [c for c in t.children if c.dep_ == "nsubj"] or ([t.head] if t.dep_ == "amod" else [])
        elif lemma in ("toll", "fatality", "death") and t.pos_ == "NOUN":
            for c in list(t.head.children) + list(t.children):
                if c.dep_ == "prep" and c.lower_ in ("to", "at", "of"):
                    nouns.extend(g for g in c.children if g.dep_ == "pobj")
                if c.dep_ in ("attr", "dobj") and c.like_num:
                    nouns.append(c)
        for n in nouns:
            for m in conjuncts(n):
                k = _count(m)
                if k is None and m.i in ctx.persons and lemma in ("kill", "die", "dead"):
                    k = 1
                if k is not None and k < 100000:
                    best = max(best or 0, k)
    return best
