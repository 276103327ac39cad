"""Exports: each format read back by the library that defines it."""
from __future__ import annotations

import io
import json

import click
import networkx as nx
from click.testing import CliRunner

from factiongraph.cli_graph import COMMANDS
from factiongraph.graph.export import export
from factiongraph.models import parse_fact
from factiongraph.store import fact_id_of


def _export(store, fmt) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out)
    return out.getvalue()


def test_jsonl_is_valid_exchange_format(hts_store):
    lines = _export(hts_store, "jsonl").decode().splitlines()
    records = [parse_fact(json.loads(line)) for line in lines]
    assert [r.kind for r in records].count("relation") == 15
    left = next(r for r in records if r.kind == "relation" and r.subject == "jaish-al-ahrar" and r.predicate == "left")
    assert left.model_extra["sources"] == 2 and len(left.evidence) == 2


def test_rejected_facts_are_not_exported(hts_store):
    hts_store.review_fact(fact_id_of(("ahrar-al-sham", "rival_of", "hts")), "reject", author="ana")
    g = nx.read_graphml(io.BytesIO(_export(hts_store, "graphml")))
    assert g.number_of_edges() == 14


def test_cli_export_to_file(hts_store, tmp_path):
    group = click.Group("factiongraph", commands={c.name: c for c in COMMANDS})
    out = tmp_path / "g.gexf"
    r = CliRunner().invoke(group, ["export", "--format", "gexf", "-o", str(out), "--db", hts_store.target])
    assert r.exit_code == 0, r.output
    assert nx.read_gexf(out, version="1.3").number_of_edges() == 15
    r = CliRunner().invoke(group, ["export", "--format", "jsonl", "--db", hts_store.target])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 33


def test_cli_export_file_mode_follows_umask(hts_store, tmp_path):
    import os
    group = click.Group("factiongraph", commands={c.name: c for c in COMMANDS})
    old = os.umask(0o022)
    try:
        out = tmp_path / "g.graphml"
        r = CliRunner().invoke(group, ["export", "--format", "graphml", "-o", str(out), "--db", hts_store.target])
    finally:
        os.umask(old)
    assert r.exit_code == 0 and (out.stat().st_mode & 0o777) == 0o644


def test_cli_names_the_extra_when_stix2_is_missing(hts_store, monkeypatch):
    import sys
    for name in [m for m in sys.modules if m == "stix2" or m.startswith("stix2.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "stix2", None)
    group = click.Group("factiongraph", commands={c.name: c for c in COMMANDS})
    r = CliRunner().invoke(group, ["export", "--format", "stix", "--db", hts_store.target])
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines() == [
        "factiongraph: error: the stix2 package is missing: pip install 'factiongraph[stix]'"]
