"""Two reviewers on one file, and the audit trail that says who did what."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import assert_clean_failure, assert_ok, invoke
from workbench.service import Workbench


def _review(db: str, name: str, claim_ids: list[int], writes: int) -> None:
    workbench = Workbench(Path(db), actor=name)
    for i in range(writes):
        workbench.add_verdict(claim_ids[i % len(claim_ids)], "Half true", f"{name} {i}")
        workbench.add_source(claim_ids[i % len(claim_ids)], f"https://example.org/{name}/{i}")


@pytest.mark.slow
def test_two_reviewers_writing_at_once_lose_nothing(seeded: Workbench):
    claim_ids = [c.id for c in seeded.claims()][:5]
    context = multiprocessing.get_context("spawn")
    procs = [
        context.Process(target=_review, args=(str(seeded.db_path), name, claim_ids, 60)) for name in ("ana", "ben")
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
    assert [proc.exitcode for proc in procs] == [0, 0]
    with sqlite3.connect(seeded.db_path) as connection:
        assert connection.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 120
        assert connection.execute("SELECT count(*) FROM claim_sources").fetchone()[0] == 120
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_history_says_who_changed_a_claim_and_when(seeded: Workbench):
    invoke("verdict", "3", "False", "--reviewer", "ana", "--db", seeded.db_path)
    invoke("source", "add", "3", "https://www.jcs.mil.kr/", "--reviewer", "ben", "--db", seeded.db_path)
    result = invoke("history", "3", "--json", "--db", seeded.db_path)
    assert_ok(result)
    rows = json.loads(result.stdout)
    assert [r["action"] for r in rows][0] == "import"
    actions = [(r["actor"], r["action"]) for r in rows]
    assert ("ana", "verdict") in actions and ("ben", "attach_source") in actions
    verdict = next(r for r in rows if r["action"] == "verdict")
    assert verdict["after"]["rating"] == "False" and verdict["at"].startswith("20")


@pytest.mark.slow
def test_history_of_an_unknown_claim_is_not_found(seeded: Workbench):
    assert_clean_failure(invoke("history", "99999", "--db", seeded.db_path), 3)


@pytest.mark.slow
def test_a_backup_restores_what_was_there(seeded: Workbench, tmp_path: Path):
    backup = tmp_path / "backup.db"
    assert_ok(invoke("verdict", "1", "False", "--reviewer", "ana", "--db", seeded.db_path))
    assert_ok(invoke("backup", backup, "--db", seeded.db_path))
    assert_ok(invoke("verdict", "1", "True", "--reviewer", "ben", "--db", seeded.db_path))
    # Restore as the README says: copy the backup over the database (no -wal or -shm beside it).
    for leftover in (seeded.db_path.with_name(seeded.db_path.name + s) for s in ("-wal", "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copy(backup, seeded.db_path)
    assert [v["rating"] for v in Workbench(seeded.db_path).verdict_history(1)] == ["False"]
    with sqlite3.connect(seeded.db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_article_size_limit_comes_from_the_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    settings = tmp_path / "workbench.toml"
    settings.write_text("[limits]\nmax_article_mb = 0.001\n", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_SETTINGS", str(settings))
    story = tmp_path / "story.txt"
    story.write_text("Corea del Norte disparó dos misiles. " * 100, encoding="utf-8")
    message = assert_clean_failure(invoke("import", story, "--db", tmp_path / "c.db"), 4)
    assert "larger than the 0.00" in message or "limit" in message


@pytest.mark.slow
def test_an_article_another_process_stored_meanwhile_is_reported_not_refused(tmp_path: Path):
    """Both imports read the file before either writes: the later one finds it under the write lock."""
    from workbench.models import ArticleInput

    db = tmp_path / "claims.db"
    mine, theirs = Workbench(db, actor="ana"), Workbench(db, actor="ben")
    first = ArticleInput("Corea del Norte lanzó dos misiles hacia el mar el miércoles.", "Uno", "es")
    second = ArticleInput("Putin dijo que Rusia ayudará a Corea del Norte a construir satélites.", "Dos", "es")
    stored_by_them = []

    def meanwhile(result) -> None:
        if result.title == "Uno":
            stored_by_them.extend(theirs.import_articles([second]))

    results = mine.import_articles([first, second], progress=meanwhile)
    assert [r.created for r in results] == [True, False]
    assert results[1].article_id == stored_by_them[0].article_id
    assert len(mine.articles()) == 2
