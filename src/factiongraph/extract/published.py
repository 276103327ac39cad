"""A report's own publication date, read from its text when none is given: a date in the title or on a line of
its own at the top, after a "Published" label, ending a wire dateline, or else the latest full date it cites."""
from __future__ import annotations

import re
from datetime import date

from .dates import MON, MONTHS, day_span

_FULL = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MON})\.?,?\s+(\d{{4}})\b|\b({MON})\.?\s+"
                   rf"(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b|\b(\d{{4}})-(\d{{2}})-(\d{{2}})(?!\d)", re.I)
_MONTH_YEAR = re.compile(rf"\b({MON})\.?,?\s+(\d{{4}})\b", re.I)
_WIRE = r"\((?:Reuters|AFP|AP|Xinhua|IANS|PTI|UPI|Anadolu|dpa)\)"
_YEARLESS = re.compile(rf"\b({MON})\.?\s+(\d{{1,2}})\s*{_WIRE}|\b(\d{{1,2}})\s+({MON})\.?\s*{_WIRE}", re.I)
_DATELINE_END = re.compile(rf"\s*(?:\d\d?[:.]\d\d\s*\w*\s*)?(?:{_WIRE}|[-\u2013\u2014])")
_LABEL = re.compile(r"(published|posted|issued|updated|modified|date)(?:\s+on|\s+at)?\s*:?\s*(?:\S+\s+){0,4}$", re.I)


def _full_dates(text: str) -> list[tuple[date, int, int]]:
    out = []
    for m in _FULL.finditer(text):
        y, mo, d = (m[3], m[2], m[1]) if m[1] else (m[6], m[4], m[5]) if m[4] else (m[7], m[8], m[9])
        if span := day_span(int(y), int(mo) if mo.isdigit() else MONTHS[mo.lower()], int(d)):
            out.append((span[0], m.start(), m.end()))
    return out


def infer_published(text: str, title: str | None = None) -> tuple[str, str] | None:
    """(partial ISO date, evidence) for a document's own publication date, or None.

    Trusted to the day: a date in the title or on a line of its own among the first three, after a
    "Published"/"Updated" label, or ending a dateline ("Oct 9, 2017 (AFP) -") in the first 300 characters;
    "published" beats "updated", else the latest wins. A year-less wire dateline ("MOGADISHU, Oct 14
    (Reuters) -") takes the latest of the header's years and the first year that puts it after the latest
    full date in the text. Failing those, the latest full date in the text, lowered to its month (a report
    usually appears within weeks of the last date it cites; its day would be a guess).
    """
    head = f"{title}\n{text[:300]}" if title else text[:300]
    lines, pos = [], 0  # (start, end, is the title) of the first lines
    for i, line in enumerate(head.split("\n")[:3 + bool(title)]):
        lines, pos = lines + [(pos, pos + len(line), bool(title) and i == 0)], pos + len(line) + 1
    picks = []
    for d, a, b in _full_dates(head):
        line = next(((x, y, t) for x, y, t in lines if x <= a <= y), None)
        label = _LABEL.search(head[max(0, a - 40):a])
        on_own = line and (line[2] or len((head[line[0]:a] + head[b:line[1]]).split()) <= 4)
        if label or on_own or _DATELINE_END.match(head, b):
            picks.append((label is not None and label[1].lower() in ("published", "posted", "issued"), d, head[a:b]))
    if picks:
        return max(picks)[1].isoformat(), max(picks)[2]
    body = _full_dates(text)
    if w := _YEARLESS.search(head):
        mo, day = MONTHS[(w[1] or w[4]).lower()], int(w[2] or w[3])
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", head)]
        if body:
            last = max(body)[0]
            years.append(last.year + ((mo, day) < (last.month, last.day)))
        span = day_span(max(years), mo, day) if years else None
        return span and (span[0].isoformat(), w[0])
    if body:
        d, a, b = max(body)
        return d.isoformat()[:7], text[a:b]
    for x, y, is_title in lines:  # "October 2017" on a line of its own
        if (m := _MONTH_YEAR.search(head, x, y)) and (is_title or len(head[x:y].replace(m[0], "").split()) <= 4):
            return f"{m[2]}-{MONTHS[m[1].lower()]:02d}", m[0]
    return None
