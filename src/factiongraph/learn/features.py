"""The features of the ACLED event typer: one definition for training and for run time.

A description of an event is first masked, so that what the model learns carries over to conflicts it has never
seen: numbers become "0", month and weekday names "MONTH"/"DAY", and every capitalised word that does not start a
sentence becomes "Xx" (towns, provinces, actors, people: the names of the training countries would otherwise
decide the type, and a new conflict has other names). The masked text is lower-cased and read as word unigrams and
bigrams plus character 2- to 5-grams inside word boundaries (scikit-learn's `char_wb`), which catch inflections and
spelling variants ("shelled", "shelling"; "abducted", "abductions").

The analyzers return lists of terms; training hands them to scikit-learn's TfidfVectorizer (`analyzer=`), and
run time (`typer.py`) counts them the same way, so the two never drift apart.
"""
from __future__ import annotations

import re

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
           r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b\.?", re.I)
_DAY = re.compile(rf"\b{_DAYS}s?\b", re.I)
_DIGITS = re.compile(r"\d+")
# ACLED's coders append the crowd size ("[size=no report]") or a location note in brackets: not in news text
_BRACKETS = re.compile(r"\[[^\]]{0,80}\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_CAPITALISED = re.compile(r"^[(\"'\u2018\u201c]?[A-Z][a-z]")
_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_SPACES = re.compile(r"\s\s+")

CHAR_NGRAMS = (2, 5)
WORD_NGRAMS = (1, 2)


def mask(text: str) -> str:
    """The text with numbers, dates and capitalised names masked (sentence-initial words kept)."""
    t = _BRACKETS.sub(" ", text)
    t = _DIGITS.sub("0", t)
    t = _MONTH.sub("MONTH", t)
    t = _DAY.sub("DAY", t)
    out = []
    for sentence in _SENTENCE.split(t):
        words = sentence.split(" ")
        out.append(" ".join(words[:1] + ["Xx" if w not in ("MONTH", "DAY") and _CAPITALISED.match(w) else w
                                           for w in words[1:]]))
    return " ".join(out).lower()


def word_terms(masked: str) -> list[str]:
    """Word uni- and bigrams of masked text, as scikit-learn's word analyzer makes them."""
    tokens = _WORD.findall(masked)
    terms = list(tokens)
    terms += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
    return terms


def char_terms(masked: str) -> list[str]:
    """Character n-grams within word boundaries, padded by a space, as scikit-learn's `char_wb` makes them."""
    lo, hi = CHAR_NGRAMS
    terms: list[str] = []
    for word in _SPACES.sub(" ", masked).split():
        w = f" {word} "
        for n in range(lo, hi + 1):
            terms += [w[i:i + n] for i in range(max(1, len(w) - n + 1))]
            if n >= len(w):  # a word shorter than n counts once, whole
                break
    return terms
