"""Corpus files read row by row as they stream: JSON Lines ({"id","title","published","source","url","text"},
or other keys named as for tables) and CSV / TSV with named columns. A bad row is yielded as an InputError naming file:line, and reading goes on;
memory holds one row at a time."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, Iterator

from ..errors import InputError
from .decode import encoding_of, looks_binary
from .fields import Item, check_published, make_document, optional_text

MAX_ROW = 16 * 1024 * 1024  # bytes in one row
DEFAULT_COLUMNS = {
    "text": ("text", "body", "content", "notes", "article", "description", "summary"),
    "date": ("published", "date", "event_date", "pubdate", "published_at", "publication_date", "timestamp"),
    "id": ("id", "doc_id", "event_id_cnty", "event_id", "guid", "uid"),
    "title": ("title", "headline", "name"),
}
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d-%b-%Y", "%d %B, %Y")


@dataclass(frozen=True)
class Columns:
    """The columns of a CSV/TSV to read (None: the first of DEFAULT_COLUMNS present, case-insensitively)."""
    text: str | None = None
    date: str | None = None
    id: str | None = None
    title: str | None = None


def lines(stream: BinaryIO, limit: int = MAX_ROW) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; None for a line over `limit` bytes (skipped without holding it)."""
    n = 0
    while line := stream.readline(limit + 1):
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (more := stream.readline(limit)) and not more.endswith(b"\n"):
                pass
            yield n, None
        else:
            yield n, line


def _row_id(value, default: str, where: str) -> str:
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(where, f'"id" must be a string or a number, not {type(value).__name__}')
    return str(value).strip() or default


def _key(row: dict, wanted: str | None, kind: str) -> str | None:
    """The key of a JSON row to read as `kind`: the one asked for, else the first default present."""
    if wanted is not None:
        return wanted
    return next((k for k in DEFAULT_COLUMNS[kind] if k in row), None)


def json_row(line: bytes, where: str, default_id: str, published: str | None, columns: Columns = Columns()) -> Item:
    try:
        row = json.loads(line)
    except UnicodeDecodeError as e:
        raise InputError(where, f"not UTF-8 text (invalid byte at offset {e.start})") from None
    except (json.JSONDecodeError, RecursionError) as e:
        raise InputError(where, f"not a JSON object ({getattr(e, 'msg', 'nested too deeply')})") from None
    if not isinstance(row, dict):
        raise InputError(where, "not a JSON object")
    keys = {kind: _key(row, getattr(columns, kind), kind) for kind in DEFAULT_COLUMNS}
    body = row.get(keys["text"] or "text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(where, f'row lacks a non-empty "{keys["text"] or "text"}"')
    date_value = row.get(keys["date"]) if keys["date"] else None
    return Item(make_document(_row_id(row.get(keys["id"]) if keys["id"] else None, default_id, where), body, where,
                              title=optional_text(row, keys["title"], where) if keys["title"] else None,
                              published=(table_date(date_value, where) if isinstance(date_value, str) and
                                         date_value.strip() else check_published(date_value, where)) or published,
                              source=optional_text(row, "source", where), url=optional_text(row, "url", where)),
                where)


def json_lines(stream: BinaryIO, name: str, stem: str, published: str | None,
               columns: Columns = Columns()) -> Iterator[Item | InputError]:
    """Each row of a JSON Lines corpus, or the InputError that names why it was not read."""
    rows = 0
    for n, line in lines(stream):
        where = f"{name}:{n}"
        if line is None:
            yield InputError(where, f"row over {MAX_ROW} bytes")
            continue
        if not line.strip():
            continue
        rows += 1
        try:
            yield json_row(line, where, f"{stem}-{n}", published, columns)
        except InputError as e:
            yield e
    if not rows:
        yield InputError(name, "corpus has no rows")


def _pick(header: list[str], wanted: str | None, kind: str, name: str) -> str | None:
    lower = {h.strip().lower(): h for h in header}
    if wanted is not None:
        if wanted in header:
            return wanted
        if wanted.lower() in lower:
            return lower[wanted.lower()]
        raise InputError(name, f"no column {wanted!r} (--{kind}-column); the columns are {', '.join(header)}")
    return next((lower[c] for c in DEFAULT_COLUMNS[kind] if c in lower), None)


def table_date(value: str, where: str) -> str | None:
    """An ISO date, or a spelled-out one as spreadsheets hold them ("02 March 2021", "March 2, 2021")."""
    try:
        return check_published(value, where)
    except InputError:
        for fmt in _DATE_FORMATS:
            try:
                return check_published(datetime.strptime(value.strip(), fmt).date().isoformat(), where)
            except ValueError:
                continue
        raise


def table(stream: BinaryIO, name: str, stem: str, delimiter: str, columns: Columns,
          published: str | None) -> Iterator[Item | InputError]:
    """Each row of a CSV / TSV file with a header line."""
    sample = stream.peek(65536)[:65536] if hasattr(stream, "peek") else b""
    if looks_binary(sample):
        yield InputError(name, "binary file, not text")
        return
    csv.field_size_limit(MAX_ROW)
    text = io.TextIOWrapper(stream, encoding=encoding_of(sample), errors="replace", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
        picked = {k: _pick(header, getattr(columns, k), k, name) for k in DEFAULT_COLUMNS}
    except StopIteration:
        yield InputError(name, "empty input")
        return
    except (InputError, csv.Error) as e:
        yield e if isinstance(e, InputError) else InputError(name, f"not a readable table ({e})")
        return
    if picked["text"] is None:
        yield InputError(name, f"no text column (give --text-column; the columns are {', '.join(header)})")
        return
    index = {k: header.index(v) for k, v in picked.items() if v is not None}
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield InputError(f"{name}:{start}", f"not a readable row ({e})")
            line = reader.line_num
            continue
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        yield _table_row(cells, index, f"{name}:{start}", f"{stem}-{start}", published)


def _table_row(cells: list[str], index: dict[str, int], where: str, default_id: str,
               published: str | None) -> Item | InputError:
    get = {k: (cells[i] if i < len(cells) else "") for k, i in index.items()}
    try:
        if not get["text"].strip():
            raise InputError(where, "the text column is empty")
        return Item(make_document(_row_id(get.get("id"), default_id, where), get["text"], where,
                                  title=optional_text(get, "title", where),
                                  published=(table_date(get["date"], where) if get.get("date", "").strip()
                                             else None) or published), where)
    except InputError as e:
        return e
