"""Ingest: turn user inputs (text, HTML, corpus JSONL, CSV/TSV, directories, stdin, URLs, feeds) into a stream of
Documents; a bad input is reported with where it is and why, and the others are read."""
from .fields import Item
from .readers import MAX_BYTES, ReadOptions, iter_items, read_inputs
from .rows import Columns

__all__ = ["Columns", "Item", "MAX_BYTES", "ReadOptions", "iter_items", "read_inputs"]
