"""The footer on two rows: every key of the main screen stays visible at 80 columns."""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult


class TwoRowFooter(Footer):
    """Textual's footer lays its keys out in a grid of one row; this one uses two."""

    DEFAULT_CSS = """
    TwoRowFooter {
        layout: grid;
        height: 2;
        grid-columns: auto;
        grid-rows: 1;
        grid-gutter: 0 1;
        &.-compact FooterKey {
            margin: 0;
        }
    }
    """

    def compose(self) -> ComposeResult:
        yield from super().compose()
        self.styles.grid_size_columns = max(1, ceil(self.styles.grid_size_columns / 2))
