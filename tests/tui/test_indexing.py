"""The TUI embeds what an archive import left without vectors in a background worker, counted in
the header, as `workbench index` does on the command line (issue 12); a setting turns it off.

Each test waits for the app's workers to come to rest (the condition), then reads the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Input

from tests.helpers import write
from tests.tui.helpers import settle
from tests.tui.test_progress import Seen
from workbench.config import Settings, load_settings
from workbench.errors import InvalidInput
from workbench.service import Workbench
from workbench.tui.app import make_app
from workbench.tui.messages import IndexProgress
from workbench.tui.screens.main import MainScreen

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
async def test_on_opening_the_claims_an_archive_left_without_vectors_are_embedded_and_counted(
    tmp_path: Path,
) -> None:
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
    assert f"{workbench.db_path.name} · Indexing… 5/5 claims" in seen.lines
    assert any(n.message == "Embedded 5 claims for matching in other words." for n in seen)
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
