"""The command line as a user meets it: exit codes, one-line errors, valid output, a store left intact."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factiongraph.models import parse_fact

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "eval" / "dev" / "docs.jsonl"
REPORT = ("ADEN, Yemen (Reuters) - Fighters of the Southern Transitional Council seized the presidential palace in "
          "Aden on Saturday after four days of clashes with government forces, residents said.")


def run(*args, cwd=None, env=None):
    e = dict(os.environ, **(env or {}))
    e.pop("FACTIONGRAPH_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "factiongraph", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=e, timeout=600)


def test_version_and_help():
    r = run("--version")
    assert r.returncode == 0 and "factiongraph" in r.stdout
    for cmd in ("extract", "ingest", "export", "members", "registry"):
        h = run(cmd, "--help")
        assert h.returncode == 0 and "Usage" in h.stdout, cmd


@pytest.fixture(scope="module")
def dev_facts(tmp_path_factory):
    out = tmp_path_factory.mktemp("dev") / "dev.jsonl"
    r = run("extract", DEV, "-o", out)
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_extract_dev_gives_valid_facts_with_exact_evidence(dev_facts):
    text = json.loads(DEV.read_text().splitlines()[0])["text"]
    kinds = [parse_fact(f).kind for f in dev_facts]  # every line passes the validator
    assert kinds[0] == "document" and "relation" in kinds and "event" in kinds
    spans = [e for f in dev_facts if f["kind"] in ("relation", "event") for e in f["evidence"]]
    assert spans and all(text[e["char_start"]:e["char_end"]] == e["text"] for e in spans)
    ids = {f["id"] for f in dev_facts if f["kind"] == "actor"}
    refs = {f[k] for f in dev_facts if f["kind"] == "relation" for k in ("subject",)} | {
        p["actor"] for f in dev_facts if f["kind"] == "event" for p in f["participants"]}
    assert refs <= ids


BAD = {
    "empty.txt": b"",
    "binary.txt": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
    "french.txt": "Le groupe armé a attaqué la ville de Ménaka et tué des civils selon des sources locales".encode(),
    "rows.jsonl": b'{"id": "x"}\n',
    "notjson.jsonl": b"{oops\n",
}


def test_bad_inputs_are_skipped_one_line_each_and_the_rest_stored(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)
    bad = []
    for name, data in sorted(BAD.items()):
        (tmp_path / name).write_bytes(data)
        bad.append(tmp_path / name)
    db = tmp_path / "fg.db"
    r = run("ingest", bad[0], good, *bad[1:], "--db", db, "--published", "2019-08-10")
    assert r.returncode == 3, r.stderr  # some inputs skipped
    lines = r.stderr.strip().splitlines()
    assert "Traceback" not in r.stderr and len(lines) == len(BAD) + 1
    for name in BAD:
        assert sum(f"skipped {tmp_path / name}" in line for line in lines) == 1, name
    assert lines[-1].startswith("factiongraph: 1 document(s) read into") and f"{len(BAD)} input(s)" in lines[-1]
    assert json.loads(run("summary", "--db", db, "--format", "json").stdout)["documents"] == 1
    # --strict: all or nothing, one line, exit 2, the store untouched
    before = json.loads(run("summary", "--db", db, "--format", "json").stdout)
    other = tmp_path / "other.txt"
    other.write_text(REPORT.replace("Aden", "Mukalla"))
    r = run("ingest", other, tmp_path / "notjson.jsonl", "--db", db, "--strict")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "notjson.jsonl:1" in r.stderr
    assert json.loads(run("summary", "--db", db, "--format", "json").stdout) == before
    # nothing usable at all: exit 2
    r = run("ingest", *bad, "--db", tmp_path / "none.db")
    assert r.returncode == 2 and "0 document(s)" in r.stderr.strip().splitlines()[-1]


def test_directory_stdin_and_bad_date(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)
    r = subprocess.run([sys.executable, "-m", "factiongraph", "extract", tmp_path, "-", "--quiet"],
                       input=json.dumps({"id": "piped", "text": REPORT}), capture_output=True, text=True,
                       timeout=600)
    docs = [json.loads(x)["id"] for x in r.stdout.splitlines() if json.loads(x)["kind"] == "document"]
    assert r.returncode == 0 and docs == ["good", "piped"], r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("factiongraph: 2 document(s) extracted")
    r = run("extract", good, "--published", "last week")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "fg.db").exists()


def test_extract_to_file_is_not_left_half_written(tmp_path):
    out = tmp_path / "facts.jsonl"
    r = run("extract", tmp_path / "missing.txt", "-o", out)
    assert r.returncode == 2 and not out.exists() and not list(tmp_path.iterdir())


def test_a_killed_extract_leaves_no_file(tmp_path):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{n}", "text": REPORT}) + "\n" for n in range(3000)))
    out = tmp_path / "facts.jsonl"
    p = subprocess.Popen([sys.executable, "-m", "factiongraph", "extract", corpus, "-o", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(12)  # spaCy loaded, extraction under way
        assert p.poll() is None
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["in.jsonl"]


def test_closed_pipe_and_unwritable_db(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)
    r = run("ingest", good, "--db", tmp_path / "no" / "such" / "dir.db")
    [line] = r.stderr.strip().splitlines()
    assert r.returncode == 1 and line.startswith(f"factiongraph: error: {tmp_path / 'no' / 'such' / 'dir.db'}: "
                                                 "cannot open the ") and "Traceback" not in r.stderr
    db = tmp_path / "fg.db"
    assert run("ingest", good, "--db", db).returncode == 0
    r = subprocess.run(f"{sys.executable} -m factiongraph export --db {db} | head -c 10 >/dev/null; "
                       "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True, text=True,
                       timeout=600)
    assert r.stdout.strip() == "0" and "Error" not in r.stderr and "error" not in r.stderr


def test_bad_options_are_one_line_and_exit_2(tmp_path):
    for args in (("registry", "add", "X", "--type", "bogus", "--db", tmp_path / "r.db"), ("members",), ("nosuch",)):
        r = run(*args)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Usage" not in r.stderr, args


def _venv_program():
    program = Path(sys.executable).absolute().parent / "factiongraph"
    assert program.exists(), "the package's console script is installed beside the interpreter"
    return program


def test_ingest_counts_what_summary_counts_and_suggestions_run_as_printed(tmp_path):
    """The ingest line counts actors as the summary does (once, not once per document naming them), and every
    "Try next" line runs as printed from where the user is, with `factiongraph` not on PATH."""
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"r{i}", "published": "2019-08-10", "text": REPORT}) + "\n"
                              for i in (1, 2)))
    db = tmp_path / "fg.db"
    env = dict(os.environ, PATH="/usr/bin:/bin")
    env.pop("FACTIONGRAPH_DEBUG", None)
    program = _venv_program()
    r = subprocess.run([program, "ingest", corpus, "--db", db], capture_output=True, text=True, env=env,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    work = tmp_path / "work"
    work.mkdir()
    s = subprocess.run([program, "summary", "--db", db], capture_output=True, text=True, env=env, cwd=work,
                       timeout=600)
    actors = int(s.stdout.split(" actors")[0].rsplit(" ", 1)[1])
    assert f"The store holds {actors} actors" in r.stderr, (r.stderr, s.stdout)
    suggested = s.stdout.split("Try next:")[1].strip().splitlines()
    assert suggested and all(line.strip().startswith(str(program)) for line in suggested), suggested
    import shlex
    for line in suggested:
        done = subprocess.run(shlex.split(line), capture_output=True, text=True, env=env, cwd=work, timeout=600)
        assert done.returncode == 0, (line, done.stderr)
    made = work / "graph.graphml"
    mask = os.umask(0)
    os.umask(mask)
    assert made.exists() and made.stat().st_mode & 0o777 == 0o666 & ~mask  # the user's umask, not 0600
