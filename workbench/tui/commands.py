"""Command palette entries (ctrl+p) for every action of the main screen, made from its key bindings.

Titles and help come from the bindings themselves, so the footer, the key help and the palette
never disagree; an action the screen has disabled (no claim selected) is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding

from workbench.i18n import _

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

PALETTE_IDS: tuple[str, ...] = (
    "verdict",
    "source",
    "matches",
    "search",
    "export",
    "reader",
    "queue",
    "import",
    "reload",
    "help",
    "quit",
)
"""The main screen's and app's bindings offered in the palette, in this order."""


def binding_commands(app: App, screen: Screen) -> Iterator[SystemCommand]:
    """One palette entry per binding in PALETTE_IDS that the screen (or the app) has and allows now."""
    bindings: dict[str, tuple[Binding, App | Screen]] = {}
    for owner in (app, screen):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.id in PALETTE_IDS:
                bindings[binding.id] = (binding, owner)
    for binding_id in PALETTE_IDS:
        if binding_id not in bindings:
            continue
        binding, owner = bindings[binding_id]
        action = binding.action.removeprefix("app.")
        target = app if binding.action.startswith("app.") else owner
        if not target.check_action(action, ()):
            continue
        key = app.get_key_display(binding)
        help_text = _("{help} (key: {key})").format(help=_(binding.tooltip or binding.description), key=key)
        yield SystemCommand(_(binding.description), help_text, partial(target.run_action, action))
