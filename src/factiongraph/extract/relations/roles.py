"""People's roles and offices: role nouns ("the HTS leader X", "X, a spokesman for Y", "commander of Y"), titles
written before a name ("President X", "army chief Gen. X") and groups named with their owner ("Haftar's LNA")."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from ..context import Context
from ..syntax import former
from .ends import Found, actor, holders_of, owner, usable
from .lexicon import ARTICLES, FORCE_TITLE, GOV_TITLE, NOT_THE_HOLDER, RANKS, ROLES, TITLE_MODIFIERS
from .rules import nominal, on_lemmas, on_sentences


@on_lemmas(ROLES, order=60, when=lambda ctx, tok: nominal(ctx, tok) and tok.pos_ != "ADJ")
def role_rules(ctx: Context, noun: Token) -> Iterator[Found]:
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
    owners = owner(ctx, noun)
    if not owners:
        return
    holders = [h for h in holders_of(ctx, noun) if h[0] not in {o[0] for o in owners}]
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
    was_former = former(noun)
    if noun.lemma_.lower() == "president":  # a head of state leads its government, an actor of its own
        owners = [o for o in owners if ctx.type_of(*o) != "state"]
    for h in holders:
        if predicate == "leader_of" and ctx.type_of(*h) != "person":
            continue
        if role in ("spokesman", "cleric", "commander", "deputy", "official") and ctx.type_of(*h) != "person":
            continue
        for o in owners:
            yield Found(h, predicate, o, noun, 0.7, {"role": role} if role else {}, former=was_former)


@on_sentences(order=30)
def title_rules(ctx: Context, sent: Span) -> Iterator[Found]:
    """'President X', 'Iraqi Prime Minister X', "Sudan's army chief Gen. X", 'commander in chief X': a title
    written before a name gives the office; a state named right before it, or else the state the report is
    plainly about, owns the government or the forces the office heads."""
    doc = ctx.doc
    for i in range(sent.start, sent.end):
        hit = ctx.actor_at.get(i)
        if hit is None or hit[1].start != i or ctx.type_of(*hit) != "person" or (i, hit[1].end) in ctx.coref \
                or hit[1].root.pos_ != "PROPN":
            continue
        j = i - 1
        while j >= sent.start and doc[j].lower_ in RANKS:
            j -= 1
        k = j
        while k >= sent.start and j - k < 6 and ctx.actor_at.get(k) is None and (
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
        own = actor(ctx, prev) if prev is not None else None
        if own is not None and ctx.type_of(*own) != "state":
            continue  # "STC president X": the group's own title, read by the role rules
        seat = ctx.actors.get(own[0]) if own is not None else None
        country = seat.country if seat is not None else ctx.main_country() if own is None else None
        near = range(max(sent.start, i - 20), min(sent.end, i + 20))
        if own is None and country and any(  # "The Pentagon said ... President X": whose president?
                a is not None and a.country and a.country != country
                for a in (ctx.actors.get(ctx.actor_at[t][0]) for t in near if t in ctx.actor_at)):
            continue
        office = ctx.office(country, "government" if m.re is GOV_TITLE else "forces",
                            own[0] if own is not None else None) if country else None
        person = ctx.actors.get(hit[0])
        if office is None or person is not None and person.country and person.country != country:
            continue  # "President Trump" in a report about Iraq: a foreign leader
        title = doc[t0:j + 1]
        was_former = any(t.lower_ in ("former", "ousted", "deposed", "toppled", "erstwhile", "ex") for t in title)
        yield Found(hit, "leader_of", (office, Span(doc, title.start, title.end, label="state", kb_id=office)),
                    title[-1], 0.6, former=was_former, presumed=own is None, title=True)


@on_sentences(order=20)
def owned_group_rules(ctx: Context, sent: Span) -> Iterator[Found]:
    """"Haftar's Libyan National Army", 'the Badr Organisation of Hadi al-Amiri', 'Asa'ib Ahl al-Haq under Qais
    al-Khazali': a group named with a person as its owner is that person's group."""
    for m in {id(sp): (aid, sp) for i in range(sent.start, sent.end)
              for aid, sp in [ctx.actor_at.get(i, ("", None))] if sp is not None}.values():
        aid, span = m
        if not usable(ctx, aid, span) or ctx.type_of(aid, span) == "person":
            continue
        root = span.root
        people = [h for c in root.children if c.dep_ == "poss" for h in [actor(ctx, c)] if h is not None]
        people += [h for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "under")
                   for p in c.children if p.dep_ == "pobj" for h in [actor(ctx, p)] if h is not None]
        i = span.start - 1  # a possessive the parser folded into the name's compound
        if not people and i >= 1 and ctx.doc[i].text in ("'s", "’s"):
            h = actor(ctx, ctx.doc[i - 1])
            people = [h] if h is not None else []
        for h in people:
            if ctx.type_of(*h) == "person" and (h[1].start, h[1].end) not in ctx.coref:
                yield Found(h, "leader_of", (aid, span), root, 0.6)
