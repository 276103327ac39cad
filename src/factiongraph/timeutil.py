"""Partial ISO dates ("2017", "2017-10", "2017-10-09") as inclusive day ranges."""
from __future__ import annotations

import calendar
import re
from datetime import date

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_iso(value: str) -> tuple[date, date, str]:
    """(earliest, latest, precision) of an ISO date of any precision; ValueError when it is not one."""
    m = _PARTIAL.match(str(value).strip())
    if not m:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    y, mo, d = int(m[1]), m[2], m[3]
    if mo is None:
        return date(y, 1, 1), date(y, 12, 31), "year"
    mo = int(mo)
    if not 1 <= mo <= 12:
        raise ValueError(f"month out of range in {value!r}")
    if d is None:
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month"
    return (day := date(y, mo, int(d))), day, "day"


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])
