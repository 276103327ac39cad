"""CLI commands over FactionGraph: questions, analytics, review and exports. Option parsing and printing only:
every answer comes from a FactionGraph method, every error goes through errors.describe.

Every command prints one line on stderr and exits 2 on bad input (unknown actor, bad date, no such
database) and 1 on any other failure; never a traceback (FACTIONGRAPH_DEBUG=1 shows one).
"""
from __future__ import annotations

import functools
import json
import os
import sys
from contextlib import contextmanager

import click

from .app import FactionGraph
from .cli_output import atomic_file, table
from .errors import describe
from .models import EVENT_TYPES

# graph.export.FORMATS, spelt out so that the CLI starts without importing every writer (a test keeps them equal)
EXPORT_FORMATS = ("jsonl", "acled-csv", "graphml", "gexf", "stix", "geojson")


def _default_db() -> str:
    return os.environ.get("FACTIONGRAPH_DB", "factiongraph.db")


db_option = click.option("--db", default=_default_db, show_default="./factiongraph.db or $FACTIONGRAPH_DB",
                         help="SQLite file or postgresql:// URL.")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                             show_default=True)
author_option = click.option("--author", required=True, help="Who makes this review (stored with it).")


def _guarded(fn):
    """Turn errors into one line and an exit code (errors.describe: 2 for bad input, 1 for failures)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (click.exceptions.Exit, BrokenPipeError):  # a closed pipe ends quietly (cli.main)
            raise
        except Exception as e:  # noqa: BLE001 - one line, never a traceback
            failure = describe(e)
            if not failure.expected and os.environ.get("FACTIONGRAPH_DEBUG"):
                raise
            kind = "error" if failure.expected else "internal error"
            click.echo(f"factiongraph: {kind}: {failure.message}", err=True)
            sys.exit(failure.exit_code)
    return wrapper


@contextmanager
def _graph(db: str):
    """FactionGraph over an existing store (a missing SQLite file is bad input, never created)."""
    fg = FactionGraph(db)
    try:
        fg.reader
        yield fg
    finally:
        fg.close()


def dump(value):
    """JSON-ready data of a typed result, or of a list of them."""
    if isinstance(value, list):
        return [dump(v) for v in value]
    return value.to_dict() if hasattr(value, "to_dict") else value


def _emit(fmt: str, data, rows: list[list] | None = None, header: list[str] | None = None) -> None:
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rows = rows or []
    if rows or header:
        table(rows, header, sys.stdout)
    if not rows:
        click.echo("(nothing found)", err=True)


def _when(span: dict | None) -> str:
    if not span:
        return "?"
    return span["earliest"] if span["earliest"] == span["latest"] else f"{span['earliest']}..{span['latest']}"


@click.command()
@click.argument("actor")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="The date asked about (default: today).")
@click.option("--include", type=click.Choice(["all", "groups", "people"]), default="all", show_default=True)
@db_option
@format_option
@_guarded
def members(actor, as_of, include, db, fmt):
    """The components or members of ACTOR on a date, each with the evidence of its membership."""
    with _graph(db) as fg:
        found = dump(fg.members(actor, as_of, include=include))
    _emit(fmt, found, [[m["id"], m["name"], m["type"], _when(m["membership"]["start"]),
                        m["membership"]["sources"], m["membership"]["confidence"],
                        "yes" if m["membership"]["contradictions"] else ""] for m in found],
          ["id", "name", "type", "since", "sources", "confidence", "contradicted"])


def _departure(d: dict) -> str:
    """When a departure happened; a death or an arrest says which it was."""
    when = _when(d["start"]) if d["start"] else "undated"
    return f"{d['predicate']} {when}" if d["predicate"] in ("died", "arrested") else when


@click.command()
@click.argument("actor")
@click.option("--since", required=True, metavar="DATE", help="The earlier date.")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="The later date (default: today).")
@click.option("--include", type=click.Choice(["all", "groups", "people"]), default="all", show_default=True)
@db_option
@format_option
@_guarded
def changes(actor, since, as_of, include, db, fmt):
    """Who joined and who left ACTOR between two dates, with the facts behind each departure."""
    with _graph(db) as fg:
        found = dump(fg.changes(actor, since, as_of, include=include))
    rows = [["left", m["id"], m["name"], ", ".join(_departure(d) for d in m["departures"]) or "membership ended",
             " ".join(d["fact_id"] for d in m["departures"])] for m in found["left"]]
    rows += [["joined", m["id"], m["name"], _when(m["membership"]["start"]), m["membership"]["fact_id"]]
             for m in found["joined"]]
    rows += [["stayed", m["id"], m["name"], "", m["membership"]["fact_id"]] for m in found["stayed"]]
    _emit(fmt, found, rows, ["change", "id", "name", "when", "fact"])


@click.command()
@click.argument("actor")
@db_option
@format_option
@_guarded
def timeline(actor, db, fmt):
    """Everything dated about ACTOR: relations and events in date order."""
    with _graph(db) as fg:
        entries = dump(fg.timeline(actor))
    _emit(fmt, entries, [[e["date"] or "?", e["kind"],
                          f"{e.get('subject_name') or e['subject']} {e['predicate']} "
                          f"{e.get('object_name') or e['object']}" if e["kind"] == "relation"
                          else f"{e['type']} ({e['role']}): {e['summary'] or ''}",
                          e.get("fact_id") or e.get("event_key")] for e in entries],
          ["date", "kind", "what", "id"])


@click.command()
@click.option("--actor", default=None)
@click.option("--place", default=None, help="Place name, admin1 or ISO country code.")
@click.option("--from", "date_from", default=None, metavar="DATE")
@click.option("--to", "date_to", default=None, metavar="DATE")
@click.option("--type", "types", multiple=True, type=click.Choice(EVENT_TYPES))
@click.option("--limit", type=click.IntRange(1), default=None)
@db_option
@format_option
@_guarded
def events(actor, place, date_from, date_to, types, limit, db, fmt):
    """Events filtered by participant, place, date range and type."""
    with _graph(db) as fg:
        found = dump(fg.events(actor=actor, place=place, date_from=date_from, date_to=date_to, types=types or None,
                               limit=limit))
    _emit(fmt, found, [[_when(e["date"]), e["type"], e["place"]["name"] if e["place"] else "",
                        ", ".join(f"{p.get('name') or p['actor']} ({p['role']})" for p in e["participants"]),
                        e["fatalities"], e["summary"],
                        e["event_key"]] for e in found],
          ["date", "type", "place", "participants", "fatalities", "summary", "key"])


@click.command()
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Default: today.")
@db_option
@format_option
@_guarded
def graph(as_of, db, fmt):
    """The graph on a date: actors and the relations in force (changes that had happened included)."""
    with _graph(db) as fg:
        g = dump(fg.graph(as_of))
    names = {n["id"]: n["name"] for n in g["nodes"]}
    _emit(fmt, g, [[names.get(e["source"], e["source"]), e["predicate"], names.get(e["target"], e["target"]),
                    _when(e["start"]), _when(e["end"]), e["sources"], e["fact_id"]] for e in g["edges"]],
          ["source", "predicate", "target", "start", "end", "sources", "fact"])


@click.command()
@click.argument("text")
@db_option
@format_option
@_guarded
def search(text, db, fmt):
    """Actors by name or alias (with their facts) and events by summary."""
    with _graph(db) as fg:
        found = dump(fg.search(text))
    rows = [["actor", a["id"], a["name"]] for a in found["actors"]]
    rows += [["fact", f["fact_id"], f"{f['subject']} {f['predicate']} {f['object']}"] for f in found["facts"]]
    rows += [["event", e["event_key"], e["summary"]] for e in found["events"]]
    _emit(fmt, found, rows, ["kind", "id", "what"])


@click.command()
@click.argument("fact_id")
@db_option
@format_option
@_guarded
def evidence(fact_id, db, fmt):
    """Every claim and source span behind a fact (f-...) or an event (doc:id)."""
    with _graph(db) as fg:
        found = dump(fg.evidence(fact_id))
    spans = [(c["doc"], ev) for c in found.get("claims", []) for ev in c["evidence"]] or [
        (ev["doc"], ev) for ev in found.get("evidence", [])]
    _emit(fmt, found, [[doc, f"{ev['char_start']}-{ev['char_end']}", ev["text"]] for doc, ev in spans],
          ["doc", "span", "text"])


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)),
              default="jsonl", show_default=True)
@click.option("-o", "--output", default=None, help="Output file (default: stdout).")
@db_option
@_guarded
def export_cmd(fmt, output, db):
    """Export the store: the exchange format, ACLED-style CSV, GraphML, GEXF 1.3, a STIX 2.1 bundle or GeoJSON."""
    with _graph(db) as fg:
        if output in (None, "-"):
            n = fg.export(fmt, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with atomic_file(output, binary=True) as out:
                n = fg.export(fmt, out)
    click.echo(f"exported {n} record(s) as {fmt}", err=True)


@click.group()
def review():
    """Accept, reject or edit facts and events; merge or split actors. Reviews survive re-ingest."""


def _review_command(action: str):
    @click.command(action, help=f"{action.capitalize()} a fact (f-...) or an event (doc:id).")
    @click.argument("fact_id")
    @author_option
    @click.option("--note", default=None)
    @db_option
    @_guarded
    def command(fact_id, author, note, db):
        with _graph(db) as fg:
            result = fg.review(fact_id, action, author=author, note=note)
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    return command


@review.command("edit")
@click.argument("fact_id")
@author_option
@click.option("--start", default=None, metavar="DATE", help="New start (YYYY, YYYY-MM, YYYY-MM-DD or 'none').")
@click.option("--end", default=None, metavar="DATE", help="New end (or 'none').")
@click.option("--confidence", type=click.FloatRange(0, 1), default=None)
@click.option("--set", "settings", multiple=True, metavar="KEY=JSON",
              help="Set an attribute of a fact, or a field of an event (value parsed as JSON, else a string).")
@click.option("--note", default=None)
@db_option
@_guarded
def review_edit(fact_id, author, start, end, confidence, settings, note, db):
    """Edit a fact's time, confidence or attributes, or an event's fields."""
    from .app import UNSET
    from .errors import InputError
    fields = {}
    for item in settings:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise InputError(f"--set expects KEY=VALUE, not {item!r}")
        try:
            fields[key] = json.loads(raw)
        except json.JSONDecodeError:
            fields[key] = raw
    with _graph(db) as fg:
        result = fg.edit(fact_id, author=author, start=UNSET if start is None else start,
                         end=UNSET if end is None else end, confidence=confidence, fields=fields, note=note)
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False))


@review.command("merge")
@click.argument("source")
@click.argument("target")
@author_option
@db_option
@_guarded
def review_merge(source, target, author, db):
    """Declare SOURCE the same actor as TARGET: its claims, events and names move to TARGET."""
    with _graph(db) as fg:
        fg.merge(source, target, author=author)
    click.echo(f"merged {source} into {target}", err=True)


@review.command("split")
@click.argument("actor")
@click.argument("new_id")
@author_option
@click.option("--doc", "docs", multiple=True, help="In these documents ACTOR means NEW_ID (repeatable).")
@click.option("--name", default=None, help="Name of the new actor (default: ACTOR's name).")
@db_option
@_guarded
def review_split(actor, new_id, author, docs, name, db):
    """Undo a merge of NEW_ID into ACTOR, or (with --doc) split ACTOR's mentions in some documents off."""
    with _graph(db) as fg:
        fg.split(actor, new_id, author=author, docs=docs, name=name)
    click.echo(f"split {new_id} from {actor}", err=True)


for _action in ("accept", "reject"):
    review.add_command(_review_command(_action))


@click.command()
@click.option("--cohesion", "coalition", default=None, metavar="ACTOR", help="Cohesion of a coalition by month.")
@click.option("--until", default=None, metavar="DATE", help="Last month for --cohesion.")
@click.option("--chains", is_flag=True, help="Defection chains.")
@click.option("--central", type=click.IntRange(1), default=None, metavar="N", help="The N most central actors.")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Date for --central.")
@click.option("--events-by", type=click.Choice(["type", "place", "month"]), default=None)
@db_option
@format_option
@_guarded
def stats(coalition, until, chains, central, as_of, events_by, db, fmt):
    """Store counts, or one analysis: cohesion, defection chains, centrality, events by type/place/month."""
    with _graph(db) as fg:
        if coalition:
            data = dump(fg.cohesion(coalition, until))
            rows = [[m["month"], m["components"], m["founding_retained"], m["cohesion"], ", ".join(m["arrivals"]),
                     ", ".join(m["departures"])] for m in data["months"]]
            header = ["month", "components", "founders", "cohesion", "arrivals", "departures"]
        elif chains:
            data = dump(fg.chains())
            rows = [[c["name"], c["moves"], " -> ".join(f"{s['move']} {s['name']} ({s['date'] or '?'})"
                                                        for s in c["steps"])] for c in data]
            header = ["actor", "moves", "steps"]
        elif central:
            data = dump(fg.centrality(as_of, central))
            rows = [[c["actor"], c["name"], c["betweenness"], c["degree"], c["neighbours"]] for c in data]
            header = ["id", "name", "betweenness", "degree", "neighbours"]
        elif events_by:
            data = dump(fg.events_by(events_by))
            rows = [[d[events_by] or "?", d["events"], d["fatalities"]] for d in data]
            header = [events_by, "events", "fatalities"]
        else:
            data = dump(fg.counts())
            rows = [["documents", data["documents"]], ["actors", data["actors"]], ["claims", data["claims"]]]
            rows += [[f"relations: {k}", v] for k, v in data["relations"].items()]
            rows += [[f"events: {k}", v] for k, v in data["events"].items()]
            rows.append(["reviews", data["reviews"]])
            header = ["what", "count"]
    _emit(fmt, data, rows, header)


COMMANDS: list[click.Command] = [members, changes, timeline, events, graph, search, evidence, export_cmd, review, stats]
