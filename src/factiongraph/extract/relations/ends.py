"""The two ends of a relation: which actors a token, a noun phrase or a clause names.

Ends are lists: coordination, appositions and "including / such as" lists carry a relation to each member,
because news prose names factions in lists far more often than one at a time. The small statistical parser
gets long lists of Arabic names wrong, so lists are also read off the token sequence (mentions joined by commas
and "and"). `Found` is what every rule yields: a candidate relation before assertion and type checks.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..context import Context
from ..syntax import (clause_head, list_prep, objects, passive, prep_objects, semicolon_between, singular)
from .lexicon import AGENTS, ARTICLES, CONFLICT_NOUNS, FORMATION, GROUP_NOUNS, ROLES, SPEECH, STAND_INS

End = tuple[str, Span]  # (actor id, the span that names it)


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


def usable(ctx: Context, aid: str, span: Span) -> bool:
    return not aid.startswith("generic-") and aid not in ctx.collectives and ctx.type_of(aid, span) != "population"


def actor(ctx: Context, tok: Token) -> tuple[str, Span] | None:
    hit = ctx.actor_at.get(tok.i)
    if hit is None or not usable(ctx, *hit):
        return None
    first, i = hit[1][0], hit[1].start
    if first.lower_.startswith(("anti-", "pro-", "non-")) or i >= 2 and ctx.doc[i - 1].text == "-" and \
            ctx.doc[i - 2].lower_ in ("anti", "pro", "non"):
        return None  # "anti-coalition forces" are not the coalition
    return hit


def np(ctx: Context, tok: Token, depth: int = 0) -> list[tuple[str, Span]]:
    """The actors a noun phrase headed by `tok` names: itself, its conjuncts and appositions, and the members
    of an "including / such as" list under it."""
    out: list[tuple[str, Span]] = []
    hit = actor(ctx, tok)
    if hit is None and tok.lemma_.lower() in STAND_INS and tok.pos_ == "NOUN":
        hit = next((h for c in tok.children if c.dep_ in ("compound", "poss", "nmod", "amod")
                    for h in [actor(ctx, c)] if h is not None), None) or next(  # "Forces of the STC"
            (h for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_.lower() in AGENTS
             for p in c.children if p.dep_ == "pobj" for h in [actor(ctx, p) or named_by(ctx, p)] if h is not None),
            None)
    if hit is not None:
        out.extend(listed(ctx, hit))
    elif depth < 2:
        # a list whose first item is no actor ("Australia, Belgium, France and Jordan" with Australia unknown):
        # every later conjunct at once, since the parser chains them one under the other
        later = [c for c in tok.conjuncts if c.i > tok.i] if tok.pos_ in ("NOUN", "PROPN") else []
        for c in [c for c in tok.children if c.dep_ == "appos"] + later:
            out.extend(np(ctx, c, depth + 1))
    for c in tok.children:
        if list_prep(c):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(np(ctx, p, depth + 1))
    return unique(out)


def named_by(ctx: Context, noun: Token) -> tuple[str, Span] | None:
    """The actor a plain group noun's modifiers name ("the Islamic State terrorist group")."""
    if noun.lemma_.lower() not in GROUP_NOUNS:
        return None
    return next((h for c in noun.children if c.dep_ in ("compound", "nmod", "amod") for h in [actor(ctx, c)]
                 if h is not None), None)


def apposed_name(ctx: Context, noun: Token) -> tuple[str, Span] | None:
    """The name a description stands in apposition to: the parser's appos head, or a mention ending right
    before the description's noun phrase ("the SDF, a US-backed group", scraped copy without the comma)."""
    if noun.dep_ == "appos":
        hit = actor(ctx, noun.head)
        if hit is not None:
            return hit
    j = noun.left_edge.i - 1
    if j > noun.sent.start and ctx.doc[j].text == ",":
        j -= 1
    hit = actor(ctx, ctx.doc[j]) if j >= noun.sent.start else None
    return hit if hit is not None and hit[1].end == j + 1 else None


def listed(ctx: Context, hit: tuple[str, Span]) -> list[tuple[str, Span]]:
    """A mention and the mentions coordinated with it, by the parse and by the token sequence."""
    out = [hit]
    span = hit[1]
    for c in span.root.conjuncts:
        h = actor(ctx, c)
        if h is not None and c.i >= span.start - 40 and not semicolon_between(span.root, c):
            out.append(h)
    for c in span.root.children:
        if c.dep_ == "appos":  # "The UK, the wider Global Coalition and the Government of Iraq"
            for a in (c, *c.conjuncts):
                h = actor(ctx, a)
                if h is not None:
                    out.append(h)
    out.extend(_sequence(ctx, span))
    return unique(out)


def _sequence(ctx: Context, span: Span) -> list[tuple[str, Span]]:
    doc, j = ctx.doc, span.end
    chain, joins = [], []
    while j < len(doc) and j < span.end + 60:
        k, words = j, []
        while k < len(doc) and (doc[k].lower_ in (",", "and", "or", "&", "as", "well") or
                                doc[k].lower_ in ARTICLES and words):
            words.append(doc[k].lower_)
            k += 1
        if not words or words == ["as"] or k >= len(doc) or k == j:
            break
        h = actor(ctx, doc[k])
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


def unique(items: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    seen, out = set(), []
    for aid, span in items:
        if aid not in seen:
            seen.add(aid)
            out.append((aid, span))
    return out


def subjects(ctx: Context, verb: Token) -> list[tuple[str, Span]]:
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
                    own = actor(ctx, s.doc[j]) if j >= t.sent.start else None
                    ante = t.head.head if t.head.dep_ == "appos" and actor(ctx, t.head) is None else t.head
                    own = own or actor(ctx, ante)  # "X, the preacher who heads Y": the apposition's name
                    named = [own] if own is not None and singular(t) else np(ctx, t.head)
                    # "the SDF an Arab-Kurdish alliance which took T": a name right before the noun phrase
                    near = apposed_name(ctx, t.head) if not named and t.head.pos_ == "NOUN" else None
                    out.extend(named or ([near] if near is not None else []))
                else:
                    out.extend(np(ctx, s))
            return unique(out)
        if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN"):
            return np(ctx, t.head) or agent(ctx, t.head)
        if t.dep_ == "xcomp" and t.head.pos_ == "VERB":
            controllers = [h for o in objects(t.head) if o.dep_ == "dobj" for h in np(ctx, o)]
            if controllers:
                return unique(controllers)
        if t.dep_ in ("conj", "xcomp", "advcl", "acomp") and t.head is not t:
            t = t.head
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":  # "a day after seizing X"
            host = t.head.head  # "the UK's commitment to defeating X": the noun's owner does it
            owners = [h for c in host.children if c.dep_ == "poss" for h in [actor(ctx, c)] if h is not None] \
                if host.pos_ == "NOUN" else []
            if owners:
                return owners
            t = clause_head(host)
            continue
        break
    return []


def agent(ctx: Context, tok: Token) -> list[tuple[str, Span]]:
    """Who is behind a noun or verb: the actor it is, its owner ("ISIL's defences", "coalition strikes"), or the
    subject of the clause it sits in ("Iraqi forces maintained positions against ...")."""
    t = tok
    for _ in range(5):
        hit = np(ctx, t) if t.pos_ in ("NOUN", "PROPN") else []
        if hit:
            return hit
        if t.pos_ in ("NOUN", "PROPN"):
            owners = [h for c in t.children if c.dep_ in ("poss", "compound", "nmod")
                      for h in [actor(ctx, c)] if h is not None]
            if owners:
                return unique(owners)
            helped = helped_in_fight(ctx, t)
            if helped:
                return helped
        if t.pos_ in ("VERB", "AUX"):
            subs = subjects(ctx, t)
            if subs:
                return subs
            if passive(t):
                by = [h for a in prep_objects(t, "by") for h in np(ctx, a)]
                if by:
                    return by
        if t.head is t or t.dep_ in ("nsubj", "nsubjpass", "ccomp") or t.head.lemma_ in SPEECH:
            break
        t = t.head
    return []


def helped_in_fight(ctx: Context, noun: Token) -> list[tuple[str, Span]]:
    """'support for X in the fight against Y', 'helped X in its campaign against Y': the one helped in a fight
    is the one fighting, not the helper."""
    if noun.lemma_.lower() not in CONFLICT_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return []
    host = noun.head.head
    own = np(ctx, host) if host.pos_ in ("NOUN", "PROPN") else []
    if own:  # "support for the Government of Iraq in the fight against ISIL" with "in" on the name
        return own
    if host.pos_ in ("VERB", "AUX"):
        return unique([h for o in objects(host) for h in np(ctx, o)])
    if host.pos_ == "NOUN":
        return unique([h for prep in ("for", "to", "of") for p in prep_objects(host, prep) for h in np(ctx, p)])
    return []


def owner(ctx: Context, noun: Token) -> list[tuple[str, Span]]:
    """The group a role or relation noun belongs to: 'of Y', "Y's", 'Y commander', 'Y-based'."""
    out = []
    for c in noun.children:
        if c.dep_ in ("poss", "nmod", "compound", "npadvmod", "amod"):
            h = actor(ctx, c)
            if h is None and c.lower_ == "whose":  # "Asaib Ahl al-Haq, whose leader X": the relative's antecedent
                v = clause_head(noun)
                h = actor(ctx, v.head) if v.dep_ == "relcl" else actor(ctx, noun.head) if noun.dep_ == "relcl" else None
                if h is None and v.dep_ != "relcl":  # "whose leader X" with no verb: the apposed name before it
                    j = c.i - 2 if c.i >= 2 and c.doc[c.i - 1].text == "," else c.i - 1
                    h = actor(ctx, c.doc[j]) if j >= noun.sent.start else None
            if h is not None:
                out.append(h)
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "for", "within", "from", "at", "to"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(np(ctx, p))
    if not out and noun.lemma_.lower() in ROLES and noun.tag_ != "NNS" and (  # "X, commander, U.S. Central Command"
            ROLES[noun.lemma_.lower()][0] == "leader_of" or ROLES[noun.lemma_.lower()][1] is not None):
        j = noun.i + 1
        if j + 1 < noun.sent.end and noun.doc[j].text == ",":
            h = actor(ctx, noun.doc[j + 1])
            if h is not None and h[1].start == j + 1 and ctx.type_of(*h) != "person":
                out.append(h)
    if not out:  # "the HTS commander X" parses the name as head and the group as a sibling compound
        i = noun.i - 1
        while i >= noun.sent.start and actor(ctx, noun.doc[i]) is None and (
                noun.doc[i].dep_ in ("amod", "compound", "punct", "case") and noun.doc[i].text in ("'s", "’s", "'", "’")
                or noun.doc[i].lower_ in ("-", "vice", "deputy") and i >= noun.i - 2):  # "STC vice-president X"
            i -= 1
        h = actor(ctx, noun.doc[i]) if i >= noun.sent.start else None
        if h is not None and h[1].end in (noun.i, noun.i - 1) or h is not None and h[1].end == i + 1 and i >= noun.i - 4:
            out.append(h)
    return unique(out)


def holders_of(ctx: Context, noun: Token) -> list[tuple[str, Span]]:
    """Who holds the role the noun names: its apposition, the name it modifies, the copula subject, or
    the name it is an apposition of."""
    out = []
    for c in noun.children:
        if c.dep_ == "appos":
            out.extend(np(ctx, c))
    if noun.dep_ in ("compound", "nmod") and noun.head.i > noun.i:
        out.extend(np(ctx, noun.head))
    if noun.dep_ == "appos":
        own = actor(ctx, noun.head)
        out.extend(np(ctx, noun.head) if noun.tag_ == "NNS" or own is None else [own])
    if noun.dep_ in ("attr", "oprd"):
        out.extend(subjects(ctx, noun.head))
    if noun.dep_ == "conj" and noun.head.dep_ in ("appos", "attr"):
        out.extend(holders_of(ctx, noun.head))
    for c in noun.children:  # "Coalition nations, including France and Jordan", "its partners such as X"
        if list_prep(c):
            out.extend(h for p in c.children if p.dep_ == "pobj" for h in np(ctx, p))
    if not out:  # "the Y commander Abu X", "former Y affiliate, X": a name right after the role noun
        j = noun.i + 1
        if j < len(noun.doc) - 1 and noun.doc[j].text == ",":
            j += 1
        if j < len(noun.doc):
            h = actor(ctx, noun.doc[j])
            if h is not None and h[1].start == j:
                out.append(h)
    return unique(out)


def antecedent(ctx: Context, verb: Token) -> tuple[str, Span] | None:
    """The name a participle follows ("the Federal Government of Iraq, led by X"): the parser often hangs the
    participle on a noun further back."""
    j = verb.i - 2  # only after a comma: "a faction of X led by Y" is about the faction
    near = actor(ctx, ctx.doc[j]) if j >= verb.sent.start and ctx.doc[verb.i - 1].text == "," else None
    return near or actor(ctx, verb.head)


def group_or_leaders(ctx: Context, tok: Token, predicate: str) -> list[tuple[str, Span]]:
    """The actors a phrase names; for an affiliation, "the Afghan Taliban's supreme leader" names the group."""
    hits = np(ctx, tok)
    if not hits and predicate == "affiliated_with" and ROLES.get(tok.lemma_.lower(), ("",))[0] == "leader_of":
        hits = [h for h in owner(ctx, tok) if ctx.type_of(*h) != "person"]
    return hits


def salient(ctx: Context, before: int, exclude: set[str]) -> tuple[str, Span] | None:
    """The most mentioned coalition before a position (groups when the article names no coalition)."""
    counts: dict[str, list] = {}
    for start, aid, span in ctx.named_starts():
        if start >= before:
            break
        if aid in exclude or not usable(ctx, aid, span):
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


def formation_near(tok: Token) -> Token | None:
    for t in tok.sent:
        if t.lemma_ in FORMATION and t.pos_ == "VERB" and t.i != tok.i:
            return t
    return None


def unique_spans(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out


def purpose_partners(ctx: Context, verb: Token) -> list[tuple[str, Span]]:
    """'The UK works with Iraq to defeat Daesh', 'as part of the Global Coalition to degrade ISIL': the partner
    named right before a purpose clause shares its aim."""
    v = verb
    while v.dep_ == "conj" and v.head is not v:
        v = v.head
    to = next((c for c in v.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or v.dep_ not in ("advcl", "xcomp", "acl", "relcl") or to.i == 0:
        return []
    prev = ctx.doc[to.i - 1]
    hit = actor(ctx, prev)
    if hit is None and prev.lemma_.lower() in STAND_INS:
        hit = next(iter(np(ctx, prev)), None)
    if hit is None or prev.dep_ != "pobj" or prev.head.lower_ not in ("with", "by", "alongside", "of", "beside"):
        return []
    return [hit]
