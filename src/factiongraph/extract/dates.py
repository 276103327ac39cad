"""Date expressions in reports -> honest TimeSpans, resolved against the document's publication date.

Rules first (fast, and they know how wide a fuzzy phrase is); `dateparser` only for absolute dates that name a
year and that the rules miss. A relative phrase is evaluated at both ends of the publication window, so a
month- or year-precision `published` widens the answer instead of picking a day; with no publication date it
resolves to None, never to a guessed year. Choices: "on Monday" is the latest Monday on or before publication
(wire copy names the day of publication by its weekday), "last Monday" strictly before; a year-less date
("3 March", "early July") takes the publication year, or the one before if it would start after publication;
"since X" / "until X" resolve to X, and `bound()` says which end of a period X marks.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from math import ceil
from typing import Callable, NamedTuple

from factiongraph.models import TimeSpan
from factiongraph.timeutil import month_end, parse_partial_iso

Span = tuple[date, date, str]
MONTHS = {m: i + 1 for i, m in enumerate("january february march april may june july august september october "
                                          "november december".split())}
MONTHS |= {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}
MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?" \
      r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_NUMS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUMS |= {"a": 1, "an": 1, "a couple of": 2, "couple of": 2}
NUM = r"(\d+|" + "|".join(sorted(_NUMS, key=len, reverse=True)) + r")"
_ORD = {"first": 1, "1": 1, "second": 2, "2": 2, "third": 3, "3": 3, "fourth": 4, "4": 4}
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_DAY_RE = "|".join(_DAYS)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_PARTS = {  # part: (days of a month, months of a year, years of a decade)
    "early": ((1, 10), (1, 4), (0, 3)), "mid": ((11, 20), (5, 8), (3, 6)), "late": ((21, 31), (9, 12), (6, 9)),
    "beginning": ((1, 15), (1, 4), (0, 2)), "end": ((15, 31), (9, 12), (7, 9)),
    "first half": ((1, 15), (1, 6), (0, 4)), "second half": ((16, 31), (7, 12), (5, 9))}
_PARTS |= {"middle": _PARTS["mid"], "start": _PARTS["beginning"]}


class Reference(NamedTuple):
    """The publication date as a window of days; precision None when unknown."""
    earliest: date | None
    latest: date | None
    precision: str | None

    @property
    def known(self) -> bool:
        return self.earliest is not None


class Duration(NamedTuple):
    months: int = 0
    days: int = 0

    def add_to(self, d: date, sign: int = 1) -> date:
        return _add_months(d, sign * self.months) + timedelta(sign * self.days)


def reference(published: str | None) -> Reference:
    try:
        return Reference(*parse_partial_iso(str(published)[:10])) if published else Reference(None, None, None)
    except ValueError:
        return Reference(None, None, None)


def span_for_range(start: date, end: date, precision: str, text: str | None) -> TimeSpan:
    return TimeSpan(earliest=start.isoformat(), latest=end.isoformat(), precision=precision, text=text)


def parse_duration(text: str) -> Duration | None:
    if not (m := re.search(rf"\b{NUM}[ -](day|week|month|year)s?\b", text.lower())):
        return None
    n = int(m[1]) if m[1].isdigit() else _NUMS[m[1]]
    return {"day": Duration(days=n), "week": Duration(days=7 * n), "month": Duration(n), "year": Duration(12 * n)}[m[2]]


def bound(text: str) -> str | None:
    """'start' for "since X", 'end' for "until X": which end of a period the resolved X marks."""
    m = re.match(r"\s*(since|from|after|starting|beginning|until|till|up to|by|before|through)\b", text, re.I)
    return m and ("start" if m[1].lower() in ("since", "from", "after", "starting", "beginning") else "end")


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, min(d.day, month_end(d.year + y, m + 1).day))


def _eom(d: date) -> date:
    return month_end(d.year, d.month)


def day_span(y: int, m: int, d: int) -> Span | None:
    try:
        return (x := date(y, m, d)), x, "day"
    except ValueError:
        return None


def _on_or_before(d: date, weekday: int, strict: bool = False) -> date:
    return d - timedelta((d.weekday() - weekday) % 7 or 7 * strict)


def _rel(g: Callable[[date], tuple[date, date]], prec: str, ref: Reference, past: bool = True) -> Span | None:
    """g at both ends of the publication window; where the window moves the answer, widen it."""
    if not ref.known:
        return None
    (e1, l1), (e2, l2) = g(ref.earliest), g(ref.latest)
    e, l = min(e1, e2), max(l1, l2)
    if (e1, l1) != (e2, l2):
        prec, e = "approximate", e.replace(day=1)
    return e, min(l, ref.latest) if past else l, prec


def _yearless(build: Callable[[int], Span | None], ref: Reference) -> Span | None:
    if not ref.known:
        return None
    span = build(ref.latest.year)
    return span if span is None or span[0] <= ref.latest else build(ref.latest.year - 1)


def _part(span: Span | None, which: str) -> Span | None:
    if span is None or (span[1] - span[0]).days < 7:  # "late on Thursday" is still Thursday
        return span
    (e, l, prec), ((d0, d1), (m0, m1), (y0, y1)) = span, _PARTS[which]
    if prec == "month":
        return e.replace(day=d0), e.replace(day=min(d1, l.day)), "approximate"
    if prec == "year":
        return date(e.year, m0, 1), month_end(e.year, m1), "approximate"
    if (e.month, e.day, l.year - e.year) == (1, 1, 9):  # a decade
        return date(e.year + y0, 1, 1), date(e.year + y1, 12, 31), "approximate"
    return None


def _about(span: Span | None) -> Span | None:
    """"around X": one unit of X's precision either side."""
    k = span and {"year": 12, "month": 1}.get(span[2])
    if span is None or not k:
        return span and (span[0] - timedelta(3), span[1] + timedelta(3), "approximate")
    return _add_months(span[0], -k), _eom(_add_months(span[1], k)), "approximate"


def _ramadan(y: int) -> Span:
    # 1 Ramadan 1438 fell on 2017-05-27 and the Islamic year is ~354.37 days; +-2 days for moon sighting
    start = date(2017, 5, 27) + timedelta(round(ceil((date(y, 1, 1) - date(2017, 5, 27)).days / 354.367) * 354.367))
    return start - timedelta(2), start + timedelta(31), "approximate"


def _season(name: str, y: int, explicit: bool = False) -> Span:
    a, b = _SEASONS[name]
    if a < b:
        return date(y, a, 1), month_end(y, b), "approximate"
    # "winter 2014" reads both as Dec 2013-Feb 2014 and as Dec 2014-Feb 2015: cover both
    return date(y - 1, 12, 1), month_end(y + explicit, 2), "approximate"


def _season_rel(name: str, which: str, ref: Reference) -> Span | None:
    """this: the latest season begun by publication; last: the latest one over; next: the first to come."""
    years = range(ref.latest.year - 1, ref.latest.year + 2) if ref.known else ()
    for e, l, p in (_season(name, y) for y in (years if which == "next" else reversed(years))):
        if {"this": e <= ref.latest, "last": l < ref.latest, "next": e > ref.latest}[which]:
            return e, l, p
    return None


_STRIP = re.compile(rf"^(?:on|in|at|during|as of|since|until|till|up to|by|before|after|from|sometime in|the|"
                    rf"early hours of|morning of|night of|evening of|dawn|(?:early|late|earlier|later) on|"
                    rf"(?:{_DAY_RE})(?= \d| {MON}))\s+")
_TAIL = re.compile(r"(?<!last)(?<!this)(?<!that)\s+(?:night|morning|afternoon|evening|overnight|at dawn|local time)$")


def _clean(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", t)
    return re.sub(r"\s+", " ", re.sub(r"[,;:!?()\"]|\.(?!\d)", " ", t)).strip()


def _strip(t: str) -> str:
    while (s := _TAIL.sub("", _STRIP.sub("", t))) != t:
        t = s
    return re.sub(rf"^(today|yesterday|tomorrow) (?:{_DAY_RE})$", r"\1", t)  # "today, Saturday"


def _relative(s: str, ref: Reference) -> Span | None:
    """Expressions relative to the publication date."""
    one = timedelta(1)
    fixed = {"today": (0, 0, "day"), "tonight": (0, 0, "day"), "this morning": (0, 0, "day"),
             "this afternoon": (0, 0, "day"), "this evening": (0, 0, "day"),
             "yesterday": (-1, -1, "day"), "overnight": (-1, 0, "approximate"), "last night": (-1, 0, "approximate")}
    if s in fixed:
        a, b, prec = fixed[s]
        return _rel(lambda d: (d + a * one, d + b * one), prec, ref)
    if s == "tomorrow":
        return _rel(lambda d: (d + one, d + one), "day", ref, past=False)
    if m := re.fullmatch(r"(last|this|next) (week|month|year)", s):
        k = {"last": -1, "this": 0, "next": 1}[m[1]]
        g = {"week": lambda d: (d - d.weekday() * one + 7 * k * one, d - d.weekday() * one + (7 * k + 6) * one),
             "month": lambda d: (_add_months(d.replace(day=1), k), _eom(_add_months(d, k))),
             "year": lambda d: (date(d.year + k, 1, 1), date(d.year + k, 12, 31))}[m[2]]
        return _rel(g, m[2], ref, past=k < 0)
    if m := re.fullmatch(r"earlier this (week|month|year)", s):
        g = {"week": lambda d: d - d.weekday() * one, "month": lambda d: d.replace(day=1),
             "year": lambda d: d.replace(month=1, day=1)}[m[1]]
        return _rel(lambda d: (g(d), d), "approximate", ref)
    if s == "later this year":
        return _rel(lambda d: (d, date(d.year, 12, 31)), "approximate", ref, past=False)
    if m := re.fullmatch(r"(?:(?:the )?(?:past|last)(?: few)?|recent|previous) (days|weeks|months|years)|recently", s):
        back = {"days": Duration(days=10), "weeks": Duration(days=56), "months": Duration(4), "years": Duration(36)}
        return _rel(lambda d: (back.get(m[1], Duration(2)).add_to(d, -1), d), "approximate", ref)
    if m := re.fullmatch(rf"(?:the )?(?:past|last) {NUM} (day|week|month|year)s?", s):
        dur = parse_duration(f"{m[1]} {m[2]}")
        return _rel(lambda d: (dur.add_to(d, -1), d), "approximate", ref)
    if m := re.fullmatch(rf"(?:{NUM}|(?:a )?(few|several)) (day|week|month|year)s? ago", s):
        lo, hi = (parse_duration(f"{n} {m[3]}") for n in ((2, 6) if m[2] else (m[1], m[1])))
        slack = timedelta({"day": 0, "week": 3, "month": 15, "year": 31}[m[3]])
        return _rel(lambda d: (hi.add_to(d, -1) - slack, lo.add_to(d, -1) + slack),
                    "day" if m[3] == "day" and not m[2] else "approximate", ref)
    if re.fullmatch(r"(?:last |over the |at the |this |past )?weekend", s):
        return _rel(lambda d: (_on_or_before(d, 5), _on_or_before(d, 5) + one), "approximate", ref)
    if m := re.fullmatch(rf"(last |this )?({_DAY_RE})", s):
        return _rel(lambda d: (_on_or_before(d, _DAYS.index(m[2]), m[1] == "last "),) * 2, "day", ref)
    if m := re.fullmatch(r"(this|last|next) (spring|summer|autumn|fall|winter)", s):
        return _season_rel(m[2], m[1], ref)
    if m := re.fullmatch(rf"({MON})\.?(?: of)? (last|this|next) year", s):  # "February last year"
        k, month = {"last": -1, "this": 0, "next": 1}[m[2]], MONTHS[m[1][:3]]
        return _rel(lambda d: (date(d.year + k, month, 1), month_end(d.year + k, month)), "month", ref, past=k <= 0)
    if m := re.fullmatch(rf"last ({MON})\.?", s):  # "last February": the latest one before this month
        month = MONTHS[m[1][:3]]
        return _rel(lambda d: (date(d.year - (month >= d.month), month, 1),
                               month_end(d.year - (month >= d.month), month)), "month", ref)
    return None


def _anchored(s: str, anchor: TimeSpan | None) -> Span | None:
    """Expressions relative to an earlier date of the same text ("the following day")."""
    m = re.fullmatch(rf"(following|next|subsequent|same|previous|preceding) (day|week|month|year)|day (after|before)|"
                     rf"that (?:day|night)|{NUM} (day|week|month|year)s? (later|after|afterwards|on|earlier|before)", s)
    if not m or anchor is None:
        return None
    e, l = anchor.start_date, anchor.end_date
    if m[5]:
        dur, sign = parse_duration(f"{m[4]} {m[5]}"), -1 if m[6] in ("earlier", "before") else 1
        return dur.add_to(e, sign), dur.add_to(l, sign), anchor.precision if m[5] == "day" else "approximate"
    step = {"following": 1, "next": 1, "subsequent": 1, "after": 1, "previous": -1, "preceding": -1,
            "before": -1}.get(m[1] or m[3], 0)
    if m[2] in ("month", "year"):  # the month (year) before or after the anchor's
        k = step * (12 if m[2] == "year" else 1)
        e, l = _add_months(e.replace(day=1), k), _eom(_add_months(l, k))
        return (e.replace(month=1), l.replace(month=12, day=31), "year") if m[2] == "year" else (e, l, "month")
    days = timedelta(7 * step if m[2] == "week" else step)
    return e + days, l + days, "approximate" if m[2] == "week" else anchor.precision


def _absolute(s: str, ref: Reference) -> Span | None:
    """Calendar expressions; a missing year comes from the reference."""
    if m := re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|(\d{4})[/.](\d{1,2})[/.](\d{1,2})", s):
        if not 1800 <= int(m[1] or m[4]) <= 2100:
            return None
        try:
            return day_span(int(m[4]), int(m[5]), int(m[6])) if m[4] else parse_partial_iso(s)
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        reads = sorted(x[0] for x in (day_span(y, b, a), day_span(y, a, b)) if x)  # day-first and month-first
        return reads and (reads[0], reads[-1], "day" if reads[0] == reads[-1] else "approximate")
    if m := re.fullmatch(rf"(\d{{1,2}}) (?:of )?({MON})(?: (\d{{4}}))?|({MON}) (\d{{1,2}})(?: (\d{{4}}))?", s):
        day, mon, y = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        return day_span(int(y), MONTHS[mon], int(day)) if y else _yearless(lambda x: day_span(x, MONTHS[mon], int(day)), ref)
    if m := re.fullmatch(rf"({MON})(?: (?:of )?(\d{{4}}))?", s):
        build = lambda y: (date(y, MONTHS[m[1]], 1), month_end(y, MONTHS[m[1]]), "month")  # noqa: E731
        return build(int(m[2])) if m[2] else _yearless(build, ref)
    if m := re.fullmatch(r"(\d{3})0'?s|'?(\d)0'?s|(nineties|eighties|seventies)", s):
        tens = int(m[2]) if m[2] else {"nineties": 9, "eighties": 8, "seventies": 7}.get(m[3])
        y = 10 * int(m[1]) if m[1] else (1900 if tens >= 3 else 2000) + 10 * tens
        return date(y, 1, 1), date(y + 9, 12, 31), "approximate"
    if m := re.fullmatch(r"q([1-4])(?: (\d{4}))?|([1-4])q(?: (\d{4}))?|(first|second|third|fourth|[1-4]) quarter"
                         r"(?: of)?(?: (\d{4}))?", s):
        q, y = int(m[1] or m[3] or _ORD[m[5]]), m[2] or m[4] or m[6]
        build = lambda yr: (date(yr, 3 * q - 2, 1), month_end(yr, 3 * q), "quarter")  # noqa: E731
        return build(int(y)) if y else _yearless(build, ref)
    if m := re.fullmatch(r"(spring|summer|autumn|fall|winter)(?: (?:of )?(\d{4})(?:[-/](\d{2,4}))?)?", s):
        if m[3] and m[1] == "winter":
            return date(int(m[2]), 12, 1), month_end(int(m[2]) + 1, 2), "approximate"
        return _season(m[1], int(m[2]), True) if m[2] else _season_rel(m[1], "this", ref)
    if m := re.fullmatch(r"ramadan(?: (\d{4}))?", s):
        return _ramadan(int(m[1])) if m[1] else _yearless(_ramadan, ref)
    return None


def _range(c: str, ref: Reference, anchor: TimeSpan | None) -> Span | None:
    """"between X and Y", "from X to Y", "2014-2016", "9-12 October"; X borrows what it leaves to Y."""
    m = (re.fullmatch(r"(?:(?:in|during|for) (?:the period )?)?(?:between|from) (.+?) (?:and|to|until|till|through) "
                      r"(.+)", c)
         or re.fullmatch(rf"(\d{{4}}|{MON}|\d{{1,2}}) ?(?:-|to|through) ?(\d{{4}}|{MON}.*|\d{{1,2}} {MON}.*)", _strip(c)))
    if not m:
        return None
    first, second = m[1], m[2]
    if first.isdigit() and len(first) <= 2 and (rest := re.match(r"\d{1,2} (.+)", second)):
        first += " " + rest[1]
    elif not re.search(r"\d{4}", first) and (y := re.search(r"\d{4}$", second)):
        first += " " + y[0]
    a, b = _resolve(first, ref, anchor), _resolve(second, ref, anchor)
    return None if not a or not b or a[0] > b[1] else (a[0], b[1], a[2] if a[2] == b[2] else "approximate")


def _resolve(text: str, ref: Reference, anchor: TimeSpan | None = None) -> Span | None:
    c = _clean(text)
    if m := re.match(r"(?:around|about|circa|approximately|roughly) (.+)", c):
        return _about(_resolve(m[1], ref, anchor))
    if span := _range(c, ref, anchor):
        return span
    s = _strip(c)
    if m := re.fullmatch(r"(early|mid|middle|late|end|beginning|start|first half|second half)(?: of)?[ -](.+)", s):
        return _part(_resolve(m[2], ref, anchor), m[1])
    if m := re.fullmatch(r"(first|second|third|fourth|last|[1-4]) week (?:of|in) (.+)", s):
        if not (inner := _resolve(m[2], ref, anchor)) or inner[2] != "month":
            return None
        start = inner[1] - timedelta(6) if m[1] == "last" else inner[0] + timedelta(7 * (_ORD[m[1]] - 1))
        return start, min(start + timedelta(6), inner[1]), "week"
    span = _absolute(s, ref) or _relative(s, ref) or _anchored(s, anchor)
    if span is None and re.search(r"[a-z]", s) and re.search(r"\b(1[89]|20)\d\d\b", s):
        span = _fallback(s)
    return span


_TAIL_START = re.compile(r"(?<=\s)(?:on|in|at|since|until|by|during|from|between|last|this|early|mid|late|\d)", re.I)


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser  # slow to import; only the fallback needs it
    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})


@lru_cache(maxsize=4096)
def _fallback(s: str) -> Span | None:
    """dateparser for absolute dates the rules miss, kept only if its year is one the text names."""
    data = _parser().get_date_data(s)
    if not data or not data.date_obj or str((d := data.date_obj.date()).year) not in s:
        return None
    if data.period == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31), "year"
    return (d.replace(day=1), _eom(d), "month") if data.period == "month" else (d, d, "day")


def resolve(text: str, ref: Reference, anchor: TimeSpan | None = None) -> TimeSpan | None:
    """The TimeSpan a date expression denotes, or None when text and reference do not pin one down.

    `anchor` is the last date resolved before it in the text, for "the following day", "two weeks later".
    Failing the whole text, the longest tail that starts like a date phrase ("elected | in May").
    """
    span = _resolve(text, ref, anchor)
    for tail in re.finditer(_TAIL_START, text) if span is None else ():
        if span := _resolve(text[tail.start():], ref, anchor):
            break
    return span and span_for_range(*span, text)
