"""Exports of a store: the exchange format (jsonl), ACLED-style CSV, GraphML and GEXF 1.3 with time intervals,
a STIX 2.1 bundle, and GeoJSON of events and controlled places.

Each writer takes a binary file object, so the CLI can hand it stdout or a file alike.
"""
from __future__ import annotations

from typing import BinaryIO

from ..store import Store
from .export_acled import ACLED_COLUMNS, write_acled_csv
from .export_geo import write_geojson
from .export_gexf import write_gexf
from .export_graph import to_networkx, write_graphml
from .export_stix import stix_bundle, write_stix

FORMATS = ("jsonl", "acled-csv", "graphml", "gexf", "stix", "geojson")
__all__ = ["ACLED_COLUMNS", "FORMATS", "export", "stix_bundle", "to_networkx"]


def write_jsonl(store: Store, out: BinaryIO) -> int:
    n = 0
    for record in store.export_records():
        out.write((record.to_json() + "\n").encode("utf-8"))
        n += 1
    return n


WRITERS = {"jsonl": write_jsonl, "acled-csv": write_acled_csv, "graphml": write_graphml, "gexf": write_gexf,
           "stix": write_stix, "geojson": write_geojson}


def export(store: Store, fmt: str, out: BinaryIO) -> int:
    """Write the store in `fmt`; returns the number of records (edges, events, objects) written."""
    return WRITERS[fmt](store, out)
