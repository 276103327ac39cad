"""Bounds on sentence length, set before the parse.

Scraped copy that lost its sentence breaks ("...on Monday,The army said...", lists run together) parses as one
"sentence" of thousands of tokens, and every rule that compares the words of a sentence with each other (a
trigger with each place and each other trigger, a toll with each verb) then costs the square or cube of its
length. A stretch of more than `max_tokens` tokens with no full stop, question or exclamation mark and no line
break is cut into pieces before the parser runs (which keeps preset sentence starts): at the last comma,
semicolon, colon or dash of each piece's second half, else where the piece ends. Real sentences are far shorter
than the bound (the longest such stretch in our corpora is 136 tokens), so normal text is never cut.
"""
from __future__ import annotations

from spacy.tokens import Doc

ENDS = {".", "!", "?"}
PAUSES = {",", ";", ":", "-", "—", "–"}


def _boundary(doc: Doc, i: int) -> bool:
    t = doc[i]
    return t.text in ENDS or "\n" in t.text or "\n" in t.whitespace_


def cut_points(doc: Doc, max_tokens: int) -> list[int]:
    """Token indices that should start a sentence so that no stretch without a break exceeds `max_tokens`."""
    cuts: list[int] = []
    start = 0  # first token of the current stretch
    for i in range(len(doc)):
        if _boundary(doc, i):
            start = i + 1
            continue
        if i - start + 1 > max_tokens:
            half = start + max_tokens // 2
            cut = next((j + 1 for j in range(i - 1, half - 1, -1) if doc[j].text in PAUSES), i)
            cuts.append(cut)
            start = cut
    return cuts


def bound(doc: Doc, max_tokens: int) -> Doc:
    """Mark the cut points as sentence starts (the parser keeps them); other tokens are left to the parser."""
    for i in cut_points(doc, max_tokens):
        doc[i].is_sent_start = True
    return doc
