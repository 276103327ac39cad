"""Is this English? Asked of py3langid (a maintained naive Bayes detector over byte n-grams), restricted to the
languages conflict reports come in, so that a terse English note full of transliterated names is not taken for
Nigerian Pidgin or Somali.

A text is refused only when the detector gives English almost no chance (another language is clearly there);
a text too short to tell, or a list of names, is accepted, and extraction decides what it holds. On the table
in tests/test_language.py, English probabilities are 0.59-1.0 for terse notes, 0.03-0.16 for bare name lists
and 0.000 for the French, Arabic, Spanish and Russian reports.
"""
from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("en fr es pt it de nl ar fa ur ps ku tr ru uk pl so sw am ha id ms hi bn zh ja ko vi th he".split())
ENGLISH_FLOOR = 0.01  # below this normalised probability of English, the text is in another language
MIN_WORDS = 3
SAMPLE = 2000  # characters looked at
_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import _load_identifier  # the package's own loader; its public one has no norm_probs
    return _load_identifier(norm_probs=True, langs=list(LANGUAGES))


def detect(text: str) -> tuple[str, float]:
    """(language code, probability) of the first SAMPLE characters."""
    lang, prob = _identifier().classify(text[:SAMPLE])
    return lang, float(prob)


def english_probability(text: str) -> float:
    return float(dict(_identifier().rank(text[:SAMPLE])).get("en", 0.0))


def is_english(text: str) -> bool:
    """False only when there is enough text to tell and the detector gives English almost no chance."""
    if len(_WORD.findall(text[:SAMPLE])) < MIN_WORDS:
        return True
    return english_probability(text) >= ENGLISH_FLOOR
