"""Structural checks of GEXF 1.3 and GraphML files, written from the published specifications
(GEXF 1.3: https://gexf.net/1.3/gexf.xsd and its primer; GraphML: http://graphml.graphdrawing.org/xmlns/1.0/
graphml.xsd). No network: each returns the list of problems found, empty when the file conforms.

Checked: the root element, namespace and version; which elements may appear where and in which order; which
XML attributes each element allows and requires, and their enumerated values; declared attribute types and that
every value parses as its type; references (attvalue `for`, GraphML `key`, edge ends) resolve; ids are unique;
time bounds are in the graph's timeformat, `start` <= `end`, and appear only in a dynamic graph; an element has
either `start`/`end` or `spells`, not both, and never both `start` and `startopen` (or `end` and `endopen`).
"""
from __future__ import annotations

import re
from datetime import date, datetime
from xml.etree import ElementTree as ET

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
_TIME_ATTRS = ("start", "startopen", "end", "endopen")
GRAPH_ATTRS = {"defaultedgetype": ("directed", "undirected", "mutual"), "idtype": ("integer", "string"),
               "mode": ("static", "dynamic"), "timeformat": ("integer", "double", "date", "dateTime"),
               "timerepresentation": ("interval", "timestamp"), "timezone": None, **{a: None for a in _TIME_ATTRS}}
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI", "bigdecimal",
              "biginteger", "byte", "short", "char", "date", "listboolean", "listinteger", "listlong", "listfloat",
              "listdouble", "listbyte", "listshort", "listchar", "listbigdecimal", "listbiginteger", "listdate"}
NODE_ATTRS = {"id", "label", "pid", "timestamp", *_TIME_ATTRS}
EDGE_ATTRS = {"id", "source", "target", "type", "label", "weight", "kind", "timestamp", *_TIME_ATTRS}
EDGE_TYPES = ("directed", "undirected", "mutual")
_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^(INF|-INF|NaN)$")


def _parses(kind: str, value: str) -> bool:
    if kind in ("integer", "long", "byte", "short", "biginteger"):
        return bool(_INT.match(value))
    if kind in ("double", "float", "bigdecimal"):
        return bool(_FLOAT.match(value))
    if kind == "boolean":
        return value in ("true", "false", "1", "0")
    if kind == "date":
        return _time_ok("date", value)
    return True


def _time_ok(timeformat: str, value: str) -> bool:
    try:
        if timeformat == "date":
            date.fromisoformat(value)
            return len(value) == 10
        if timeformat == "dateTime":
            datetime.fromisoformat(value)
            return True
    except ValueError:
        return False
    return _parses("integer" if timeformat == "integer" else "double", value)


def _unknown(el: ET.Element, allowed: set[str], where: str) -> list[str]:
    return [f"{where}: attribute {a!r} is not allowed" for a in el.attrib if a not in allowed
            and not a.startswith("{http://www.w3.org/2001/XMLSchema-instance}")]


def _times(el: ET.Element, where: str, timeformat: str, dynamic: bool) -> list[str]:
    problems = []
    present = [a for a in _TIME_ATTRS if a in el.attrib]
    if present and not dynamic:
        problems.append(f"{where}: time bounds in a static graph")
    for a in present:
        if not _time_ok(timeformat, el.attrib[a]):
            problems.append(f"{where}: {a}={el.attrib[a]!r} is not a {timeformat}")
    for closed, open_ in (("start", "startopen"), ("end", "endopen")):
        if closed in el.attrib and open_ in el.attrib:
            problems.append(f"{where}: both {closed} and {open_}")
    lo = el.get("start") or el.get("startopen")
    hi = el.get("end") or el.get("endopen")
    if lo and hi and timeformat in ("date", "dateTime") and lo > hi:
        problems.append(f"{where}: start {lo} is after end {hi}")
    return problems


def _attvalues(el: ET.Element, where: str, declared: dict[str, str], timeformat: str, dynamic: bool) -> list[str]:
    problems = []
    for block in el.findall(f"{GEXF}attvalues"):
        for av in block:
            if av.tag != f"{GEXF}attvalue":
                problems.append(f"{where}: {av.tag} inside attvalues")
                continue
            problems += _unknown(av, {"for", "value", *_TIME_ATTRS}, where + "/attvalue")
            key, value = av.get("for"), av.get("value")
            if key is None or value is None:
                problems.append(f"{where}: attvalue needs for and value")
            elif key not in declared:
                problems.append(f"{where}: attvalue for undeclared attribute {key!r}")
            elif not _parses(declared[key], value):
                problems.append(f"{where}: {key}={value!r} is not a {declared[key]}")
            problems += _times(av, where + f"/attvalue[{key}]", timeformat, dynamic)
    return problems


def _spells(el: ET.Element, where: str, timeformat: str, dynamic: bool) -> list[str]:
    problems = []
    for block in el.findall(f"{GEXF}spells"):
        if any(a in el.attrib for a in _TIME_ATTRS):
            problems.append(f"{where}: both start/end and spells")
        for spell in block:
            if spell.tag != f"{GEXF}spell":
                problems.append(f"{where}: {spell.tag} inside spells")
            problems += _unknown(spell, set(_TIME_ATTRS), where + "/spell")
            problems += _times(spell, where + "/spell", timeformat, dynamic)
    return problems


def _declarations(graph: ET.Element) -> tuple[dict[str, dict[str, str]], list[str]]:
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    problems = []
    for block in graph.findall(f"{GEXF}attributes"):
        cls = block.get("class")
        if cls not in declared:
            problems.append(f"attributes: class {cls!r} is not node or edge")
            continue
        problems += _unknown(block, {"class", "mode", *_TIME_ATTRS}, "attributes")
        if block.get("mode", "static") not in ("static", "dynamic"):
            problems.append(f"attributes: mode {block.get('mode')!r}")
        for attr in block:
            if attr.tag != f"{GEXF}attribute":
                problems.append(f"attributes: {attr.tag} is not an attribute")
                continue
            problems += _unknown(attr, {"id", "title", "type"}, "attribute")
            if not (attr.get("id") and attr.get("title") and attr.get("type")):
                problems.append(f"attribute {attr.attrib}: id, title and type are required")
            elif attr.get("type") not in GEXF_TYPES:
                problems.append(f"attribute {attr.get('id')}: unknown type {attr.get('type')!r}")
            elif attr.get("id") in declared[cls]:
                problems.append(f"attribute {attr.get('id')} declared twice for {cls}")
            else:
                declared[cls][attr.get("id")] = attr.get("type")
    return declared, problems


def _graph_children(graph: ET.Element) -> list[str]:
    order = [c.tag for c in graph]
    allowed = [f"{GEXF}attributes", f"{GEXF}nodes", f"{GEXF}edges"]
    problems = [f"graph: unexpected child {t}" for t in order if t not in allowed]
    ranks = [allowed.index(t) for t in order if t in allowed]
    if ranks != sorted(ranks):
        problems.append("graph: children out of order (attributes, nodes, edges)")
    if order.count(f"{GEXF}nodes") != 1 or order.count(f"{GEXF}edges") > 1:
        problems.append("graph: needs exactly one nodes element and at most one edges element")
    return problems


def check_gexf13(data: bytes) -> list[str]:
    """Problems with a GEXF 1.3 document; [] when it conforms."""
    root = ET.fromstring(data)
    if root.tag != f"{GEXF}gexf":
        return [f"root is {root.tag}, not {GEXF}gexf"]
    problems = [] if root.get("version") == "1.3" else [f"version {root.get('version')!r} is not 1.3"]
    children = [c.tag for c in root]
    if children not in ([f"{GEXF}graph"], [f"{GEXF}meta", f"{GEXF}graph"]):
        problems.append(f"gexf: children {children} (an optional meta, then one graph)")
    meta = root.find(f"{GEXF}meta")
    if meta is not None:
        problems += _unknown(meta, {"lastmodifieddate"}, "meta")
        if meta.get("lastmodifieddate") and not _time_ok("date", meta.get("lastmodifieddate")):
            problems.append("meta: lastmodifieddate is not a date")
        problems += [f"meta: unexpected {c.tag}" for c in meta
                     if c.tag not in (f"{GEXF}creator", f"{GEXF}keywords", f"{GEXF}description")]
    graph = root.find(f"{GEXF}graph")
    if graph is None:
        return problems
    for a, values in GRAPH_ATTRS.items():
        if values and a in graph.attrib and graph.get(a) not in values:
            problems.append(f"graph: {a}={graph.get(a)!r} not in {values}")
    problems += _unknown(graph, set(GRAPH_ATTRS), "graph") + _graph_children(graph)
    dynamic, timeformat = graph.get("mode") == "dynamic", graph.get("timeformat", "double")
    declared, found = _declarations(graph)
    problems += found + _times(graph, "graph", timeformat, dynamic)
    node_ids: set[str] = set()
    for node in graph.iterfind(f"{GEXF}nodes/{GEXF}node"):
        where = f"node {node.get('id')}"
        problems += _unknown(node, NODE_ATTRS, where)
        if not node.get("id") or node.get("id") in node_ids:
            problems.append(f"{where}: missing or duplicate id")
        node_ids.add(node.get("id"))
        problems += [f"{where}: unexpected child {c.tag}" for c in node if c.tag not in
                     (f"{GEXF}attvalues", f"{GEXF}spells", f"{GEXF}parents", f"{GEXF}nodes", f"{GEXF}edges")
                     and not c.tag.startswith(VIZ)]
        problems += _times(node, where, timeformat, dynamic) + _spells(node, where, timeformat, dynamic)
        problems += _attvalues(node, where, declared["node"], timeformat, dynamic)
    edge_ids: set[str] = set()
    for edge in graph.iterfind(f"{GEXF}edges/{GEXF}edge"):
        where = f"edge {edge.get('id')}"
        problems += _unknown(edge, EDGE_ATTRS, where)
        if not edge.get("id") or edge.get("id") in edge_ids:
            problems.append(f"{where}: missing or duplicate id")
        edge_ids.add(edge.get("id"))
        for end in ("source", "target"):
            if edge.get(end) not in node_ids:
                problems.append(f"{where}: {end} {edge.get(end)!r} is not a node")
        if edge.get("type", "directed") not in EDGE_TYPES:
            problems.append(f"{where}: type {edge.get('type')!r}")
        if edge.get("weight") is not None and not _parses("double", edge.get("weight")):
            problems.append(f"{where}: weight {edge.get('weight')!r} is not a number")
        problems += [f"{where}: unexpected child {c.tag}" for c in edge
                     if c.tag not in (f"{GEXF}attvalues", f"{GEXF}spells") and not c.tag.startswith(VIZ)]
        problems += _times(edge, where, timeformat, dynamic) + _spells(edge, where, timeformat, dynamic)
        problems += _attvalues(edge, where, declared["edge"], timeformat, dynamic)
    return problems


GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GRAPHML_TYPES = {"boolean": "boolean", "int": "integer", "long": "long", "float": "float", "double": "double",
                 "string": "string"}
KEY_DOMAINS = ("graph", "node", "edge", "hyperedge", "port", "endpoint", "all")


def check_graphml(data: bytes) -> list[str]:
    """Problems with a GraphML document (structure, keys and their types, edge ends); [] when it conforms."""
    root = ET.fromstring(data)
    if root.tag != f"{GRAPHML}graphml":
        return [f"root is {root.tag}, not {GRAPHML}graphml"]
    problems, keys, seen_graph = [], {}, False
    for child in root:
        if child.tag == f"{GRAPHML}key":
            if seen_graph:
                problems.append("key after graph")
            problems += _unknown(child, {"id", "for", "attr.name", "attr.type"}, "key")
            kid, domain, kind = child.get("id"), child.get("for", "all"), child.get("attr.type", "string")
            if not kid or kid in keys:
                problems.append(f"key {kid!r}: missing or duplicate id")
            if domain not in KEY_DOMAINS or kind not in GRAPHML_TYPES:
                problems.append(f"key {kid}: for={domain!r} attr.type={kind!r}")
            keys[kid] = (domain, GRAPHML_TYPES.get(kind, "string"))
        elif child.tag == f"{GRAPHML}graph":
            seen_graph = True
        elif child.tag != f"{GRAPHML}desc":
            problems.append(f"graphml: unexpected child {child.tag}")
    graphs = root.findall(f"{GRAPHML}graph")
    if len(graphs) != 1:
        return problems + [f"{len(graphs)} graph elements"]
    graph = graphs[0]
    if graph.get("edgedefault") not in ("directed", "undirected"):
        problems.append(f"graph: edgedefault {graph.get('edgedefault')!r}")
    nodes = [n.get("id") for n in graph.findall(f"{GRAPHML}node")]
    if None in nodes or len(set(nodes)) != len(nodes):
        problems.append("node ids missing or duplicated")
    for el in graph.iter():
        domain = el.tag.removeprefix(GRAPHML)
        if el.tag == f"{GRAPHML}edge":
            problems += [f"edge {el.get('id')}: {end} {el.get(end)!r} is not a node"
                         for end in ("source", "target") if el.get(end) not in nodes]
        for d in el.findall(f"{GRAPHML}data"):
            key = d.get("key")
            if key not in keys:
                problems.append(f"{domain} {el.get('id')}: data for undeclared key {key!r}")
            elif keys[key][0] not in (domain, "all"):
                problems.append(f"{domain} {el.get('id')}: key {key} is declared for {keys[key][0]}")
            elif not _parses(keys[key][1], d.text or ""):
                problems.append(f"{domain} {el.get('id')}: {key}={d.text!r} is not a {keys[key][1]}")
    return problems
