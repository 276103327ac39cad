"""Which generated names may become registry names, and which must match only as written.

A registry name is matched in every report, so one ordinary word among thousands of names creates false actors
everywhere. The rules, for names from UCDP and ACLED (curated names are trusted as written):
- an acronym of two letters, or one that spells an English word ("CORD", "MAN"), is dropped; others match
  only as written (the ruler's case rule for single words);
- a single word that is an English word ("Unity", "Youth", "Patriots"), a generic word of the ruler, a demonym
  or the name of a country, province or town is dropped;
- a name with a lower-case English content word is a description, not a name ("Freedom fighters group");
- a name of two English words with a generic head ("Elite Army", "Security Group") is dropped;
- a name made only of English words ("New People's Army", "Lord's Resistance Army") matches only as written.
A state keeps its own country's names. The English word list and the gazetteer are passed in, so the rules can
be tested on tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ...pipeline.ruler import GENERIC_WORDS
from ..names import ARTICLES

# head nouns of organisation names: with one ordinary word they make a description ("Progress Party")
HEAD_NOUNS = GENERIC_WORDS | frozenset("""
party league organization organisation association federation congress network society club team battalion
regiment corps company unit squad gang cartel faction wing bloc fighters army forces
""".split())
# lower-case words that end a name built from a proper name or demonym ("Pokot militia", "Malian army")
TAILS = [t.split() for t in ("armed forces", "police forces", "militiamen", "militias", "militia", "policemen",
                             "police", "military", "army", "soldiers", "troops")]
SMALL = frozenset("""of the and for in on at to by from de du des la le les del y e et wa pour un une au aux en sur
par para con los las el do da dos das ng sa ka""".split()) | ARTICLES
_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9&.\-/]*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Verdict:
    keep: bool
    cased: bool = False
    reason: str = ""


def is_acronym(name: str) -> bool:
    """"NPA", "KIO", "NSCN-IM", "JeI": one token, mostly capitals."""
    letters = [c for c in name if c.isalpha()]
    return bool(_ACRONYM.match(name)) and len(letters) >= 2 and \
        sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def words_of(name: str) -> list[str]:
    """Content words as written: articles and small words left out ("Jaysh al-Islam" -> Jaysh, Islam)."""
    out = []
    for w in _WORD.findall(name.replace("-", " ")):
        base = re.sub(r"['’]s$", "", w)
        if base.lower() not in SMALL and len(base) > 1:
            out.append(base)
    return out


class NameFilter:
    """`english(word)`: is the lower-case word an English dictionary word; `place(name)`: the ISO2 codes of
    the countries, provinces or towns of some size that bear this name (empty when none); `demonym(name)`:
    the ISO2 code of the country a demonym or country name stands for, else None; `frequent(word)`: is the lower-case word written in
    reports (a dictionary word that no report writes, like "biff" or "eta", does not hide an acronym)."""

    def __init__(self, english: Callable[[str], bool], place: Callable[[str], set[str]],
                 demonym: Callable[[str], str | None] = lambda _: None,
                 frequent: Callable[[str], bool] = lambda _: True):
        self.english, self.place, self.demonym, self.frequent = english, place, demonym, frequent

    def _common(self, word: str) -> bool:
        w = word.lower().replace("’", "'")
        forms = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w,
                 w[:-3] + "y" if w.endswith("ies") else w}
        return any(self.english(f) for f in forms if len(f) > 1)

    def verdict(self, name: str, *, own_country: str | None = None) -> Verdict:
        """May `name` name an actor of a generated entry? `own_country`: the entry is that country's state."""
        name = re.sub(r"^(?:The|the) ", "", name.strip())  # the ruler drops a leading "the" too
        if len(name) < 2 or not any(c.isalpha() for c in name):
            return Verdict(False, reason="too short")
        places = set() if is_acronym(name) else self.place(name)
        if own_country is not None and own_country in places:
            return Verdict(True, cased=True)  # a state keeps its own country's names ("Kenya", "Chad")
        if places:
            return Verdict(False, reason="place name")
        if is_acronym(name):
            letters = re.sub(r"[^A-Za-z]", "", name)
            if len(letters) <= 2:
                return Verdict(False, reason="two-letter acronym")
            if self.english(letters.lower()) and self.frequent(letters.lower()):
                return Verdict(False, reason="acronym spells an English word")
            return Verdict(True, cased=True)
        words = words_of(name)
        if not words:
            return Verdict(False, reason="no content word")
        if len(words) == 1 and " " not in name.strip():
            return self._single(name, words[0], own_country)
        if self._description(name):
            return Verdict(False, reason="description (lower-case English word)")
        common = [self._common(w) or w.lower() in HEAD_NOUNS for w in words]
        proper = any(self.demonym(w) for w in words)  # a country's name or demonym: "United Russia"
        if all(common) and len(words) <= 2 and any(w.lower() in HEAD_NOUNS for w in words) and not proper:
            return Verdict(False, reason="two ordinary words")
        return Verdict(True, cased=all(common))

    def _description(self, name: str) -> bool:
        """A lower-case English word among the words (as written) of an English name: "Freedom fighters
        group". A final "militia(s)", "army", "police"... after a proper name or demonym is how reports name an
        identity militia or a national force; words of a name in another language are not English words."""
        tokens = [t.strip(",.'’()") for t in name.split()]
        for tail in TAILS:
            if len(tokens) > len(tail) and tokens[-len(tail):] == tail:
                root = words_of(" ".join(tokens[:-len(tail)]))
                if root and any(w[:1].isupper() and not self._common(w) for w in root):
                    tokens = tokens[:-len(tail)]
                break
        words = [t for t in tokens if t.lower() not in SMALL]
        english = [t for t in words if all(self._common(p) for p in t.split("-") if p)]
        if len(english) * 2 < len(words):
            return False  # "Alliance des patriotes pour un Congo libre et souverain": not English
        return any(t.islower() and len(t) > 3 for t in english)

    def _single(self, name: str, word: str, own_country: str | None) -> Verdict:
        low = word.lower()
        if low in GENERIC_WORDS or low in HEAD_NOUNS:
            return Verdict(False, reason="generic word")
        if self._common(word):
            return Verdict(False, reason="English word")
        country = self.demonym(name)
        if country is not None and country != own_country:
            return Verdict(False, reason="demonym")
        # one word matches as written (the ruler's rule); "Al-Shabaab" keeps the ruler's case-blind match
        return Verdict(True, cased=bool(re.fullmatch(r"[\w'’]+", name)))
