"""Find actor mentions in a parsed Doc: registry names, armed-group naming patterns, named entities,
state forces, unnamed collectives, and acronyms defined in the text.

The statistical NER is a hint, not an answer: on conflict reporting it calls armed groups PERSON and towns ORG,
and never knows an acronym. Naming conventions (Jaish / Jabhat / Liwa ..., "... Brigade / Front / Forces") are far
more reliable for armed groups, so they win where they overlap an NER entity.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..extensions import doc_text

# heads of Arabic-language group names (and common transliterations of them)
_ARABIC_HEADS = (r"Jaish|Jaysh|Jeish|Jabhat|Jebhat|Jabha|Harakat|Harakah|Haraka|Liwa|Liwaa|Katibat|Katiba|"
                 r"Kata['’]?ib|Kataib|Ansar|Ahrar|Hay['’]?at|Hayy['’]?at|Hay['’]?et|Saraya|Faylaq|Failaq|Tajammu|"
                 r"Jama['’]?at|Jamaat|Jama['’]?a|Asa['’]?ib|Asaib|Quwat|Firqat|Alwiya|Jund|Junud|Majlis|Hizb|"
                 r"Tanzim|Thuwar|Fursan|Suqur|Tehreek|Tehrik|Lashkar|Jaish-e|Harkat|Ittihad|Ahl")
_ARTICLE = r"(?:al|el|ad|adh|an|ar|as|ash|at|az|ez|ed|wal|wa|li|l|ul|ibn|bin|bani|e|i|ut|ud)"
_WORD = r"[A-Z][\w'’]*"
_PART = rf"(?:{_ARTICLE}[-\s'’])?{_WORD}|{_ARTICLE}-{_WORD}"
ARABIC_GROUP = re.compile(rf"\b(?:{_ARABIC_HEADS})(?:[\s-]+(?:{_PART})){{1,4}}")

_EN_HEADS = (r"Brigades?|Front|Movement|Army|Forces|Militias?|Division|Battalions?|Regiment|Corps|Council|"
             r"Alliance|Coalition|Group|Organi[sz]ation|Legion|Guards?|Units|Committees?|Network|Party|"
             r"Mobili[sz]ation|Liberation Army|Command|Jihad|Taliban|Fighters|Commandos")
_CAP = r"(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’]*|of|for|the|and|de|del|des|du|la|le)"
ENGLISH_GROUP = re.compile(
    rf"\b(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w'’.-]*\s+)(?:{_CAP}\s+){{0,5}}(?:{_EN_HEADS})\b"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:and|of|for)\s+(?:the\s+)?)?[A-Z][\w'’-]*){{0,4}})?")
_GROUP_STOP_START = {"The", "A", "An", "This", "That", "These", "Its", "Their", "His", "Her", "Our", "In", "On",
                     "At", "By", "As", "After", "Before", "When", "While", "But", "And", "Some", "Many", "Both",
                     "Several", "Other", "Last", "Most", "Every", "Each", "If", "Since", "For", "From", "With",
                     "Meanwhile", "However", "Moreover", "Also", "Furthermore", "Then", "Now", "Today", "Yesterday"}

# "<demonym or country> <force noun>": a state's forces
FORCE_NOUNS = {"military", "army", "forces", "force", "troops", "soldiers", "government", "regime", "police",
               "navy", "warplanes", "jets", "aircraft", "air", "artillery", "security", "armed", "special",
               "intelligence", "militaries", "authorities", "drones", "gunships", "helicopters", "servicemen",
               "units", "battalions", "officials", "commandos", "paramilitaries", "guards", "marines"}

# unnamed collectives that take part in events; never enough on their own to identify an event
GENERIC_COLLECTIVES = {
    "gunmen": "armed_group", "militants": "armed_group", "assailants": "armed_group", "attackers": "armed_group",
    "insurgents": "armed_group", "jihadists": "armed_group", "rebels": "armed_group", "fighters": "armed_group",
    "bandits": "armed_group", "militiamen": "armed_group", "terrorists": "armed_group", "extremists": "armed_group",
    "protesters": "population", "protestors": "population", "demonstrators": "population",
    "residents": "population", "civilians": "population", "citizens": "population", "villagers": "population",
    "students": "population", "worshippers": "population", "mourners": "population", "farmers": "population",
    "herders": "population", "displaced": "population", "refugees": "population", "crowds": "population",
    "rioters": "population", "mob": "population", "youths": "population",
    "gang": "armed_group", "gangs": "armed_group", "gangsters": "armed_group", "vigilantes": "armed_group",
    "raiders": "armed_group",
    # a state's forces with no state named ("four police officers", "a soldier"): the linker gives them to the
    # country a report is plainly about, else they stay unnamed
    "police": "state_force", "policemen": "state_force", "policeman": "state_force", "soldiers": "state_force",
    "soldier": "state_force", "troops": "state_force",
}
# "police officers", "security forces", "gang members": a collective named by two words
COLLECTIVE_HEADS = {"police": "state_force", "security": "state_force", "gang": "armed_group"}
COLLECTIVE_TAILS = {"officers", "officer", "forces", "personnel", "members", "member"}
# words before a collective that belong to its name ("unidentified gunmen", "riot police")
COLLECTIVE_MODIFIERS = {"unknown", "unidentified", "armed", "masked", "suspected", "local", "angry",
                        "anti-government", "pro-government", "riot"}


@dataclass
class Candidate:
    start_char: int
    end_char: int
    label: str            # actor type guess
    source: str           # registry | pattern | ner | force | generic | acronym
    actor_id: str = ""    # registry id when the name came from the registry
    priority: int = 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading stop word ("The", "In") and trailing punctuation from a pattern match."""
    first = text[start:end].split(" ", 1)[0]
    if first in _GROUP_STOP_START and " " in text[start:end]:
        start += len(first) + 1
    while end > start and text[end - 1] in ".,;:'’-":
        end -= 1
    return start, end


# titles and offices before a group name belong to a person, not to the group ("Special Envoy for the Coalition")
_TITLES = re.compile(r"^(?:.*\b(?:Presidential|Envoy|Minister|Secretary|President|Ambassador|Spokesperson|"
                     r"Spokesman|Deputy|Chief|Director|Commander|Chairman|Head|Representative|Advisor|Adviser|"
                     r"Prime|General|Gen\.|Lt\.|Col\.|Colonel|Major|Captain|Sheikh|Emir)\b(?:\s+(?:of|for|to|at))?"
                     r"(?:\s+the)?\s+)")


def pattern_groups(text: str) -> list[Candidate]:
    out = []
    for m in ARABIC_GROUP.finditer(text):
        s, e = _trim(text, m.start(), m.end())
        out.append(Candidate(s, e, "armed_group", "pattern", priority=3))
    for m in ENGLISH_GROUP.finditer(text):
        s, e = _trim(text, m.start(), m.end())
        if t := _TITLES.match(text[s:e]):
            s += t.end()
        words = text[s:e].split()
        if len(words) < 2 or words[0] in _GROUP_STOP_START:
            continue
        head = words[-1]
        label = "coalition" if head in ("Alliance", "Coalition") else \
            "political_group" if head in ("Party", "Council", "Committee", "Committees") else "armed_group"
        out.append(Candidate(s, e, label, "pattern", priority=2))
    return out


_NER_TYPES = {"ORG": "other", "PERSON": "person", "NORP": "other", "GPE": "state", "FAC": "other"}


# "Syrian opposition forces", "Iraqi Kurdish fighters": a demonym with these is a non-state actor, not the state
NON_STATE_DESCRIPTORS = {"opposition", "rebel", "rebels", "insurgent", "insurgents", "militia", "militias", "tribal",
                         "kurdish", "arab", "sunni", "shia", "shiite", "islamist", "jihadist", "resistance"}


def non_state_description(doc: Doc, ent: Span) -> Candidate | None:
    end = ent.end
    while end < len(doc) and end - ent.end < 3 and doc[end].lower_ in NON_STATE_DESCRIPTORS:
        end += 1
    if end == ent.end:
        return None
    while end < len(doc) and doc[end].lower_ in FORCE_NOUNS | {"fighters", "groups", "factions", "movement"}:
        end += 1
    last = doc[end - 1]
    if last.tag_ != "NNS" and last.lower_ not in ("opposition", "resistance", "movement") or \
            end < len(doc) and doc[end].pos_ == "PROPN":
        return None  # "the Algerian jihadist Mokhtar Belmokhtar" describes a person
    return Candidate(ent.start_char, doc[end - 1].idx + len(doc[end - 1]), "armed_group", "pattern", priority=5)


_ORG_TAIL_STOP = {"President", "Prime", "Minister", "Foreign", "Defence", "Defense", "Secretary", "Ambassador",
                  "Embassy", "Spokesperson", "Spokesman", "General", "Gen.", "Lt.", "Col.", "Envoy", "King",
                  "Crown", "Prince", "Sheikh", "Deputy", "Chief"}


def named_organisation(doc: Doc, ent: Span) -> Candidate | None:
    """A state's name opening an organisation's name: "U.S. Central Command", "Royal Jordanian Air Force"."""
    end = ent.end
    while end < len(doc) and doc[end].tag_ in ("NNP", "NNPS") and doc[end].text not in _ORG_TAIL_STOP \
            and doc[end].is_title:
        end += 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].tag_ == "NNP":
            end += 1
    if end - ent.end < 1:
        return None
    last = doc[end - 1].text
    label = "state_force" if last in ("Command", "Forces", "Force", "Army", "Navy", "Guard", "Guards", "Corps",
                                      "Police", "Division", "Brigade", "Battalion") else "other"
    return Candidate(ent.start_char, doc[end - 1].idx + len(last), label, "pattern", priority=5)


# "<group> fighters": the group itself (the members stand for it, as analysts and re3d code it)
GROUP_ROLE_NOUNS = {"fighters", "militants", "members", "forces", "troops", "gunmen", "militiamen", "commanders",
                    "units", "terrorists", "insurgents", "jihadists", "rebels", "loyalists", "elements", "cells",
                    "operatives", "combatants", "soldiers", "supporters", "affiliates", "personnel", "military",
                    "partners", "nations", "aircraft", "warplanes", "jets", "allies", "leadership"}


def _force_extension(doc: Doc, ent: Span) -> tuple[int, int]:
    """A state named with its forces or government: "Iraqi security forces", "Government of Iraq"; a group
    named with its members: "Taliban fighters", "ISIL terrorists"."""
    start, end = ent.start, ent.end
    nouns = FORCE_NOUNS if ent.label_ == "state" else GROUP_ROLE_NOUNS
    while end < len(doc) and end - ent.end < 3 and doc[end].lower_ in nouns:
        end += 1
    if end > ent.end and doc[end - 1].lower_ in ("air", "armed", "special", "security"):
        end -= 1  # "Turkish air" is not a force; "Turkish air force" is (force is in FORCE_NOUNS)
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in ("government", "forces", "army"):
        start -= 2
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _hyphenated_end(doc: Doc, ent: Span) -> int:
    """The NER stops at hyphens inside names ("Mazar" of Mazar-i-Sharif): take the whole written word."""
    end = ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    return doc[end - 1].idx + len(doc[end - 1])


def ner_candidates(doc: Doc) -> list[Candidate]:
    out = []
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.ent_id_:  # placed by the registry ruler
            if ent.label_ == "state" and (described := non_state_description(doc, ent) or
                                          named_organisation(doc, ent)):
                out.append(described)
                continue
            s, e = _force_extension(doc, ent) if ent.label_ != "person" else (ent.start_char, ent.end_char)
            words = text[s:e].lower().split()
            label = "state_force" if ent.label_ == "state" and (s, e) != (ent.start_char, ent.end_char) and \
                words[0] != "government" and \
                words[-1] not in ("government", "regime", "authorities", "officials") else ent.label_.lower()
            out.append(Candidate(s, e, label, "registry", actor_id=ent.ent_id_, priority=4))
        elif ent.label_ in _NER_TYPES:
            s, e = ent.start_char, _hyphenated_end(doc, ent)
            if ent[0].lower_ in ("the", "near", "in", "outside") and len(ent) > 1:
                if ent[0].lower_ != "the":
                    continue  # "Near Ar Raqqah": a place the NER took for a name
                s = ent[1].idx
            core = text[s:e]
            if _NER_TYPES[ent.label_] == "other" and " " not in core and not core.isupper():
                continue  # "Justice", "Counter": single capitalised words the NER calls ORG are noise
            out.append(Candidate(s, e, _NER_TYPES[ent.label_], "ner", priority=1))
    return out


def generic_candidates(doc: Doc) -> list[Candidate]:
    out = []
    for tok in doc:
        label = GENERIC_COLLECTIVES.get(tok.lower_)
        if tok.lower_ in COLLECTIVE_TAILS and tok.i > 0 and doc[tok.i - 1].lower_ in COLLECTIVE_HEADS:
            label = COLLECTIVE_HEADS[doc[tok.i - 1].lower_]
            start = doc[tok.i - 1]
        elif label and tok.tag_ in ("NNS", "NN", "NNP", "NNPS", "JJ"):
            start = tok
        else:
            continue
        if start.i > 0 and doc[start.i - 1].lower_ in COLLECTIVE_MODIFIERS:
            start = doc[start.i - 1]
        out.append(Candidate(start.idx, tok.idx + len(tok), label, "generic", priority=0))
    return out


ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9&-]{1,9})\s*\)")


def acronym_definitions(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(long_start, long_end, acr_start, acr_end) for "Long Name (ACR)" where Long Name is a known span
    ending right before the parenthesis."""
    ends = {e: s for s, e in spans}
    out = []
    for m in ACRONYM_DEF.finditer(text):
        pre = m.start()
        while pre > 0 and text[pre - 1] == " ":
            pre -= 1
        if pre in ends:
            out.append((ends[pre], pre, m.start(1), m.end(1)))
    return out


def _extend_registry_names(cands: list[Candidate]) -> list[Candidate]:
    """A naming pattern that wraps one registry name ("Hay'et" + "Tahrir al-Sham", "Harakat" + "Ahrar ash-Sham")
    is the fuller form of that name: keep the longer span, remembering the registry actor as a fallback."""
    out = []
    registry = [c for c in cands if c.source == "registry"]
    for c in cands:
        if c.source == "pattern":
            inside = [r for r in registry if c.start_char <= r.start_char and r.end_char <= c.end_char
                      and (r.start_char, r.end_char) != (c.start_char, c.end_char)]
            if len(inside) == 1 and inside[0].label != "state":
                c = Candidate(c.start_char, c.end_char, inside[0].label, "extended", inside[0].actor_id, priority=5)
        out.append(c)
    return out


def drop_members_of(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"fighters of X": X itself acts, not unnamed fighters; the collective is dropped (sorted in, out)."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.source == "generic" and c.source != "generic" and c.label != "person" \
                and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[prev.end_char:c.start_char]):
            out.pop()
        out.append(c)
    return out


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates: higher priority first, then the longer span."""
    cands = _extend_registry_names(cands)
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []  # disjoint, in text order: only the one starting last before c can overlap
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end_char - c.start_char), c.start_char)):
        k = bisect_left(taken, (c.end_char, -1))
        if k == 0 or taken[k - 1][1] <= c.start_char:
            chosen.append(c)
            insort(taken, (c.start_char, c.end_char))
    return sorted(chosen, key=lambda c: c.start_char)


def to_span(doc: Doc, c: Candidate, offset: int = 0) -> Span | None:
    span = doc.char_span(c.start_char - offset, c.end_char - offset, label=c.label, alignment_mode="expand")
    return span if span is not None and len(span) else None


def acronym_uses(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Every use of an acronym the text defines after a name ("Hayy'at Tahrir al-Sham (HTS) ... the HTS"),
    even one neither the NER nor the registry knows."""
    ends = {c.end_char: c for c in cands if c.source != "generic"}
    out = []
    for m in ACRONYM_DEF.finditer(text):
        pre = m.start()
        while pre > 0 and text[pre - 1] == " ":
            pre -= 1
        long = ends.get(pre)
        if long is None or not m.group(1).isupper():
            continue
        for use in re.finditer(rf"(?<![\w-]){re.escape(m.group(1))}(?![\w-])", text):
            out.append(Candidate(use.start(), use.end(), long.label, "acronym", priority=1))
    return out
