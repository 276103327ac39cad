"""One record per incident: reports tell one incident several times (a lead repeated, "the attack" further
down), so candidates of one type class are merged where they share a named actor or a place, or where a definite
noun refers back."""
from __future__ import annotations

from ...models import TimeSpan
from ..context import Context
from ..syntax import lemma_of
from .candidates import Cand
from .lexicon import CLASS, DOERS, RANK


def _compatible(ctx: Context, a: Cand, b: Cand) -> bool:
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
    return lemma_of(c.trigger) in ("kill", "die") and not any(r == "perpetrator" for _, r in c.participants)


def _days_apart(a: TimeSpan, b: TimeSpan) -> int:
    return min(abs((a.start_date - b.end_date).days), abs((b.start_date - a.end_date).days))


def same(ctx: Context, have: Cand, new: Cand) -> bool:
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
    if lemma_of(new.trigger) in ("kill", "die") and not new.named(ctx) and _near(have, new):
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


def _doers(ctx: Context, c: Cand) -> set[str]:
    return {a for a, r in c.participants if r in DOERS and not ctx.generic(a)}


def _same_paragraph(ctx: Context, have: Cand, new: Cand) -> bool:
    if "\n\n" not in ctx.text[have.sents[-1].start_char:new.trigger.idx] or \
            _headline(ctx, have) and ctx.text.count("\n\n", 0, new.trigger.idx) <= 1:
        return True  # a headline sums up the lead paragraph under it
    return have.place is not None and new.place is not None and have.place.name == new.place.name


def _headline(ctx: Context, c: Cand) -> bool:
    """The trigger stands on the document's first line, a title without a closing full stop."""
    end = ctx.text.find("\n")
    return 0 <= c.trigger.idx < end and not ctx.text[:end].rstrip().endswith(".")


def _near(have: Cand, new: Cand) -> bool:
    """The new mention's sentence is the one after (or the same as) a sentence of the held incident."""
    last = have.sents[-1]
    return new.trigger.sent.start in (last.start, last.end) or \
        new.trigger.sent.start == last.end + 1 and last.doc[last.end].is_space


def _clash(ctx: Context, a: Cand, b: Cand) -> bool:
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


def absorb(have: Cand, new: Cand) -> None:
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


def merge(ctx: Context, cands: list[Cand]) -> list[Cand]:
    """One record per incident: a later mention joins the latest earlier one it matches."""
    out: list[Cand] = []
    for c in cands:
        if c.type == "kill":
            continue
        for have in reversed(out):
            if c.anaphoric and c.place is None and have.distinct:
                continue  # "the attack" is the story's incident, not "a second bomb" told after it
            if same(ctx, have, c):
                absorb(have, c)
                break
        else:
            if c.nominal and not c.named(ctx) and c.place is None and c.fatalities is None and not c.told:
                continue  # "gunfire was heard", "the attack": nobody, nowhere, no toll; it may add to an incident told
            out.append(c)
    return out
