"""Reviewers change claims (edit, split, merge, mark, add) and take any review write back.

Real seeded database and the real Spanish model; each change is checked in the store, in the
audit log and through undo, and stale or bad changes leave the file byte for byte as it was.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.conftest import file_digest
from tests.helpers import assert_clean_failure, assert_ok, export_json, invoke, validate_export
from workbench.errors import Conflict, InvalidInput, NotFound
from workbench.service import Workbench

pytestmark = pytest.mark.slow

FIRST = 1
"""'El líder norcoreano Kim Jong-un aseguró este miércoles a Vladimir Putin que Rusia logrará ...'"""


def article_text(workbench: Workbench, claim_id: int) -> str:
    return workbench.article_text(workbench.claim(claim_id).article_id)


def actions(workbench: Workbench, claim_id: int) -> list[str]:
    return [row["action"] for row in workbench.history(claim_id)]


# -- edit ---------------------------------------------------------------------


def test_edit_reads_the_new_text_again_and_undo_puts_the_old_one_back(seeded: Workbench) -> None:
    before = seeded.claim(3)
    change = seeded.edit_claim(3, "Rusia no dijo nada sobre la entrega de dos misiles a Tokio.", version=before.version)

    edited = seeded.claim(3)
    assert edited.text == "Rusia no dijo nada sobre la entrega de dos misiles a Tokio."
    assert edited.version == before.version + 1
    assert "Japan" in {e.canonical for e in edited.entities}
    assert [(f.value, f.unit) for f in edited.figures] == [(2.0, "misil")]
    assert (edited.start, edited.end) == (before.start, before.end)
    assert "edit" in actions(seeded, 3)

    assert seeded.undo(change).startswith("Undone:")
    restored = seeded.claim(3)
    assert replace(restored, version=before.version) == before
    assert restored.version == before.version + 2


def test_a_stale_edit_is_refused_and_names_who_changed_the_claim(seeded: Workbench) -> None:
    other = Workbench(seeded.db_path, actor="ana")
    other.edit_claim(3, "Rusia no dijo nada sobre un acuerdo militar.", version=1)
    digest = file_digest(seeded.db_path)
    with pytest.raises(Conflict, match="changed by ana"):
        seeded.edit_claim(3, "Otra versión del texto de la afirmación.", version=1)
    with pytest.raises(Conflict):
        seeded.add_verdict(3, "False", version=1)
    assert file_digest(seeded.db_path) == digest
    assert seeded.claim(3).text == "Rusia no dijo nada sobre un acuerdo militar."


@pytest.mark.parametrize("text", ["", "   ", "¿?!", "x" * 2001])
def test_an_edit_without_words_or_too_long_is_refused(seeded: Workbench, text: str) -> None:
    digest = file_digest(seeded.db_path)
    with pytest.raises(InvalidInput):
        seeded.edit_claim(3, text)
    assert file_digest(seeded.db_path) == digest


def test_the_claim_length_limit_comes_from_the_settings(seeded: Workbench) -> None:
    from workbench.config import settings_from_dict

    strict = Workbench(
        seeded.db_path, actor="tester", settings=settings_from_dict({"limits": {"max_claim_chars": 30}}, "t")
    )
    with pytest.raises(InvalidInput, match="at most 30 characters"):
        strict.edit_claim(3, "Rusia no dijo nada sobre un acuerdo militar.")


def test_an_edited_claim_is_matched_again(seeded: Workbench) -> None:
    second = next(c for c in seeded.claims() if c.article_id == 2)
    seeded.edit_claim(3, second.text)
    assert seeded.matches_for(3, limit=3)[0].claim == second.id
    assert any(link["claim"] == second.id for link in seeded.review(3).links)


# -- split and merge --------------------------------------------------------------


def test_split_cuts_the_span_and_undo_joins_it_again(seeded: Workbench) -> None:
    before = seeded.claim(FIRST)
    at = before.text.index(" que Rusia")
    count = len(seeded.claims())

    change = seeded.split_claim(FIRST, at, version=before.version)
    first, second = seeded.claim(FIRST), seeded.claim(change.undo["new"])
    text = article_text(seeded, FIRST)
    assert first.text == before.text[:at].strip() and text[first.start : first.end] == first.text
    assert second.text == before.text[at:].strip() and text[second.start : second.end] == second.text
    assert (second.status, second.claimant) == ("new", before.claimant)
    assert len(seeded.claims()) == count + 1

    seeded.undo(change)
    assert len(seeded.claims()) == count
    assert replace(seeded.claim(FIRST), version=before.version) == before
    with pytest.raises(NotFound):
        seeded.claim(second.id)


@pytest.mark.parametrize("at", [0, -1, 10_000, 1])
def test_a_split_without_words_on_both_sides_is_refused(seeded: Workbench, at: int) -> None:
    digest = file_digest(seeded.db_path)
    with pytest.raises(InvalidInput):
        seeded.split_claim(FIRST, at)
    assert file_digest(seeded.db_path) == digest


def test_merge_joins_the_next_claim_and_undo_brings_it_back(seeded: Workbench) -> None:
    claims = seeded.claims(1)
    first, following = claims[4], claims[5]
    change = seeded.merge_next(first.id, version=first.version)

    merged = seeded.claim(first.id)
    assert (merged.start, merged.end) == (first.start, following.end)
    assert merged.text == article_text(seeded, first.id)[first.start : following.end]
    assert following.id not in {c.id for c in seeded.claims(1)}
    assert "merge" in actions(seeded, first.id)

    seeded.undo(change)
    assert seeded.claims(1) == [replace(c, version=c.version + 2) if c.id == first.id else c for c in claims]


def test_merge_keeps_review_history_by_refusing(seeded: Workbench) -> None:
    claims = seeded.claims(1)
    seeded.add_verdict(claims[1].id, "True")
    digest = file_digest(seeded.db_path)
    with pytest.raises(Conflict, match="verdicts or sources"):
        seeded.merge_next(claims[0].id)
    assert file_digest(seeded.db_path) == digest


def test_the_last_claim_has_nothing_to_merge_with(seeded: Workbench) -> None:
    with pytest.raises(InvalidInput, match="last of its article"):
        seeded.merge_next(seeded.claims(1)[-1].id)


# -- mark, add ---------------------------------------------------------------------


def test_mark_not_checkable_and_undo(seeded: Workbench) -> None:
    change = seeded.set_checkable(FIRST, False, version=1)
    assert not seeded.claim(FIRST).checkable
    seeded.undo(change)
    assert seeded.claim(FIRST).checkable


def test_a_claim_added_from_a_span_is_read_stored_and_exported(seeded: Workbench) -> None:
    text = seeded.article_text(1)
    passage = "los dos líderes intercambiaron un apretón de manos"
    start = text.index(passage)
    change = seeded.add_claim(1, start - 1, start + len(passage) + 1)

    added = seeded.claim(change.claim_id)
    assert added.text == passage and text[added.start : added.end] == passage
    assert added.checkable and added.status == "new"
    document = export_json(seeded.db_path, "--article", "1")
    validate_export(document)
    assert passage in [c["text"] for c in document["articles"][0]["claims"]]

    seeded.undo(change)
    with pytest.raises(NotFound):
        seeded.claim(change.claim_id)


@pytest.mark.parametrize("span", [(-1, 10), (10, 10), (0, 10**7), (0, 1)])
def test_a_span_outside_the_article_or_without_words_is_refused(seeded: Workbench, span: tuple[int, int]) -> None:
    digest = file_digest(seeded.db_path)
    with pytest.raises(InvalidInput):
        seeded.add_claim(1, *span)
    assert file_digest(seeded.db_path) == digest


# -- taking back verdicts, sources, links ------------------------------------------------


def test_undoing_a_verdict_keeps_it_in_the_database_marked_retracted(seeded: Workbench) -> None:
    seeded.add_verdict(FIRST, "True", "First reading.")
    change = seeded.add_verdict(FIRST, "False", "Second reading.")
    seeded.undo(change)
    assert [v["rating"] for v in seeded.verdict_history(FIRST)] == ["True"]
    assert seeded.claim(FIRST).status == "checked"
    rows = [json.loads(r["before"]) for r in seeded.history(FIRST) if r["action"] == "retract_verdict"]
    assert [r["rating"] for r in rows] == ["False"]

    seeded.undo(seeded.add_verdict(2, "Misleading"))
    assert (seeded.claim(2).status, seeded.claim(2).rating) == ("new", None)


def test_sources_are_edited_removed_and_put_back(seeded: Workbench) -> None:
    change = seeded.add_source(FIRST, "https://www.mod.go.jp/", stance="refutes", title="MoD")
    [source] = seeded.sources(FIRST)
    edit = seeded.edit_source(source["attachment"], title="Japan MoD", stance="context")
    assert (seeded.sources(FIRST)[0]["title"], seeded.sources(FIRST)[0]["stance"]) == ("Japan MoD", "context")
    seeded.undo(edit)
    assert (seeded.sources(FIRST)[0]["title"], seeded.sources(FIRST)[0]["stance"]) == ("MoD", "refutes")

    removal = seeded.remove_source(source["attachment"])
    assert seeded.sources(FIRST) == []
    seeded.undo(removal)
    assert len(seeded.sources(FIRST)) == 1
    seeded.undo(change)
    assert seeded.sources(FIRST) == []
    assert {"remove_source", "restore_source", "edit_source"} <= set(actions(seeded, FIRST))


def test_undoing_a_link_decision_restores_the_suggestion(seeded: Workbench) -> None:
    link = next(c for c in seeded.review(FIRST).links)
    change = seeded.set_link(FIRST, link["claim"], "rejected")
    assert seeded.review(FIRST).links[0]["state"] == "rejected"
    seeded.undo(change)
    assert seeded.review(FIRST).links[0] == link


# -- command line ---------------------------------------------------------------------


def test_cli_edit_commands(seeded: Workbench) -> None:
    db = seeded.db_path
    result = invoke("edit", "text", "3", "Rusia no dijo nada sobre un acuerdo militar.", "--version", "1", "--db", db)
    assert_ok(result)
    assert result.stdout.strip() == "Claim 3 edited."
    digest = file_digest(db)
    message = assert_clean_failure(
        invoke("edit", "text", "3", "Otra cosa distinta aquí.", "--version", "1", "--db", db), 5
    )
    assert "changed by" in message
    assert_clean_failure(invoke("edit", "split", "3", "0", "--db", db), 4)
    assert_clean_failure(invoke("edit", "merge", "999", "--db", db), 3)
    assert_clean_failure(invoke("source", "remove", "999", "--db", db), 3)
    assert_clean_failure(invoke("source", "edit", "1", "--db", db), 4)
    assert file_digest(db) == digest
    assert_ok(invoke("edit", "checkable", "3", "no", "--db", db))
    assert not seeded.claim(3).checkable


def test_a_source_keeps_its_date_and_a_bad_date_is_refused(seeded: Workbench) -> None:
    seeded.add_source(FIRST, "https://www.mod.go.jp/", stance="refutes", date="2023-09-13")
    assert seeded.sources(FIRST)[0]["date"] == "2023-09-13"
    digest = file_digest(seeded.db_path)
    message = assert_clean_failure(
        invoke("source", "add", "1", "https://example.org/", "--date", "13/09/2023", "--db", seeded.db_path), 4
    )
    assert "YYYY-MM-DD" in message
    assert file_digest(seeded.db_path) == digest


def test_undoing_twice_takes_back_both_of_the_reviewers_own_changes(seeded: Workbench):
    """n, n, u, u: the first undo is the reviewer's own write, not another reviewer's change."""
    claim = seeded.claims()[0]
    first = seeded.set_checkable(claim.id, False, claim.version)
    second = seeded.set_checkable(claim.id, True, None)
    seeded.undo(second)
    assert seeded.claims_by_id([claim.id])[claim.id].checkable is False
    seeded.undo(first)
    assert seeded.claims_by_id([claim.id])[claim.id].checkable is True


def test_an_undo_after_another_reviewers_change_is_still_refused(seeded: Workbench):
    claim = seeded.claims()[0]
    mine = seeded.set_checkable(claim.id, False, claim.version)
    seeded.edit_claim(claim.id, claim.text + " Según otra fuente.", None)  # someone else, meanwhile
    with pytest.raises(Conflict):
        seeded.undo(mine)
