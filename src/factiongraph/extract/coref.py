"""Resolve anaphors inside one document: "the group", "the coalition", "its leader", "he".

Reports name an actor once and then call it "the group" for paragraphs; relations stated about "the group"
are lost without this. A salience rule is enough for news prose: the most recent compatible mention wins, a
coalition noun prefers coalitions, and an anaphor already resolved passes its actor on (chains).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

GROUP_TYPES = {"armed_group", "coalition", "political_group", "state_force"}
NOMINALS = {
    "group": GROUP_TYPES, "groups": None, "coalition": {"coalition", "armed_group"},
    "alliance": {"coalition", "armed_group"}, "movement": GROUP_TYPES, "organisation": GROUP_TYPES,
    "organization": GROUP_TYPES, "militia": GROUP_TYPES, "faction": GROUP_TYPES, "front": GROUP_TYPES,
    "brigade": GROUP_TYPES, "outfit": GROUP_TYPES, "network": GROUP_TYPES, "franchise": GROUP_TYPES,
    "affiliate": GROUP_TYPES, "insurgency": GROUP_TYPES, "umbrella": {"coalition", "armed_group"},
}
PRONOUNS = {"it": GROUP_TYPES | {"state"}, "its": GROUP_TYPES | {"state"}, "he": {"person"}, "his": {"person"},
            "him": {"person"}, "they": GROUP_TYPES, "their": GROUP_TYPES}
_DETERMINERS = {"the", "this", "that"}
# "the terrorist group" points at an armed group, never at a coalition of states or an army
_NON_STATE_ADJECTIVES = {"terrorist", "jihadist", "militant", "extremist", "insurgent", "rebel", "armed", "islamist",
                         "takfiri", "criminal", "separatist"}


@dataclass
class Anaphor:
    start: int  # token indices
    end: int
    types: set[str]


def find_anaphors(doc: Doc, mention_tokens: set[int]) -> list[Anaphor]:
    """'the (adj)* group' style noun phrases and pronouns that are not inside a named mention."""
    out = []
    for tok in doc:
        if tok.i in mention_tokens:
            continue
        low = tok.lower_
        if low in NOMINALS and NOMINALS[low] and tok.tag_ in ("NN", "NNP"):
            left = [t for t in tok.lefts if t.dep_ in ("det", "amod", "compound", "poss")]
            det = [t for t in left if t.lower_ in _DETERMINERS]
            named_of = any(t.dep_ == "prep" and t.lower_ == "of" and any(
                c.i in mention_tokens or c.pos_ == "PROPN" for c in t.subtree) for t in tok.rights)
            named_after = tok.i + 2 < len(doc) and (doc[tok.i + 1].lower_ in ("known", "called", "named") or
                                                     doc[tok.i + 1].lower_ == "," and doc[tok.i + 2].i in mention_tokens)
            proper = any(t.pos_ == "PROPN" for t in left)  # "the Macina movement" names a group, not an anaphor
            if det and not proper and not any(t.i in mention_tokens for t in left) and not named_of and not named_after:
                start = min(t.i for t in left)
                types = NOMINALS[low]
                if any(t.lower_ in _NON_STATE_ADJECTIVES for t in left):
                    types = {"armed_group"}
                out.append(Anaphor(start, tok.i + 1, types))
        elif low in PRONOUNS and tok.pos_ in ("PRON", "DET"):
            if low == "it" and tok.dep_ in ("expl",):
                continue
            out.append(Anaphor(tok.i, tok.i + 1, PRONOUNS[low]))
    return out


def _salience(doc: Doc, start: int, end: int, anaphor: Anaphor, count: int, sent_index: dict) -> float:
    """Higher is likelier: near, a clause subject, not one item of a list, often named, the right kind."""
    root = doc[start:end].root
    distance = sent_index[anaphor.start] - sent_index[start]
    score = -1.0 * distance - 0.01 * (anaphor.start - end)
    if root.dep_ in ("nsubj", "nsubjpass") or root.head.dep_ in ("nsubj", "nsubjpass") and root.dep_ in (
            "compound", "appos"):  # "The new group, JNIM, brings together ..." makes JNIM the subject
        score += 1.5
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
        score -= 0.5
    return score + 0.3 * min(count, 5)


def resolve(doc: Doc, mentions: list[Span], anaphors: list[Anaphor]) -> list[tuple[Anaphor, str]]:
    """(anaphor, actor id) for every anaphor with a compatible antecedent in the last three sentences."""
    sent_index = {}
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_index[i] = n
    # unnamed collectives ("gunmen", "protesters") are never what "the group" or "it" points back to
    items: list[tuple[int, int, str, str]] = sorted((m.start, m.end, m.label_, m.kb_id_) for m in mentions
                                                    if m.kb_id_ and not m.kb_id_.startswith("generic-"))
    resolved: list[tuple[Anaphor, str]] = []
    chain: list[tuple[int, int, str, str]] = []  # resolved anaphors act as mentions for later ones
    for a in sorted(anaphors, key=lambda a: a.start):
        pool = [m for m in items + chain if m[1] <= a.start and m[2] in a.types
                and sent_index[a.start] - sent_index[m[0]] <= 3]
        if not pool:
            continue
        counts: dict[str, int] = {}
        for m in items + chain:
            if m[1] <= a.start:
                counts[m[3]] = counts.get(m[3], 0) + 1
        best = max(pool, key=lambda m: _salience(doc, m[0], m[1], a, counts[m[3]], sent_index)
                   + (1.0 if "coalition" in a.types and len(a.types) <= 2 and m[2] == "coalition" else 0.0))
        resolved.append((a, best[3]))
        chain.append((a.start, a.end, best[2], best[3]))
    return resolved
