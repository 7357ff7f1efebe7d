"""Key bindings in the interface language.

Textual declares bindings once per class, when the module is imported, so their descriptions are
English message ids (marked with N_ for extraction); each screen and widget that has bindings
translates its own copy when it is built, and the footer, the key help and the palette read that copy.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from workbench.i18n import _

CURSOR_ACTIONS = frozenset(
    {
        "cursor_up",
        "cursor_down",
        "cursor_left",
        "cursor_right",
        "page_up",
        "page_down",
        "page_left",
        "page_right",
        "scroll_top",
        "scroll_bottom",
        "scroll_home",
        "scroll_end",
        "scroll_up",
        "scroll_down",
        "scroll_left",
        "scroll_right",
    }
)
"""Arrow, page and home keys every list answers: a reviewer knows them, and listed first they
pushed the workbench's own keys off the key help at 80x24 (issue 17)."""


def translate_bindings(node: DOMNode, *, quiet_cursor_keys: bool = False) -> None:
    """Replace `node`'s bindings with copies whose description and tooltip are in the interface
    language; with `quiet_cursor_keys`, the cursor and scroll keys still work but leave the key
    help (as Textual's own system keys do), so the help opens with what the workbench adds."""
    bindings = node._bindings.key_to_bindings  # Textual copies the class's bindings into each node here
    for key, found in bindings.items():
        bindings[key] = [
            replace(
                b,
                description=_(b.description),
                tooltip=_(b.tooltip),
                system=b.system or (quiet_cursor_keys and b.action in CURSOR_ACTIONS),
            )
            for b in found
        ]
    for name in ("HELP", "BINDING_GROUP_TITLE"):
        text = getattr(type(node), name, None)
        if text:
            setattr(node, name, _(text))
