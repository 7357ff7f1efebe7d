"""A path input that completes from the filesystem, as a shell does: tab or → takes the suggestion."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from workbench.i18n import N_
from workbench.tui.translate import translate_bindings


def complete_path(value: str) -> str | None:
    """`value` extended to the first entry of its folder that starts with what follows the last slash.

    Folders come back with a trailing slash, so the next completion goes inside them; hidden
    entries only when the typed name starts with a dot. `~` is understood but kept as typed.
    """
    if not value:
        return None
    folder_part, _slash, prefix = value.rpartition("/")
    folder = Path(os.path.expanduser(folder_part + "/" if folder_part or value.startswith("/") else "."))
    try:
        names = sorted(entry.name + ("/" if entry.is_dir() else "") for entry in os.scandir(folder))
    except OSError:
        return None
    for name in names:
        if name.startswith(prefix) and len(name) > len(prefix) and (prefix.startswith(".") or not name.startswith(".")):
            return value + name[len(prefix) :]
    return None


class PathSuggester(Suggester):
    """Suggests the first matching file or folder; the folder is listed off the event loop."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value)


class PathInput(Input):
    """An Input for a file path: the suggestion shows greyed; tab or → takes it, tab without one moves on."""

    BINDINGS = [Binding("tab", "complete", N_("Complete"), show=False, id="path-complete")]

    def __init__(self, value: str = "", **kwargs) -> None:  # noqa: ANN003 - Input's own keywords
        super().__init__(value, suggester=PathSuggester(), **kwargs)
        translate_bindings(self)

    def action_complete(self) -> None:
        if self._suggestion and self.cursor_at_end:
            self.action_cursor_right()
        else:
            self.screen.focus_next()
