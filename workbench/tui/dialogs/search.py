"""Full-text search over claims and articles; choosing a hit jumps to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from workbench.errors import WorkbenchError
from workbench.i18n import N_, _
from workbench.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from workbench.models import SearchHit
    from workbench.service import Workbench


HIT_KINDS = {"claim": N_("claim"), "article": N_("article")}


class SearchDialog(Dialog["SearchHit | None"]):
    DEFAULT_CSS = """
    SearchDialog > Vertical {
        width: 96%;
        height: 80%;
        max-height: 100%;
    }
    SearchDialog OptionList {
        height: 1fr;
    }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Close"), id="search-close")]

    def __init__(self, workbench: Workbench) -> None:
        super().__init__()
        self.workbench = workbench
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder=_("Search claims and articles, then enter"), id="query")
            yield OptionList(id="hits")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = _("Search")
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_search(self, query: str) -> None:
        try:
            hits = self.workbench.search(query)
        except WorkbenchError as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, hits)

    def _show(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(
            Option(f"{_(HIT_KINDS.get(hit.kind, hit.kind))} {hit.id}: {' '.join(hit.text.split())[:100]}", id=str(i))
            for i, hit in enumerate(hits)
        )
        if hits:
            results.highlighted = 0
            results.focus()
        else:
            self.notify(_("No matches."), markup=False)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[int(str(event.option.id))])
