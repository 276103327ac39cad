"""Relations between actors (FACTS.md predicates) from the dependency parse, coordination and a few token
sequences, over a Doc whose mentions, anaphors, dates and places earlier stages have set.

Every rule starts at a trigger word (a verb such as "defected", a role noun such as "leader", a composition noun
such as "coalition", a hyphenated modifier such as "-backed") and finds the two ends through the parse. Ends are
lists: coordination, appositions and "including / such as" lists carry a relation to each member, because news
prose names factions in lists far more often than one at a time. The small statistical parser gets long lists
of Arabic names wrong, so lists are also read off the token sequence (mentions joined by commas and "and").
Negated, denied, hypothetical and future statements assert nothing and yield nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from ..models import Relation, TimeSpan
from . import anchors
from .relation_triggers import (
    ARTICLES, CHANGE, COMPOSITE, CONFLICT_NOUNS, CONQUEST, FORMATION, FOUNDING, GROUPS, HYPHEN, IRREALIS,
    IRREALIS_NOUNS, LEAD_VERBS, MODALS, NEGATORS, REL_NOUNS, RENAME_NEW, RENAME_OLD, RENAME_VERBAL, ROLES, SPEECH,
    AGENTS, DEFEAT_NOUNS, FORCE_TITLE, GOV_TITLE, NOT_THE_HOLDER, PARTITIVE, RANKS, RECIPROCAL, SEATS, STAND_INS,
    TIE_NOUNS, TITLE_MODIFIERS, VERBS,
)


@dataclass
class Found:
    subject: tuple[str, Span]
    predicate: str
    object: tuple[str, Span]
    trigger: Token
    confidence: float
    attributes: dict = field(default_factory=dict)
    former: bool = False
    timed: bool = True          # False for renames given in passing ("X (formerly Y)")
    founding_tok: Token | None = None
    presumed: bool = False      # an owner inferred from the report's country, yielding to any stated one
    title: bool = False         # an office named by a title: a description, true whatever the clause asserts


class _Ctx:
    """Per-document lookups shared by every rule."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.amap = anchors.actor_at(doc)
        self.actors = doc._.fg_actors or {}
        self.coref = {(s.start, s.end) for s in doc.spans.get("fg_coref", [])}
        self.places = [s for s in doc.spans.get("fg_places", [])]
        self.place_at = {i: s for s in self.places for i in range(s.start, s.end)}

    def main_country(self) -> str | None:
        """The country a report is plainly about: the one most of its named actors belong to, when it clearly
        leads (the linker reads "the army" the same way)."""
        if not hasattr(self, "_main"):
            counts: dict[str, int] = {}
            for span in self.doc.spans.get("fg_mentions", []):
                a = self.actors.get(span.kb_id_)
                if a is not None and a.country:
                    counts[a.country] = counts.get(a.country, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            clear = ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] * 2 <= ranked[0][1])
            self._main = ranked[0][0] if clear else None
        return self._main

    def office(self, country: str, kind: str, state: str | None = None) -> str | None:
        """The government of a country's state (an actor of its own, made here when the text names it only
        through an office) or the country's forces the document names (the most mentioned)."""
        if kind == "government":
            if state is None:
                states = [a.id for a in self.actors.values() if a.type == "state" and a.country == country]
                state = next((s for s in states if not s.startswith("government-of-")), None) or \
                    next(iter(states), None)
            return None if state is None else state if state.startswith("government-of-") else \
                "government-of-" + state
        counts: dict[str, int] = {}
        for span in self.doc.spans.get("fg_mentions", []):
            f = self.actors.get(span.kb_id_)
            if f is not None and f.type == "state_force" and f.country == country:
                counts[f.id] = counts.get(f.id, 0) + 1
        return max(counts, key=counts.get) if counts else None

    def type_of(self, aid: str, span: Span) -> str:
        a = self.actors.get(aid)
        return a.type if a is not None else span.label_

    def usable(self, aid: str, span: Span) -> bool:
        a = self.actors.get(aid)
        return not aid.startswith("generic-") and not getattr(a, "generic", False) and \
            self.type_of(aid, span) != "population"

    def actor(self, tok: Token) -> tuple[str, Span] | None:
        hit = self.amap.get(tok.i)
        if hit is None or not self.usable(*hit):
            return None
        first, i = hit[1][0], hit[1].start
        if first.lower_.startswith(("anti-", "pro-", "non-")) or i >= 2 and self.doc[i - 1].text == "-" and \
                self.doc[i - 2].lower_ in ("anti", "pro", "non"):
            return None  # "anti-coalition forces" are not the coalition
        return hit

    # -- noun phrases to actor lists --------------------------------------------------------------------------
    def np(self, tok: Token, depth: int = 0) -> list[tuple[str, Span]]:
        """The actors a noun phrase headed by `tok` names: itself, its conjuncts and appositions, and the members
        of an "including / such as" list under it."""
        out: list[tuple[str, Span]] = []
        hit = self.actor(tok)
        if hit is None and tok.lemma_.lower() in STAND_INS and tok.pos_ == "NOUN":
            hit = next((h for c in tok.children if c.dep_ in ("compound", "poss", "nmod", "amod")
                        for h in [self.actor(c)] if h is not None), None) or next(  # "Forces of the STC"
                (h for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_.lower() in AGENTS
                 for p in c.children if p.dep_ == "pobj" for h in [self.actor(p)] if h is not None), None)
        if hit is not None:
            out.extend(self.listed(hit))
        elif depth < 2:
            # a list whose first item is no actor ("Australia, Belgium, France and Jordan" with Australia unknown):
            # every later conjunct at once, since the parser chains them one under the other
            later = [c for c in tok.conjuncts if c.i > tok.i] if tok.pos_ in ("NOUN", "PROPN") else []
            for c in [c for c in tok.children if c.dep_ == "appos"] + later:
                out.extend(self.np(c, depth + 1))
        for c in tok.children:
            if self._list_prep(c):
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.np(p, depth + 1))
        return _unique(out)

    def _semicolon_between(self, a: Token, b: Token) -> bool:
        """Items of a semicolon list ("A, head of X; B, leader of Y") each carry their own descriptions."""
        lo, hi = sorted((a.i, b.i))
        return any(t.text == ";" for t in self.doc[lo:hi])

    @staticmethod
    def _list_prep(c: Token) -> bool:
        return c.dep_ == "prep" and (c.lower_ in ("including", "like") or c.lower_ == "as" and any(
            x.lower_ == "such" for x in c.head.children) or c.lower_ == "as" and c.i > 0 and
            c.doc[c.i - 1].lower_ == "such")

    def listed(self, hit: tuple[str, Span]) -> list[tuple[str, Span]]:
        """A mention and the mentions coordinated with it, by the parse and by the token sequence."""
        out = [hit]
        span = hit[1]
        for c in span.root.conjuncts:
            h = self.actor(c)
            if h is not None and c.i >= span.start - 40 and not self._semicolon_between(span.root, c):
                out.append(h)
        for c in span.root.children:
            if c.dep_ == "appos":  # "The UK, the wider Global Coalition and the Government of Iraq"
                for a in (c, *c.conjuncts):
                    h = self.actor(a)
                    if h is not None:
                        out.append(h)
        out.extend(self._sequence(span))
        return _unique(out)

    def _sequence(self, span: Span) -> list[tuple[str, Span]]:
        doc, j = self.doc, span.end
        chain, joins = [], []
        while j < len(doc) and j < span.end + 60:
            k, words = j, []
            while k < len(doc) and (doc[k].lower_ in (",", "and", "or", "&", "as", "well") or
                                    doc[k].lower_ in ARTICLES and words):
                words.append(doc[k].lower_)
                k += 1
            if not words or words == ["as"] or k >= len(doc) or k == j:
                break
            h = self.actor(doc[k])
            if h is None or h[1].start != k or h[1].root.dep_ in ("nsubj", "nsubjpass"):
                break
            chain.append(h)
            joins.append(any(w in ("and", "or", "&") for w in words) or h[1].root.dep_ == "conj")
            j = h[1].end
        if not any(joins):
            return []
        # commas alone only count where the list ends with "and" (A, B and C)
        last = max(i for i, ok in enumerate(joins) if ok)
        return chain[: last + 1]


def _unique(items: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    seen, out = set(), []
    for aid, span in items:
        if aid not in seen:
            seen.add(aid)
            out.append((aid, span))
    return out


# -- assertion: negation, modality, future, irrealis governors --------------------------------------------------
def _clause_verb(tok: Token) -> Token:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        t = t.head
    return t


def asserted(tok: Token, strict: bool = True) -> bool:
    """False when the statement is negated, denied, hypothetical or future. With strict=False only negation
    and denial count (a threat to fight someone still makes a rivalry)."""
    t = tok
    for _ in range(6):
        kids = list(t.children)
        if any(c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in ("advmod", "det", "neg") for c in kids):
            return False
        if t.lemma_ in ("deny", "refuse", "reject") and t is not tok:
            return False
        if strict:
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in kids):
                return False
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
                return False
            if t is not tok and (t.lemma_ in IRREALIS or t.lemma_ in IRREALIS_NOUNS and t.pos_ == "NOUN"):
                return False
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and t.head.lemma_ in IRREALIS_NOUNS:
                return False
            if t.lemma_ == "go" and any(c.lower_ == "to" for c in t.children):
                return False
        if t.dep_ in ("ROOT",) or t.head is t:
            break
        if t.dep_ == "appos":
            break
        if t.dep_ in ("relcl", "conj", "acl", "advcl", "parataxis", "ccomp") and t.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            break
        t = t.head
    return True


# -- the rules ---------------------------------------------------------------------------------------------------
def _subjects(ctx: _Ctx, verb: Token) -> list[tuple[str, Span]]:
    """Who does what the verb says: its subject, a conjoined verb's subject, a relative clause's antecedent,
    or the subject of the clause a participle modifies. Climbing out of a dependent clause, a passive subject
    ("X is committed to defeating Y") and an object ("helped X to defeat Y") are the doers."""
    t = verb
    for _ in range(4):
        deps = ("nsubj", "csubj") if t is verb else ("nsubj", "csubj", "nsubjpass")
        subs = [c for c in t.children if c.dep_ in deps]
        if subs:
            out = []
            for s in subs:
                if s.lower_ in ("who", "which", "that") and t.dep_ == "relcl":
                    # "A, B and C, who leads X": a singular verb is about one of them, the one right before "who"
                    j = s.i - 2 if s.i >= 2 and s.doc[s.i - 1].text == "," else s.i - 1
                    own = ctx.actor(s.doc[j]) if j >= t.sent.start else None
                    ante = t.head.head if t.head.dep_ == "appos" and ctx.actor(t.head) is None else t.head
                    own = own or ctx.actor(ante)  # "X, the preacher who heads Y": the apposition's name
                    out.extend([own] if own is not None and _singular(t) else ctx.np(t.head))
                else:
                    out.extend(ctx.np(s))
            return _unique(out)
        if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN"):
            return ctx.np(t.head) or agent(ctx, t.head)
        if t.dep_ == "xcomp" and t.head.pos_ == "VERB":
            controllers = [h for o in _objects(t.head) if o.dep_ == "dobj" for h in ctx.np(o)]
            if controllers:
                return _unique(controllers)
        if t.dep_ in ("conj", "xcomp", "advcl", "acomp") and t.head is not t:
            t = t.head
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":  # "a day after seizing X"
            host = t.head.head  # "the UK's commitment to defeating X": the noun's owner does it
            owners = [h for c in host.children if c.dep_ == "poss" for h in [ctx.actor(c)] if h is not None] \
                if host.pos_ == "NOUN" else []
            if owners:
                return owners
            t = _clause_verb(host)
            continue
        break
    return []


def _singular(verb: Token) -> bool:
    """A third-person singular present verb or auxiliary ("leads", "has led", "is led")."""
    return verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBZ" for c in verb.children)


def agent(ctx: _Ctx, tok: Token) -> list[tuple[str, Span]]:
    """Who is behind a noun or verb: the actor it is, its owner ("ISIL's defences", "coalition strikes"), or the
    subject of the clause it sits in ("Iraqi forces maintained positions against ...")."""
    t = tok
    for _ in range(5):
        hit = ctx.np(t) if t.pos_ in ("NOUN", "PROPN") else []
        if hit:
            return hit
        if t.pos_ in ("NOUN", "PROPN"):
            owners = [h for c in t.children if c.dep_ in ("poss", "compound", "nmod")
                      for h in [ctx.actor(c)] if h is not None]
            if owners:
                return _unique(owners)
            helped = _helped(ctx, t)
            if helped:
                return helped
        if t.pos_ in ("VERB", "AUX"):
            subs = _subjects(ctx, t)
            if subs:
                return subs
            if _passive(t):
                by = [h for a in _prep_objects(ctx, t, "by") for h in ctx.np(a)]
                if by:
                    return by
        if t.head is t or t.dep_ in ("nsubj", "nsubjpass", "ccomp") or t.head.lemma_ in SPEECH:
            break
        t = t.head
    return []


def _helped(ctx: _Ctx, noun: Token) -> list[tuple[str, Span]]:
    """'support for X in the fight against Y', 'helped X in its campaign against Y': the one helped in a fight
    is the one fighting, not the helper."""
    if noun.lemma_.lower() not in CONFLICT_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return []
    host = noun.head.head
    own = ctx.np(host) if host.pos_ in ("NOUN", "PROPN") else []
    if own:  # "support for the Government of Iraq in the fight against ISIL" with "in" on the name
        return own
    if host.pos_ in ("VERB", "AUX"):
        return _unique([h for o in _objects(host) for h in ctx.np(o)])
    if host.pos_ == "NOUN":
        return _unique([h for prep in ("for", "to", "of") for p in _prep_objects(ctx, host, prep) for h in ctx.np(p)])
    return []


def _prep_objects(ctx: _Ctx, head: Token, prep: str) -> list[Token]:
    out = []
    for c in head.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        if (c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("away", "off", "out")) and prep:
            # "broke away from": the particle may carry the preposition
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == prep:
                    out.extend(q for q in p.children if q.dep_ == "pobj")
    return out


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _former(tok: Token) -> bool:
    """'former leader', 'ex-commander', 'who was formerly the head of', 'previously led'."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.lower_ in ("former", "formerly", "previously", "erstwhile", "onetime", "one-time", "ex"):
                return True
        if t.pos_ in ("VERB", "AUX"):
            break
    i = tok.i
    return i >= 2 and tok.doc[i - 1].text == "-" and tok.doc[i - 2].lower_ == "ex"


def _verb_rules(ctx: _Ctx, verb: Token) -> Iterator[Found]:
    lemma = verb.lemma_.lower()
    frames = VERBS.get(lemma)
    if not frames:
        return
    passive = _passive(verb)
    prt = {c.lower_ for c in verb.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("away", "off")}
    if lemma == "break" and not (prt & {"away", "off"} or _prep_objects(ctx, verb, "with")):
        return
    if lemma in ("take", "run", "rule", "enter") and not any(
            o.lower_ == "control" or o.i in ctx.place_at or _prep_objects(ctx, o, "of") for o in _objects(verb)) \
            and not (passive and any(c.dep_ == "nsubjpass" and c.i in ctx.place_at for c in verb.children)):
        return
    if lemma == "bring" and "together" not in prt and not any(c.lower_ == "together" for c in verb.children):
        return
    if lemma == "make" and not ("up" in prt and (passive or verb.tag_ == "VBN")):
        return
    if verb.dep_ in ("acl", "relcl", "advcl") and not passive and verb.tag_ == "VBN" and _prep_objects(ctx, verb, "by"):
        passive = True
    if lemma in LEAD_VERBS and passive:
        agents = [p for p in _prep_objects(ctx, verb, "by")]
        led_toks = [verb.head if s.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" else s
                    for s in verb.children if s.dep_ == "nsubjpass"] or ([verb.head] if verb.dep_ == "acl" else [])
        own = _antecedent(ctx, verb) if verb.dep_ in ("acl", "relcl") else None
        led = [own] if own is not None else _unique(  # "A, led by X, and B": the participle is about A alone
            [h for s in led_toks for h in ctx.np(s) or (ctx.np(s.head) if s.dep_ == "appos" else [])])
        if not led_toks and verb.dep_ == "advcl":  # "Led by X, the group ..."
            led = _subjects(ctx, verb.head)
        for led in led:
            for a in agents:
                for person in ctx.np(a):
                    yield Found(person, "leader_of", led, verb, 0.8, former=_former(verb))
        return
    subjects = _subjects(ctx, verb)
    if lemma in RECIPROCAL and not passive and all(o.lower_ in ("other", "another") for o in _objects(verb)) and \
            not any(_prep_objects(ctx, verb, p) for p in ("with", "against", "alongside")):
        for i, a in enumerate(subjects):  # "A and B have clashed", "A and B fought each other"
            for b in subjects[i + 1:]:
                yield Found(a, "rival_of", b, verb, 0.7)
    pass_subj = _unique([h for s in verb.children if s.dep_ == "nsubjpass" for h in ctx.np(s)])
    agents = _unique([h for a in _prep_objects(ctx, verb, "by") for h in ctx.np(a)])
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and not pass_subj and not subjects_own(verb):
        # "groups backed by Iran", "the coalition formed by A and B": a reduced passive ("who has led X" is not)
        near = _antecedent(ctx, verb)
        passive, pass_subj = True, [near] if near is not None and near[0] not in {
            h[0] for h in ctx.np(verb.head)} and ctx.actor(verb.head) is None else ctx.np(verb.head)
    for predicate, prep, attrs in frames:
        if prep:
            objs = [t for p in _prep_objects(ctx, verb, prep) for t in [p]]
            if lemma == "merge" and prep == "with":
                continue
        else:
            objs = _objects(verb)
        if predicate == "controls":
            doers = subjects if not passive else agents
            if passive:  # "Tarhuna had been run since 2015 by the Kaniyat"
                objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
            yield from _control(ctx, verb, doers, objs, lemma)
            losers = [h for p in _prep_objects(ctx, verb, "from") for h in ctx.np(p) or agent(ctx, p)[:1]]
            for d in doers:
                for x in losers:
                    yield Found(d, "rival_of", x, verb, 0.7)
            continue
        if predicate == "has_member":
            container = subjects if not passive else pass_subj
            if not container and not passive:  # "Its largest factions include X": the factions' owner
                container = [h for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in PARTITIVE
                             for h in _owner(ctx, c)]
            members = _unique([h for o in objs for h in ctx.np(o)])
            if lemma == "include" and passive:
                continue
            for c in container:
                for m in members:
                    yield Found(m, "member_of", c, verb, 0.8, founding_tok=_formation_near(verb))
            continue
        if predicate == "founded_by":
            if passive:
                made, makers = pass_subj, agents
            else:
                made, makers = _unique([h for o in objs for h in ctx.np(o)]), subjects
                if not makers and verb.dep_ == "xcomp" and verb.head.lemma_ in ("merge", "unite", "join", "combine"):
                    makers = _subjects(ctx, verb.head)
            for m in makers:
                for c in made:
                    if ctx.type_of(*m) == "person":  # "X, who founded Y" / "Y was founded by X"
                        yield Found(m, "leader_of", c, verb, 0.7, {"role": "founder"})
                    else:
                        yield Found(m, "member_of", c, verb, 0.85, {"founding": True}, founding_tok=verb)
            continue
        if lemma == "command":  # "X, commanding general / officer of Y" (the parser reads a verb)
            objs = [q for o in objs for q in (_prep_objects(ctx, o, "of") if o.lower_ in ("general", "officer")
                                              else [o])]
        ends = [h for o in objs for h in _group_or_leaders(ctx, o, predicate)]
        if predicate == "renamed_to":
            named = [c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj", "ccomp", "xcomp")
                     and c.lower_ not in ("itself", "themselves")] + objs
            ends = _unique([h for o in named for h in ctx.np(o)])
            subs = pass_subj if passive else subjects
            for a in subs:
                for b in ends:
                    yield Found(a, "renamed_to", b, verb, 0.8)
            continue
        if lemma == "join" and any(o.lower_ == "forces" and ctx.actor(o) is None for o in objs):
            ends, predicate = [h for p in _prep_objects(ctx, verb, "with") for h in ctx.np(p)], "allied_with"
        if lemma == "merge" and prep == "into" and not ends:
            continue
        if lemma in ("pledge", "swear") and not any(o.lemma_ in ("allegiance", "loyalty", "bay'ah", "bayah")
                                                   for o in _objects(verb)):
            continue
        if passive and predicate in ("allied_with", "rival_of", "leader_of") and not prep:
            subs, ends = agents, pass_subj
        elif passive and lemma == "assign":  # "X was assigned to Y"
            subs = pass_subj
        elif passive and lemma == "represent":  # "the KRG, represented by X"
            subs, ends = agents, pass_subj
        elif passive and lemma == "expel":
            subs, ends = pass_subj, [h for p in _prep_objects(ctx, verb, "from") for h in ctx.np(p)]
        elif passive and predicate in ("affiliated_with", "allied_with") and prep:
            subs = pass_subj or subjects
        elif lemma == "expel":
            # "Y expelled X": X left Y; "X expelled the government from PLACE" is a change of control
            if _prep_objects(ctx, verb, "from") and not [h for p in _prep_objects(ctx, verb, "from") for h in ctx.np(p)]:
                yield from _control(ctx, verb, subjects, _prep_objects(ctx, verb, "from"), lemma)
                continue
            subs, ends = ends, subjects
        else:
            subs = subjects
        if predicate == "leader_of" or lemma == "represent":
            subs = [s for s in subs if ctx.type_of(*s) == "person"]
        if predicate == "rival_of" and not passive:
            partners = [h for h in _purpose_partners(ctx, verb) if h[0] not in {x[0] for x in subs}]
            for a in subs:
                for b in partners:
                    yield Found(a, "allied_with", b, verb, 0.55)
            subs = _unique(subs + partners)
        conf = 0.85 if prep or predicate not in ("rival_of", "allied_with") else 0.75
        if predicate == "rival_of" and (ends or any(o.lower_ not in ("other", "another") for o in objs)):
            for i, a in enumerate(subs):  # "A and B attacked C": A and B fought side by side
                for b in subs[i + 1:]:
                    yield Found(a, "allied_with", b, verb, 0.5)
        for s in subs:
            for o in ends:
                yield Found(s, predicate, o, verb, conf, dict(attrs), former=_former(verb),
                            founding_tok=verb if lemma == "join" else None)
        if predicate == "left" and not ends and not prep and subs and not objs and lemma in ("defect", "quit"):
            yield from _implied_departure(ctx, verb, subs, attrs)


def subjects_own(verb: Token) -> bool:
    """The verb has its own subject or a perfect auxiliary: an active clause."""
    return any(c.dep_ in ("nsubj", "csubj") or c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _antecedent(ctx: _Ctx, verb: Token) -> tuple[str, Span] | None:
    """The name a participle follows ("the Federal Government of Iraq, led by X"): the parser often hangs the
    participle on a noun further back."""
    j = verb.i - 2  # only after a comma: "a faction of X led by Y" is about the faction
    near = ctx.actor(ctx.doc[j]) if j >= verb.sent.start and ctx.doc[verb.i - 1].text == "," else None
    return near or ctx.actor(verb.head)


def _purpose_partners(ctx: _Ctx, verb: Token) -> list[tuple[str, Span]]:
    """'The UK works with Iraq to defeat Daesh', 'as part of the Global Coalition to degrade ISIL': the partner
    named right before a purpose clause shares its aim."""
    v = verb
    while v.dep_ == "conj" and v.head is not v:
        v = v.head
    to = next((c for c in v.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or v.dep_ not in ("advcl", "xcomp", "acl", "relcl") or to.i == 0:
        return []
    prev = ctx.doc[to.i - 1]
    hit = ctx.actor(prev)
    if hit is None and prev.lemma_.lower() in STAND_INS:
        hit = next(iter(ctx.np(prev)), None)
    if hit is None or prev.dep_ != "pobj" or prev.head.lower_ not in ("with", "by", "alongside", "of", "beside"):
        return []
    return [hit]


def _implied_departure(ctx: _Ctx, trigger: Token, subs, attrs) -> Iterator[Found]:
    """'A and B have also defected': the group left is the one the article is about."""
    target = salient(ctx, trigger.i, {s[0] for s in subs})
    if target is None:
        return
    for s in subs:
        yield Found(s, "left", target, trigger, 0.6, dict(attrs))


def salient(ctx: _Ctx, before: int, exclude: set[str]) -> tuple[str, Span] | None:
    """The most mentioned coalition before a position (groups when the article names no coalition)."""
    counts: dict[str, list] = {}
    for i, (aid, span) in ctx.amap.items():
        if span.start != i or span.start >= before or aid in exclude or not ctx.usable(aid, span):
            continue
        counts.setdefault(aid, [0, -1, span])
        counts[aid][0] += 1
        if span.start > counts[aid][1]:
            counts[aid][1], counts[aid][2] = span.start, span
    for types, floor in (({"coalition"}, 1), ({"armed_group", "political_group"}, 2)):
        cands = [(n, last, aid, sp) for aid, (n, last, sp) in counts.items() if ctx.type_of(aid, sp) in types]
        cands = [c for c in cands if c[0] >= floor]
        if cands:
            n, last, aid, sp = max(cands, key=lambda c: (c[0], c[1]))
            return aid, sp
    return None


def _control(ctx: _Ctx, verb: Token, subjects, objs: list[Token], lemma: str) -> Iterator[Found]:
    places = []
    for o in objs:
        if o.i in ctx.place_at:
            o_list = [o] + list(o.conjuncts)
        else:  # "took control of X", "the city of X", "the headquarters in X, Y and Z"
            o_list = [q for prep in ("of", "in") for p in _prep_objects(ctx, o, prep) for q in [p, *p.conjuncts]]
            # "took control of the presidential palace in Kabul": the seat of power stands for its town
            seats = [p for p in [o, *o_list] if p.i not in ctx.place_at and p.lemma_.lower() in SEATS]
            o_list += [q for h in [*seats, verb] if seats for x in _prep_objects(ctx, h, "in")
                       for q in [x, *x.conjuncts]]
        for p in o_list:
            span = ctx.place_at.get(p.i)
            if span is not None:
                places.append(span)
    for s in subjects:
        if ctx.type_of(*s) not in GROUPS:
            continue
        for p in _unique_spans(places):
            yield Found(s, "controls", ("", p), verb, 0.6 if lemma == "enter" else 0.8)


def _unique_spans(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out


def _formation_near(tok: Token) -> Token | None:
    for t in tok.sent:
        if t.lemma_ in FORMATION and t.pos_ == "VERB" and t.i != tok.i:
            return t
    return None


def _owner(ctx: _Ctx, noun: Token) -> list[tuple[str, Span]]:
    """The group a role or relation noun belongs to: 'of Y', "Y's", 'Y commander', 'Y-based'."""
    out = []
    for c in noun.children:
        if c.dep_ in ("poss", "nmod", "compound", "npadvmod", "amod"):
            h = ctx.actor(c)
            if h is None and c.lower_ == "whose":  # "Asaib Ahl al-Haq, whose leader X": the relative's antecedent
                v = _clause_verb(noun)
                h = ctx.actor(v.head) if v.dep_ == "relcl" else ctx.actor(noun.head) if noun.dep_ == "relcl" else None
                if h is None and v.dep_ != "relcl":  # "whose leader X" with no verb: the apposed name before it
                    j = c.i - 2 if c.i >= 2 and c.doc[c.i - 1].text == "," else c.i - 1
                    h = ctx.actor(c.doc[j]) if j >= noun.sent.start else None
            if h is not None:
                out.append(h)
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "for", "within", "from", "at", "to"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(ctx.np(p))
    if not out and noun.lemma_.lower() in ROLES and noun.tag_ != "NNS" and (  # "X, commander, U.S. Central Command"
            ROLES[noun.lemma_.lower()][0] == "leader_of" or ROLES[noun.lemma_.lower()][1] is not None):
        j = noun.i + 1
        if j + 1 < noun.sent.end and noun.doc[j].text == ",":
            h = ctx.actor(noun.doc[j + 1])
            if h is not None and h[1].start == j + 1 and ctx.type_of(*h) != "person":
                out.append(h)
    if not out:  # "the HTS commander X" parses the name as head and the group as a sibling compound
        i = noun.i - 1
        while i >= noun.sent.start and ctx.actor(noun.doc[i]) is None and (
                noun.doc[i].dep_ in ("amod", "compound", "punct", "case") and noun.doc[i].text in ("'s", "’s", "'", "’")
                or noun.doc[i].lower_ in ("-", "vice", "deputy") and i >= noun.i - 2):  # "STC vice-president X"
            i -= 1
        h = ctx.actor(noun.doc[i]) if i >= noun.sent.start else None
        if h is not None and h[1].end in (noun.i, noun.i - 1) or h is not None and h[1].end == i + 1 and i >= noun.i - 4:
            out.append(h)
    return _unique(out)


def _holders(ctx: _Ctx, noun: Token) -> list[tuple[str, Span]]:
    """Who holds the role the noun names: its apposition, the name it modifies, the copula subject, or
    the name it is an apposition of."""
    out = []
    for c in noun.children:
        if c.dep_ == "appos":
            out.extend(ctx.np(c))
    if noun.dep_ in ("compound", "nmod") and noun.head.i > noun.i:
        out.extend(ctx.np(noun.head))
    if noun.dep_ == "appos":
        own = ctx.actor(noun.head)
        out.extend(ctx.np(noun.head) if noun.tag_ == "NNS" or own is None else [own])
    if noun.dep_ in ("attr", "oprd"):
        out.extend(_subjects(ctx, noun.head))
    if noun.dep_ == "conj" and noun.head.dep_ in ("appos", "attr"):
        out.extend(_holders(ctx, noun.head))
    for c in noun.children:  # "Coalition nations, including France and Jordan", "its partners such as X"
        if ctx._list_prep(c):
            out.extend(h for p in c.children if p.dep_ == "pobj" for h in ctx.np(p))
    if not out:  # "the Y commander Abu X", "former Y affiliate, X": a name right after the role noun
        j = noun.i + 1
        if j < len(noun.doc) - 1 and noun.doc[j].text == ",":
            j += 1
        if j < len(noun.doc):
            h = ctx.actor(noun.doc[j])
            if h is not None and h[1].start == j:
                out.append(h)
    return _unique(out)


def _role_rules(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    predicate, role = ROLES[noun.lemma_.lower()]
    doc = noun.doc
    if noun.lower_ == "commander" and noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ in ("-", "in") and \
            doc[noun.i + 2].lower_ in ("in", "chief"):
        predicate, role = "leader_of", None  # commander-in-chief
    if any(c.lower_ in ("deputy", "vice", "assistant", "acting-deputy") for c in noun.children) or \
            noun.i >= 2 and doc[noun.i - 1].text == "-" and doc[noun.i - 2].lower_ == "vice":
        predicate, role = "member_of", "deputy"  # "the deputy head of Y", "vice-president"
    if noun.lower_ == "general" and not any(c.lower_ == "commanding" for c in noun.children):
        return  # "General" is a rank in a name; "commanding general of Y" leads Y
    if any(c.lower_ == "commanding" for c in noun.children):
        predicate, role = "leader_of", None
    if noun.lower_ == "founder" and noun.i >= 2 and doc[noun.i - 1].text == "-" and doc[noun.i - 2].lower_ == "co":
        predicate, role = "member_of", "founder"
    owners = _owner(ctx, noun)
    if not owners:
        return
    holders = [h for h in _holders(ctx, noun) if h[0] not in {o[0] for o in owners}]
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    indefinite = any(c.lower_ in ("a", "an", "one", "another") for c in noun.children) or noun.tag_ == "NNS"
    title = noun.text[0].isupper() and noun.i > noun.sent.start or noun.dep_ == "appos" and not any(
        c.dep_ == "det" for c in noun.children)
    if predicate == "leader_of" and role == "commander" and (indefinite or not has_of and not title):
        predicate = "member_of"  # "a commander of Y", "the Y commander X": a member, not the top
    elif predicate == "leader_of" and indefinite:
        predicate, role = "member_of", noun.lemma_.lower()
    elif predicate == "leader_of":
        role = None
    if noun.lower_ == "chief" and noun.i >= 2 and doc[noun.i - 1].lower_ in ("in", "-"):
        return  # the "chief" of "commander-in-chief" was handled with "commander"
    former = _former(noun)
    if noun.lemma_.lower() == "president":  # a head of state leads its government, an actor of its own
        owners = [o for o in owners if ctx.type_of(*o) != "state"]
    for h in holders:
        if predicate == "leader_of" and ctx.type_of(*h) != "person":
            continue
        if role in ("spokesman", "cleric", "commander", "deputy", "official") and ctx.type_of(*h) != "person":
            continue
        for o in owners:
            yield Found(h, predicate, o, noun, 0.7, {"role": role} if role else {}, former=former)


def _title_rules(ctx: _Ctx, sent: Span) -> Iterator[Found]:
    """'President X', 'Iraqi Prime Minister X', "Sudan's army chief Gen. X", 'commander in chief X': a title
    written before a name gives the office; a state named right before it, or else the state the report is
    plainly about, owns the government or the forces the office heads."""
    doc = ctx.doc
    for i in range(sent.start, sent.end):
        hit = ctx.amap.get(i)
        if hit is None or hit[1].start != i or ctx.type_of(*hit) != "person" or (i, hit[1].end) in ctx.coref \
                or hit[1].root.pos_ != "PROPN":
            continue
        j = i - 1
        while j >= sent.start and doc[j].lower_ in RANKS:
            j -= 1
        k = j
        while k >= sent.start and j - k < 6 and ctx.amap.get(k) is None and (
                doc[k].is_alpha or doc[k].text == "-") and doc[k].lower_ not in ARTICLES:
            k -= 1
        run = doc[k + 1:j + 1]
        m = (GOV_TITLE.search(run.text.lower()) or FORCE_TITLE.search(run.text.lower())) if len(run) else None
        if m is None:
            continue
        t0 = next(t.i for t in run if t.idx + len(t) > run.start_char + m.end(0) - len(m.group(0).strip()))
        while t0 > sent.start and doc[t0 - 1].lower_ in TITLE_MODIFIERS:  # "former", "interim", "ex-"
            t0 -= 1
        prev = doc[t0 - 1] if t0 > sent.start else None
        if prev is not None and prev.lower_ in NOT_THE_HOLDER:
            continue  # "Vice President X", "opposition leader X": someone else's office
        if prev is not None and prev.text in ("'s", "’s") and t0 - 2 >= sent.start:
            prev = doc[t0 - 2]
        own = ctx.actor(prev) if prev is not None else None
        if own is not None and ctx.type_of(*own) != "state":
            continue  # "STC president X": the group's own title, read by the role rules
        seat = ctx.actors.get(own[0]) if own is not None else None
        country = seat.country if seat is not None else ctx.main_country() if own is None else None
        near = range(max(sent.start, i - 20), min(sent.end, i + 20))
        if own is None and country and any(  # "The Pentagon said ... President X": whose president?
                a is not None and a.country and a.country != country
                for a in (ctx.actors.get(ctx.amap[t][0]) for t in near if t in ctx.amap)):
            continue
        office = ctx.office(country, "government" if m.re is GOV_TITLE else "forces",
                            own[0] if own is not None else None) if country else None
        person = ctx.actors.get(hit[0])
        if office is None or person is not None and person.country and person.country != country:
            continue  # "President Trump" in a report about Iraq: a foreign leader
        title = doc[t0:j + 1]
        former = any(t.lower_ in ("former", "ousted", "deposed", "toppled", "erstwhile", "ex") for t in title)
        yield Found(hit, "leader_of", (office, Span(doc, title.start, title.end, label="state", kb_id=office)),
                    title[-1], 0.6, former=former, presumed=own is None, title=True)


def _relnoun_rules(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    predicate = REL_NOUNS[noun.lemma_.lower()]
    if noun.lower_ == "breakaway" and noun.dep_ == "amod":
        noun = noun.head
    owners = _owner(ctx, noun)
    holders = [h for h in _holders(ctx, noun) if h[0] not in {o[0] for o in owners}]
    # "Y's rival X" names both; "X defeated its rival" names the holder through the clause
    if not holders and noun.dep_ in ("dobj", "pobj") and predicate in ("rival_of", "allied_with"):
        holders = _subjects(ctx, _clause_verb(noun))
    former = _former(noun)
    for h in holders:
        for o in owners:
            if predicate == "allied_with" and noun.lemma_.lower() == "partner" and ctx.type_of(*o) == "coalition":
                yield Found(h, "member_of", o, noun, 0.65)  # "Coalition partners such as X" are its members
            elif predicate == "renamed_to_rev":
                yield Found(o, "renamed_to", h, noun, 0.6, timed=False)
            else:
                yield Found(h, predicate, o, noun, 0.65, former=former)


def _group_or_leaders(ctx: _Ctx, tok: Token, predicate: str) -> list[tuple[str, Span]]:
    """The actors a phrase names; for an affiliation, "the Afghan Taliban's supreme leader" names the group."""
    hits = ctx.np(tok)
    if not hits and predicate == "affiliated_with" and ROLES.get(tok.lemma_.lower(), ("",))[0] == "leader_of":
        hits = [h for h in _owner(ctx, tok) if ctx.type_of(*h) != "person"]
    return hits


def _tie_rules(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    """'the links of X to Y', "X's ties with Y", 'X's allegiance to Y'."""
    holders = []
    for c in noun.children:
        if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of":
            holders.extend(ctx.np(c) if c.dep_ == "poss" else [h for p in c.children if p.dep_ == "pobj"
                                                                for h in ctx.np(p)])
    if noun.head.lemma_ in ("cut", "sever", "break", "end", "deny", "renounce", "reject"):
        return
    if not holders and noun.lemma_ in ("allegiance", "loyalty"):
        holders = agent(ctx, noun)
    targets = []
    for host in (noun, noun.head):
        for c in host.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                targets.extend(h for p in c.children if p.dep_ == "pobj"
                               for h in _group_or_leaders(ctx, p, "affiliated_with"))
        if targets:
            break
    for h in holders:
        for t in targets:
            yield Found(h, "affiliated_with", t, noun, 0.65)


def _composite_rules(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    """'X was a coalition of groups including A, B and C', 'X, an alliance of A and B', 'the A-B alliance'."""
    members = []
    for p in _prep_objects(ctx, noun, "of"):
        members.extend(ctx.np(p))
    if noun.lower_ == "umbrella" and not members:
        for p in _prep_objects(ctx, noun.head, "of"):
            members.extend(ctx.np(p))
    if not members:
        return
    containers = _holders(ctx, noun if noun.lower_ != "umbrella" else noun.head)
    if not containers:
        h = ctx.actor(noun)
        containers = [h] if h is not None else []
    fnd = _formation_near(noun)
    attrs = {"founding": True} if fnd is not None and fnd.lemma_ in FOUNDING else {}
    for c in containers:
        for m in members:
            if m[0] != c[0]:
                yield Found(m, "member_of", c, noun, 0.75, dict(attrs), founding_tok=fnd)


def _conflict_rules(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    """'X's campaign against Y', 'Coalition forces conducted strikes against Y'."""
    targets = [h for p in _prep_objects(ctx, noun, "against") + _prep_objects(ctx, noun, "on") for h in ctx.np(p)]
    if not targets:
        return
    actors = _owner(ctx, noun)
    if not actors and noun.dep_ in ("dobj", "attr"):
        actors = _subjects(ctx, noun.head)
    for a in actors:
        for t in targets:
            yield Found(a, "rival_of", t, noun, 0.65)


def _defeat_rules(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    """'to enable the defeat of ISIL', "the coalition's destruction of X": whoever brings it about fights X."""
    targets = [h for p in _prep_objects(ctx, noun, "of") for h in ctx.np(p)]
    for a in agent(ctx, noun) if targets else []:
        for t in targets:
            yield Found(a, "rival_of", t, noun, 0.6)


def _against_rules(ctx: _Ctx, prep: Token) -> Iterator[Found]:
    """'X unite against Y', 'X's defences against Y', 'strikes against Y', 'artillery against Y': whoever is
    behind the phrase the preposition hangs on is fighting Y."""
    targets = [h for p in prep.children if p.dep_ == "pobj" for h in ctx.np(p)]
    if not targets:
        return
    for s in agent(ctx, prep.head):
        for t in targets:
            yield Found(s, "rival_of", t, prep, 0.6)


def _between_rules(ctx: _Ctx, prep: Token) -> Iterator[Found]:
    """'fighting / clashes between X and Y' (rivals), 'an alliance / a pact between X and Y' (allies)."""
    head = prep.head.lemma_.lower()
    if head in CONFLICT_NOUNS or any(f[0] == "rival_of" for f in VERBS.get(head, [])):
        predicate = "rival_of"
    elif head in ("alliance", "cooperation", "partnership", "pact", "coordination", "rapprochement"):
        predicate = "allied_with"
    else:
        return
    sides = [h for p in prep.children if p.dep_ == "pobj" for h in ctx.np(p)]
    for i, a in enumerate(sides):
        for b in sides[i + 1:]:
            yield Found(a, predicate, b, prep, 0.7)


def _within_rules(ctx: _Ctx, prep: Token) -> Iterator[Found]:
    """'Turkey within NATO', 'hardliners within the coalition': a part inside an alliance or organisation."""
    wholes = [h for p in prep.children if p.dep_ == "pobj" for h in ctx.np(p)
              if ctx.type_of(*h) in ("coalition", "international_org")]
    before = ctx.actor(ctx.doc[prep.i - 1]) if prep.i > 0 else None  # "working with Turkey within NATO"
    parts = [before] if before is not None else ctx.np(prep.head) if prep.head.pos_ in ("NOUN", "PROPN") else \
        _subjects(ctx, prep.head)
    for part in parts if wholes else []:
        for w in wholes:
            yield Found(part, "member_of", w, prep, 0.6)


def _alongside_rules(ctx: _Ctx, prep: Token) -> Iterator[Found]:
    """'X fought alongside Y', 'X, together with Y, ...'; 'X belongs to / joined Z together with Y': Y is in Z too."""
    partners = [h for p in prep.children if p.dep_ == "pobj" for h in ctx.np(p)]
    if partners and prep.head.lemma_ in ("join", "rejoin", "belong"):
        wholes = [h for o in _objects(prep.head) + _prep_objects(ctx, prep.head, "to") for h in ctx.np(o)]
        for p in partners:
            for w in wholes:
                yield Found(p, "member_of", w, prep, 0.65)
        if wholes:
            return
    for s in agent(ctx, prep.head) if partners else []:
        for p in partners:
            yield Found(s, "allied_with", p, prep, 0.6)


def _support_rules(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    """'in support of Y', "the UK's support for Y", 'aided by support from Y' (allies either way round)."""
    for prep in ("of", "for", "to", "from"):
        for p in _prep_objects(ctx, noun, prep):
            backed = ctx.np(p)
            for s in agent(ctx, noun):
                for b in backed:
                    yield Found(s, "allied_with", b, noun, 0.6)


def _part_rules(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    """'X, as part of Y' / 'X is part of Y' / 'X became part of Y'."""
    wholes = [h for p in _prep_objects(ctx, noun, "of") for h in ctx.np(p)]
    if not wholes:
        return
    if noun.dep_ in ("attr", "oprd"):
        parts = _subjects(ctx, noun.head)
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as":
        parts = agent(ctx, noun.head.head)
    elif noun.dep_ == "appos":  # "the Syrian Arab Coalition, part of the SDF"
        parts = ctx.np(noun.head)
    else:
        parts = [h for c in noun.children if c.dep_ == "appos" for h in ctx.np(c)]
    for a in parts:
        for w in wholes:
            yield Found(a, "member_of", w, noun, 0.6)


def _sequence_rules(ctx: _Ctx, sent: Span) -> Iterator[Found]:
    """Renames ('X (formerly known as Y)', 'Y, now called X', 'X rebranded as Y') and hyphenated modifiers
    ('the UAE-backed Giants Brigades', 'al-Qaeda-linked X', 'Houthi-controlled Sanaa') read off the tokens,
    which the parser often gets wrong inside parentheses and hyphens."""
    doc = ctx.doc
    mentions = []
    for i in range(sent.start, sent.end):
        h = ctx.actor(doc[i])
        if h is not None and h[1].start == i:
            mentions.append(h)
    mentions = [m for m in mentions if (m[1].start, m[1].end) not in ctx.coref]
    for a, b in zip(mentions, mentions[1:]):
        gap = doc[a[1].end:b[1].start]
        if len(gap) > 8 or a[0] == b[0]:
            continue
        text = gap.text.lower()
        if RENAME_OLD.match(text):
            yield Found(b, "renamed_to", a, gap[0] if len(gap) else a[1].root, 0.85, timed=False)
        elif RENAME_NEW.match(text):
            verbal = RENAME_VERBAL.search(text) is not None and not text.strip(" ,(").startswith(("now", "later"))
            yield Found(a, "renamed_to", b, gap[0] if len(gap) else b[1].root, 0.8, timed=verbal)
    for (a_id, a_span), (b_id, b_span) in zip(mentions, mentions[1:]):
        # "Congolese troops and allied Wazalendo militias" (the parser often reads "allied" as a verb)
        gap = [t.lower_ for t in doc[a_span.end:b_span.start]]
        if a_id != b_id and gap in (["and", "allied"], [",", "allied"], ["and", "its", "allied"],
                                    ["and", "their", "allied"], ["and", "the", "allied"]):
            yield Found((b_id, b_span), "allied_with", (a_id, a_span), doc[b_span.start - 1], 0.6)
    for aid, span in mentions:
        j = span.end
        if j + 1 >= sent.end or doc[j].text not in ("-", "–"):
            continue
        word = doc[j + 1].lower_
        pred = HYPHEN.get(word)
        if pred is None:
            continue
        k = j + 2
        while k < sent.end and k < j + 6 and doc[k].pos_ in ("ADJ", "DET", "NUM", "ADV") and ctx.actor(doc[k]) is None \
                and k not in ctx.place_at:
            k += 1
        if k >= sent.end:
            continue
        trig = doc[j + 1]
        if pred == "controls":
            p = ctx.place_at.get(k)
            if p is not None and ctx.type_of(aid, span) in GROUPS:
                yield Found((aid, span), "controls", ("", p), trig, 0.7)
            continue
        h = ctx.actor(doc[k])
        if h is None or h[0] == aid:
            continue
        if pred == "member_of":  # "the Saudi-led coalition": the leading member
            yield Found((aid, span), "member_of", h, trig, 0.6, {"role": "leader"})
        else:
            yield Found(h, pred, (aid, span), trig, 0.65)


def _owned_group_rules(ctx: _Ctx, sent: Span) -> Iterator[Found]:
    """"Haftar's Libyan National Army", 'the Badr Organisation of Hadi al-Amiri', 'Asa'ib Ahl al-Haq under Qais
    al-Khazali': a group named with a person as its owner is that person's group."""
    for m in {id(sp): (aid, sp) for i in range(sent.start, sent.end)
              for aid, sp in [ctx.amap.get(i, ("", None))] if sp is not None}.values():
        aid, span = m
        if not ctx.usable(aid, span) or ctx.type_of(aid, span) == "person":
            continue
        root = span.root
        people = [h for c in root.children if c.dep_ == "poss" for h in [ctx.actor(c)] if h is not None]
        people += [h for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "under")
                   for p in c.children if p.dep_ == "pobj" for h in [ctx.actor(p)] if h is not None]
        i = span.start - 1  # a possessive the parser folded into the name's compound
        if not people and i >= 1 and ctx.doc[i].text in ("'s", "’s"):
            h = ctx.actor(ctx.doc[i - 1])
            people = [h] if h is not None else []
        for h in people:
            if ctx.type_of(*h) == "person" and (h[1].start, h[1].end) not in ctx.coref:
                yield Found(h, "leader_of", (aid, span), root, 0.6)


def _loyal_rules(ctx: _Ctx, adj: Token) -> Iterator[Found]:
    """'X, loyal to Y' / 'X is loyal to Y': a group loyal to a group is affiliated, to a person is led by him."""
    targets = [h for p in _prep_objects(ctx, adj, "to") for h in ctx.np(p)]
    if not targets:
        return
    if adj.dep_ in ("acomp", "attr"):
        holders = _subjects(ctx, adj.head)
    elif adj.dep_ in ("amod", "appos", "acl"):
        holders = ctx.np(adj.head)
    else:
        holders = []
    for h in holders:
        if ctx.type_of(*h) == "person":
            continue
        for t in targets:
            if ctx.type_of(*t) == "person":
                yield Found(t, "leader_of", h, adj, 0.55)
            else:
                yield Found(h, "affiliated_with", t, adj, 0.65)


def _control_phrase(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    """'PLACE (fell / remains) under the control of Y', 'left PLACE in the hands of Y' and 'Y is in control of
    PLACE'."""
    if noun.lemma_.lower() == "hand" and (noun.head.lower_ != "in" or noun.tag_ != "NNS"):
        return
    ofs = _prep_objects(ctx, noun, "of")
    places = [ctx.place_at[q.i] for p in ofs for q in [p, *p.conjuncts] if q.i in ctx.place_at]
    if places and noun.lemma_.lower() == "control":
        holders = agent(ctx, noun.head.head)
    else:
        holders = [h for p in ofs for h in ctx.np(p)]
        host = noun.head.head
        cands = [host] if host.i in ctx.place_at else [c for c in host.children if c.dep_ in (
            "nsubj", "nsubjpass", "dobj")] if host.pos_ in ("VERB", "AUX") else []
        places = [ctx.place_at[q.i] for c in cands for q in [c, *c.conjuncts] if q.i in ctx.place_at]
    for h in holders:
        if ctx.type_of(*h) in GROUPS:
            for p in _unique_spans(places):
                yield Found(h, "controls", ("", p), noun, 0.7)


def _defection_nouns(ctx: _Ctx, noun: Token) -> Iterator[Found]:
    """'defections from leading clerics such as A and B have hit the group', "the group's defection"."""
    host = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else noun
    froms = _prep_objects(ctx, noun, "from") + (_prep_objects(ctx, host, "from") if host is not noun else [])
    leavers, role_nouns, left = [], [], []
    for p in froms:
        hits = ctx.np(p)
        if ctx.actor(p) is None and p.lemma_.lower() in ROLES:
            leavers.extend(hits)
            role_nouns.append(p)
        elif any(ctx.type_of(*h) == "person" for h in hits):
            leavers.extend(hits)
        else:
            left.extend(hits)
    for c in noun.children:
        if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of":
            leavers.extend(ctx.np(c) if c.dep_ == "poss" else [h for p in c.children for h in ctx.np(p)])
    if host is not noun and not left:
        left = [h for o in _objects(host) for h in ctx.np(o)]
    leavers = _unique(leavers)
    if not leavers:
        return
    if not left:
        s = salient(ctx, noun.i, {h[0] for h in leavers})
        left = [s] if s is not None else []
    role = role_nouns[0].lemma_.lower() if role_nouns else None
    for h in leavers:
        for o in left:
            yield Found(h, "left", o, noun, 0.7, {"mode": "defected"})
            if role in ("cleric", "commander", "leader", "official", "member", "fighter"):
                yield Found(h, "member_of", o, noun, 0.5, {"role": role})


# -- assembling records --------------------------------------------------------------------------------------------
def _evidence_span(doc: Doc, f: Found) -> Span:
    sent = f.trigger.sent
    pieces = [f.trigger.i, f.subject[1].start, f.subject[1].end - 1]
    if f.object[1] is not None:
        pieces += [f.object[1].start, f.object[1].end - 1]
    pieces = [p for p in pieces if sent.start <= p < sent.end] or [f.trigger.i]
    start, end = min(pieces), max(pieces) + 1
    if doc[start:end].text.count("(") > doc[start:end].text.count(")"):
        close = next((t.i for t in doc[end:sent.end] if t.text == ")"), None)
        end = close + 1 if close is not None else end
    return doc[start:end]


def _recent(doc: Doc, tok: Token) -> bool:
    """A finite past or perfect clause: a reported, completed happening."""
    v = _clause_verb(tok)
    return v.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in v.children) or \
        tok.pos_ == "NOUN" and v.tag_ in ("VBD", "VBN")


def _former_end(doc: Doc) -> TimeSpan | None:
    ref = doc._.fg_reference
    if ref is None or getattr(ref, "earliest", None) is None:
        return None
    return TimeSpan(earliest=(ref.earliest - timedelta(days=365)).isoformat(), latest=ref.latest.isoformat(),
                    precision="approximate", text="formerly")


def _record(ctx: _Ctx, f: Found) -> Relation | None:
    doc = ctx.doc
    s_id, s_span = f.subject
    o_id, o_span = f.object
    if f.predicate == "controls":
        places = doc._.fg_places or {}
        place = places.get((o_span.start_char, o_span.end_char))
        if place is None:
            return None
        obj, attrs = o_span.text, {**f.attributes, "place": place.to_dict()}
    else:
        if s_id == o_id:
            return None
        obj, attrs = o_id, dict(f.attributes)
        if ctx.type_of(o_id, o_span) == "person":
            return None
    s_type = ctx.type_of(s_id, s_span)
    if f.predicate in ("rival_of", "allied_with") and f.confidence <= 0.65 and s_type == "person":
        return None  # a loose pattern's person is mostly a speaker, not a belligerent
    if f.predicate == "leader_of" and s_type != "person":
        return None
    if f.predicate in ("left", "split_from", "merged_into", "renamed_to", "affiliated_with") and \
            s_type == "person" and f.predicate not in ("left", "affiliated_with"):
        return None
    if f.predicate == "renamed_to" and ctx.type_of(o_id, o_span) == "person":
        return None
    if f.predicate in CHANGE and f.predicate != "renamed_to" and ctx.type_of(o_id, o_span) == "state":
        return None  # "Ghani left the country", "troops withdrew from Mali": travel, not an organisational change
    if f.predicate == "leader_of" and f.attributes.get("role") == "founder" and ctx.type_of(o_id, o_span) == "state":
        return None
    if f.predicate == "controls" and f.trigger.lemma_ in CONQUEST and attrs["place"].get("feature") == "country":
        return None  # a town is seized or entered, a country is not
    confidence = f.confidence
    if (s_span.start, s_span.end) in ctx.coref or o_id and (o_span.start, o_span.end) in ctx.coref:
        confidence -= 0.1
    start = end = None
    if f.predicate in CHANGE:
        if f.timed:
            start = anchors.date_near(doc, f.trigger)
            if start is None and _recent(doc, f.trigger):
                start = anchors.recent_window(doc, f.trigger.text)
    else:
        if f.founding_tok is not None:
            start = anchors.date_near(doc, f.founding_tok)
        if f.former:
            end = _former_end(doc)
            attrs.setdefault("former", True)
    return Relation(subject=s_id, predicate=f.predicate, object=obj, start=start, end=end, attributes=attrs,
                    confidence=round(max(0.05, min(1.0, confidence)), 2),
                    evidence=[anchors.evidence(doc, _evidence_span(doc, f))])


def find(doc: Doc, ctx: _Ctx | None = None) -> Iterator[Found]:
    """Every candidate relation the rules see, before assertion and type checks."""
    ctx = ctx or _Ctx(doc)
    for sent in doc.sents:
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or lemma in ("head", "back", "target", "shell") and tok.dep_ == "ROOT":
                if lemma in VERBS:
                    yield from _verb_rules(ctx, tok)
            if tok.lower_ == "between" and tok.dep_ == "prep":
                yield from _between_rules(ctx, tok)
            if tok.lower_ == "within" and tok.dep_ == "prep":
                yield from _within_rules(ctx, tok)
            if tok.lower_ == "against" and tok.dep_ == "prep":
                yield from _against_rules(ctx, tok)
            if tok.dep_ == "prep" and (tok.lower_ == "alongside" or tok.lower_ == "with" and tok.i > 0 and
                                       doc[tok.i - 1].lower_ == "together"):
                yield from _alongside_rules(ctx, tok)
            if tok.pos_ in ("NOUN", "PROPN", "ADJ") and ctx.actor(tok) is None or lemma in COMPOSITE:
                if lemma in ROLES and tok.pos_ != "ADJ":
                    yield from _role_rules(ctx, tok)
                if lemma in REL_NOUNS:
                    yield from _relnoun_rules(ctx, tok)
                if lemma in TIE_NOUNS:
                    yield from _tie_rules(ctx, tok)
                if lemma in COMPOSITE:
                    yield from _composite_rules(ctx, tok)
                if lemma in CONFLICT_NOUNS:
                    yield from _conflict_rules(ctx, tok)
                if lemma in DEFEAT_NOUNS:
                    yield from _defeat_rules(ctx, tok)
                if lemma in ("support", "backing", "help"):
                    yield from _support_rules(ctx, tok)
                if lemma == "part":
                    yield from _part_rules(ctx, tok)
                if lemma in ("loyal", "loyalist", "faithful", "subordinate") and tok.pos_ == "ADJ":
                    yield from _loyal_rules(ctx, tok)
                if lemma in ("defection", "desertion"):
                    yield from _defection_nouns(ctx, tok)
                if lemma in ("control", "hand") and tok.dep_ == "pobj" and tok.head.lower_ in ("under", "in"):
                    yield from _control_phrase(ctx, tok)
        yield from _sequence_rules(ctx, sent)
        yield from _owned_group_rules(ctx, sent)
        yield from _title_rules(ctx, sent)


def extract(doc: Doc) -> Iterator[Relation]:
    """The relations a document states, one record per finding (fg_facts merges duplicates)."""
    ctx = _Ctx(doc)
    seen: set[tuple] = set()
    found = list(find(doc, ctx))
    # a person whose group the text states is not presumed to hold an office of the report's country
    stated = {f.subject[0] for f in found if f.predicate in ("leader_of", "member_of") and not f.presumed}
    for f in found:
        if f.presumed and f.subject[0] in stated:
            continue
        strict = f.predicate != "rival_of"
        if not f.title and not asserted(f.trigger, strict):
            continue
        rel = _record(ctx, f)
        if rel is None:
            continue
        key = (rel.subject, rel.predicate, rel.object, rel.evidence[0].char_start, rel.evidence[0].char_end)
        if key in seen:
            continue
        seen.add(key)
        yield rel
