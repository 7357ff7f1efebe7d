"""The TUI embeds what an archive import left without vectors in a background worker, counted in
the header, as `workbench index` does on the command line (issue 12); a setting turns it off.

Each test waits for the app's workers to come to rest (the condition), then reads the database."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import HelpPanel, Input

from tests.helpers import write
from tests.tui.helpers import settle
from tests.tui.test_progress import Seen
from workbench import i18n
from workbench.config import Settings, load_settings
from workbench.errors import InvalidInput
from workbench.service import Workbench
from workbench.tui.app import make_app
from workbench.tui.messages import IndexProgress
from workbench.tui.screens.main import INDEX_BATCH, MainScreen
from workbench.tui.widgets.tables import ArticleTable, ClaimTable

SIZE = (120, 40)
ROWS = (
    "La central de Zaporiyia quedó sin suministro eléctrico externo durante {n} horas.,OIEA",
    "El puerto de Odesa exportó {n} millones de toneladas de grano en agosto.,Ministerio",
)


class IndexSeen(Seen):
    """What Seen keeps, and the background index's progress messages (each once)."""

    def __init__(self) -> None:
        super().__init__()
        self.indexed: list[IndexProgress] = []

    def __call__(self, message: Message) -> None:
        super().__call__(message)
        if isinstance(message, IndexProgress) and all(m is not message for m in self.indexed):
            self.indexed.append(message)


class HeldIndex(Workbench):
    """The real core, except that the index holds after its first committed batch until the test
    lets it go on, and says when it has returned: the test acts at a known point, not after a time."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(db_path, actor="tester", settings=Settings(index_in_tui=True))
        self.held, self.gate, self.returned = threading.Event(), threading.Event(), threading.Event()

    def index_vectors(self, batch: int = 64, progress: Callable[[int, int], None] | None = None) -> int:
        def holding(done: int, total: int) -> None:
            if done and not self.held.is_set():
                self.held.set()
                assert self.gate.wait(timeout=60), "the test never let the index go on"
            if progress:
                progress(done, total)

        try:
            return super().index_vectors(batch, holding)
        finally:
            self.returned.set()


def archive(tmp_path: Path, count: int) -> Path:
    """A claims CSV of `count` rows of our own making."""
    rows = [ROWS[n % 2].format(n=n + 3) for n in range(count)]
    return write(tmp_path / f"archivo-{count}.csv", "text,claimant\n" + "\n".join(rows) + "\n")


def pending(workbench: Workbench) -> int:
    """Claims of the database with no vector of the model in use."""
    embedder = workbench.embedder()
    assert embedder is not None, "the embedding model must run for these tests"
    with workbench.store() as store:
        return store.vectors.pending_count(embedder.name)


def indexing(workbench: Workbench) -> Workbench:
    """`workbench` with the background index on, as a user's settings leave it."""
    return Workbench(workbench.db_path, actor="tester", settings=Settings(index_in_tui=True))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "header", "note"),
    [
        ("en", "Indexing… 5/5 claims", "Embedded 5 claims for matching in other words."),
        ("es", "Indexando… 5/5 afirmaciones", "Vectorizadas 5 afirmaciones para encontrarlas en otras palabras."),
    ],
)
async def test_on_opening_the_claims_an_archive_left_without_vectors_are_embedded_and_counted(
    tmp_path: Path, language: str, header: str, note: str
) -> None:
    i18n.set_language(language)  # the suite's autouse fixture sets English back afterwards
    workbench = indexing(Workbench(tmp_path / "claims.db", actor="tester"))
    workbench.ensure_database()
    path = archive(tmp_path, 5)
    workbench.import_claims_csv(path.read_text(encoding="utf-8"), str(path))
    assert pending(workbench) == 5  # an archive import leaves the vectors to the index
    seen = IndexSeen()
    app = make_app(workbench)
    seen.app = app
    async with app.run_test(size=SIZE, message_hook=seen) as pilot:
        await settle(pilot)
        assert app.sub_title == workbench.db_path.name  # the count is gone once all are embedded
    assert pending(workbench) == 0
    counts = [(m.done, m.total) for m in seen.indexed]
    assert counts[0] == (0, 5) and counts[-1] == (5, 5), counts
    assert f"{workbench.db_path.name} · {header}" in seen.lines
    assert any(n.message == note for n in seen), [n.message for n in seen]
    assert seen.errors() == []


@pytest.mark.slow
async def test_an_archive_imported_from_the_dialog_is_embedded_in_the_background(tmp_path: Path) -> None:
    workbench = indexing(Workbench(tmp_path / "claims.db", actor="tester"))
    workbench.ensure_database()
    path = archive(tmp_path, 3)
    seen = IndexSeen()
    app = make_app(workbench)
    seen.app = app
    async with app.run_test(size=SIZE, message_hook=seen) as pilot:
        await settle(pilot)
        assert all(m.total == 0 for m in seen.indexed)  # nothing to embed yet
        await pilot.press("i")
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert pending(workbench) == 0
    assert f"{workbench.db_path.name} · Indexing… 3/3 claims" in seen.lines
    assert seen.errors() == []


@pytest.mark.slow
async def test_with_index_in_tui_off_the_tui_leaves_the_vectors_to_workbench_index(tmp_path: Path) -> None:
    settings_file = write(tmp_path / "workbench.toml", "[matching]\nindex_in_tui = false\n")
    workbench = Workbench(tmp_path / "claims.db", actor="tester", settings=load_settings(settings_file))
    workbench.ensure_database()
    path = archive(tmp_path, 2)
    workbench.import_claims_csv(path.read_text(encoding="utf-8"), str(path))
    seen = IndexSeen()
    app = make_app(workbench)
    seen.app = app
    async with app.run_test(size=SIZE, message_hook=seen) as pilot:
        await settle(pilot)
    assert pending(workbench) == 2
    assert not any("Indexing" in line for line in seen.lines)
    workbench.index_vectors()  # what the TUI left is still there for the command line
    assert pending(workbench) == 0


def test_index_in_tui_is_read_from_the_matching_table_and_a_bad_value_is_refused(tmp_path: Path) -> None:
    assert Settings().index_in_tui is True
    on = load_settings(write(tmp_path / "on.toml", "[matching]\nsemantic = true\n"))
    assert on.index_in_tui is True and on.semantic is True
    off = load_settings(write(tmp_path / "off.toml", "[matching]\nindex_in_tui = false\n"))
    assert off.index_in_tui is False and off.semantic is True
    with pytest.raises(InvalidInput, match=r"\[matching\] index_in_tui must be true or false"):
        load_settings(write(tmp_path / "bad.toml", '[matching]\nindex_in_tui = "yes"\n'))


@pytest.mark.slow
async def test_the_index_leaves_keys_and_workers_free_stops_on_quitting_and_resumes_next_time(
    tmp_path: Path,
) -> None:
    total = 2 * INDEX_BATCH + 5
    workbench = HeldIndex(tmp_path / "claims.db")
    workbench.ensure_database()
    path = archive(tmp_path, total)
    workbench.import_claims_csv(path.read_text(encoding="utf-8"), str(path))
    app = make_app(workbench)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert await asyncio.to_thread(workbench.held.wait, 120), "the index never started"
            await pilot.pause()
            assert app.sub_title == f"{workbench.db_path.name} · Indexing… 0/{total} claims"
            # The index is in the middle of its work, yet keys answer and other workers finish.
            await pilot.press("question_mark")
            assert app.screen.query(HelpPanel)
            await pilot.press("question_mark")
            await pilot.press("r")  # read the articles and the claims again, in workers of their own
            reading = [w for w in app.workers if w.group in {"articles", "claims"}]
            if reading:  # (none left: they have finished already; an empty list would wait for every worker)
                await app.workers.wait_for_complete(reading)
            await pilot.pause()
            assert app.screen.query_one(ArticleTable).row_count == 1
            assert app.screen.query_one(ClaimTable).row_count == total
            await pilot.press("q")
        workbench.gate.set()  # the worker was cancelled on quitting: it stops after the batch it holds
        assert await asyncio.to_thread(workbench.returned.wait, 60)
    finally:
        workbench.gate.set()
    assert pending(workbench) == total - INDEX_BATCH  # the committed batch stays

    seen = IndexSeen()
    again = make_app(indexing(workbench))
    seen.app = again
    async with again.run_test(size=SIZE, message_hook=seen) as pilot:
        await settle(pilot)
    assert pending(workbench) == 0
    assert [(m.done, m.total) for m in seen.indexed][0] == (0, total - INDEX_BATCH)  # resumed, not redone
    assert seen.errors() == []
