"""A small read-only table of prepared rows (dashboard lists, renewals, a partner's view).

These lists are bounded by the services (a few hundred rows at most), so the rows are
built once per refresh; each row carries the agreement id it opens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ui.models.lazy import (
    ALIGNMENT,
    DISPLAY,
    FOREGROUND,
    NO_FLAGS,
    RIGHT,
    ROW_FLAGS,
    TOOLTIP,
    Roles,
)

Index = QModelIndex | QPersistentModelIndex
_ID, _RECORD = int(Roles.ID), int(Roles.RECORD)


@dataclass(frozen=True)
class Record:
    id: int
    cells: tuple[str, ...]
    colour: str | None = None  # foreground of the whole row (e.g. overdue in red)
    right_aligned: frozenset[int] = field(default_factory=frozenset)
    payload: Any = None


class RecordTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[Callable[[], str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._records: list[Record] = []

    def set_records(self, records: Sequence[Record]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[Record]:
        return list(self._records)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._records) and 0 <= column < len(self._headers)):
            return None  # an invalid index is row -1
        record = self._records[row]
        role = int(role)
        if role in (DISPLAY, TOOLTIP):
            return record.cells[column] if column < len(record.cells) else ""
        if role == FOREGROUND and record.colour:
            return QColor(record.colour)
        if role == ALIGNMENT and column in record.right_aligned:
            return RIGHT
        if role == _ID:
            return record.id
        if role == _RECORD:
            return record.payload
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else NO_FLAGS
