"""The articles and claims tables: row cursors keyed by database id, one column fitted to the width."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from workbench.i18n import N_, _, format_day, ngettext, rating_label, rating_labels, vocabulary_label, vocabulary_labels
from workbench.tui.translate import translate_bindings

if TYPE_CHECKING:
    from workbench.models import ArticleSummary, ClaimRow

MIN_FIT_WIDTH = 8

TEXTUAL_KEYS = (
    N_("Select"),
    N_("Cursor up"),
    N_("Cursor down"),
    N_("Cursor right"),
    N_("Cursor left"),
    N_("Page up"),
    N_("Page down"),
    N_("Top"),
    N_("Bottom"),
    N_("Home"),
    N_("End"),
    N_("Page Left"),
    N_("Page Right"),
)
"""Textual's own keys of a table, as the key help lists them: marked so the catalogs translate them
(each table translates its bindings when built, these among them)."""


class Column(NamedTuple):
    key: str
    label: str
    width: int | None
    """Cells wide, or None for the one column that takes the width the others leave."""


class Row(NamedTuple):
    key: int
    cells: dict[str, Text]
    fit_text: str
    """The fitted column's full text; it is cut to the column's width with an ellipsis."""
    style: str = ""


def one_line(text: str) -> str:
    return " ".join(text.split())


class FittedTable(DataTable):
    """A row-cursor table whose rows are keyed by id and whose text column fits the table's width.

    Cells are always `Text`, never strings, so brackets in article text are not read as markup.
    """

    COLUMNS: Sequence[Column] = ()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row")
        translate_bindings(self, quiet_cursor_keys=True)
        # A fixed column is at least as wide as its heading in the interface language ("Puntos").
        self.COLUMNS = tuple(
            column._replace(width=max(column.width, len(_(column.label)))) if column.width else column
            for column in self.COLUMNS
        )
        self._rows: list[Row] = []
        self._fit_width = 0
        self._fit_key = next(column.key for column in self.COLUMNS if column.width is None)

    def on_mount(self) -> None:
        for column in self.COLUMNS:
            # The fitted column gets a fixed width too (set by each fit), never an auto width:
            # DataTable keeps rows drawn at an old auto width until something else redraws them.
            self.add_column(_(column.label), key=column.key, width=column.width or MIN_FIT_WIDTH)

    @property
    def selected_id(self) -> int | None:
        """The id of the highlighted row, or None when the table is empty."""
        if not self.row_count:
            return None
        return int(str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value))

    def row_ids(self) -> list[int]:
        return [row.key for row in self._rows]

    def set_rows(self, rows: list[Row], keep: int | None) -> None:
        """Replace every row; the cursor goes back to `keep` when it is still there, else to the top."""
        self._rows = rows
        self._set_fit_width(self._available_width())
        self.clear()
        for row in rows:
            self.add_row(*(self._cell(row, column.key) for column in self.COLUMNS), key=str(row.key))
        if keep is not None and keep in self.row_ids():
            self.move_cursor(row=self.row_ids().index(keep))
        self.call_after_refresh(self._refit)  # rows set before the first layout fit again once it is done

    def _cell(self, row: Row, key: str) -> Text:
        if key == self._fit_key:
            return self._fit(row)
        cell = row.cells[key].copy()
        cell.stylize(row.style)
        return cell

    def _fit(self, row: Row) -> Text:
        text = Text(one_line(row.fit_text), no_wrap=True, overflow="ellipsis", end="")
        text.truncate(self._fit_width, overflow="ellipsis")
        text.stylize(row.style)
        return text

    def _available_width(self) -> int:
        """The content width less the fixed columns and room for a scrollbar, always reserved.

        Measured from the widget's own size (set before its Resize event), not its region on
        screen, which may not be placed yet; and not less a scrollbar only when one is shown,
        or the fit would depend on whether it had appeared yet.
        """
        fixed = sum((column.width or 0) + 2 * self.cell_padding for column in self.COLUMNS)
        scrollbar = self.styles.scrollbar_size_vertical
        content = self.outer_size.width - self.styles.gutter.width
        return max(MIN_FIT_WIDTH, content - fixed - scrollbar)

    def on_resize(self, _: events.Resize) -> None:
        self._refit()

    def _refit(self) -> None:
        """Cut the fitted column again when the width it was cut to is no longer the table's."""
        width = self._available_width()
        if width != self._fit_width:
            self._set_fit_width(width)
            for row in self._rows:
                self.update_cell(str(row.key), self._fit_key, self._fit(row), update_width=True)

    def _set_fit_width(self, width: int) -> None:
        self._fit_width = width
        self.columns[ColumnKey(self._fit_key)].width = width


class ArticleTable(FittedTable):
    """Imported articles, oldest first."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        # The date as wide as the interface language writes one ("13 sept 2023"); 10 in English (ISO).
        width = len(format_day("2023-09-30", iso_english=False))
        self.COLUMNS = tuple(
            column._replace(width=max(column.width or 0, width)) if column.key == "published" else column
            for column in type(self).COLUMNS
        )
        super().__init__(id=id, classes=classes)

    HELP = N_(
        """
    ## Articles

    **↑** **↓** choose an article; its claims follow.
    *Reviewed*: claims with a verdict / all claims.
    """
    )

    COLUMNS: Sequence[Column] = (
        Column("title", N_("Title"), None),
        Column("published", N_("Date"), 10),
        Column("reviewed", N_("Reviewed"), 8),
    )

    def show(self, articles: list[ArticleSummary], keep: int | None) -> None:
        self.set_rows(
            [
                Row(
                    article.id,
                    {
                        "published": Text(format_day(article.published, iso_english=False) or "—"),
                        "reviewed": Text(f"{article.reviewed_count}/{article.claim_count}", justify="right"),
                    },
                    article.title,
                )
                for article in articles
            ],
            keep,
        )
        self.border_subtitle = ngettext("{count} article", "{count} articles", len(articles)).format(
            count=len(articles)
        )


class ClaimTable(FittedTable):
    """The claims of one article, in text order."""

    HELP = N_(
        """
    ## Claims

    **↑** **↓** choose a claim; its detail follows.
    *Status*: latest rating, else review status. Dim: not checkable.
    """
    )

    COLUMNS: Sequence[Column] = (
        Column("id", "#", 4),
        Column("kind", N_("Kind"), 10),
        Column("status", N_("Status"), 13),
        Column("text", N_("Claim"), None),
    )

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        # Kind and status as wide as their longest label in the interface language, so none is cut
        # (Spanish "Mayormente verdadero"); in English that is the widths above.
        kinds = vocabulary_labels("kind")
        statuses = (*vocabulary_labels("status"), _("not checkable"), *rating_labels())
        widths = {"kind": max(map(len, kinds)), "status": max(map(len, statuses))}
        self.COLUMNS = tuple(
            column._replace(width=max(column.width or 0, widths[column.key])) if column.key in widths else column
            for column in type(self).COLUMNS
        )
        super().__init__(id=id, classes=classes)

    def show(self, claims: list[ClaimRow], keep: int | None) -> None:
        self.set_rows([self._row(claim) for claim in claims], keep)
        self.border_subtitle = ngettext("{count} claim", "{count} claims", len(claims)).format(count=len(claims))

    @staticmethod
    def _row(claim: ClaimRow) -> Row:
        if claim.rating:
            status = Text(rating_label(claim.rating) or claim.rating, style="bold")
        else:
            status = Text(vocabulary_label("status", claim.status) if claim.checkable else _("not checkable"))
        return Row(
            claim.id,
            {
                "id": Text(str(claim.id), justify="right"),
                "kind": Text(vocabulary_label("kind", claim.kind)),
                "status": status,
            },
            claim.text,
            "" if claim.checkable else "dim",
        )
