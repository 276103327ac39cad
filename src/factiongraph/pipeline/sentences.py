"""fg_sentence_bound: over-long stretches without a sentence break cut before the parse (extract/sentences.py).

Placed first, before the parser, which keeps the sentence starts it sets. Its `max_tokens` is [nlp]
max_sentence_tokens in the config (0 turns it off).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extract import sentences


class SentenceBound:
    def __init__(self, nlp: Language, name: str, max_tokens: int):
        self.name, self.max_tokens = name, max_tokens

    def __call__(self, doc: Doc) -> Doc:
        return sentences.bound(doc, self.max_tokens)


@Language.factory("fg_sentence_bound", default_config={"max_tokens": 250}, assigns=["token.is_sent_start"])
def make_sentence_bound(nlp: Language, name: str, max_tokens: int) -> SentenceBound:
    return SentenceBound(nlp, name, max_tokens)
