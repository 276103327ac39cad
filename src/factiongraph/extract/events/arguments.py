"""An incident's participants and their roles, from the parse: subject, passive agent, object and prepositions
("against", "between", "with", "of", "from"); for a noun also its possessor and modifiers ("Turkish military
build-up") and the subject of a light verb ("launched an attack")."""
from __future__ import annotations

from spacy.tokens import Token

from ..context import Context
from ..syntax import conjuncts, lemma_of, passive, same_line, subject_tokens
from .lexicon import CLASS, HIT, LIGHT, PROPOSE, TRANSITIVE


def actors_of(ctx: Context, tok: Token, depth: int = 0) -> list[str]:
    """The actors a noun phrase names: its head, coordinated and apposed heads, modifiers, 'of'/'loyal to'."""
    out: list[str] = []
    for t in conjuncts(tok):
        if t.i in ctx.actor_at:
            aid = ctx.actor_at[t.i][0]
            owners = [ctx.actor_at[c.i][0] for c in t.children if c.i in ctx.actor_at and not ctx.generic(ctx.actor_at[c.i][0])
                      and c.dep_ in ("compound", "amod", "poss", "nmod")] if ctx.generic(aid) else []
            out.extend(owners or [aid])  # "RSF fighters", "the group's fighters": whose fighters they are
            continue
        if any(c.dep_ == "appos" and c.i in ctx.actor_at for c in t.children):
            continue  # "the HTS commander, X": the apposed name says who
        found = [ctx.actor_at[c.i][0] for c in t.children if c.i in ctx.actor_at and
                 c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and same_line(c, t)]
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


def _reduced_passive(verb: Token) -> bool:
    kids = list(verb.children)
    return lemma_of(verb) in TRANSITIVE and verb.tag_ in ("VBD", "VBN") and \
        not any(c.dep_ in ("dobj", "aux", "auxpass", "nsubjpass", "ccomp", "xcomp") for c in kids) and \
        any(c.dep_ == "nsubj" for c in kids) and not any(c.dep_ == "prt" for c in kids)


def _after_name(ctx: Context, tok: Token) -> bool:
    """A passive participle right after "Name," with no subject of its own describes that name."""
    return tok.tag_ == "VBN" and tok.i >= 2 and tok.doc[tok.i - 1].text == "," and tok.doc[tok.i - 2].i in ctx.actor_at \
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


def arguments(ctx: Context, tok: Token, etype: str, nominal: bool) -> list[tuple[str, str]]:
    """(actor id, role) of every participant, each actor once, in the order found."""
    args = _Arguments(ctx, tok, etype, nominal)
    if nominal:
        args.of_noun()
    else:
        args.of_verb()
    seen: list[tuple[str, str]] = []
    for a, r in args.out:
        if a not in {x for x, _ in seen}:
            seen.append((a, r))
    return seen


class _Arguments:
    """The participants of one trigger, collected phrase by phrase."""

    def __init__(self, ctx: Context, tok: Token, etype: str, nominal: bool):
        self.ctx, self.tok, self.etype, self.nominal = ctx, tok, etype, nominal
        self.doer, self.done = _roles(etype)
        self.out: list[tuple[str, str]] = []

    def add(self, tokens: list[Token], role: str) -> None:
        for t in tokens:
            for a in actors_of(self.ctx, t):
                if role in ("target",) and self.ctx.type_of(a) in ("person", "population") and \
                        self.etype != "statement":
                    self.out.append((a, "victim"))
                else:
                    self.out.append((a, role))

    def preps(self, head: Token) -> None:
        tok, etype, nominal, doer, done = self.tok, self.etype, self.nominal, self.doer, self.done
        for c in head.children:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by":
                self.add(objs, doer if etype != "mediation" else "mediator")
            elif c.dep_ == "prep" and c.lower_ in ("against", "on", "targeting", "at"):
                self.add(objs, done if etype != "battle" else "participant")
            elif c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "alongside"):
                self.add(objs, "participant" if etype not in ("statement", "military_buildup") else done)
            elif c.dep_ == "prep" and c.lower_ == "from" and etype == "territory_change":
                self.add(objs, "target")
            elif c.dep_ == "prep" and c.lower_ == "from" and nominal and head.i == tok.i and \
                    CLASS.get(etype) == "violent":
                self.add(objs, doer)  # "airstrikes from the coalition"
            elif c.dep_ == "prep" and c.lower_ == "to" and etype == "agreement" and lemma_of(tok) == "agree":
                # "agreed to a UN proposal", "agreed to a Saudi-brokered truce": whose terms they are
                self.add([m for g in objs for m in g.children if m.dep_ in ("compound", "amod", "poss", "nmod")] +
                         [p for g in objs for m in g.children if m.dep_ == "acl" and lemma_of(m) in PROPOSE
                          for a in m.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"],
                         "mediator")
            elif c.dep_ == "prep" and c.lower_ == "to" and etype == "territory_change" and lemma_of(tok) == "fall":
                self.add(objs, "perpetrator")
            elif c.dep_ == "prep" and c.lower_ == "of" and nominal:
                self.add(objs, {"protest": "participant", "military_buildup": "subject", "statement": "subject",
                                "assassination": "victim", "arrest": "target"}.get(etype, done))

    def of_noun(self) -> None:
        tok, doer, done = self.tok, self.doer, self.done
        self.add([c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")], doer)
        self.preps(tok)
        for c in tok.children:  # "a deal brokered by X" (X mediates), "the accord signed by X and Y" (they made it)
            if c.dep_ == "acl" and c.tag_ == "VBN":
                role = "mediator" if lemma_of(c) in ("broker", "mediate", "negotiate", "sponsor", "facilitate") else doer
                verbs = [c] + [x for x in c.children if x.dep_ == "xcomp"]  # "a bomb suspected to be planted by X"
                self.add([g for v in verbs for a in v.children if a.dep_ == "agent" for g in a.children
                          if g.dep_ == "pobj"], role)
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in LIGHT | {"call"}:
            self.add(subject_tokens(head), doer)
            self.preps(head)
        elif tok.dep_ == "nsubj" and head.lemma_.lower() in HIT:
            self.add([c for c in head.children if c.dep_ == "dobj"], done)
            self.preps(head)
        elif tok.dep_ == "nsubj" and head.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in head.children):
            self.preps(head)  # "fighting broke out between X and Y", "clashes erupted with Z"
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in" and \
                lemma_of(head.head) in ("engage", "participate", "join"):
            self.add(subject_tokens(head.head), doer)  # "police forces engaged in armed clashes with the gang"
            self.preps(head.head)
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "with" and head.head.pos_ == "VERB" and \
                not passive(head.head, reduced=True):
            self.add(subject_tokens(head.head), doer)  # "Turkey launched the operation with airstrikes"
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and \
                head.head.lemma_.lower() in ("kill", "die", "wound", "injure", "destroy", "damage", "hit"):
            self.add([c for c in head.head.children if c.dep_ in ("nsubjpass", "dobj")], done)

    def of_verb(self) -> None:
        ctx, tok, doer, done = self.ctx, self.tok, self.doer, self.done
        subj_role = done if lemma_of(tok) in ("fall", "die") else doer  # who dies is the one done to
        if tok.dep_ in ("relcl", "acl") and passive(tok, reduced=True):
            self.add([tok.head], done)  # "Suu Kyi, who was detained", "soldiers captured in the raid"
        elif _reduced_passive(tok):
            self.add(subject_tokens(tok), done)  # headline style: "Commander killed in Idlib"
        elif _after_name(ctx, tok):
            self.add([tok.doc[tok.i - 2]], done)  # "its leader Omar Khalid, killed by a roadside bomb"
        elif tok.dep_ == "conj" and tok.head.pos_ == "NOUN" and tok.head.dep_ == "ROOT":
            self.add([tok.head], subj_role)  # "a Taliban sniper shot and killed X", "shot" read as a noun
        else:
            subjects = subject_tokens(tok)
            self.add(subjects, subj_role)
            # "operations by Afghan military forces killed 8 militants": whose operations they were
            self.add([g for t in subjects if t.i not in ctx.actor_at for c in t.children
                      if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"], subj_role)
        self.add([c for c in tok.children if c.dep_ == "nsubjpass"], done)
        self.add([c for c in tok.children if c.dep_ in ("dobj",)], done)
        if self.etype == "statement":  # "called off its ceasefire with the government": the other party
            self.add([g for c in tok.children if c.dep_ == "dobj" for p in c.children
                      if p.dep_ == "prep" and p.lower_ in ("with", "between") for g in p.children if g.dep_ == "pobj"],
                     done)
        self.preps(tok)
        for c in tok.children:  # "stormed the base, killing ..." / "signed ... with"
            if c.dep_ == "prt":
                self.preps(c)
