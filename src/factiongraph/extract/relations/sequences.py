"""Relations read off the token sequence, which the parser often gets wrong inside parentheses and hyphens:
renames ('X (formerly known as Y)'), hyphenated modifiers ('the UAE-backed Giants Brigades', 'Houthi-controlled
Sanaa') and 'X and allied Y'."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span, Token

from ..context import Context
from .ends import Found, actor, apposed_name
from .lexicon import GROUPS, HYPHEN, RENAME_NEW, RENAME_OLD, RENAME_VERBAL
from .rules import on_sentences


@on_sentences(order=10)
def sequence_rules(ctx: Context, sent: Span) -> Iterator[Found]:
    """Renames ('X (formerly known as Y)', 'Y, now called X', 'X rebranded as Y') and hyphenated modifiers
    ('the UAE-backed Giants Brigades', 'al-Qaeda-linked X', 'Houthi-controlled Sanaa') read off the tokens,
    which the parser often gets wrong inside parentheses and hyphens."""
    doc = ctx.doc
    mentions = []
    for i in range(sent.start, sent.end):
        h = actor(ctx, doc[i])
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
        while k < sent.end and k < j + 6 and doc[k].pos_ in ("ADJ", "DET", "NUM", "ADV") and actor(ctx, doc[k]) is None \
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
        h = actor(ctx, doc[k]) or described(ctx, trig)
        if h is None or h[0] == aid:
            continue
        if pred == "member_of":  # "the Saudi-led coalition": the leading member
            yield Found((aid, span), "member_of", h, trig, 0.6, {"role": "leader"})
        else:
            yield Found(h, pred, (aid, span), trig, 0.65)



def described(ctx: Context, modifier: Token) -> tuple[str, Span] | None:
    """The actor a hyphenated modifier's noun describes: 'the SDF, a US-backed group', 'X, a Y-linked militia'."""
    noun = modifier.head
    if noun.pos_ not in ("NOUN", "PROPN") or modifier.dep_ not in ("amod", "compound"):
        return None
    return apposed_name(ctx, noun)
