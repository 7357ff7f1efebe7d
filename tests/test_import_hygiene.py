"""The headless CLI stays light: help and read commands load neither spaCy nor Textual.

Each check runs in a fresh interpreter, since this test process has long since imported both.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.service import Workbench

FORBIDDEN = ("spacy", "textual", "workbench.tui")

REPORT = f"""
import json, sys
print(json.dumps({{"exit": exit_code, "leaked": [m for m in {FORBIDDEN!r} if m in sys.modules]}}))
"""


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=120)


def cli_report(args: list[str], cwd: Path) -> dict:
    """Run `workbench ARGS` as the console script would, then report the exit code and leaked modules."""
    code = (
        "from workbench.cli import cli\n"
        "try:\n"
        f"    cli.main({args!r}, prog_name='workbench')\n"
        "    exit_code = 0\n"
        "except SystemExit as stop:\n"
        "    exit_code = stop.code\n" + REPORT
    )
    process = run_python(code, cwd)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout.splitlines()[-1])


def test_importing_the_cli_loads_nothing_heavy(tmp_path: Path) -> None:
    process = run_python("import workbench.cli\nexit_code = None\n" + REPORT, tmp_path)
    assert process.returncode == 0, process.stderr
    assert json.loads(process.stdout)["leaked"] == []


def test_help_loads_nothing_heavy(tmp_path: Path) -> None:
    assert cli_report(["--help"], tmp_path) == {"exit": 0, "leaked": []}


def test_python_dash_m_workbench_help(tmp_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "workbench", "--help"], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert process.returncode == 0, process.stderr
    assert process.stdout.startswith("Usage:")
    assert list(tmp_path.iterdir()) == []  # no claims.db appears


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [["claims"], ["claims", "--article", "1", "--json"], ["export", "--format", "md"], ["search", "misil"]],
    ids=" ".join,
)
def test_read_commands_load_nothing_heavy(seeded: Workbench, tmp_path: Path, command: list[str]) -> None:
    report = cli_report([*command, "--db", str(seeded.db_path)], tmp_path)
    assert report == {"exit": 0, "leaked": []}


@pytest.mark.slow
def test_a_one_shot_match_reads_without_sqlite_utils_or_spacy(seeded: Workbench, tmp_path: Path) -> None:
    """`match` reads with plain sqlite3 (workbench/store/connection.py): importing sqlite-utils
    and scanning its plugins cost a one-shot match 0.17 s."""
    code = (
        "from workbench.cli import cli\n"
        "try:\n"
        f"    cli.main(['--db', {str(seeded.db_path)!r}, 'match', 'misiles lanzados', '--limit', '3'], prog_name='workbench')\n"
        "    exit_code = 0\n"
        "except SystemExit as stop:\n"
        "    exit_code = stop.code\n"
        "import json, sys\n"
        "print(json.dumps({'exit': exit_code, 'leaked': [m for m in ('sqlite_utils', 'spacy') if m in sys.modules]}))\n"
    )
    process = run_python(code, tmp_path)
    assert process.returncode == 0, process.stderr
    assert json.loads(process.stdout.splitlines()[-1]) == {"exit": 0, "leaked": []}
