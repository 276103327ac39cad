"""What the command line writes (cli_output.py): whole files with the user's permissions, tables that wrap
instead of cutting, the program to suggest."""
import io
import os
import sys

import pytest

from factiongraph import cli_output


class _Pipe(io.StringIO):
    def isatty(self):
        return False


def test_table_wraps_long_text_and_keeps_identifiers_whole(monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    long = ("A drone strike on a convoy at Baghdad International Airport early on Friday killed the deputy head "
            "of the Popular Mobilization Forces, officials said.")
    out = _Pipe()
    cli_output.table([["sample-muhandis-2020:sample-muhandis-2020-e1", long]], ["key", "summary"], out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["key", "summary"]
    assert all(len(line) <= 70 for line in lines) and len(lines) > 2  # wrapped at the width
    assert "sample-muhandis-2020:sample-muhandis-2020-e1" in lines[1]  # an identifier is never broken
    assert " ".join(" ".join(line.split()[1:] if i == 1 else line.split()) for i, line in enumerate(lines[1:], 1)) \
        .split() == long.split()  # every word is there, in order: nothing cut
    assert all(line == line.rstrip() for line in lines)


def test_atomic_file_uses_the_umask_and_keeps_an_existing_mode(tmp_path):
    old = os.umask(0o027)
    try:
        with cli_output.atomic_file(tmp_path / "a.csv") as f:
            f.write("x\n")
        assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o640
        (tmp_path / "b.csv").write_text("old")
        os.chmod(tmp_path / "b.csv", 0o604)
        with cli_output.atomic_file(tmp_path / "b.csv", binary=True) as f:
            f.write(b"new")
        assert (tmp_path / "b.csv").stat().st_mode & 0o777 == 0o604 and (tmp_path / "b.csv").read_text() == "new"
    finally:
        os.umask(old)
    with pytest.raises(RuntimeError):
        with cli_output.atomic_file(tmp_path / "c.csv") as f:
            f.write("half")
            raise RuntimeError("interrupted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]  # nothing half-written left


def test_program_is_what_the_user_can_run_from_here(monkeypatch, tmp_path):
    script = tmp_path / "venv" / "bin" / "factiongraph"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", [str(script)])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert cli_output.program() == "venv/bin/factiongraph"
    monkeypatch.setenv("PATH", str(script.parent))
    assert cli_output.program() == "factiongraph"
    monkeypatch.setattr(sys, "argv", ["-m"])
    assert cli_output.program().endswith(" -m factiongraph")
