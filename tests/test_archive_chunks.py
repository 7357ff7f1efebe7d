"""An archive import never makes a reviewer wait (issue 15): its chunks are committed one by one,
unseen, while another connection writes; the archive appears whole at the end."""

from __future__ import annotations

import threading

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
