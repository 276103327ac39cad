"""GEXF 1.3 (https://gexf.net/1.3): the dynamic graph of `export_graph.to_networkx` with `start`/`end` days on
nodes and edges (timeformat date, closed intervals), for Gephi's timeline. Written here rather than by networkx,
whose writer adds internal attributes (`networkx_key`) and cannot set `kind` on parallel edges."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import BinaryIO
from xml.etree.ElementTree import Element, ElementTree, SubElement, indent

import networkx as nx

from ..store import Store
from .export_graph import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, to_networkx

NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TIMED = ("start", "end")


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _attributes(graph: Element, cls: str, declared: dict[str, str]) -> None:
    block = SubElement(graph, "attributes", {"class": cls, "mode": "static"})
    for name, kind in declared.items():
        SubElement(block, "attribute", {"id": name, "title": name, "type": kind})


def _attvalues(element: Element, data: dict, declared: dict[str, str]) -> None:
    values = [(k, data[k]) for k in declared if data.get(k) not in (None, "")]
    if values:
        block = SubElement(element, "attvalues")
        for k, v in values:
            SubElement(block, "attvalue", {"for": k, "value": _value(v)})


def gexf_tree(g: nx.MultiDiGraph) -> ElementTree:
    root = Element("gexf", {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{NS} {NS}/gexf.xsd",
                            "version": "1.3"})
    meta = SubElement(root, "meta", {"lastmodifieddate": datetime.now(timezone.utc).date().isoformat()})
    SubElement(meta, "creator").text = "factiongraph"
    SubElement(meta, "description").text = ("Armed groups and their relations; edges hold from start to end "
                                            "(inclusive ISO days), open where no bound is known.")
    graph = SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date",
                                       "timerepresentation": "interval", "idtype": "string"})
    _attributes(graph, "node", NODE_ATTRIBUTES)
    _attributes(graph, "edge", EDGE_ATTRIBUTES)
    nodes = SubElement(graph, "nodes")
    for node, data in g.nodes(data=True):
        el = SubElement(nodes, "node", {"id": str(node), "label": str(data.get("label", node)),
                                        **{k: data[k] for k in _TIMED if data.get(k)}})
        _attvalues(el, data, NODE_ATTRIBUTES)
    edges = SubElement(graph, "edges")
    for u, v, key, data in g.edges(keys=True, data=True):
        el = SubElement(edges, "edge", {"id": str(key), "source": str(u), "target": str(v),
                                        "label": data["predicate"], "kind": data["predicate"],
                                        "weight": _value(data["confidence"]),
                                        **{k: data[k] for k in _TIMED if data.get(k)}})
        _attvalues(el, data, EDGE_ATTRIBUTES)
    indent(root)
    return ElementTree(root)


def write_gexf(store: Store, out: BinaryIO) -> int:
    g = to_networkx(store)
    gexf_tree(g).write(out, encoding="utf-8", xml_declaration=True)
    return g.number_of_edges()
