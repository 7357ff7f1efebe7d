"""The TUI's long work shows how far it got, counted, from the core's progress callbacks (issue 18):
an archive imported from the import dialog, a report exported from the main screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Input, Label

from tests.helpers import write
from tests.tui.helpers import settle
from tests.tui.test_app import SIZE, Notes
from workbench.service import Workbench
from workbench.tui.app import make_app
from workbench.tui.dialogs.import_article import ImportDialog, ImportProgress
from workbench.tui.messages import ExportProgress
from workbench.tui.screens.main import MainScreen
from workbench.tui.widgets.tables import ArticleTable


class Seen(Notes):
    """Notifications, the progress messages, and each line of progress the screen showed: a
    message is seen after the ones before it were handled, so the line is the handler's work."""

    def __init__(self) -> None:
        super().__init__()
        self.progress: list[Message] = []
        self.lines: list[str] = []
        self.app = None

    def __call__(self, message: Message) -> None:
        super().__call__(message)
        if isinstance(message, ImportProgress | ExportProgress) and all(m is not message for m in self.progress):
            self.progress.append(message)  # the hook sees a message once per pump it passes through
        if self.app is None or not self.app.screen_stack:
            return
        if isinstance(self.app.screen, ImportDialog):
            self.lines += [str(label.render()) for label in self.app.screen.query("#import-progress").results(Label)]
        else:
            self.lines.append(self.app.sub_title)


@pytest.mark.slow
async def test_an_archive_imported_from_the_dialog_counts_its_claims_read_then_matched(
    frozen: Workbench, tmp_path: Path
) -> None:
    rows = "\n".join(f"Rusia envió {n} drones hacia Kiev el {n} de mayo de 2022.,Kiev" for n in range(2, 14))
    archive = write(tmp_path / "drones.csv", "text,claimant\n" + rows + "\n")
    seen = Seen()
    app = make_app(frozen)
    seen.app = app
    async with app.run_test(size=SIZE, message_hook=seen) as pilot:
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one("#path", Input).value = str(archive)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        new = frozen.articles()[-1]
        assert new.claim_count == 12
        assert app.screen.query_one(ArticleTable).selected_id == new.id
    assert [(m.step, m.done, m.total) for m in seen.progress] == [
        ("reading", 0, 12),
        ("reading", 12, 12),
        ("matching", 0, 12),
        ("matching", 12, 12),
    ]
    assert "Importing… 12/12 claims" in seen.lines and "Matching… 12/12 claims" in seen.lines
    assert any(n.message.startswith(f"Imported article {new.id}: ") for n in seen), [n.message for n in seen]
    assert seen.errors() == []


@pytest.mark.slow
async def test_an_export_counts_the_claims_read_in_the_header_then_says_where_it_wrote(
    frozen: Workbench, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    seen = Seen()
    app = make_app(frozen)
    seen.app = app
    async with app.run_test(size=SIZE, message_hook=seen) as pilot:
        await settle(pilot)
        article = app.screen.query_one(ArticleTable).selected_id
        total = len(frozen.claims(article))
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.sub_title == frozen.db_path.name  # the count is gone once the report is written
    assert [(m.done, m.total) for m in seen.progress] == [(0, total), (total, total)]
    assert f"{frozen.db_path.name} · Exporting… {total}/{total} claims" in seen.lines
    assert any(n.message == f"Wrote {out}" for n in seen)
    assert "<html" in out.read_text(encoding="utf-8")
