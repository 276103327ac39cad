"""Exports: each format read back by the library that defines it."""
from __future__ import annotations

import io
import json

import click
import networkx as nx
import stix2
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


def test_stix_bundle_validates(hts_store):
    bundle = stix2.parse(_export(hts_store, "stix").decode(), allow_custom=False)
    by_type: dict[str, list] = {}
    for o in bundle.objects:
        by_type.setdefault(o.type, []).append(o)
    assert {"identity", "intrusion-set", "threat-actor", "relationship", "location", "incident",
            "report"} <= set(by_type)
    assert [o.name for o in by_type["intrusion-set"]] == ["Hay'at Tahrir al-Sham"]
    ids = {o.id for o in bundle.objects}
    for rel in by_type["relationship"]:
        assert rel.source_ref in ids and rel.target_ref in ids
    member = [r for r in by_type["relationship"] if r.relationship_type == "member-of"]
    dated = [r for r in member if "start_time" in r]
    assert len(member) == 8 and len(dated) == 6 and all(str(r.start_time).startswith("2017-01-01") for r in dated)
    reports = {r.external_references[0].external_id: r for r in by_type["report"]}
    assert set(reports) == {"seed-hts-2017", "report-2017-09"}
    assert all(ref in ids for r in reports.values() for ref in r.object_refs)


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
