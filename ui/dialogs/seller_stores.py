"""A seller's stores in the seller editor: a small table to add, change and remove them.

The table holds the stores being edited; nothing is written until the editor is saved,
when the whole list goes to the one ``update_seller`` call (which refuses a nameless
store, a name or shop id given twice, a web address that is not one, a shop id that is
another seller's).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.sellers.register import StoreInput, StoreView


class StoresEditor(QWidget):
    def __init__(self, stores: tuple[StoreView, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Store name"), self.tr("Web address"), self.tr("Shop id")]
        )
        self.table.setAccessibleName(self.tr("Stores"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as the other lists
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(110)
        # Wide enough for a store's name and address to be read, not elided.
        self.table.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        for store in stores:
            self._append(store.name, store.url, store.shop_id)
        self.add_button = QPushButton(self.tr("Add store"))
        self.remove_button = QPushButton(self.tr("Remove store"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._enable()
        self.table.itemSelectionChanged.connect(self._enable)

    def _append(self, name: str, url: str, shop_id: str) -> QTableWidgetItem:
        row = self.table.rowCount()
        self.table.insertRow(row)
        items = [QTableWidgetItem(text) for text in (name, url, shop_id)]
        for column, item in enumerate(items):
            self.table.setItem(row, column, item)
        return items[0]

    def add(self) -> None:
        """A new empty store, its name being typed at once."""
        first = self._append("", "", "")
        self.table.setCurrentItem(first)
        self.table.editItem(first)
        self._enable()

    def remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        self._enable()

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.table.rowCount() > 0)

    def stores(self) -> tuple[StoreInput, ...]:
        """The stores as typed; a row left wholly blank is no store."""
        found = []
        for row in range(self.table.rowCount()):
            texts = [
                item.text() if (item := self.table.item(row, c)) is not None else ""
                for c in range(3)
            ]
            if any(t.strip() for t in texts):
                found.append(StoreInput(*texts))
        return tuple(found)
