"""CSV that is safe to open in a spreadsheet: a text cell beginning with a character that Excel, LibreOffice or
Google Sheets read as the start of a formula (=, +, -, @, tab, carriage return) is prefixed with an apostrophe,
so report text such as "=SUM(1+1) fighters attacked..." stays text. Numbers are written as they are."""
from __future__ import annotations

import csv
import io
from typing import BinaryIO, Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(out: BinaryIO, columns: list[str], rows: Iterable[dict]) -> int:
    """Rows (dicts keyed by `columns`) as UTF-8 CSV with every text cell neutralised; returns the row count."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, columns)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
        n += 1
    text.detach()
    return n
