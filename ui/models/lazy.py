"""A table model over a list of ids whose rows are fetched from SQL a page at a time.

The sorted, filtered id list is one indexed query; rows are read only for the pages the
view paints (Anki's browser table works the same way). A small LRU of pages keeps memory
flat however far the user scrolls.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.db import Database, Session
from ui.worker import run_job

R = TypeVar("R")
SLOW_QUERY_SECONDS = 0.12
Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1  # the database id of the row's record
    RECORD = Qt.ItemDataRole.UserRole + 2  # the frozen row dataclass
    SORT_KEY = Qt.ItemDataRole.UserRole + 3  # the SQL sort key of the column (header role)
    STATE = Qt.ItemDataRole.UserRole + 4  # "past" / "near" / "" for date columns, or a status


@dataclass(frozen=True)
class Column(Generic[R]):
    key: str
    title: Callable[[], str]  # called at paint time so a language switch shows at once
    value: Callable[[R], str]
    sort_key: str | None = None  # None: the database cannot sort by it
    align_right: bool = False
    default_visible: bool = True
    tooltip: Callable[[R], str] | None = None  # None: the tooltip is the cell's text


class LazyIdModel(QAbstractTableModel, Generic[R]):
    busy = Signal(bool)  # an id query is running in the background
    failed = Signal(str)

    PAGE_SIZE = 200
    MAX_PAGES = 40
    # The application sets this: every id query runs in the background from the first.
    # Tests leave it off, so a small list answers synchronously until it proves slow.
    assume_slow = False

    def __init__(self, db: Database, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.columns = list(columns)
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, R]] = OrderedDict()
        self.sort_key = self.columns[0].sort_key or ""
        self.descending = False
        self._generation = 0
        self._shown_generation = 0
        self._slow = type(self).assume_slow

    # --- what subclasses provide --------------------------------------------------------

    def fetch_ids(self, session: Session) -> list[int]:
        raise NotImplementedError

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> list[R]:
        raise NotImplementedError

    def row_id(self, row: R) -> int:
        return int(row.id)  # type: ignore[attr-defined]

    def cell_state(self, row: R, key: str) -> str:
        return ""

    def foreground(self, row: R, key: str) -> Any:
        return None

    # --- loading ------------------------------------------------------------------------

    def reload(self, *, wait: bool = False) -> None:
        """Ask the database for the sorted, filtered ids again (one query).

        Once that query has been seen to take longer than a glance (100,000 agreements:
        0.3-1 s), it runs in a worker and the list keeps answering meanwhile; an answer
        overtaken by a newer filter or sort is dropped. Small databases stay synchronous.
        """
        self._generation += 1
        generation = self._generation
        if (self._slow or self.assume_slow) and not wait:
            query = self.ids_query()
            self.busy.emit(True)
            run_job(
                None, "", lambda _progress: self._timed(query),
                lambda ids: self._arrived(generation, ids),
                lambda exc: self._failed(generation, exc),
                show_dialog=False,
            )  # fmt: skip
            return
        self.set_ids(self._timed(self.ids_query()))

    def ids_query(self) -> Callable[[Session], list[int]]:
        """The id query with the current filter and sort frozen in, safe to run elsewhere."""
        return self.fetch_ids

    def _timed(self, query: Callable[[Session], list[int]]) -> list[int]:
        started = time.perf_counter()
        with self.db.session() as s:
            ids = query(s)
        self._slow = self.assume_slow or time.perf_counter() - started > SLOW_QUERY_SECONDS
        return ids

    def _arrived(self, generation: int, ids: list[int]) -> None:
        if generation == self._generation:
            self.set_ids(ids)
            self.busy.emit(False)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.busy.emit(False)
            self.failed.emit(str(exc))

    def is_current(self) -> bool:
        """True when no answer to a newer filter or sort is still on its way."""
        return self._generation == self._shown_generation

    def set_ids(self, ids: list[int]) -> None:
        self._shown_generation = self._generation
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Forget cached rows (after an edit) but keep the id order and the selection."""
        self._pages.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_of_id(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def record(self, row: int) -> R | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // self.PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            start = number * self.PAGE_SIZE
            wanted = self._ids[start : start + self.PAGE_SIZE]
            with self.db.session() as s:
                page = {self.row_id(r): r for r in self.fetch_rows(s, wanted)}
            self._pages[number] = page
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self._ids[row])  # None: deleted since the ids were read

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index):
            return None
        row = index.row()
        if role == Roles.ID:
            return self._ids[row]
        record = self.record(row)
        if record is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.value(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(record, column.key)
        if role == Roles.RECORD:
            return record
        if role == Roles.STATE:
            return self.cell_state(record, column.key)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title()
        if role == Roles.SORT_KEY:
            return column.sort_key
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is an ORDER BY in the database, never a Python sort of the rows."""
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self._ids:
            return
        self.sort_key, self.descending = key, descending
        self.reload()
