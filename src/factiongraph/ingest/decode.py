"""Bytes to text: a BOM, then the charset the page declares, then UTF-8, then charset-normalizer's guess.
Binary content (NULs, many control characters) is refused with one line."""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._\-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 32 and b not in b"\n\r\t\f\x1b")
    return controls > 0.05 * max(1, len(head))


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML or XML document names for itself in its first 4 KB, if Python knows it."""
    m = _DECLARED.search(raw[:4096]) or _XML_DECL.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def encoding_of(raw: bytes, declared: str | None = None) -> str:
    """The encoding to read `raw` with (a sample is enough: corpus files are decoded as they stream)."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    if declared:
        return declared
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(raw) - 3 and len(raw) > 4:  # a sample cut inside a character
            return "utf-8"
    from charset_normalizer import from_bytes
    best = from_bytes(raw[:65536]).best()
    return best.encoding if best is not None else "utf-8"


def decode(raw: bytes, where: str, *, markup: bool = False) -> str:
    """The text of a whole file; InputError when it is empty or binary."""
    if not raw.strip():
        raise InputError(where, "empty input")
    if looks_binary(raw):
        raise InputError(where, "binary file, not text")
    encoding = encoding_of(raw, declared_charset(raw) if markup else None)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return raw.decode(encoding, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")
