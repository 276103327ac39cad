"""The rule registry: every relation rule declares the words that trigger it, and `find` runs them in order.

A rule is a generator function (ctx, token) -> Found, registered by a decorator in its own module:

    @on_lemmas(TIE_NOUNS, order=80, when=nominal)
    def tie_rules(ctx, noun): ...

`on_lemmas` keys a rule on the token's lower-cased lemma, `on_words` on its lower-cased text, and `when` is an
extra test of the token; `on_sentences` registers a rule that reads a whole sentence (token sequences, titles).
For one token the matching rules run by ascending `order`, then each sentence's rules, so output order does not
depend on import order. A new rule module plugs in by registering its rules and being listed in
relations/__init__.py; nothing else changes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from spacy.tokens import Span, Token

from ..context import Context
from ..syntax import lemma_of
from .ends import Found, actor
from .lexicon import COMPOSITE

TokenRule = Callable[[Context, Token], Iterator[Found]]
SentenceRule = Callable[[Context, Span], Iterator[Found]]
When = Callable[[Context, Token], bool]


@dataclass(frozen=True)
class Rule:
    order: int
    fn: Callable
    when: When | None = None


_BY_LEMMA: dict[str, list[Rule]] = {}
_BY_WORD: dict[str, list[Rule]] = {}
_SENTENCE: list[Rule] = []


def _add(table: dict[str, list[Rule]], keys: Iterable[str], rule: Rule) -> None:
    for key in sorted(set(keys)):
        rules = table.setdefault(key, [])
        if any(r.fn is rule.fn for r in rules):
            continue  # a module imported twice registers once
        rules.append(rule)
        rules.sort(key=lambda r: r.order)


def on_lemmas(lemmas: Iterable[str], order: int, when: When | None = None) -> Callable[[TokenRule], TokenRule]:
    def register(fn: TokenRule) -> TokenRule:
        _add(_BY_LEMMA, lemmas, Rule(order, fn, when))
        return fn
    return register


def on_words(words: Iterable[str], order: int, when: When | None = None) -> Callable[[TokenRule], TokenRule]:
    def register(fn: TokenRule) -> TokenRule:
        _add(_BY_WORD, words, Rule(order, fn, when))
        return fn
    return register


def on_sentences(order: int) -> Callable[[SentenceRule], SentenceRule]:
    def register(fn: SentenceRule) -> SentenceRule:
        if not any(r.fn is fn for r in _SENTENCE):
            _SENTENCE.append(Rule(order, fn))
            _SENTENCE.sort(key=lambda r: r.order)
        return fn
    return register


def nominal(ctx: Context, tok: Token) -> bool:
    """A noun, name or adjective that is not itself an actor's mention (or a composition noun in any case):
    where role, tie, composition and conflict nouns are read."""
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") and actor(ctx, tok) is None or tok.lemma_.lower() in COMPOSITE


def prep(ctx: Context, tok: Token) -> bool:
    return tok.dep_ == "prep"


def headline_verb(tok: Token) -> str | None:
    """A capitalised headline verb the tagger reads as a name ("Syrian Army Kills 48 ISIL Terrorists"): the root
    between a subject and an object, its lemma read off the word."""
    if tok.dep_ != "ROOT" or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.text.endswith("s"):
        return None
    before = any(c.dep_ in ("nsubj", "compound") and c.i < tok.i for c in tok.children)
    after = any(c.dep_ in ("dobj", "appos") and c.i > tok.i for c in tok.children)
    if not (before and after):
        return None
    word = tok.lower_
    for stem in (word[:-1], word[:-2]):
        if stem in _BY_LEMMA:
            return stem
    return None


def _rules_for(tok: Token) -> list[Rule]:
    by_lemma = _BY_LEMMA.get(lemma_of(tok)) or _BY_LEMMA.get(headline_verb(tok) or "")
    by_word = _BY_WORD.get(tok.lower_)
    if by_lemma and by_word:
        return sorted(by_lemma + by_word, key=lambda r: r.order)
    return by_lemma or by_word or []


def find(ctx: Context) -> Iterator[Found]:
    """Every candidate relation the rules see, before assertion and type checks."""
    for sent in ctx.doc.sents:
        for tok in sent:
            for rule in _rules_for(tok):
                if rule.when is None or rule.when(ctx, tok):
                    yield from rule.fn(ctx, tok)
        for rule in _SENTENCE:
            yield from rule.fn(ctx, sent)
