"""The Textual app: `make_app` builds it for the CLI, the tests and the snapshots alike."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import HelpPanel

from workbench.i18n import N_, _, set_scale
from workbench.tui.commands import binding_commands
from workbench.tui.screens.main import MainScreen
from workbench.tui.translate import translate_bindings

if TYPE_CHECKING:
    from workbench.service import Workbench


TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's own palette entries that stay beside ours, marked so the catalogs translate them."""


class WorkbenchApp(App[None]):
    """Articles, their claims and each claim's review state, on one database."""

    TITLE = N_("Claims workbench")
    CSS_PATH = "workbench.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding(
            "question_mark",
            "toggle_help",
            N_("Keys"),
            tooltip=N_("Show or hide the key bindings and help for the focused pane."),
            id="help",
        ),
    ]

    def __init__(self, workbench: Workbench, seeds_dir: Path | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.title = _(self.TITLE)
        self.workbench = workbench
        self.seeds_dir = seeds_dir
        self.sub_title = workbench.db_path.name

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.workbench, self.seeds_dir)

    def on_ready(self) -> None:
        if isinstance(self.screen, MainScreen):
            self.screen.start()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The main screen's actions first, then Textual's own (theme, screenshot...) minus the ones they repeat."""
        ours = list(binding_commands(self, screen)) if isinstance(screen, MainScreen) else []
        yield from ours
        titles = {command.title for command in ours}
        # Textual's own "Quit" and "Keys" are ours too, whatever language ours are shown in.
        titles |= {
            b.description for owner in (type(self), type(screen)) for b in owner.BINDINGS if isinstance(b, Binding)
        }
        yield from (
            command._replace(title=_(command.title), help=_(command.help))
            for command in super().get_system_commands(screen)
            if command.title not in titles
        )

    def action_toggle_help(self) -> None:
        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()


def make_app(workbench: Workbench, seeds_dir: Path | None = None) -> WorkbenchApp:
    """The app on `workbench`'s database; with `seeds_dir`, a new database gets the seed articles first.

    It speaks the interface language in force (`workbench.i18n.set_language`, which the CLI calls)."""
    set_scale(workbench.settings.scale)
    return WorkbenchApp(workbench, seeds_dir=seeds_dir)
