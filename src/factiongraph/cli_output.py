"""What the command line writes: files that appear whole and with the user's permissions, tables that wrap
long cells instead of cutting them, and the command line to suggest running next."""
from __future__ import annotations

import io
import os
import shlex
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from rich.console import Console
from rich.table import Table

PIPE_WIDTH = 160  # the table width when stdout is no terminal and $COLUMNS is unset


def _new_file_mode(target: Path) -> int:
    """An existing file keeps its mode; a new one gets what open() would give it: 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def atomic_file(path: str | os.PathLike, binary: bool = False) -> Iterator[IO]:
    """A file that appears at `path` only once everything was written (a temporary file beside it, renamed),
    created with the permissions the user's umask gives, not the temporary file's 0600."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=str(target.parent), prefix=f".{target.name}.")
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8")) as f:
            yield f
        os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def table(rows: list[list], header: list[str] | None, file: IO | None = None) -> None:
    """Rows as a plain table (no borders), columns sized to their content, and long cells of text wrapped at
    the terminal's width ($COLUMNS, or PIPE_WIDTH when writing to a pipe or file); a column of identifiers
    (no cell with a space) is kept whole. Nothing is cut."""
    out = file or sys.stdout
    tty = out.isatty()
    cells = [["" if c is None else str(c) for c in r] for r in rows]
    names = header or [""] * (len(cells[0]) if cells else 0)
    t = Table(box=None, show_header=bool(header), header_style="bold" if tty else None, pad_edge=False,
              padding=(0, 2, 0, 0), show_edge=False)
    for i, name in enumerate(names):
        column = [r[i] for r in cells if i < len(r)]
        whole = all(" " not in c for c in column)
        t.add_column(name, overflow="fold", no_wrap=whole,
                     min_width=max([len(c) for c in column] + [len(name)]) if whole else None)
    for r in cells:
        t.add_row(*r)
    buffer = io.StringIO()
    width = shutil.get_terminal_size().columns if tty else int(os.environ.get("COLUMNS") or PIPE_WIDTH)
    Console(file=buffer, width=width, highlight=False, markup=False, emoji=False, color_system=None).print(t)
    out.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def program() -> str:
    """How to run factiongraph again from here, as the user ran it: `factiongraph` when that is the command on
    PATH, else the path they typed (`.venv/bin/factiongraph`), else `python -m factiongraph`."""
    argv0 = sys.argv[0] if sys.argv else ""
    name = os.path.basename(argv0)
    if name in ("factiongraph", "factiongraph.exe"):
        on_path = shutil.which("factiongraph")
        if on_path and os.path.realpath(on_path) == os.path.realpath(argv0):
            return "factiongraph"
        if os.path.exists(argv0):
            here = os.path.relpath(argv0)
            if here.startswith(".."):
                here = os.path.abspath(argv0)
            elif os.sep not in here:
                here = os.path.join(".", here)
            return shlex.quote(here)
    return f"{shlex.quote(sys.executable)} -m factiongraph"
