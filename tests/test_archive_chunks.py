"""An archive import never makes a reviewer wait (issue 15): its chunks are committed one by one,
unseen, while another connection writes; the archive appears whole at the end."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.integrity import staged_rows, visible_dump
from workbench.service import Workbench

HEADER = "text,claimant,date,url,rating,language\n"
ROWS = "".join(
    f'"Corea del Norte disparó {n} misiles hacia Zanzíbar el día {n}",Ministerio {n},2023-09-13,'
    f"https://example.org/{n},{'false' if n % 2 else ''},es\n"
    for n in range(2, 10)
)
WAIT = 120
"""Seconds a side waits for the other's signal before the test fails (a hang, not a timing check)."""


@pytest.mark.slow
def test_a_verdict_is_written_while_an_archive_import_is_half_done(seeded: Workbench, monkeypatch: pytest.MonkeyPatch):
    import workbench.archive

    monkeypatch.setattr(workbench.archive, "ARCHIVE_CHUNK", 2)
    halfway, written = threading.Event(), threading.Event()
    original = workbench.archive.ArchiveImporter._extract_chunk
    calls = []

    def pausing(self, *args):  # noqa: ANN001, ANN002, ANN202
        calls.append(1)
        if len(calls) == 3:  # two chunks are staged and committed; let the reviewer in
            halfway.set()
            assert written.wait(WAIT), "the reviewer's verdict never came"
        return original(self, *args)

    monkeypatch.setattr(workbench.archive.ArchiveImporter, "_extract_chunk", pausing)
    claim_id = seeded.claims()[0].id
    claims_before = len(seeded.claims())
    results, errors = [], []

    def run() -> None:
        try:
            results.append(seeded.import_claims_csv(HEADER + ROWS, "archive.csv"))
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
            halfway.set()

    importer = threading.Thread(target=run)
    importer.start()
    try:
        assert halfway.wait(WAIT) and not errors, errors
        dump = visible_dump(seeded.db_path)
        assert staged_rows(seeded.db_path) == 4
        # Another reviewer, on a connection of their own, while the import is between chunks.
        reviewer = Workbench(seeded.db_path, actor="ana")
        reviewer.add_verdict(claim_id, "False", "Seúl habla de un misil.")
        assert reviewer.verdict_history(claim_id)[-1]["reviewer"] == "ana"
        # Nothing of the archive is visible yet: no article, no claims, no search hit.
        assert len(reviewer.claims()) == claims_before
        assert [a.title for a in reviewer.articles() if a.title.startswith("Archive")] == []
        assert not [h for h in reviewer.search("Zanzíbar") if h.kind == "claim"]
        assert visible_dump(seeded.db_path) != dump  # only the verdict changed what a reader sees
    finally:
        written.set()
        importer.join(WAIT)
    assert not errors, errors
    (result,) = results
    assert result.created and result.claim_count == 8
    assert len(seeded.claims(result.article_id)) == 8 and staged_rows(seeded.db_path) == 0
    assert seeded.verdict_history(claim_id)[-1]["reviewer"] == "ana"
    archived = seeded.claims(result.article_id)
    assert sorted(c.rating for c in archived if c.rating) == ["False"] * 4
    assert [c.id for c in archived] == list(range(archived[0].id, archived[0].id + 8))


KILLED_IMPORT = (
    "import sys, workbench.archive as archive; archive.ARCHIVE_CHUNK = 1; "
    "from workbench.cli import cli; sys.argv[0] = 'workbench'; cli()"
)


def staged_so_far(db: Path) -> int:
    try:
        return staged_rows(db)
    except sqlite3.OperationalError:  # the staging tables are being made, or the file is locked
        return 0


@pytest.mark.slow
def test_a_killed_import_leaves_nothing_visible_and_a_rerun_resumes(seeded: Workbench, tmp_path: Path):
    body = "".join(
        f'"Venezuela movilizó {n} buques hacia Zanzíbar el día {n}",,2023-09-13,,,es\n' for n in range(2, 80)
    )
    archive = tmp_path / "archive.csv"
    archive.write_text(HEADER + body, encoding="utf-8")
    before = visible_dump(seeded.db_path)
    command = [sys.executable, "-c", KILLED_IMPORT, "import", str(archive), "--format", "claims-csv"]
    process = subprocess.Popen([*command, "--db", str(seeded.db_path)], stderr=subprocess.PIPE)
    try:
        while process.poll() is None and staged_so_far(seeded.db_path) < 3:
            time.sleep(0.01)  # polling for a condition (rows staged), never waiting a set time
        assert process.poll() is None, "the import ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(WAIT)
    assert staged_rows(seeded.db_path) >= 3
    assert visible_dump(seeded.db_path) == before  # killed mid-import: no partial archive to be seen
    assert len(seeded.claims()) == len([line for line in before if line.startswith('INSERT INTO "claims"')])

    result = seeded.import_claims_csv(HEADER + body, str(archive))  # resumes after the staged rows
    assert result.created and result.claim_count == 78 and staged_rows(seeded.db_path) == 0
    texts = [c.text for c in seeded.claims(result.article_id)]
    assert texts == [f"Venezuela movilizó {n} buques hacia Zanzíbar el día {n}" for n in range(2, 80)]


@pytest.mark.slow
def test_a_resumed_import_reports_the_warnings_of_the_rows_a_killed_run_staged(seeded: Workbench, tmp_path: Path):
    """A rating off the scale warns when its row is extracted; a run killed after staging that row
    and then resumed does not extract it again, yet reports its warning, as one run would have."""
    rating = {0: "", 1: "false", 2: "falsísimo"}
    body = "".join(
        f'"Venezuela movilizó {n} buques hacia Zanzíbar el día {n}",,2023-09-13,,{rating[n % 3]},es\n'
        for n in range(2, 80)
    )
    body = body.replace('"Venezuela movilizó 6 buques hacia Zanzíbar el día 6"', '""')  # no text: left out
    archive = tmp_path / "archive.csv"
    archive.write_text(HEADER + body, encoding="utf-8")
    uninterrupted = tmp_path / "uninterrupted.db"
    shutil.copy(seeded.db_path, uninterrupted)
    command = [sys.executable, "-c", KILLED_IMPORT, "import", str(archive), "--format", "claims-csv"]
    process = subprocess.Popen([*command, "--db", str(seeded.db_path)], stderr=subprocess.PIPE)
    try:
        while process.poll() is None and staged_so_far(seeded.db_path) < 4:
            time.sleep(0.01)  # polling for a condition (rows staged), never waiting a set time
        assert process.poll() is None, "the import ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(WAIT)
    staged = staged_rows(seeded.db_path)
    assert 4 <= staged < 77

    resumed = seeded.import_claims_csv(HEADER + body, str(archive))
    expected = Workbench(uninterrupted, actor="tester").import_claims_csv(HEADER + body, str(archive))
    assert resumed.created and resumed.claim_count == expected.claim_count == 77
    assert resumed.problems == expected.problems  # every warning of the file, once, in file order
    assert "line 2: rating 'falsísimo' is not on the scale; kept without a verdict" in resumed.problems  # staged
    assert len([p for p in resumed.problems if "falsísimo" in p]) == len(range(2, 80, 3))
    assert len([p for p in resumed.problems if p.startswith("line 6:")]) == 1  # the row left out
