"""Long work says how far it got (count, rate, time left) on stderr when stderr is a terminal, and
nothing anywhere else: stdout stays what a script reads, and a log or a pipe gets no bar drawings.

The terminal is a real pseudo-terminal: the command runs in a child process with its stderr on
the pty and its stdout on a pipe, as in `workbench export --out - > report.json` typed at a shell.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SECOND_ARTICLE, SEED_ARTICLE
from tests.helpers import SHORT_ARTICLE, assert_ok, invoke, write
from workbench.service import Workbench

_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r")


@dataclass
class Run:
    code: int
    stdout: str
    terminal: str
    """What the command drew on its stderr terminal, escape sequences removed."""


def on_terminal(*args: str | Path, cwd: Path) -> Run:
    """`workbench ARGS` with stderr on a 120x24 pseudo-terminal and stdout on a pipe."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    drawn = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    env = {k: v for k, v in os.environ.items() if k not in {"LC_ALL", "LC_MESSAGES", "COLUMNS", "NO_COLOR"}}
    env |= {"LANG": "C.UTF-8", "TERM": "xterm-256color", "WORKBENCH_REPORT_LANGUAGE": "en"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "workbench", *map(str, args)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            cwd=cwd,
            env=env,
            timeout=300,
            check=False,
        )
    finally:
        os.close(follower)
    reader.join(timeout=30)
    os.close(leader)
    return Run(done.returncode, done.stdout.decode("utf-8"), _ESCAPES.sub("\n", drawn.decode("utf-8", "replace")))


def claim_count(db: Path) -> int:
    return len(Workbench(db).claims())


def test_export_to_stdout_shows_progress_on_the_terminal_and_only_the_report_on_stdout(
    seeded: Workbench, tmp_path: Path
) -> None:
    total = claim_count(seeded.db_path)
    run = on_terminal("export", "--format", "json", "--out", "-", "--db", seeded.db_path, cwd=tmp_path)
    assert run.code == 0, run.terminal
    assert "Reading claims" in run.terminal
    assert f"{total}/{total}" in run.terminal  # the count
    assert re.search(r"[\d,.]+/s", run.terminal)  # the rate
    assert re.search(r"\d+:\d\d:\d\d|-:--:--", run.terminal)  # the time left
    document = json.loads(run.stdout)  # nothing but the report on stdout
    assert run.stdout == invoke("export", "--format", "json", "--db", seeded.db_path).stdout
    assert sum(len(a["claims"]) for a in document["articles"]) == total


def test_export_to_a_file_shows_progress_on_the_terminal(seeded: Workbench, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    run = on_terminal("export", "--format", "md", "--out", out, "--db", seeded.db_path, cwd=tmp_path)
    assert run.code == 0, run.terminal
    assert "Reading claims" in run.terminal and f"Wrote {out}" in run.terminal
    assert run.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("#")


def test_nothing_but_the_command_s_own_words_when_stderr_is_not_a_terminal(seeded: Workbench) -> None:
    exported = invoke("export", "--format", "json", "--db", seeded.db_path)
    assert_ok(exported)
    assert exported.stderr == ""  # no bar, no progress lines in a log
    deduped = invoke("dedupe", "--json", "--db", seeded.db_path)
    assert_ok(deduped)
    assert deduped.stderr == ""
    json.loads(deduped.stdout)
    summarised = invoke("dedupe", "--db", seeded.db_path)
    assert_ok(summarised)
    assert summarised.stderr.count("\n") == 1 and "suggestions" in summarised.stderr  # the summary alone


def test_dedupe_shows_pairs_compared_on_the_terminal_and_json_on_stdout(seeded: Workbench, tmp_path: Path) -> None:
    run = on_terminal("dedupe", "--json", "--db", seeded.db_path, cwd=tmp_path)
    assert run.code == 0, run.terminal
    assert "Comparing pairs" in run.terminal
    assert re.search(r"(\d+)/\1\b", run.terminal)  # the bar ends with every pair compared
    assert isinstance(json.loads(run.stdout), list)


@pytest.mark.slow
def test_importing_many_files_names_each_step_on_the_terminal(tmp_path: Path) -> None:
    third = write(tmp_path / "third.txt", SHORT_ARTICLE)
    db = tmp_path / "claims.db"
    run = on_terminal("import", SEED_ARTICLE, SECOND_ARTICLE, third, "--json", "--db", db, cwd=tmp_path)
    assert run.code == 0, run.terminal
    assert "Storing and matching" in run.terminal and "3/3" in run.terminal
    assert [json.loads(line)["created"] for line in run.stdout.splitlines()] == [True, True, True]


@pytest.mark.slow
def test_archive_import_counts_rows_then_claims_matched(tmp_path: Path) -> None:
    rows = "\n".join(
        f"Corea del Norte lanzó {n} misiles hacia el mar el {n} de marzo de 2023.,Seúl" for n in range(2, 14)
    )
    archive = write(tmp_path / "archive.csv", "text,claimant\n" + rows + "\n")
    run = on_terminal("import", "--format", "claims-csv", archive, "--json", "--db", tmp_path / "c.db", cwd=tmp_path)
    assert run.code == 0, run.terminal
    assert "Matching claims" in run.terminal and "12/12" in run.terminal
    assert json.loads(run.stdout)["claims"] == 12


@pytest.mark.slow
def test_extracting_lines_counts_them_on_the_terminal_while_stdout_streams(tmp_path: Path) -> None:
    lines = write(tmp_path / "lines.txt", SHORT_ARTICLE.replace("\n\n", "\n") + "\n")
    run = on_terminal("extract", lines, "--lines", cwd=tmp_path)
    assert run.code == 0, run.terminal
    assert "Extracting claims" in run.terminal and "3/3" in run.terminal
    assert [list(json.loads(line)) for line in run.stdout.splitlines()] == [["claims"]] * 3
