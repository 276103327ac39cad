"""Name matching for actor entity resolution across transliterations.

The same armed group or person is written many ways (Jaysh/Jaish, al-/ash-/el-, Abu/Abou, doubled letters,
French and Cyrillic-derived spellings), while different actors often differ by a single short word
("Jaish al-Islam" / "Jaish al-Izza") or a vowel ("Hisham" / "Hashem"). So normalisation is aggressive about
spelling, and `similarity` demands that every content word of one name has a counterpart in the other.
"""
from __future__ import annotations

import functools
import heapq
import math
import re
from collections import defaultdict
from typing import Any

from anyascii import anyascii
from rapidfuzz import fuzz

# Chosen on tests/data/name_pairs.tsv by maximising the recall of `similarity >= THRESHOLD` subject to
# precision >= 0.97. Every threshold in (0.60, 0.82] gives that maximum (near misses are capped at 0.60, the
# weakest accepted true pair scored 0.82), so we take the middle of that band for margin on both sides.
# tests/test_names.py recomputes the optimum on the pairs and fails if this constant stops reaching it.
THRESHOLD = 0.71
STEM_SCORE = 0.9  # NameIndex.lookup(scraped=True): exact hit only after dropping a final "s"

ARTICLES = frozenset("al el ul il ad adh ath an ar as ash at az ed en er es esh et ez".split())
_BARE_ARTICLES = frozenset("al el ul ash adh ath esh".split())  # articles even without a hyphen
_SMALL = frozenset("al wa l of the and in de du des la le les del y i e fi li for on da pour au aux et en".split())
_GENERIC = frozenset("group organization organisation pmc militia province".split())
_VARIANTS = {
    "jaish": "jaysh jeish jaich jeich", "jabhat": "jebhat jabhet jabha jabhah jebha",
    "harakat": "harakah haraka harkat harakatu", "nur": "nour noor", "abu": "abou abo",
    "muhammad": "mohammad mohammed muhammed mohamed mohamad muhamed mouhammad mohammod",
    "ahmad": "ahmed", "umar": "omar omer", "usama": "osama oussama ousama", "uthman": "othman osman",
    "husain": "hussein hussain husayn houssein hossein", "yusuf": "yousef youssef yusef yousuf yousif",
    "qaida": "qaeda kaida qaedah kaeda", "shabab": "shabaab chabab shebab chebab",
    "hizballah": "hezbollah hizbollah hizbullah hezbolla hisbollah", "hizb": "hezb",
    "kataib": "kataeb ketaib", "dawla": "dawlah daula dawlat", "jamaat": "jamaah jamaa jemaah jamat jamaatu",
    "islamiya": "islamiyya islamiyah islamiyyah islamia", "nusra": "nusrah nosra nousra nusrat nosrat",
    "muslimin": "muslimeen mouslimine mouslimin moslemin", "taliban": "taleban",
    "mujahidin": "mujahideen mujahedin mujaheddin moudjahidine mujahedeen", "tahrik": "tehrik tehreek tahreek",
    "shaikh": "sheikh shaykh sheik cheikh cheick shaik", "bait": "beit bayt", "bin": "ibn ben",
    "khorasan": "khurasan khorassan", "wilaya": "wilayat wilayah vilayat", "sunna": "sunnah", "ahl": "ahlu",
    "fath": "fateh fatah", "ansar": "ansaar", "abdallah": "abdullah abdulla abdellah", "jihad": "djihad jehad",
}
# Translations that reports mix with transliterations; matched tokens score a little below identical ones.
_TRANSLATIONS = [{"jabhat", "front"}, {"jaish", "army"}, {"harakat", "movement"}, {"hizb", "party"},
                 {"dawla", "state"}, {"sham", "levant"}, {"liwa", "brigade"}, {"kataib", "brigades"}]
# Stems after which a glued "al"/"wal" prefix is split ("Alqaeda", "waljamaa").
_GLUED_STEMS = "qaida shabab nusra sham islam haq quds din jamaat mahdi muslimin nahda".split()
_COMPATIBLE = {frozenset("ae"), frozenset("ei"), frozenset("ou")}


@functools.lru_cache(maxsize=100_000)
def _spell(tok: str) -> str:
    """Spelling rules shared by the text and the variant table (so table keys live in the same space)."""
    tok = tok.replace("ee", "i").replace("oo", "u").replace("ou", "u").replace("dj", "j")
    tok = re.sub(r"(.)\1+", r"\1", tok)
    tok = re.sub(r"(?:ay|ey|ei)(?![aeiou])", "ai", tok)
    tok = re.sub(r"aw(?![aeiou])", "au", tok)
    return re.sub(r"(?:ah|(?<=[iy])eh)$", "a", tok) if len(tok) >= 4 else tok  # taa marbuta, not Saleh


_WORD = {_spell(v): _spell(k) for k, vs in _VARIANTS.items() for v in [k, *vs.split()]}
_GLUED_STEMS = frozenset(_WORD.get(_spell(w), _spell(w)) for w in _GLUED_STEMS)


def strip_possessive(token: str) -> str:
    """Stem of a token that may carry a scraped possessive with its apostrophe lost ("qaedas")."""
    return token[:-1] if len(token) > 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")) else token


def _word(tok: str) -> list[str]:
    tok = _WORD.get(_spell(tok), _spell(tok))
    if tok in ("abdul", "abdel", "abdal", "abdol"):
        return ["abd", "al"]
    if tok in ("edin", "edine", "udin", "adin"):  # Eddine, Uddin: article glued to "din"
        return ["al", "din"]
    if m := re.fullmatch(r"(\w{3,}?)(?:[ue]din|ul)", tok):  # Sirajuddin, Ansarul, Hizbul
        head = _word(m.group(1))
        if tok.endswith("din") or head[-1] in _WORD.values():
            return [*head, "al"] + (["din"] if tok.endswith("din") else [])
    m = re.fullmatch(r"abd(?:ul|el|al|ol|ur|ar|er)?(\w{3,})", tok)
    if m and tok != "abdallah":
        return ["abd", "al", _WORD.get(_spell(m.group(1)), _spell(m.group(1)))]
    if tok.startswith(("al", "el", "wal")):
        rest = _WORD.get(_spell(tok[3:] if tok.startswith("wal") else tok[2:]), "")
        if rest in _GLUED_STEMS:
            return ["wa", "al", rest] if tok.startswith("wal") else ["al", rest]
    return [tok]


@functools.lru_cache(maxsize=100_000)
def normalize(name: str, *, scraped: bool = False) -> str:
    """Matching key: ASCII, lower-case, articles unified to "al", spelling variants folded to one form.

    `scraped` says the text may have lost the apostrophe of a possessive, so a final "s" is stripped too.
    """
    s = anyascii(name).lower()
    s = re.sub(r"(\w{3,})['`]s\b", r"\1", s)  # possessive
    s = re.sub(r"\b[ld]'(?=[a-z])", "", s)  # French elision: l'Islam, d'Afrique
    s = re.sub(r"['`]", "", s)
    s = re.sub(r"\b(" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + r")-(?=[a-z])", "al ", s)
    s = re.sub(r"(?<=[a-z])-(?:e|i)-(?=[a-z])", " ", s)  # Persian/Urdu izafa
    s = re.sub(r"\bwal-(?=[a-z])", "wa al ", s)
    toks = re.sub(r"[^a-z0-9]+", " ", s).split()
    if scraped and toks:
        toks[-1] = strip_possessive(toks[-1])
    if toks and toks[0] == "the":
        toks = toks[1:]
    out: list[str] = []
    for t in toks:
        out.extend(["wa", "al"] if t == "wal" else ["al"] if t in _BARE_ARTICLES else _word(t))
    return " ".join(out)


@functools.lru_cache(maxsize=100_000)
def _fold(tok: str) -> str:
    """Letters that transliterations swap without changing the name (q/k, Egyptian g for j, zh/j, y/i)."""
    tok = tok.replace("zh", "j").replace("ph", "f").replace("ck", "k").replace("tch", "ch").replace("q", "k")
    tok = re.sub(r"gu(?=[ei])", "g", tok)
    tok = re.sub(r"g(?!h)", "j", re.sub(r"c(?=[ei])", "s", tok))
    tok = re.sub(r"(?<=[aeiou])u(?=[aeiou])", "w", tok)  # French "oui": Zarqaoui
    tok = re.sub(r"(?<=\w{3})ula$", "ala", re.sub(r"(?:yi|iy|yj)$", "i", tok))  # -ullah/-allah, -skyi
    tok = re.sub(r"iy(?=[aeou])|(?<=a)yi$", "i", tok)
    return re.sub(r"y(?![aeiou])", "i", tok)


_GENERIC = frozenset(_fold(_spell(w)) for w in _GENERIC)
_TRANSLATIONS = [frozenset(_fold(_spell(w)) for w in pair) for pair in _TRANSLATIONS]
_SMALL = frozenset(_spell(w) for w in _SMALL)


@functools.lru_cache(maxsize=100_000)
def _content(key: str) -> list[str]:
    folded = (_fold(t) for t in key.split() if t not in _SMALL)
    return [_fold(_WORD.get(t, t)) for t in folded]  # a fold can land on a table variant (Gamaa -> jamaa)


def skeleton(key: str) -> str:
    """Consonant skeleton of a normalised key, per content word: a coarse blocking key for candidates."""
    return " ".join(re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouwy]", "", t)) or t for t in _content(key))


@functools.lru_cache(maxsize=200_000)
def _token_score(a: str, b: str) -> float:
    """1.0 for the same word; vowel swaps that transliterations make cost little, others a lot."""
    if a == b:
        return 1.0
    if any(a in pair and b in pair for pair in _TRANSLATIONS):
        return 0.95
    ga, gb = re.split(r"[^aeiou]", a), re.split(r"[^aeiou]", b)  # the vowels around each consonant
    if re.sub(r"[aeiou]", "", a) != re.sub(r"[aeiou]", "", b) or len(ga) != len(gb):
        return max(0.0, fuzz.ratio(a, b) / 100 - 0.1)
    score = 1.0
    for i, (x, y) in enumerate(zip(ga, gb)):
        if x == y:
            continue
        if len(x) == len(y) and all(p == q or frozenset((p, q)) in _COMPATIBLE for p, q in zip(x, y)):
            score -= 0.03
        elif abs(len(x) - len(y)) == 1 and (x in y or y in x) and not (i == len(ga) - 1 and "i" in (x + y)[-1:]):
            score -= 0.08  # a dropped vowel, but not a final nisba "-i" (Baghdad / Baghdadi)
        else:
            score -= 0.25
    return score


def _merge_glued(a: list[str], b: list[str]) -> list[str]:
    """Join adjacent tokens of `a` that were written as one word in `b` ("abu bakr" / "abubakar")."""
    out, i = [], 0
    while i < len(a):
        joined = _fold(_spell(a[i] + a[i + 1])) if i + 1 < len(a) else ""
        if joined and joined not in a and any(_token_score(joined, t) >= 0.85 for t in b):
            out.append(joined)
            i += 2
        else:
            out.append(a[i])
            i += 1
    return out


def _scores(ta: list[str], tb: list[str]) -> float:
    """Token alignment score, capped low when a content word of either name has no counterpart."""
    if len(ta) != len(tb):
        ta, tb = (_merge_glued(ta, tb), tb) if len(ta) > len(tb) else (ta, _merge_glued(tb, ta))
    pairs = sorted(((_token_score(x, y), i, j) for i, x in enumerate(ta) for j, y in enumerate(tb)), reverse=True)
    used_a, used_b, total, weight, cap = set(), set(), 0.0, 0.0, 1.0
    for s, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        w = max(len(ta[i]), len(tb[j]))
        total, weight = total + s * w, weight + w
        if s < 0.8:
            cap = 0.6  # a word of one name matches no word of the other: a different actor
    if len(used_a) < len(ta) or len(used_b) < len(tb):
        cap = 0.6
        weight += sum(len(t) for i, t in enumerate(ta) if i not in used_a)
        weight += sum(len(t) for j, t in enumerate(tb) if j not in used_b)
    return min(cap, total / weight if weight else 0.0)


def _key_similarity(ka: str, kb: str) -> float:
    if ka == kb:
        return 1.0
    ca, cb = _content(ka), _content(kb)
    ta, tb = [t for t in ca if t not in _GENERIC], [t for t in cb if t not in _GENERIC]
    if not ta or not tb:
        return 0.0
    tokens = _scores(ta, tb)
    char = max(fuzz.ratio("".join(ta), "".join(tb)), fuzz.ratio("".join(sorted(ta)), "".join(sorted(tb)))) / 100
    generic = len((set(ca) ^ set(cb)) & _GENERIC)  # "Wagner Group" / "PMC Wagner"
    return round(min(0.75 * tokens + 0.25 * char, tokens) - 0.02 * generic, 4)


def _possessive_stem(key: str) -> str:
    """`key` with a final known word's possessive "s" removed ("al qaedas" -> "al qaida"), else `key`."""
    head, _, last = key.rpartition(" ")
    stem = _spell(strip_possessive(last))
    if stem == last or last in _WORD or stem not in _WORD:
        return key
    return f"{head} {_WORD[stem]}".strip()


def similarity(a: str, b: str) -> float:
    """Score in [0, 1] that two surface names name the same actor; 1.0 for the same normalised form.

    A final "s" is read as a lost possessive apostrophe only on a known word ("Al-Qaedas"), never on
    an arbitrary one ("Hamas" is not "Hama").
    """
    return _similar_keys(normalize(a), normalize(b))


@functools.lru_cache(maxsize=200_000)
def _similar_keys(ka: str, kb: str) -> float:
    plain = _key_similarity(ka, kb)
    if not (ka.endswith("s") or kb.endswith("s")):
        return plain
    sa, sb = _possessive_stem(ka), _possessive_stem(kb)
    return plain if (sa, sb) == (ka, kb) else max(plain, 0.98 * _key_similarity(sa, sb))


def _acronym_words(name: str) -> list[tuple[str, bool]]:
    s = re.sub(r"\b[ld]['’`](?=\w)", "", anyascii(name).lower())
    words = re.sub(r"[^a-z0-9]+", " ", re.sub(r"['’`]", "", s)).split()
    return [(w, _spell(w) in _SMALL or w in ARTICLES or w == "wal") for w in words]


def is_acronym_of(short: str, long: str) -> bool:
    """True when `short` is formed by the initials of `long`'s words; articles and small words are optional."""
    letters = re.sub(r"[^a-z0-9]", "", anyascii(short).lower())
    words = _acronym_words(long)
    if len(letters) < 2 or len(words) < 2:
        return False

    @functools.lru_cache(maxsize=None)
    def fits(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word, optional = words[j]
        return (i < len(letters) and word[0] == letters[i] and fits(i + 1, j + 1)) or (optional and fits(i, j + 1))

    return fits(0, 0)


class NameIndex:
    """Names of known actors, looked up by exact key, then by blocked candidates scored with `similarity`."""

    def __init__(self) -> None:
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._keys: list[tuple[str, str, str]] = []  # (key, actor_id, surface name)
        self._blocks: dict[str, list[int]] = defaultdict(list)
        self._meta: dict[str, dict[str, Any]] = defaultdict(dict)
        self._memo: dict[tuple[str, bool, int], dict[str, float]] = {}  # reports repeat names; cleared by add

    def add(self, name: str, actor_id: str, **meta: Any) -> None:
        key = normalize(name)
        self._memo.clear()
        self._exact[key].add(actor_id)
        self._meta[actor_id].update(meta)
        for block in self._block_keys(key):
            self._blocks[block].append(len(self._keys))
        self._keys.append((key, actor_id, name))

    def meta(self, actor_id: str) -> dict[str, Any]:
        return dict(self._meta.get(actor_id, {}))

    @staticmethod
    def _block_keys(key: str) -> set[str]:
        sk = skeleton(key).split()
        return set(sk) | ({"^" + "".join(sk)[:3]} if sk else set())

    def lookup(self, name: str, *, threshold: float | None = None, scraped: bool = False,
               limit: int = 12) -> list[tuple[str, float]]:
        """Actors whose names match `name`, best first.

        With `scraped`, a name with no exact hit is also tried without a final "s" (a possessive that lost its
        apostrophe); that hit scores STEM_SCORE, below exact and close matches. Only the `limit` candidates
        sharing the most (rarest) skeleton blocks are scored, which keeps a lookup independent of index size.
        """
        threshold = THRESHOLD if threshold is None else threshold
        key = normalize(name)
        if (key, scraped, limit) not in self._memo:
            self._memo[key, scraped, limit] = self._score(name, key, scraped, limit)
        hits = [(a, s) for a, s in self._memo[key, scraped, limit].items() if s >= threshold]
        return sorted(hits, key=lambda h: (-h[1], h[0]))

    def _score(self, name: str, key: str, scraped: bool, limit: int) -> dict[str, float]:
        best = dict.fromkeys(self._exact.get(key, ()), 1.0)
        if scraped and not best:
            best = dict.fromkeys(self._exact.get(normalize(name, scraped=True), ()), STEM_SCORE)
        votes: dict[int, float] = defaultdict(float)
        used = 0
        blocks = self._block_keys(key) | self._block_keys(_possessive_stem(key))
        # rarest first, ties in the blocks' own order: a set's order would change with the hash seed
        for postings in sorted((self._blocks[b] for b in sorted(blocks) if b in self._blocks), key=len):
            if len(votes) >= limit and (used >= 2 or len(postings) > 20 * limit):
                break  # a true match shares the rarest blocks; common words (jaish, state) only add noise
            used += 1
            weight = math.log(1 + len(self._keys) / len(postings))
            for i in postings:
                votes[i] += weight
        for i in heapq.nlargest(limit, votes, key=votes.__getitem__):
            other, actor_id, _ = self._keys[i]
            best[actor_id] = max(best.get(actor_id, 0.0), _similar_keys(key, other))
        return best
