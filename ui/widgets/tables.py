"""Table views set up for large models: fixed row heights, no measuring every row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QByteArray, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui import settings

# Rows a column's width is measured from. Not 0: Qt reads 0 as "the visible rows" only
# while the view is shown; a view on a hidden tab or page then measures every row (the
# dashboard's six lists took 130-160 ms at a million agreements, on the GUI thread).
MEASURED_ROWS = 50


class ListView(QTableView):
    """A table view whose header never asks which of its columns are all selected.

    Qt's header paints each section as it sits among selected ones, whether or not it
    highlights them: with every row selected (Ctrl+A) it asked the model's ``flags`` of
    each cell, 1.5 million calls and 3 s at 100,000 agreements, 30 s at a million, at each
    paint of the header. Its own selection model, empty, answers at once; a list selects
    rows, never columns, so the header has nothing to show of the table's.
    """

    def setSelectionModel(self, selectionModel: QItemSelectionModel) -> None:  # noqa: N803
        super().setSelectionModel(selectionModel)  # (given to the headers too)
        header = self.horizontalHeader()
        if selectionModel is not None and header.model() is not None:
            header.setSelectionModel(QItemSelectionModel(header.model(), header))


def fast_table(parent: QWidget | None = None, *, sortable: bool = True) -> QTableView:
    """A QTableView that stays instant at 100,000 rows.

    Measured here: a vertical header in ResizeToContents took 30 s at 100,000 rows, so row
    heights are fixed and column widths are measured from a screenful of rows.
    """
    view = ListView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    vertical.hide()
    horizontal = view.horizontalHeader()
    horizontal.setResizeContentsPrecision(MEASURED_ROWS)
    horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    horizontal.setStretchLastSection(True)
    horizontal.setSectionsMovable(True)
    horizontal.setHighlightSections(False)
    horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.setSortingEnabled(sortable)
    leave_on_tab(view)
    return view


def leave_on_tab(view: QAbstractItemView) -> None:
    """Tab goes to the next field, not the next cell: the arrow keys move in a list.

    Qt's default sends Tab from cell to cell, through every row: at 300 rows (or one
    rate per currency in Settings) the keyboard never reached the OK button.
    """
    view.setTabKeyNavigation(False)


def set_widths(view: QTableView, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        view.setColumnWidth(column, width)


def restore_header(view: QTableView, name: str) -> bool:
    state = settings.view_state(name).get()
    if state.isEmpty():
        return False
    return view.horizontalHeader().restoreState(state)


def save_header(view: QTableView, name: str) -> None:
    settings.view_state(name).set(QByteArray(view.horizontalHeader().saveState()))


def selected_spans(view: QTableView) -> list[tuple[int, int]]:
    """The selected rows as (first, last) spans, in order and apart, from the selection's
    ranges: ``selectedRows()`` makes an index per row, 35 s on the GUI thread after Ctrl+A
    in a list of a million (SQLite 1M copy, load 0.7)."""
    model: QAbstractItemModel | None = view.model()
    chosen = view.selectionModel()
    if model is None or chosen is None:
        return []
    selection = chosen.selection()
    ranges = (selection.at(i) for i in range(selection.count()))
    spans: list[tuple[int, int]] = []
    for top, bottom in sorted((r.top(), r.bottom()) for r in ranges if r.isValid()):
        if spans and top <= spans[-1][1] + 1:  # overlapping or touching: one span
            spans[-1] = (spans[-1][0], max(spans[-1][1], bottom))
        else:
            spans.append((top, bottom))
    return spans


def selected_rows(view: QTableView) -> list[int]:
    """The selected rows in order (``selected_spans`` row by row)."""
    return [row for top, bottom in selected_spans(view) for row in range(top, bottom + 1)]
