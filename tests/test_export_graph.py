"""GraphML and GEXF 1.3: valid by the published schemas (tests/xml_schemas.py), read back by networkx, with the
days each fact holds on its edge."""
from __future__ import annotations

import io

import networkx as nx

from factiongraph.graph.export import export
from xml_schemas import check_gexf13, check_graphml


def _export(store, fmt) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out)
    return out.getvalue()


def _edges(g) -> dict:
    return {(u, v, d["predicate"]): d for u, v, d in g.edges(data=True)}


def test_gexf_is_valid_gexf_13_and_reads_back(hts_store):
    data = _export(hts_store, "gexf")
    assert check_gexf13(data) == []
    assert b"networkx_key" not in data
    g = nx.read_gexf(io.BytesIO(data), version="1.3")
    assert g.graph["mode"] == "dynamic" and g.number_of_edges() == 15
    assert g.nodes["hts"]["label"] == "Hay'at Tahrir al-Sham"


def test_memberships_end_when_the_departure_is_reported(hts_store):
    edges = _edges(nx.read_gexf(io.BytesIO(_export(hts_store, "gexf")), version="1.3"))
    # left on 2017-09-13 (the second report's day narrows the first's "recent weeks")
    ahrar = edges[("jaish-al-ahrar", "hts", "member_of")]
    assert (ahrar["start"], ahrar["end"], ahrar["end_latest"]) == ("2017-01-01", "2017-09-12", "2017-09-13")
    assert ahrar["start_latest"] == "2017-01-31" and ahrar["ended_by"].startswith("f-")
    zinki = edges[("zinki", "hts", "member_of")]  # "in recent weeks" of a report published 2017-10
    assert (zinki["end"], zinki["end_earliest"], zinki["end_latest"]) == ("2017-10-30", "2017-08-01", "2017-10-31")
    assert "end" not in edges[("jfs", "hts", "member_of")]
    # a change is shown from the day it had certainly happened on, not only inside its uncertainty window
    left = edges[("zinki", "hts", "left")]
    assert left["start"] == "2017-10-31" and left["start_earliest"] == "2017-08-01" and "end" not in left
    assert edges[("hashem-al-sheikh", "jaish-al-ahrar", "leader_of")]["end"] == "2017-10-31"


def test_nodes_have_lifetimes_and_attested_dates(hts_store):
    g = nx.read_gexf(io.BytesIO(_export(hts_store, "gexf")), version="1.3")
    zinki = g.nodes["zinki"]
    assert zinki["start"] == "2017-01-01" and "end" not in zinki  # its `left` edge stays
    assert (zinki["first_attested"], zinki["last_attested"]) == ("2017-01-01", "2017-10-31")


def test_graphml_is_valid_and_carries_the_same_intervals(hts_store):
    data = _export(hts_store, "graphml")
    assert check_graphml(data) == []
    g = nx.read_graphml(io.BytesIO(data))
    gexf = nx.read_gexf(io.BytesIO(_export(hts_store, "gexf")), version="1.3")
    assert g.number_of_edges() == 15
    for key, d in _edges(gexf).items():
        mine = _edges(g)[key]
        assert (mine.get("start"), mine.get("end")) == (d.get("start"), d.get("end")), key
    assert g.nodes["zinki"]["first_attested"] == "2017-01-01"


def test_schema_checks_catch_what_consumers_reject():
    bad = (b'<gexf xmlns="http://gexf.net/1.3" version="1.3">'
           b'<graph mode="static" timeformat="date" defaultedgetype="sideways">'
           b'<attributes class="edge"><attribute id="w" title="w" type="integer"/></attributes>'
           b'<nodes><node id="a" start="2017-01-01"/></nodes>'
           b'<edges><edge id="e" source="a" target="b" start="2017-02-01" end="2017-01-01">'
           b'<attvalues><attvalue for="w" value="x"/><attvalue for="z" value="1"/></attvalues></edge></edges>'
           b'</graph></gexf>')
    problems = " | ".join(check_gexf13(bad))
    for expected in ("defaultedgetype", "static graph", "target 'b'", "after end", "is not a integer",
                     "undeclared attribute 'z'"):
        assert expected in problems
    assert check_gexf13(b'<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"/>')
    dup = (b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="k" for="node" attr.type="int"/>'
           b'<key id="k" for="edge"/><key id="n" for="node" attr.type="int"/><graph edgedefault="directed">'
           b'<node id="a"><data key="n">x</data></node>'
           b'<edge source="a" target="c"/></graph></graphml>')
    problems = " | ".join(check_graphml(dup))
    assert "duplicate id" in problems and "'c' is not a node" in problems and "is not a integer" in problems
