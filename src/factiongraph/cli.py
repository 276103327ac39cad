"""The `factiongraph` command: option parsing over FactionGraph, nothing more.

Exit codes: 0 ok, 1 failure, 2 bad input, 3 some inputs skipped (extract, ingest: cli_ingest.py). Every error
is one line on stderr, never a traceback (set FACTIONGRAPH_DEBUG=1 to see one).
"""
from __future__ import annotations

import json
import os
import shlex
import signal
import sys

import click

from . import __version__
from .app import FactionGraph, default_db
from .cli_output import program
from .errors import describe

db_option = click.option("--db", default=default_db, show_default="./factiongraph.db or $FACTIONGRAPH_DB",
                         help="SQLite file or postgresql:// URL.")


def _quiet_stdout() -> None:
    """The reader of our output has gone (`| head -1`): that is its choice, not a failure; what is still
    buffered goes nowhere, so that the exit is quiet."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _Commands(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            raise click.exceptions.Exit(0) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factiongraph")
def cli() -> None:
    """factiongraph: a sourced, time-aware map of armed groups, extracted from conflict reports."""


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def summary(db, fmt) -> None:
    """What the store holds: actors, relations by type, events by type, and what to try next."""
    fg = FactionGraph(db=db)
    try:
        found = fg.summary()
    finally:
        fg.close()
    counts, hints = found.counts.to_dict(), found.hints
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    click.echo(f"Store {db}: {counts.get('documents', 0)} documents, {counts.get('actors', 0)} actors")
    for section in ("relations", "events"):
        table = counts.get(section) or {}
        click.echo(f"\n{section.capitalize()} by type ({sum(table.values())}):")
        for k, v in sorted(table.items(), key=lambda kv: -kv[1]):
            click.echo(f"  {k:<28}{v:>6}")
    click.echo("\nTry next:")
    for line in try_next(hints, db):
        click.echo(f"  {line}")


def try_next(hints: dict, db: str) -> list[str]:
    """Command lines to run next, runnable as printed from here (the program as the user ran it, quoted)."""
    run, q, at = program(), shlex.quote, f"--db {shlex.quote(str(db))}"
    out = []
    if "coalition" in hints:
        as_of = f" --as-of {q(hints['as_of'])}" if hints.get("as_of") else ""
        out += [f"{run} members {q(hints['coalition'])}{as_of} {at}",
                f"{run} stats --cohesion {q(hints['coalition'])} {at}"]
    if "actor" in hints:
        out.append(f"{run} timeline {q(hints['actor'])} {at}")
    return out + [f"{run} events --type battle {at}", f"{run} export --format graphml -o graph.graphml {at}"]


@cli.command()
@click.argument("actor")
@click.option("--timeline", "with_timeline", is_flag=True, help="Also the merged timeline of every name.")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def lineage(actor, with_timeline, db, fmt) -> None:
    """The names ACTOR has carried and the bodies it merged into (reported, and from the registry)."""
    fg = FactionGraph(db=db)
    try:
        found = fg.lineage(actor, with_timeline).to_dict()
    finally:
        fg.close()
    actor_id, links, entries = found["actor"], found["links"], found["timeline"]
    if fmt == "json":
        click.echo(json.dumps(found, indent=2, default=str))
        return
    click.echo(f"{actor_id}: {len(links)} lineage link(s)")
    for link in links:
        start = (link["start"] or {}).get("earliest", "?") if isinstance(link["start"], dict) else link["start"] or "?"
        click.echo(f"  {link['subject']} {link['predicate']} {link['object']}  ({start}; {link['source']})")
    for e in entries:
        what = e.get("summary") or f"{e.get('subject')} {e.get('predicate')} {e.get('object')}"
        click.echo(f"  {e['date'] or '?':<12}{e['actor']:<28}{e['kind']:<10}{what}")


def _add_plugin_commands() -> None:
    from .cli_ingest import COMMANDS as READING
    for command in READING:
        cli.add_command(command)
    from .cli_graph import COMMANDS
    for command in COMMANDS:
        cli.add_command(command)
    from .cli_registry import registry
    cli.add_command(registry)
    from .cli_serve import serve
    cli.add_command(serve)


def main(argv: list[str] | None = None) -> None:
    debug = bool(os.environ.get("FACTIONGRAPH_DEBUG"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwinds, so that partial output is removed
    try:
        _add_plugin_commands()
        rv = cli.main(args=argv, prog_name="factiongraph", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("factiongraph: interrupted", err=True)
        sys.exit(130)
    except click.UsageError as e:  # bad options are bad input: one line, exit 2
        where = f"{e.ctx.command_path}: " if e.ctx is not None else ""
        click.echo(f"factiongraph: error: {where}{e.format_message()}", err=True)
        sys.exit(2)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(0)
    except Exception as e:  # noqa: BLE001 - the one place that turns the unexpected into one line
        failure = describe(e)
        if debug and not failure.expected:
            raise
        click.echo(f"factiongraph: {'error' if failure.expected else 'internal error'}: {failure.message}", err=True)
        sys.exit(failure.exit_code)
    sys.exit(rv if isinstance(rv, int) else 0)
