"""The fields of one input row, checked and normalised before they become a Document.

Every check raises InputError naming where the row is, so that the caller can report the row and go on. Text
is repaired rather than refused where the repair keeps every character's offset (a lone surrogate or a NUL
becomes U+FFFD), so evidence spans stay exact over the text that is stored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..models import Document
from ..timeutil import parse_partial_iso
from .language import is_english

_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.+\-Z]*)?", re.ASCII)
YEARS = (1800, 2200)  # a publication date outside is a typo or a placeholder, and would overflow date arithmetic
MAX_FIELD = 2000  # characters in a title, source, url or id


def clean(text: str) -> str:
    """`text` with lone surrogates and NULs (which no UTF-8 store accepts) replaced, one character for one."""
    return _UNSTORABLE.sub("\ufffd", text) if _UNSTORABLE.search(text) else text


def check_published(value: Any, where: str) -> str | None:
    """A partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD; the day of an ISO timestamp), or None when empty."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(where, f"the publication date must be a string, not {type(value).__name__}")
    m = _ISO.fullmatch(value.strip())
    if not m:
        raise InputError(where, f"unparseable publication date {value!r} (give YYYY, YYYY-MM or YYYY-MM-DD)")
    day = m.group(0).split("T")[0].split(" ")[0]
    try:
        parse_partial_iso(day)
    except ValueError as e:
        raise InputError(where, f"unparseable publication date {value!r} ({e})") from None
    if not YEARS[0] <= int(m.group(1)) <= YEARS[1]:
        raise InputError(where, f"implausible publication date {value!r} (years {YEARS[0]}-{YEARS[1]} are read)")
    return day


def optional_text(row: dict, key: str, where: str) -> str | None:
    """A string field (title, source, url) or None; numbers are taken as their digits, anything else refused."""
    value = row.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(where, f'"{key}" must be a string, not {type(value).__name__}')
    value = clean(str(value)).strip()
    if len(value) > MAX_FIELD:
        raise InputError(where, f'"{key}" is over {MAX_FIELD} characters')
    return value or None


def make_document(doc_id: str, text: Any, where: str, *, title=None, published=None, source=None,
                  url=None) -> Document:
    """A Document, or InputError when the text is missing, empty or not English."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no text")
    text = clean(text)
    if not is_english(text):
        raise InputError(where, "the text is not English; factiongraph extracts from English reports only")
    return Document(id=clean(doc_id), title=title, published=published, source=source, url=url, text=text)


@dataclass
class Item:
    """A document read, and where it was read from (file, file:line, a URL, a feed entry)."""
    document: Document
    where: str

    @property
    def id(self) -> str:  # id and text as a Document's, for code that checks documents before extraction
        return self.document.id

    @property
    def text(self) -> str | None:
        return self.document.text


class Ids:
    """Unique document ids within one run: a repeated id becomes id-2, id-3, ... skipping every id already used
    (so `a-2`, `a`, `a` gives `a-2`, `a`, `a-3`: three documents)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, doc_id: str) -> str:
        if doc_id in self.used:
            n = 2
            while f"{doc_id}-{n}" in self.used:
                n += 1
            doc_id = f"{doc_id}-{n}"
        self.used.add(doc_id)
        return doc_id
