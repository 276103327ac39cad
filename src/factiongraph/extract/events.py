"""Events (FACTS.md types) from trigger words and the dependency parse, over a Doc whose mentions, anaphors,
dates and places earlier stages have set.

A trigger is a verb or noun lemma ("clash", "airstrike", "protest", "build-up"); its arguments come from the
parse: subject, passive agent, object, and prepositions ("against", "between", "with", "of", "from"), for a noun
also its possessor and modifiers ("Turkish military build-up") and the subject of a light verb ("launched an
attack"). Reports tell one incident several times (a lead repeated, "the attack" further down), so candidates
of one type class are merged where they share a named actor or a place, or where a definite noun refers back.
Negated, denied, hypothetical, threatened or future happenings yield nothing.
"""
from __future__ import annotations

import re
from datetime import timedelta
from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from ..models import Evidence, Event, Participant, Place, TimeSpan
from . import anchors
from .acled import acled

CLASS = {"battle": "violent", "attack": "violent", "assassination": "violent", "remote_violence": "violent",
         "violence_against_civilians": "violent", "protest": "demonstration", "riot": "demonstration",
         "military_buildup": "buildup", "mediation": "negotiation", "agreement": "negotiation", "arrest": "arrest",
         "statement": "statement", "territory_change": "territory"}
# which type wins when two mentions of one incident disagree (the more specific one)
RANK = ["remote_violence", "assassination", "violence_against_civilians", "attack", "battle", "riot", "protest",
        "agreement", "mediation", "territory_change", "military_buildup", "arrest", "statement"]

VERBS = {
    "clash": "battle", "fight": "battle", "battle": "battle", "defeat": "battle", "overrun": "battle",
    "repel": "battle", "repulse": "battle", "rout": "battle", "besiege": "battle", "encircle": "battle",
    "attack": "attack", "ambush": "attack", "raid": "attack", "storm": "attack", "assault": "attack",
    "assassinate": "assassination",
    "shell": "remote_violence", "bomb": "remote_violence", "airstrike": "remote_violence",
    "massacre": "violence_against_civilians", "execute": "violence_against_civilians",
    "abduct": "violence_against_civilians", "kidnap": "violence_against_civilians",
    "protest": "protest", "demonstrate": "protest", "rally": "protest", "march": "protest",
    "riot": "riot", "loot": "riot", "torch": "riot", "ransack": "riot",
    "deploy": "military_buildup", "mobilise": "military_buildup", "mobilize": "military_buildup",
    "reinforce": "military_buildup", "mass": "military_buildup",
    "mediate": "mediation", "broker": "mediation", "negotiate": "mediation",
    "sign": "agreement", "agree": "agreement",
    "arrest": "arrest", "detain": "arrest",
    "announce": "statement", "declare": "statement", "condemn": "statement", "accuse": "statement",
    "blame": "statement", "criticise": "statement", "criticize": "statement",
    "capture": "territory_change", "seize": "territory_change", "retake": "territory_change",
    "recapture": "territory_change", "withdraw": "territory_change", "enter": "territory_change",
    "liberate": "territory_change", "occupy": "territory_change", "take": "territory_change",
    "fall": "territory_change", "kill": "kill", "die": "kill", "shoot": "kill",
}
NOUNS = {
    "clash": "battle", "fighting": "battle", "battle": "battle", "offensive": "battle", "skirmish": "battle",
    "gunfight": "battle", "gunfire": "battle", "firefight": "battle", "siege": "battle", "counteroffensive": "battle",
    "counter-offensive": "battle",
    "attack": "attack", "ambush": "attack", "raid": "attack", "assault": "attack", "onslaught": "attack",
    "assassination": "assassination",
    "airstrike": "remote_violence", "air-strike": "remote_violence", "shelling": "remote_violence",
    "bombing": "remote_violence", "bombardment": "remote_violence", "ied": "remote_violence",
    "explosion": "remote_violence", "blast": "remote_violence", "mortar": "remote_violence",
    "massacre": "violence_against_civilians", "execution": "violence_against_civilians",
    "abduction": "violence_against_civilians", "kidnapping": "violence_against_civilians",
    "protest": "protest", "demonstration": "protest", "rally": "protest", "march": "protest", "sit": "protest",
    "riot": "riot", "unrest": "riot",
    "buildup": "military_buildup", "build-up": "military_buildup", "reinforcement": "military_buildup",
    "deployment": "military_buildup", "mobilisation": "military_buildup", "mobilization": "military_buildup",
    "mediation": "mediation", "talk": "mediation", "negotiation": "mediation",
    "ceasefire": "agreement", "cease-fire": "agreement", "truce": "agreement", "deal": "agreement",
    "agreement": "agreement", "accord": "agreement", "armistice": "agreement",
    "arrest": "arrest", "detention": "arrest",
    "statement": "statement", "communique": "statement", "communiqué": "statement",
    "capture": "territory_change", "seizure": "territory_change", "takeover": "territory_change",
    "withdrawal": "territory_change", "fall": "territory_change",
}
# weapon nouns that turn an attack, a strike or an explosion into remote violence
REMOTE_WORDS = {"air", "airstrike", "drone", "missile", "rocket", "mortar", "artillery", "shell", "bomb", "car",
                "truck", "suicide", "ied", "roadside", "grenade", "warplane", "jet", "aerial", "explosive",
                "barrel", "landmine", "mine", "vbied", "helicopter", "bomber", "vehicle", "aircraft", "plane"}
# verbs whose object noun is the incident and whose subject its author: "launched an attack"
LIGHT = {"launch", "carry", "conduct", "stage", "mount", "hold", "sign", "reach", "begin", "start", "continue",
         "claim", "lead", "organise", "organize", "step", "intensify", "escalate", "resume", "order", "perpetrate",
         "commit", "make", "issue", "release", "publish", "agree", "broker", "mediate", "host", "join", "open",
         "wage", "undertake", "complete", "announce", "declare"}
# verbs whose noun subject is the weapon or incident and whose object is hit: "an airstrike killed 12"
HIT = {"kill", "hit", "target", "strike", "destroy", "wound", "injure", "damage", "claim", "leave", "rock", "tear"}
TROOPS = {"troop", "force", "reinforcement", "unit", "fighter", "soldier", "drone", "convoy", "warship", "tank",
          "battalion", "brigade", "column", "militiaman", "mercenary", "personnel", "jet", "aircraft", "artillery",
          "division", "contingent"}
SEND = {"send", "dispatch", "move", "rush", "bring", "fly", "station", "amass", "position"}
PEACE_WORDS = {"ceasefire", "cease-fire", "truce", "talk", "negotiation", "dialogue", "peace", "de-escalation",
               "calm", "restraint"}
AGREED = {"ceasefire", "cease-fire", "truce", "deal", "agreement", "accord", "armistice", "pause", "proposal",
          "plan", "peace", "terms", "settlement", "arrangement", "exchange", "swap", "roadmap", "declaration"}
STATEMENT_NEEDS = {"statement", "communique", "communiqué"}
ARMED = {"armed_group", "coalition", "state_force", "state"}
MODALS = {"will", "would", "may", "might", "could", "should", "shall", "must", "can", "'ll", "wo", "ca"}
NEGATORS = {"not", "n't", "never", "no", "without"}
# governors under which a happening is not asserted: threats, plans, denials, conditions, fears
IRREALIS = {"threaten", "plan", "vow", "warn", "intend", "seek", "prepare", "aim", "want", "hope", "propose",
            "consider", "deny", "refuse", "reject", "fear", "expect", "risk", "urge", "demand", "call", "try",
            "attempt", "pledge", "promise", "contemplate", "mull", "weigh", "avert", "prevent", "avoid", "plot",
            "rule", "dismiss", "need", "allow", "ask", "push", "press", "would", "if", "unless", "fail", "offer",
            "able", "ready", "willing", "struggle", "blame", "accuse", "allege"}
# heads under which an infinitive still reports a happening ("continue to protest"); elsewhere "to seize" is a
# purpose or a plan ("a campaign to seize the capital", "agreed to hand back")
ASPECTUAL = {"begin", "start", "continue", "resume", "keep", "manage", "go", "proceed"}
IRREALIS_NOUNS = {"threat", "plan", "possibility", "risk", "fear", "call", "demand", "prospect", "bid",
                  "attempt", "warning", "rumour", "rumor", "allegation", "denial", "proposal", "need", "hope",
                  "pressure", "appetite", "effort", "push", "request", "offer", "readiness", "claim", "accusation",
                  "speculation", "chance", "prospect", "talk"}
DEFINITE = {"the", "this", "that", "these", "those"}
WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1}
VICTIM_NOUNS = {"people", "person", "civilian", "soldier", "fighter", "militant", "policeman", "police", "officer",
                "troop", "member", "child", "woman", "man", "student", "worker", "employee", "resident",
                "villager", "recruit", "peacekeeper", "worshipper", "passenger", "protester", "demonstrator",
                "insurgent", "rebel", "jihadist", "gunman", "attacker", "guard", "staff", "pilgrim", "farmer",
                "cadet", "contractor", "personnel", "individual", "life", "other"}
POPULATION = {"population"}
PROPOSE = {"propose", "broker", "mediate", "sponsor", "offer", "draft", "table"}
VAGUE_GROUND = {"territory", "ground", "land", "swathe", "area"}
CROWD = {"crowd", "mob", "supporter", "protester", "demonstrator", "rioter", "youth", "resident", "people"}


@dataclass
class Cand:
    type: str
    trigger: Token
    nominal: bool
    participants: list[tuple[str, str]] = field(default_factory=list)  # (actor id, role)
    place: Place | None = None
    date: TimeSpan | None = None
    fatalities: int | None = None
    words: set[str] = field(default_factory=set)
    anaphoric: bool = False
    vague: bool = False
    distinct: bool = False
    sents: list[Span] = field(default_factory=list)

    def named(self, ctx: "_Ctx") -> set[str]:
        return {a for a, _ in self.participants if not ctx.generic(a)}


class _Ctx:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text  # built once: paragraph breaks are looked up per trigger
        self.actor = anchors.actor_at(doc)
        self.actors = doc._.fg_actors or {}
        self.persons = {i for s in doc.spans.get("fg_mentions", []) if s.label_ == "person"
                        for i in range(s.start, s.end)}
        self.places = [(s, (doc._.fg_places or {}).get((s.start_char, s.end_char))) for s in
                       doc.spans.get("fg_places", [])]
        seen: set[tuple[int, int]] = set()
        self.places = [(s, p) for s, p in self.places if p is not None and s.start not in self.persons and
                       (s.start, s.end) not in seen and not seen.add((s.start, s.end)) and
                       (s.root.i not in self.actor or _locative(s))]
        self.places = _outermost(self.places)
        self.place_tok = {i: n for n, (s, _) in enumerate(self.places) for i in range(s.start, s.end)}
        self.dates = [(s, (doc._.fg_timespans or {}).get((s.start_char, s.end_char))) for s in
                      doc.spans.get("fg_dates", [])]
        self.dates = [(s, t) for s, t in self.dates if t is not None]

    def generic(self, aid: str) -> bool:
        a = self.actors.get(aid)
        return aid.startswith("generic-") or a is not None and (a.type == "population" or getattr(a, "generic", False))

    def type_of(self, aid: str) -> str:
        a = self.actors.get(aid)
        return a.type if a is not None else "other"


def _outermost(places: list[tuple[Span, Place]]) -> list[tuple[Span, Place]]:
    """"Mazar" inside "Mazar-i-Sharif": the whole name is the place (one sweep over the spans by start)."""
    keep, reach = [], -1
    for s, p in sorted(places, key=lambda sp: (sp[0].start, -sp[0].end)):
        if s.end > reach:
            keep.append((s, p))
        reach = max(reach, s.end)
    return sorted(keep, key=lambda sp: sp[0].start)


def _locative(span: Span) -> bool:
    """A name that is also an actor ("France", "Sudan") is a place only where a preposition governs it."""
    t = span.root
    while t.dep_ in ("conj", "appos") and t.head.i != t.i:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ not in ("of", "by", "with", "against", "between", "from", "to")


# -- assertion ---------------------------------------------------------------------------------------------------
def asserted(tok: Token) -> bool:
    """False for a negated, denied, hypothetical, threatened or future happening."""
    if tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
            not (tok.dep_ == "xcomp" and _lemma(tok.head) in ASPECTUAL):
        return False
    if tok.pos_ == "NOUN" and any(c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c) in ATTESTED and
                                  not any(g.dep_ == "neg" for g in c.children) for c in tok.children):
        return True  # "rejected the agreement signed in Cartagena": the signing is told as done
    t, prev = tok, None
    for step in range(7):
        kids = list(t.children)
        if any(c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in ("advmod", "det", "neg", "prep") and
               (c.lower_ != "without" or prev is not None and c.i == prev.i) for c in kids):
            return False  # "left without attacking" negates; "took the city without a fight" does not
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in kids):
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(g.dep_ == "det" and g.lower_ == "no"
                                                              for g in c.children) for c in kids):
            return False  # "no offensive has been announced"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
            return False
        if any(c.dep_ == "aux" and c.lower_ in ("going", "set") for c in kids):
            return False
        coordinated = prev is not None and prev.dep_ == "conj" and prev.pos_ == "VERB"
        if step and not coordinated and (t.lemma_.lower() in IRREALIS and t.pos_ in ("VERB", "AUX") or
                                         t.lemma_.lower() in IRREALIS_NOUNS and t.pos_ == "NOUN"):
            return False  # "blamed X, and struck its bases": the strike is told, not blamed
        if t.dep_ == "ROOT" or t.head.i == t.i:
            break
        if step and t.pos_ in ("VERB", "AUX") and t.dep_ in ("relcl", "conj", "advcl", "parataxis", "ccomp") and \
                not any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
            break
        if step and t.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
            return False  # "the way to direct talks", "a chance to sign a deal": a purpose, not a deed
        if t.dep_ in ("advcl", "relcl", "parataxis") and t.pos_ in ("VERB", "AUX"):
            break
        if t.dep_ == "conj" and t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in kids):
            break  # "the army rejected the claims, and its warplanes struck": a clause of its own
        t, prev = t.head, t
    return True


ATTESTED = {"sign", "reach", "conclude", "broker", "negotiate", "carry", "launch", "stage"}


def _ongoing(tok: Token) -> bool:
    """A state rather than an incident: "have fought since 2015", "any talks"."""
    kids = list(tok.children)
    if any(c.lower_ == "since" for c in kids) or any(c.lower_ == "since" for c in tok.head.children
                                                       if tok.dep_ in ("dobj", "nsubj")):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in kids + list(_clause(tok).children)):
        return True  # "frequently bombs hotels": a habit, not an incident
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ == "pobj" and g.lemma_.lower() in ("year", "decade")
                                                         for g in c.children) for c in kids):
        return True  # "has fought the government for more than 15 years"
    return any(c.dep_ == "det" and c.lower_ in ("any", "every", "future") for c in kids)


HABITUAL = {"frequently", "often", "regularly", "routinely", "usually", "sometimes", "occasionally", "habitually"}


# -- triggers ----------------------------------------------------------------------------------------------------
# past forms the small model leaves unlemmatised
IRREGULAR = {"retook": "retake", "overran": "overrun", "took": "take", "fell": "fall", "withdrew": "withdraw",
             "fought": "fight", "shot": "shoot", "struck": "strike", "broke": "break", "drove": "drive",
             "recaptured": "recapture", "retaken": "retake", "overrun": "overrun", "shelled": "shell",
             "stormed": "storm", "ambushed": "ambush", "abducted": "abduct", "kidnapped": "kidnap"}


def _lemma(tok: Token) -> str:
    return IRREGULAR.get(tok.lower_) or tok.lemma_.lower()


def trigger(ctx: "_Ctx", tok: Token) -> tuple[str, bool] | None:
    """(type, nominal) for a trigger word, or None. 'kill' stands for a killing whose type its victim decides."""
    lemma = _lemma(tok)
    low = tok.lower_
    if tok.pos_ == "VERB":
        if tok.dep_ == "amod":
            return None  # "captured towns", "the detained leaders": a description, not a report
        if any(c.dep_ == "dobj" and c.lemma_.lower() in ("power", "office") for c in tok.children):
            return None  # "seized power": a coup or an office taken, no ground changes hands
        if lemma == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() == "control" for c in tok.children):
            return "territory_change", False
        if lemma in SEND and any(c.dep_ == "dobj" and c.lemma_.lower() in TROOPS for c in tok.children):
            return "military_buildup", False
        if lemma == "pull" and any(c.lower_ in ("out", "back") for c in tok.children):
            return ("territory_change", False) if _town_in(ctx, tok) else None
        if lemma == "round" and any(c.lower_ == "up" for c in tok.children):
            return "arrest", False
        if lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            return "attack", False  # "blew up the mosque"
        if lemma == "strike":
            return _strike(ctx, tok)
        if lemma == "fire":
            return _fire(ctx, tok)
        if lemma == "set" and any(c.lemma_.lower() in ("fire", "ablaze") for c in tok.subtree):
            return "riot", False
        if lemma == "throw" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("stone", "rock", "brick", "molotov")
                                    for c in tok.children):
            return "riot", False
        if lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
            return "call", False
        if _ends_peace(tok):
            return "statement", False  # "called off its ceasefire with the government", "suspended talks"
        etype = VERBS.get(lemma)
        if etype is None:
            return None
        if lemma in ("take", "fall", "enter"):
            return (etype, False) if _place_object(ctx, tok) else None
        if lemma == "overrun" and _place_object(ctx, tok):
            return "territory_change", False
        if lemma == "withdraw" and not _town_in(ctx, tok):
            return None  # a force leaving a country or "positions" is no town changing hands
        if lemma == "shoot" and not any(c.lower_ == "dead" for c in tok.children):
            return None
        if lemma == "sign" and not any(c.lemma_.lower() in NOUNS and NOUNS[c.lemma_.lower()] == "agreement"
                                       for c in tok.children if c.dep_ == "dobj"):
            return None
        if lemma == "agree" and not any(g.lemma_.lower() in AGREED for g in tok.subtree):
            return None  # "agreed to hand back towns" is no accord; "agreed to a truce" is
        if lemma in ("capture", "seize") and _person_object(ctx, tok):
            return "arrest", False
        if etype == "territory_change" and any(c.dep_ == "dobj" and c.lemma_.lower() in VAGUE_GROUND
                                               for c in tok.children):
            return None  # "seized more territory", "gained ground": no place changed hands
        if lemma in ("broker", "mediate", "negotiate") and tok.dep_ == "acl" and \
                NOUNS.get(tok.head.lemma_.lower()) == "agreement":
            return None  # "a deal brokered by X": the accord is the incident, X its mediator
        if lemma == "mass" and not any(c.lemma_.lower() in TROOPS for c in tok.children):
            return None
        return etype, False
    if tok.pos_ in ("NOUN", "PROPN") or low in ("ied", "ieds"):
        if tok.pos_ == "PROPN" and low not in ("ied", "ieds") and not (_sentence_initial(tok) and not tok.ent_type_):
            return None  # a name; but "Gunfire rang out" starts a sentence capitalised
        if low == "sit" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" and \
                tok.doc[tok.i + 2].lower_ == "in":
            return "protest", True
        if low == "up" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ == "build":
            return "military_buildup", True  # "build-up": the parser heads it on "up"
        if lemma in ("strike", "fire") and _modifiers(tok) & REMOTE_WORDS:
            return "remote_violence", True  # "drone strike", "artillery fire"
        if lemma in ("bomb", "missile", "rocket") and tok.dep_ != "compound":
            return "remote_violence", True
        etype = NOUNS.get(lemma) or NOUNS.get(low)
        if etype is None or lemma == "sit":
            return None
        if lemma == "withdrawal" and not _town_in(ctx, tok):
            return None
        if etype == "attack" and _modifiers(tok) & REMOTE_WORDS:
            return "remote_violence", True
        if tok.dep_ == "compound" and trigger(ctx, tok.head) is not None:
            return None  # "ceasefire talks", "protest march": the head speaks for both
        if etype == "remote_violence" and any(NOUNS.get(t.lemma_.lower()) == "battle" for t in _coordinate(tok)):
            return None  # "gunfire and explosions", "clashes and airstrikes": one fight
        if tok.dep_ == "dobj" and _ends_peace(tok.head):
            return None  # "called off the talks": the ending is told, not the talks
        if tok.dep_ == "compound" and tok.head.lemma_.lower() not in INCIDENT_HEADS:
            return None  # "a detention centre", "an attack helicopter", "protest leaders": a kind of thing
        return etype, True
    return None


ENDERS = {"suspend", "cancel", "scrap", "end", "abandon", "terminate", "abrogate", "quit"}


def _ends_peace(tok: Token) -> bool:
    lemma = _lemma(tok)
    ends = lemma in ENDERS or lemma in ("call", "break") and any(c.dep_ == "prt" and c.lower_ == "off"
                                                                  for c in tok.children)
    return ends and any(c.dep_ == "dobj" and c.lemma_.lower() in PEACE_WORDS | AGREED for c in tok.children)


def _strike(ctx: "_Ctx", tok: Token) -> tuple[str, bool] | None:
    """"struck a deal" is an accord; "aircraft struck five bases" remote violence; "the RSF struck a convoy" an
    attack; "the earthquake struck" nothing."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() in AGREED for c in tok.children):
        return "agreement", False
    subs = _subject_tokens(tok)
    if any(s.lemma_.lower() in REMOTE_WORDS or _modifiers(s) & REMOTE_WORDS for s in subs):
        return "remote_violence", False
    if any(s.i in ctx.actor for s in subs) and any(c.dep_ == "dobj" for c in tok.children):
        return "attack", False
    return None


def _fire(ctx: "_Ctx", tok: Token) -> tuple[str, bool] | None:
    """"fired missiles at the base" is remote violence, "fired on protesters" an attack; "fired in the air" and
    "fired the minister" nothing."""
    aimed = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "into") for g in c.children
             if g.dep_ == "pobj" and (g.i in ctx.actor or g.i in ctx.place_tok or g.lemma_.lower() in TARGETS)]
    if any(c.dep_ == "dobj" and c.lemma_.lower() in REMOTE_WORDS | {"shell", "round"} for c in tok.children):
        return "remote_violence", False
    return ("attack", False) if aimed else None


TARGETS = {"base", "position", "protester", "demonstrator", "crowd", "civilian", "convoy", "checkpoint", "village",
           "town", "camp", "vehicle", "car", "home", "house"}


INCIDENT_HEADS = {"incident", "operation", "campaign", "spree", "wave", "attempt"}


def _sentence_initial(tok: Token) -> bool:
    return tok.is_sent_start or tok.i > 0 and "\n" in tok.doc[tok.i - 1].text + tok.doc[tok.i - 1].whitespace_


def _coordinate(tok: Token) -> list[Token]:
    """The nouns coordinated with this one, before or after it."""
    out = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        out.append(tok.head)
    return out


def _modifiers(tok: Token) -> set[str]:
    out = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")}
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            out |= {g.lemma_.lower() for g in c.children if g.dep_ in ("conj", "compound")}
    if tok.i > 0:
        out.add(tok.doc[tok.i - 1].lemma_.lower())
    return out


def _place_object(ctx: "_Ctx", tok: Token) -> bool:
    """'took Jalalabad', 'entered the town of X', 'Mosul fell to ...': the verb's object is a place."""
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() != "control" and (c.i in ctx.place_tok or any(
                g.i in ctx.place_tok for g in c.subtree)):
            return True
    if tok.lemma_.lower() == "fall":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children) and \
            any(c.dep_ == "nsubj" and (c.i in ctx.place_tok or c.lemma_.lower() in ("city", "town", "base"))
                for c in tok.children)
    return False


def _town_in(ctx: "_Ctx", tok: Token) -> bool:
    """A town, district or site the phrase names: "withdrew from Kidal", "the withdrawal from Tarhuna"."""
    heads = [c for c in tok.children if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in ("from", "of", "out")]
    heads += [g for c in tok.children if c.dep_ == "prt" for g in c.children if g.dep_ == "prep"]  # "pulled out of X"
    return any(g.i in ctx.place_tok and ctx.places[ctx.place_tok[g.i]][1].feature in ("city", "admin2", "other")
               for h in heads for g in h.subtree)


def _person_object(ctx: "_Ctx", tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.i in ctx.persons or c.lemma_.lower() in VICTIM_NOUNS)
               for c in tok.children)


# -- arguments ---------------------------------------------------------------------------------------------------
def _conj(tok: Token) -> list[Token]:
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("conj", "appos") and _same_line(t, c))
    return out


def actors_of(ctx: _Ctx, tok: Token, depth: int = 0) -> list[str]:
    """The actors a noun phrase names: its head, coordinated and apposed heads, modifiers, 'of'/'loyal to'."""
    out: list[str] = []
    for t in _conj(tok):
        if t.i in ctx.actor:
            aid = ctx.actor[t.i][0]
            owners = [ctx.actor[c.i][0] for c in t.children if c.i in ctx.actor and not ctx.generic(ctx.actor[c.i][0])
                      and c.dep_ in ("compound", "amod", "poss", "nmod")] if ctx.generic(aid) else []
            out.extend(owners or [aid])  # "RSF fighters", "the group's fighters": whose fighters they are
            continue
        if any(c.dep_ == "appos" and c.i in ctx.actor for c in t.children):
            continue  # "the HTS commander, X": the apposed name says who
        found = [ctx.actor[c.i][0] for c in t.children if c.i in ctx.actor and
                 c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and _same_line(c, t)]
        linked: list[str] = []  # "units loyal to Burhan and the RSF": every name of the phrase counts
        for c in t.children:
            if depth < 2 and (c.dep_ == "prep" and c.lower_ in ("of", "from", "to") or
                              c.dep_ in ("amod", "acl") and c.lower_ in ("loyal", "affiliated", "allied", "linked",
                                                                      "backed", "led")):
                for g in c.subtree:
                    if g.dep_ == "pobj" and g.head.head in (c, t):
                        linked.extend(actors_of(ctx, g, depth + 1))
                    if g.dep_ == "pobj" and g.head.head.i == c.i:
                        break
        persons = [a for a in found if ctx.type_of(a) == "person"]
        out.extend(persons or found)  # "the HTS commander X": the person, not the group that qualifies him
        out.extend(linked)
    seen: list[str] = []
    for a in out:
        if a not in seen:
            seen.append(a)
    return seen


def _same_line(a: Token, b: Token) -> bool:
    """A headline the parser ran into the lead: words on two lines are no one phrase."""
    lo, hi = min(a.i, b.i), max(a.i, b.i)
    return not any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def _subject_tokens(verb: Token) -> list[Token]:
    t = verb
    for _ in range(4):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if subs:
            if t.dep_ == "relcl" and subs[0].lower_ in ("who", "which", "that"):
                return [t.head]
            return subs
        if t.dep_ in ("xcomp", "conj", "advcl", "pcomp") and t.head.i != t.i:
            if t.dep_ == "advcl" and t.tag_ not in ("VBG", "VBN"):
                return []
            t = t.head
            continue
        if t.dep_ == "relcl":
            return [t.head]
        if t.dep_ == "acl" and t.tag_ == "VBG":
            return [t.head]
        return []
    return []


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.dep_ == "acl" and verb.tag_ == "VBN"


# verbs that need an object: with none, their subject is the one done to ("Suu Kyi detained as ...")
TRANSITIVE = {"kill", "assassinate", "detain", "arrest", "abduct", "kidnap", "execute", "capture", "seize", "wound",
              "injure", "behead", "shoot", "retake", "recapture", "liberate"}


def _reduced_passive(verb: Token) -> bool:
    kids = list(verb.children)
    return _lemma(verb) in TRANSITIVE and verb.tag_ in ("VBD", "VBN") and \
        not any(c.dep_ in ("dobj", "aux", "auxpass", "nsubjpass", "ccomp", "xcomp") for c in kids) and \
        any(c.dep_ == "nsubj" for c in kids) and not any(c.dep_ == "prt" for c in kids)


def _after_name(ctx: _Ctx, tok: Token) -> bool:
    """A passive participle right after "Name," with no subject of its own describes that name."""
    return tok.tag_ == "VBN" and tok.i >= 2 and tok.doc[tok.i - 1].text == "," and tok.doc[tok.i - 2].i in ctx.actor \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
        any(c.dep_ == "agent" for c in tok.children)


def _roles(etype: str) -> tuple[str, str]:
    """(role of the doer, role of the one done to)."""
    if etype in ("battle", "protest", "riot", "agreement"):
        return "participant", "target" if etype in ("protest", "riot") else "participant"
    if etype in ("military_buildup", "statement"):
        return "subject", "target"
    if etype == "mediation":
        return "mediator", "participant"
    return "perpetrator", "target"


def arguments(ctx: _Ctx, tok: Token, etype: str, nominal: bool) -> list[tuple[str, str]]:
    doer, done = _roles(etype)
    out: list[tuple[str, str]] = []

    def add(tokens: list[Token], role: str) -> None:
        for t in tokens:
            for a in actors_of(ctx, t):
                if role in ("target",) and ctx.type_of(a) in ("person", "population") and etype != "statement":
                    out.append((a, "victim"))
                else:
                    out.append((a, role))

    def preps(head: Token) -> None:
        for c in head.children:
            if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by":
                add([g for g in c.children if g.dep_ == "pobj"], doer if etype != "mediation" else "mediator")
            elif c.dep_ == "prep" and c.lower_ in ("against", "on", "targeting", "at"):
                add([g for g in c.children if g.dep_ == "pobj"], done if etype != "battle" else "participant")
            elif c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "alongside"):
                role = "participant" if etype not in ("statement", "military_buildup") else done
                add([g for g in c.children if g.dep_ == "pobj"], role)
            elif c.dep_ == "prep" and c.lower_ == "from" and etype == "territory_change":
                add([g for g in c.children if g.dep_ == "pobj"], "target")
            elif c.dep_ == "prep" and c.lower_ == "from" and nominal and head.i == tok.i and \
                    CLASS.get(etype) == "violent":
                add([g for g in c.children if g.dep_ == "pobj"], doer)  # "airstrikes from the coalition"
            elif c.dep_ == "prep" and c.lower_ == "to" and etype == "agreement" and _lemma(tok) == "agree":
                # "agreed to a UN proposal", "agreed to a Saudi-brokered truce": whose terms they are
                terms = [g for g in c.children if g.dep_ == "pobj"]
                add([m for g in terms for m in g.children if m.dep_ in ("compound", "amod", "poss", "nmod")] +
                    [p for g in terms for m in g.children if m.dep_ == "acl" and _lemma(m) in PROPOSE
                     for a in m.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"], "mediator")
            elif c.dep_ == "prep" and c.lower_ == "to" and etype == "territory_change" and _lemma(tok) == "fall":
                add([g for g in c.children if g.dep_ == "pobj"], "perpetrator")
            elif c.dep_ == "prep" and c.lower_ == "of" and nominal:
                role = {"protest": "participant", "military_buildup": "subject", "statement": "subject",
                        "assassination": "victim", "arrest": "target"}.get(etype, done)
                add([g for g in c.children if g.dep_ == "pobj"], role)

    if nominal:
        add([c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")], doer)
        preps(tok)
        for c in tok.children:  # "a deal brokered by X" (X mediates), "the accord signed by X and Y" (they made it)
            if c.dep_ == "acl" and c.tag_ == "VBN":
                role = "mediator" if _lemma(c) in ("broker", "mediate", "negotiate", "sponsor", "facilitate") else doer
                add([g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"], role)
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in LIGHT | {"call"}:
            add(_subject_tokens(head), doer)
            preps(head)
        elif tok.dep_ == "nsubj" and head.lemma_.lower() in HIT:
            add([c for c in head.children if c.dep_ == "dobj"], done)
            preps(head)
        elif tok.dep_ == "nsubj" and head.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in head.children):
            preps(head)  # "fighting broke out between X and Y", "clashes erupted with Z"
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "with" and head.head.pos_ == "VERB" and \
                not _passive(head.head):
            add(_subject_tokens(head.head), doer)  # "Turkey launched the operation with airstrikes"
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and \
                head.head.lemma_.lower() in ("kill", "die", "wound", "injure", "destroy", "damage", "hit"):
            v = head.head
            add([c for c in v.children if c.dep_ in ("nsubjpass", "dobj")], done)
    else:
        subj_role = done if _lemma(tok) in ("fall", "die") else doer  # who dies is the one done to
        if tok.dep_ in ("relcl", "acl") and _passive(tok):
            add([tok.head], done)  # "Suu Kyi, who was detained", "soldiers captured in the raid"
        elif _reduced_passive(tok):
            add(_subject_tokens(tok), done)  # headline style: "Commander killed in Idlib"
        elif _after_name(ctx, tok):
            add([tok.doc[tok.i - 2]], done)  # "its leader Omar Khalid, killed by a roadside bomb"
        else:
            add(_subject_tokens(tok), subj_role)
        add([c for c in tok.children if c.dep_ == "nsubjpass"], done)
        add([c for c in tok.children if c.dep_ in ("dobj",)], done)
        if etype == "statement":  # "called off its ceasefire with the government": the other party
            add([g for c in tok.children if c.dep_ == "dobj" for p in c.children
                 if p.dep_ == "prep" and p.lower_ in ("with", "between") for g in p.children if g.dep_ == "pobj"], done)
        preps(tok)
        for c in tok.children:  # "stormed the base, killing ..." / "signed ... with"
            if c.dep_ == "prt":
                preps(c)
    seen: list[tuple[str, str]] = []
    for a, r in out:
        if a not in {x for x, _ in seen}:
            seen.append((a, r))
    return seen


# -- anchors ----------------------------------------------------------------------------------------------------
def _clause(tok: Token) -> Token:
    """The verb whose clause holds the trigger (a noun trigger climbs to its governing verb)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT" or t.head.i == t.i:
            return t
        t = t.head
    return t


def _in_subtree(span: Span, root: Token) -> bool:
    return root.left_edge.i <= span.start and span.end - 1 <= root.right_edge.i


def place_for(ctx: _Ctx, tok: Token, others: list[Token]) -> list[tuple[Place, Span]]:
    """Places of the trigger: in its own phrase, its subject ("towns such as A and B continue to protest"),
    its clause, else the nearest in the sentence that no other trigger's phrase holds. Coordinated towns come
    back together, one event each."""
    sent = _window(tok)
    inside = [(p, s) for s, p in ctx.places if sent.start <= s.start and s.end <= sent.end]
    if not inside:
        return []
    roots = [tok, *_subject_tokens(tok)] if tok.pos_ == "VERB" else [tok]
    hits = [(p, s) for p, s in inside if any(_in_subtree(s, r) for r in roots)]
    if not hits:
        clause = _clause(tok)
        free = [(p, s) for p, s in inside if not any(_held(s, o, tok, clause) for o in others)]
        hits = [(p, s) for p, s in free if _in_subtree(s, clause)] or \
            ([min(free, key=lambda ps: abs(ps[1].start - tok.i))] if free else [])
    if not hits:
        return []
    best = _finest(hits)
    if best[0].feature in ("country", "border"):
        return [best]  # towns, districts and provinces make one event each; a list of countries is one event
    return [best] + [(p, s) for p, s in hits if s is not best[1] and _coordinated(s, best[1])
                     and p.feature == best[0].feature]


def _held(span: Span, other: Token, tok: Token, clause: Token) -> bool:
    """The place belongs to another trigger's phrase: one beside the trigger, or one whose clause holds the
    trigger's clause ("took Menaka, while the army said it had arrested 30": Menaka is the taking's)."""
    if other.i == tok.i or _in_subtree(other.doc[other.i:other.i + 1], tok) or not _in_subtree(span, other):
        return False
    if not _in_subtree(tok.doc[tok.i:tok.i + 1], other):
        return True
    if clause.dep_ == "conj" and clause.head.i == other.i or \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False  # "clashed in Aden, and the army carried out airstrikes", "seizing X after days of fighting"
    return not _in_subtree(span, clause)


def _finest(hits: list[tuple[Place, Span]]) -> tuple[Place, Span]:
    order = {"city": 0, "border": 1, "admin2": 2, "other": 3, "admin1": 4, "region": 5, "country": 6}
    return min(hits, key=lambda ps: (order.get(ps[0].feature, 3), ps[1].start))


def _coordinated(a: Span, b: Span) -> bool:
    ra, rb = a.root, b.root
    pa, pb = ra.head, rb.head  # "in Mopti and in Soum": the prepositions are coordinated
    if ra.dep_ == rb.dep_ == "pobj" and (pb.dep_ == "conj" and pb.head == pa or pa.dep_ == "conj" and pa.head == pb):
        return True
    return ra.head == rb and ra.dep_ == "conj" or rb.head == ra and rb.dep_ == "conj" or \
        ra.head == rb.head and ra.dep_ == rb.dep_ == "conj" or \
        abs(a.start - b.end) <= 2 and all(t.lower_ in (",", "and", "or") for t in a.doc[b.end:a.start]) or \
        abs(b.start - a.end) <= 2 and all(t.lower_ in (",", "and", "or") for t in a.doc[a.end:b.start])


def _window(tok: Token) -> Span:
    """The trigger's sentence, cut at line breaks: a headline the parser ran into the lead is a sentence apart."""
    sent, doc = tok.sent, tok.doc
    lo, hi = sent.start, sent.end
    for i in range(tok.i - 1, sent.start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            lo = i + 1
            break
    for i in range(tok.i, sent.end):
        if "\n" in doc[i].whitespace_ or i > tok.i and "\n" in doc[i].text:
            hi = i + 1 if "\n" not in doc[i].text else i
            break
    return doc[lo:hi]


def _dates_in(ctx: _Ctx, window: Span, tok: Token) -> TimeSpan | None:
    inside = [(s, t) for s, t in ctx.dates if window.start <= s.start and s.end <= window.end and
              not _report_date(s, tok)]
    t = tok
    for _ in range(6):  # "since June 2018, when X was killed": the clause hangs on its date
        hit = [st for st in inside if st[0].start <= t.i < st[0].end]
        if hit and t.i != tok.i:
            return hit[0][1]
        if t.head.i == t.i:
            break
        t = t.head
    inside = [(s, t) for s, t in inside if not _aside(s.root, tok)]
    if not inside:
        return None
    clause = _clause(tok)
    for root in (tok, clause):
        hits = [(s, t) for s, t in inside if _in_subtree(s, root)]
        if hits:
            return min(hits, key=lambda st: abs(st[0].start - tok.i))[1]
    return min(inside, key=lambda st: min(abs(st[0].start - tok.i), abs(st[0].end - 1 - tok.i)))[1]


def date_for(ctx: _Ctx, tok: Token) -> TimeSpan | None:
    """The date of the trigger's clause, else of its sentence, else of its paragraph's first sentence; "two days
    later" or "the next day" in a clause without a date of its own counts on from the date borrowed."""
    found = _dates_in(ctx, _window(tok), tok)
    if found is None and _that_day(_clause(tok)):
        return _last_day_before(ctx, tok)
    if found is None:
        first = _paragraph_lead(ctx, tok)
        if first is not None and first.start != tok.sent.start:
            found = _dates_in(ctx, first, first.root)
    clause = _clause(tok)
    days = _days_on(clause)
    if found is None or not days or found.precision != "day" or \
            any(_in_subtree(s, clause) for s, _ in ctx.dates if s.sent.start == tok.sent.start):
        return found
    day = (found.start_date + timedelta(days=days)).isoformat()
    return TimeSpan(earliest=day, latest=day, precision="day", text=f"{found.text} + {days} days")


def _that_day(clause: Token) -> bool:
    """"On that day", "the same day": the day last told."""
    return any(g.lemma_.lower() == "day" and any(d.lower_ in ("that", "same") for d in g.children)
               for c in clause.children if c.dep_ in ("prep", "npadvmod") for g in c.subtree)


def _last_day_before(ctx: _Ctx, tok: Token) -> TimeSpan | None:
    days = [t for s, t in ctx.dates if s.end <= tok.sent.start and t.precision == "day"]
    return days[-1] if days else None


def _days_on(clause: Token) -> int:
    """Days a clause counts on from the date before it: "two days later" 2, "the following day" 1, "a day earlier" -1."""
    for c in clause.children:
        if c.dep_ == "advmod" and c.lower_ in ("later", "earlier", "after", "before"):
            sign = 1 if c.lower_ in ("later", "after") else -1
            for n in c.children:
                if n.dep_ == "npadvmod" and n.lemma_.lower() == "day":
                    k = next((_number(g) or WORDNUM.get(g.lower_) for g in n.children if g.dep_ in ("nummod", "det")
                              and (g.like_num or g.lower_ in WORDNUM)), None)
                    return sign * (k or 1)
        if c.dep_ == "npadvmod" and c.lemma_.lower() == "day" and \
                any(g.lower_ in ("following", "next") for g in c.children):
            return 1
    return 0


def _paragraph_lead(ctx: _Ctx, tok: Token) -> Span | None:
    """The first sentence of the trigger's paragraph (paragraphs end at a blank line)."""
    doc = tok.doc
    start = ctx.text.rfind("\n\n", 0, tok.idx)
    if start < 0:
        return None
    lead = doc.char_span(start, start + 2, alignment_mode="expand")
    if lead is None or lead.end >= len(doc):
        return None
    first = doc[min(lead.end, len(doc) - 1)].sent
    return first if first.start <= tok.i else None


SPEECH = {"say", "tell", "announce", "report", "confirm", "state", "add", "claim", "declare", "write", "post"}


def _report_date(span: Span, tok: Token) -> bool:
    """A date on a speech verb dates the report, not what it reports ("..., the minister said on Monday")."""
    head = span.root
    while head.dep_ in ("pobj", "prep", "npadvmod", "compound", "nmod") and head.head.i != head.i:
        head = head.head
    return head.i != tok.i and head.lemma_.lower() in SPEECH and head.pos_ == "VERB"


def _aside(date_tok: Token, tok: Token) -> bool:
    """A date inside a relative clause, apposition or 'since' phrase that does not hold the trigger dates
    something else ("Rwanda, which ... since 1994, denies ...")."""
    t = date_tok
    for _ in range(8):
        if t.dep_ in ("relcl", "acl") and t.head.i == tok.i:
            return False  # "a truck bomb that devastated a junction on Saturday": the clause tells the trigger's own
        if t.lower_ == "since" or t.dep_ in ("relcl", "appos", "acl", "parataxis", "advcl", "ccomp", "conj") and \
                not (t.left_edge.i <= tok.i <= t.right_edge.i):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _number(tok: Token) -> int | None:
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
    n = _number(noun)
    if n is not None:
        return n
    for c in noun.children:
        if c.dep_ in ("nummod", "quantmod") or c.like_num:
            n = _number(c)
            if n is not None:
                return n
    return None


def fatalities(ctx: _Ctx, sent: Span) -> int | None:
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
            for m in _conj(n):
                k = _count(m)
                if k is None and m.i in ctx.persons and lemma in ("kill", "die", "dead"):
                    k = 1
                if k is not None and k < 100000:
                    best = max(best or 0, k)
    return best


# -- building ----------------------------------------------------------------------------------------------------
def _reclassify(ctx: _Ctx, cand: Cand) -> None:
    """A killing: its victim decides the type (a named person: assassination; civilians: violence against
    civilians); an attack on civilians likewise."""
    victims = [a for a, r in cand.participants if r in ("victim", "target")]
    persons = [a for a in victims if ctx.type_of(a) == "person"]
    civil = [a for a in victims if ctx.type_of(a) == "population"]
    doers = [a for a, r in cand.participants if r == "perpetrator"]
    if cand.type in ("attack", "kill") and doers and all(_crowd(ctx, a) for a in doers):
        cand.type = "riot"  # "protesters attacked the embassies": a violent demonstration
        cand.participants = [(a, "participant" if r == "perpetrator" else r) for a, r in cand.participants]
    elif cand.type == "kill":
        cand.type = "assassination" if persons else "violence_against_civilians" if civil else "attack"
    elif cand.type == "attack" and persons and any(r == "perpetrator" for _, r in cand.participants) and \
            not civil and cand.trigger.pos_ == "VERB":
        cand.type = "assassination"


def _crowd_noun(t: Token) -> bool:
    """"crowds", "youths", "hundreds of protesters"."""
    return t.lemma_.lower() in CROWD or any(g.lemma_.lower() in CROWD for c in t.children
                                            if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


def _crowd(ctx: _Ctx, aid: str) -> bool:
    return ctx.type_of(aid) == "population" and aid.startswith("generic-") and \
        aid.removeprefix("generic-").rstrip("s") in CROWD


def candidates(ctx: _Ctx) -> Iterator[Cand]:
    hits = [(tok, hit) for tok in ctx.doc if (hit := trigger(ctx, tok)) is not None]
    triggers = [t for t, _ in hits]  # every trigger's own phrase keeps its places
    seen_types: set[str] = set()
    verbs = {t.i: etype for t, (etype, nominal) in hits if not nominal}
    for tok, (etype, nominal) in hits:
        if not asserted(tok) or _ongoing(tok) or _manner(tok, etype, verbs) or _background(ctx, tok) or \
                _reflexive(tok):
            continue
        if etype == "call":
            peace = any(g.lemma_.lower() in PEACE_WORDS for c in tok.children if c.lower_ == "for"
                        for g in c.subtree)
            etype = "mediation" if peace else "statement"
        args = arguments(ctx, tok, etype if etype != "kill" else "attack", nominal)
        if etype == "protest" and not nominal and tok.lemma_.lower() in ("march", "rally") and \
                any(ctx.type_of(a) in ARMED and r == "participant" for a, r in args):
            etype = "military_buildup"
        if etype == "statement":
            subs = [a for a, r in args if r == "subject" and not ctx.generic(a)]
            about = [a for a, r in args if r != "subject" and a not in subs and not ctx.generic(a)]
            if not subs or not about or nominal and tok.lemma_.lower() not in STATEMENT_NEEDS:
                continue  # a statement is one named actor's words about another, not every "announced"
        doers = _subject_tokens(tok) or ([tok.head] if tok.dep_ in ("acl", "relcl") else [])
        if etype == "riot" and tok.lemma_.lower() in ("loot", "torch", "ransack", "set", "throw") and \
                not any(ctx.type_of(a) == "population" for a, _ in args) and \
                not any(_crowd_noun(t) for t in doers):
            continue  # a crowd's deed; soldiers who loot or burn are coded by their other deeds
        if etype == "kill" and not args:
            continue
        if etype == "military_buildup" and not nominal and not args:
            continue
        words = {t.lemma_.lower() for t in tok.subtree} | {tok.lemma_.lower()} | _modifiers(tok)
        places = place_for(ctx, tok, triggers)
        date = date_for(ctx, tok)
        anaphoric = nominal and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children)
        if nominal and not args and not places and date is None:
            continue
        if anaphoric and not [a for a, _ in args if not ctx.generic(a)] and \
                not any(CLASS.get(e) == CLASS.get(etype) for e in seen_types):
            continue  # "the takeover" with nothing before it to refer to and nobody named
        seen_types.add(etype)
        vague = nominal and tok.tag_ == "NNS" and not [a for a, _ in args if not ctx.generic(a)] and not places
        for place in places or [(None, None)]:
            cand = Cand(etype, tok, nominal, list(args), place[0], date, fatalities(ctx, tok.sent), words,
                        anaphoric, vague, distinct=any(g.lower_ in DISTINCT for g in _noun_of(tok).children),
                        sents=[tok.sent])
            _reclassify(ctx, cand)
            yield cand


DISTINCT = {"second", "third", "another", "separate", "new", "fresh", "other", "further"}


def _noun_of(tok: Token) -> Token:
    """The incident noun: the trigger, or the subject of "went off" / "exploded" ("a second bomb went off")."""
    if tok.pos_ == "VERB":
        subs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subs[0] if subs else tok
    return tok


def _manner(tok: Token, etype: str, verbs: dict[int, str]) -> bool:
    """"detained in early morning raids": the noun says how another kind of incident happened."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or tok.head.lower_ not in ("in", "during", "after"):
        return False
    verb = tok.head.head
    other = verbs.get(verb.i)
    return other is not None and other != "kill" and CLASS.get(other) != CLASS.get(etype)


def _background(ctx: _Ctx, tok: Token) -> bool:
    """"JNIM, which seized northern Mali in 2012": a relative clause on an actor tells its history, not the
    news, unless it dates the deed to a day or a month."""
    if tok.dep_ != "relcl" or _passive(tok):
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in ("which", "who", "that") for c in tok.children):
        return False
    date = _dates_in(ctx, _window(tok), tok)
    if not _actor_phrase(ctx, tok.head):  # "the alliance that seized northern Mali in 2012": a dated history
        ref = ctx.doc._.fg_reference
        return date is not None and date.precision == "year" and \
            (ref is None or ref.earliest is None or date.end_date.year < ref.earliest.year)
    return date is None or date.precision not in ("day", "week", "month")


def _actor_phrase(ctx: _Ctx, noun: Token) -> bool:
    """An actor's name, or a description set beside one ("Al-Shabaab, the al-Qaeda affiliate that ...")."""
    t = noun
    while t.dep_ == "appos" and t.head.i != t.i and t.i not in ctx.actor:
        t = t.head
    return t.i in ctx.actor or any(c.i in ctx.actor for c in noun.children
                                   if c.dep_ in ("compound", "amod", "poss", "nmod"))


def _reflexive(tok: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ in ("himself", "herself", "themselves") for c in tok.children)


def _compatible(ctx: _Ctx, a: Cand, b: Cand) -> bool:
    if a.trigger.i != b.trigger.i and (a.trigger.head.i == b.trigger.i or b.trigger.head.i == a.trigger.i):
        return True  # "struck five bases in Iraq and Syria, killing 25": one deed, whatever place each took
    if a.place is not None and b.place is not None and a.place.name != b.place.name:
        if not (a.place.feature != "city" or b.place.feature != "city"):
            return False
        if a.place.feature == b.place.feature:
            return False
    if a.date is not None and b.date is not None:
        if a.date.precision == b.date.precision == "day" and a.date.earliest != b.date.earliest and \
                not _over_days(a, b):
            return False  # "on Friday" and "on Wednesday" are two incidents; fighting may go on for days
        if a.date.latest < b.date.earliest or b.date.latest < a.date.earliest:
            return _days_apart(a.date, b.date) <= 3
    return True


def _over_days(a: Cand, b: Cand) -> bool:
    """Fighting goes on for days, and a toll counted on one of them is the fighting's."""
    return "battle" in (a.type, b.type) and (a.type == b.type or _toll(a) or _toll(b))


def _toll(c: Cand) -> bool:
    return _lemma(c.trigger) in ("kill", "die") and not any(r == "perpetrator" for _, r in c.participants)


def _days_apart(a: TimeSpan, b: TimeSpan) -> int:
    return min(abs((a.start_date - b.end_date).days), abs((b.start_date - a.end_date).days))


def _same(ctx: _Ctx, have: Cand, new: Cand) -> bool:
    if CLASS[have.type] != CLASS[new.type] or not _compatible(ctx, have, new):
        return False
    if {have.type, new.type} == {"battle", "remote_violence"} and not new.anaphoric:
        return False  # "clashes and airstrikes continued": ground fighting and strikes are coded apart
    if new.distinct:
        return False  # "a second car bomb", "another attack"
    if have.type == new.type and _near(have, new) and not _clash(ctx, have, new):
        return True  # the next sentence tells more of the same arrest, accord or strike
    if have.type == new.type and _headline(ctx, have) and len(have.sents) == 1 and \
            ctx.text.count("\n\n", 0, new.trigger.idx) <= 1:
        return True  # the lead tells what its headline sums up, in names of its own
    if CLASS[have.type] == "demonstration" and have.date is not None and new.date is not None and \
            have.date.precision == new.date.precision == "day" and have.date.earliest == new.date.earliest and \
            not _clash(ctx, have, new):
        return True  # crowds on the same day with no other place: the same unrest told twice
    if _lemma(new.trigger) in ("kill", "die") and not new.named(ctx) and _near(have, new):
        return True  # "at least 56 civilians were killed": the toll of the incident just told
    if have.type == "statement" or new.type == "statement":
        return new.trigger.sent == have.trigger.sent and bool(have.named(ctx) & new.named(ctx))
    if new.trigger.sent == have.trigger.sent and CLASS[new.type] == "violent":
        return True
    if new.trigger.sent == have.trigger.sent and new.trigger.head == have.trigger or \
            have.trigger.head == new.trigger:
        return True
    shared = have.named(ctx) & new.named(ctx)
    if shared and not _clash(ctx, have, new) and _same_paragraph(ctx, have, new) and \
            (have.place is None or new.place is None or have.place.name == new.place.name):
        return True
    if have.place is not None and new.place is not None and have.place.name == new.place.name and \
            have.place.feature == "city" and not _clash(ctx, have, new):
        return True
    if new.anaphoric and new.named(ctx) and not _doers(ctx, have) and \
            all(r in DOERS for a, r in new.participants if not ctx.generic(a)):
        return True  # "the attack was carried out by X", "it had carried out the detentions": who did it
    return new.anaphoric and not (new.named(ctx) - have.named(ctx))


DOERS = ("perpetrator", "participant", "subject")


def _doers(ctx: _Ctx, c: Cand) -> set[str]:
    return {a for a, r in c.participants if r in DOERS and not ctx.generic(a)}


def _same_paragraph(ctx: _Ctx, have: Cand, new: Cand) -> bool:
    if "\n\n" not in ctx.text[have.sents[-1].start_char:new.trigger.idx] or \
            _headline(ctx, have) and ctx.text.count("\n\n", 0, new.trigger.idx) <= 1:
        return True  # a headline sums up the lead paragraph under it
    return have.place is not None and new.place is not None and have.place.name == new.place.name


def _headline(ctx: _Ctx, c: Cand) -> bool:
    """The trigger stands on the document's first line, a title without a closing full stop."""
    end = ctx.text.find("\n")
    return 0 <= c.trigger.idx < end and not ctx.text[:end].rstrip().endswith(".")


def _near(have: Cand, new: Cand) -> bool:
    """The new mention's sentence is the one after (or the same as) a sentence of the held incident."""
    last = have.sents[-1]
    return new.trigger.sent.start in (last.start, last.end) or \
        new.trigger.sent.start == last.end + 1 and last.doc[last.end].is_space


def _clash(ctx: _Ctx, a: Cand, b: Cand) -> bool:
    """Both name their actors and none is shared, or the shared ones changed sides (a strike on X, then X's
    strike back): two incidents."""
    na, nb = a.named(ctx), b.named(ctx)
    if not (na and nb):
        return False
    shared = na & nb
    return not shared or all(_side(a, x) and _side(b, x) and _side(a, x) != _side(b, x) for x in shared)


def _side(c: Cand, aid: str) -> str | None:
    roles = {r for a, r in c.participants if a == aid}
    if roles & {"perpetrator", "subject"}:
        return "doer"
    return "done" if roles & {"target", "victim"} else None


def _absorb(have: Cand, new: Cand) -> None:
    toll = _toll(new)
    if RANK.index(new.type) < RANK.index(have.type) and not toll:
        have.type = new.type
    known = {a for a, _ in have.participants}
    have.participants.extend((a, r) for a, r in new.participants if a not in known)
    have.place = have.place or new.place
    if have.date is not None and new.date is not None and have.type == "battle" and _over_days(have, new) and \
            have.date.precision == new.date.precision == "day" and have.date.earliest != new.date.earliest:
        have.date = TimeSpan(earliest=min(have.date.earliest, new.date.earliest),
                             latest=max(have.date.latest, new.date.latest), precision="approximate",
                             text=f"{have.date.text}; {new.date.text}")  # days of fighting: all of them
    elif have.date is None or new.date is not None and _width(new.date) < _width(have.date) and \
            not new.anaphoric:
        have.date = new.date or have.date
    if new.fatalities is not None:
        have.fatalities = max(have.fatalities or 0, new.fatalities)
    have.words |= new.words
    have.vague = have.vague and new.vague
    if new.trigger.sent not in have.sents:
        have.sents.append(new.trigger.sent)


def _width(ts: TimeSpan) -> int:
    return (ts.end_date - ts.start_date).days


def merge(ctx: _Ctx, cands: list[Cand]) -> list[Cand]:
    """One record per incident: a later mention joins the latest earlier one it matches."""
    out: list[Cand] = []
    for c in cands:
        if c.type == "kill":
            continue
        for have in reversed(out):
            if c.anaphoric and c.place is None and have.distinct:
                continue  # "the attack" is the story's incident, not "a second bomb" told after it
            if _same(ctx, have, c):
                _absorb(have, c)
                break
        else:
            if c.nominal and not c.named(ctx) and c.place is None and c.fatalities is None:
                continue  # "gunfire was heard", "the attack": nobody, nowhere, no toll; it may add to an incident told
            out.append(c)
    return out


def _summary(tok: Token) -> str:
    clause = _clause(tok)
    sent = tok.sent
    lo, hi = max(clause.left_edge.i, sent.start), min(clause.right_edge.i + 1, sent.end)
    if hi - lo > 30:
        lo, hi = max(lo, tok.i - 12), min(hi, tok.i + 18)
    text = tok.doc[lo:hi].text.strip(" ,;:-\n")
    return re.sub(r"\s+", " ", text)


def _confidence(ctx: _Ctx, c: Cand) -> float:
    conf = 0.5 + 0.15 * bool(c.named(ctx)) + 0.1 * (c.place is not None) + 0.1 * (c.date is not None)
    conf += 0.05 * (not c.nominal)
    if c.vague:
        conf = 0.3
    if c.type == "statement":
        conf -= 0.15
    return round(min(conf, 0.9), 2)


def extract(doc: Doc) -> Iterator[Event]:
    ctx = _Ctx(doc)
    cands = list(candidates(ctx))
    events = merge(ctx, cands)
    for c in events:
        if c.date is None and (c.trigger.tag_ in ("VB", "VBD", "VBN", "VBZ", "VBP", "VBG") or c.nominal):
            c.date = anchors.recent_window(doc, _summary(c.trigger)[:60])
        ptypes = {ctx.type_of(a) for a, r in c.participants if r == "perpetrator"}
        civil = any(ctx.type_of(a) == "population" for a, r in c.participants if r == "victim")
        evidence: list[Evidence] = []
        for s in c.sents:
            span = _trimmed(s)
            if span is not None:
                evidence.append(anchors.evidence(doc, span))
        yield Event(id="e", type=c.type, date=c.date, place=c.place,
                    participants=[Participant(actor=a, role=r) for a, r in c.participants],
                    fatalities=c.fatalities, acled=acled(c.type, c.words, ptypes, civil),
                    summary=_summary(c.trigger), confidence=_confidence(ctx, c), evidence=evidence)


def _trimmed(sent: Span) -> Span | None:
    toks = [t for t in sent if not t.is_space]
    return sent.doc[toks[0].i:toks[-1].i + 1] if toks else None
