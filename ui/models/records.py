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

from ui.models.lazy import Roles

Index = QModelIndex | QPersistentModelIndex


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
        if not index.isValid() or not self.checkIndex(index):
            return None
        record = self._records[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return record.cells[column] if column < len(record.cells) else ""
        if role == Qt.ItemDataRole.ForegroundRole and record.colour:
            return QColor(record.colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in record.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Roles.ID:
            return record.id
        if role == Roles.RECORD:
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
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
