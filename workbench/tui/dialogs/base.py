"""What every dialog shares: a centred, bordered box, and a muted hint line at its foot."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.screen import ModalScreen

from workbench.tui.translate import translate_bindings

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    Dialog RadioSet {
        layout: horizontal;
        width: 100%;
    }
    Dialog .hint {
        color: $text-muted;
    }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 - passed on to Textual
        super().__init__(*args, **kwargs)
        translate_bindings(self)
