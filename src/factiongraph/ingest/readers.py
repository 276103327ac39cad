"""Read user inputs into Documents, as a stream.

`iter_items` yields one Item (a Document and where it came from) at a time: files, directories (recursively),
`-` (standard input), http(s) URLs and RSS/Atom feeds; corpus files row by row. A bad input, file or row is
handed to `on_skip` as one InputError naming where it is (file, or file:line) and reading goes on; without
`on_skip` the first one is raised (the all-or-nothing `--strict` reading, and `read_inputs`).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from ..errors import FactionGraphError, InputError
from ..models import Document
from .decode import decode
from .fields import Ids, Item, check_published, make_document
from .html import parse_html
from .remote import feed_entries, is_url, looks_like_feed, read_url
from .rows import Columns, json_lines, table

MAX_BYTES = 64 * 1024 * 1024  # one text or HTML file; corpus files stream, one row at a time
CORPUS = {".jsonl", ".ndjson"}
TABLES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
HTML = {".html", ".htm", ".xhtml"}
FEEDS = {".rss", ".atom", ".xml"}
TEXT = {".txt", ".text", ".md"}
KNOWN = CORPUS | set(TABLES) | HTML | FEEDS | TEXT
_HEADLINE = re.compile(r"\s*([^\n]{3,150}?)[ \t]*\n[ \t]*\n")

Result = Item | FactionGraphError


@dataclass
class ReadOptions:
    published: str | None = None
    columns: Columns = field(default_factory=Columns)
    since: str | None = None  # feed entries dated before this day are left out
    timeout: float = 15.0  # seconds for one fetched page or feed
    max_bytes_remote: int = 5 * 1024 * 1024
    allow: tuple = ()  # networks a fetch may reach although not public (tests only; no option sets it)
    stdin: BinaryIO | None = None


def _read_limited(stream: BinaryIO, where: str) -> bytes:
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(where, f"input too large (over {MAX_BYTES} bytes)")
    return raw


def whole_text(raw: bytes, where: str, stem: str, published: str | None, *, html: bool = False,
               origin: str | None = None) -> Item:
    """One document from the bytes of a text or HTML file."""
    markup = html or raw.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))
    text = decode(raw, where, markup=markup)
    title = None
    if markup:
        text, title, page_date = parse_html(text)
        if published is None and page_date:
            try:
                published = check_published(page_date, where)
            except InputError:
                pass  # a page's own odd date is not a reason to refuse its text
    elif (m := _HEADLINE.match(text)) and not m.group(1).endswith((".", ":")):
        title = m.group(1)  # a plain-text report's headline: a short first line standing alone
    return Item(make_document(stem, text, where, title=title, published=published, source=origin), where)


def read_stream(stream: BinaryIO, name: str, stem: str, suffix: str, options: ReadOptions,
                published: str | None) -> Iterator[Result]:
    """Documents of one open file (or standard input), by its suffix, else by a look at its first bytes."""
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    if suffix in CORPUS or (not suffix and head.lstrip()[:1] == b"{"):
        yield from json_lines(stream, name, stem, published, options.columns)
    elif suffix in TABLES:
        yield from table(stream, name, stem, TABLES[suffix], options.columns, published)
    elif suffix in FEEDS or (suffix not in HTML and looks_like_feed(head)):
        yield from feed_entries(_read_limited(stream, name), name, options, published)
    else:
        yield whole_text(_read_limited(stream, name), name, stem, published, html=suffix in HTML,
                         origin=Path(name).name)


def _files(path: Path) -> Iterator[Path | InputError]:
    """The files under a directory, sorted, hidden ones left out; others than the known kinds reported."""
    for p in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in p.relative_to(path).parts) or p.is_dir():
            continue
        if p.suffix.lower() in KNOWN:
            yield p
        else:
            yield InputError(str(p), f"not a known kind of input ({', '.join(sorted(KNOWN))})")


def read_path(path: Path, options: ReadOptions, published: str | None) -> Iterator[Result]:
    where = str(path)
    if path.is_dir():
        for p in _files(path):
            if isinstance(p, InputError):
                yield p
            else:
                yield from _guarded(lambda p=p: _file_results(p, options, published), str(p))
        return
    yield from _guarded(lambda: _file_results(path, options, published), where)


def _file_results(path: Path, options: ReadOptions, published: str | None) -> Iterator[Result]:
    if not path.exists():
        raise InputError(str(path), "no such file")
    with path.open("rb", buffering=65536) as f:
        yield from read_stream(f, str(path), path.stem, path.suffix.lower(), options, published)


def _guarded(make: Callable[[], Iterable[Result]], where: str) -> Iterator[Result]:
    """The results of one input; an error that ends it early (unreadable, too large) becomes its last result."""
    try:
        yield from make()
    except InputError as e:
        yield e
    except OSError as e:
        yield InputError(where, f"cannot read ({e.strerror or e})")


def _input(raw: str, options: ReadOptions, published: str | None) -> Iterator[Result]:
    if raw == "-":
        stream = options.stdin or sys.stdin.buffer
        yield from _guarded(lambda: read_stream(stream, "<stdin>", "stdin", "", options, published), "<stdin>")
    elif is_url(raw):
        yield from read_url(raw, options, published)
    else:
        yield from read_path(Path(raw), options, published)


def iter_items(inputs: Iterable[str | Path], options: ReadOptions | None = None,
               on_skip: Callable[[FactionGraphError], None] | None = None) -> Iterator[Item]:
    """Every document of every input, ids made unique within the run; bad ones to `on_skip` (or raised)."""
    options = options or ReadOptions()
    published = check_published(options.published, "--published")
    ids = Ids()
    for raw in inputs:
        for r in _input(str(raw), options, published):
            if isinstance(r, FactionGraphError):
                if on_skip is None:
                    raise r
                on_skip(r)
                continue
            r.document.id = ids.unique(r.document.id)
            yield r


def read_inputs(paths: Iterable[str | Path], published: str | None = None, **options) -> list[Document]:
    """All documents of all inputs, checked; raises InputError on the first bad one (all or nothing)."""
    docs = [item.document for item in iter_items(paths, ReadOptions(published=published, **options))]
    if not docs:
        raise InputError("input", "no input given")
    return docs
