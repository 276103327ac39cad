"""Ingest: turn user inputs (text, HTML, corpus JSONL) into Documents, refusing bad ones with one clear line."""
from .readers import read_inputs, MAX_BYTES

__all__ = ["read_inputs", "MAX_BYTES"]
