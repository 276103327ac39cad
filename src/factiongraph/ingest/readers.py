"""Read user inputs into Documents.

Every problem is found before anything is extracted or stored, and reported as one InputError line naming the
input (file, or file:line for corpus rows), so a bad input never leaves half a corpus in the store.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..models import Document
from ..timeutil import parse_partial_iso
from .html import parse_html
from .language import is_english

MAX_BYTES = 64 * 1024 * 1024  # one input file; documents over 1 MB are parsed in chunks downstream
_CORPUS_SUFFIXES = {".jsonl", ".ndjson"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def check_published(value: str | None, source: str) -> str | None:
    """A partial ISO date, or None; InputError naming `source` otherwise."""
    if value is None or value == "":
        return None
    try:
        parse_partial_iso(str(value))
    except ValueError as e:
        raise InputError(source, f"unparseable publication date {value!r} ({e})") from None
    return str(value)


def _decode(raw: bytes, source: str) -> str:
    if not raw.strip():
        raise InputError(source, "empty input")
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(source, f"not UTF-8 text (invalid byte 0x{raw[e.start]:02x} at offset {e.start})") from None
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(source, "binary file, not text")
    return text


def _read_bytes(path: Path) -> bytes:
    source = str(path)
    if path.is_dir():
        raise InputError(source, "is a directory; give files (.txt, .html or a corpus .jsonl)")
    if not path.exists():
        raise InputError(source, "no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(source, f"file too large ({size} bytes; the limit is {MAX_BYTES})")
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(source, f"cannot read ({e.strerror})") from None


def _make(doc_id: str, text: str, source: str, *, title=None, published=None, origin=None, url=None) -> Document:
    if not text.strip():
        raise InputError(source, "no text")
    if not is_english(text):
        raise InputError(source, "the text is not English; factiongraph extracts from English reports only")
    return Document(id=doc_id, title=title, published=published, source=origin, url=url, text=text)


def _corpus(path: Path, text: str, published: str | None) -> list[Document]:
    docs = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(where, f"not a JSON object ({e.msg})") from None
        if not isinstance(row, dict):
            raise InputError(where, "not a JSON object")
        body = row.get("text")
        if not isinstance(body, str) or not body.strip():
            raise InputError(where, 'row lacks a non-empty "text"')
        pub = check_published(row.get("published"), where) if row.get("published") else published
        doc_id = str(row.get("id") or f"{path.stem}-{n}")
        docs.append(_make(doc_id, body, where, title=row.get("title"), published=pub,
                          origin=row.get("source"), url=row.get("url")))
    if not docs:
        raise InputError(str(path), "corpus has no rows")
    return docs


def read_path(path: Path, published: str | None = None) -> list[Document]:
    text = _decode(_read_bytes(path), str(path))
    suffix = path.suffix.lower()
    if suffix in _CORPUS_SUFFIXES:
        return _corpus(path, text, published)
    title = None
    if suffix in _HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text, title, page_date = parse_html(text)
        if published is None and page_date and (m := _ISO_PREFIX.match(page_date)):
            published = check_published(m.group(0), str(path))
    elif (m := re.match(r"\s*([^\n]{3,150}?)[ \t]*\n[ \t]*\n", text)) and not m.group(1).endswith((".", ":")):
        title = m.group(1)  # a plain-text report's headline: a short first line standing alone
    return [_make(path.stem, text, str(path), title=title, published=published, origin=str(path.name))]


def read_inputs(paths: Iterable[str | Path], published: str | None = None) -> list[Document]:
    """All documents of all inputs, checked; raises InputError on the first bad one."""
    published = check_published(published, "--published")
    docs: list[Document] = []
    seen: dict[str, int] = {}
    for p in paths:
        for doc in read_path(Path(p), published):
            if doc.id in seen:  # two inputs named alike: keep both, distinctly
                seen[doc.id] += 1
                doc.id = f"{doc.id}-{seen[doc.id]}"
            seen.setdefault(doc.id, 1)
            docs.append(doc)
    if not docs:
        raise InputError("input", "no input given")
    return docs
