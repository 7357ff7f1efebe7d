"""Key bindings in the interface language.

Textual declares bindings once per class, when the module is imported, so their descriptions are
English message ids (marked with N_ for extraction); each screen and widget that has bindings
translates its own copy when it is built, and the footer, the key help and the palette read that copy.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from workbench.i18n import _


def translate_bindings(node: DOMNode) -> None:
    """Replace `node`'s bindings with copies whose description and tooltip are in the interface language."""
    bindings = node._bindings.key_to_bindings  # Textual copies the class's bindings into each node here
    for key, found in bindings.items():
        bindings[key] = [replace(b, description=_(b.description), tooltip=_(b.tooltip)) for b in found]
    for name in ("HELP", "BINDING_GROUP_TITLE"):
        text = getattr(type(node), name, None)
        if text:
            setattr(node, name, _(text))
