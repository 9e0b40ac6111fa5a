"""The partner field of the agreement editor: one list for thousands of partners."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


class PartnerPicker(QComboBox):
    """An editable list of partners that finds one by any part of either script's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._ids: list[int] = []
        self._labels: list[str] = []
        self._row_of: dict[int, int] = {}
        self.wanted: int | None = None  # chosen before the list arrived (see select)
        self._model = QStringListModel(self)
        self.setModel(self._model)
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Type a name in English or Chinese"))

    def set_partners(self, partners: list[tuple[int, str]]) -> None:
        # One model for thousands of partners: one call, not one addItem() per partner
        # (each Qt call costs time, and PySide6 6.12 on Python 3.11 leaks a None reference
        # per void call, which aborts the process after a few thousand).
        self._ids = [pid for pid, _ in partners]
        self._labels = [name for _, name in partners]
        self._row_of = {pid: row for row, pid in enumerate(self._ids)}
        self.blockSignals(True)
        self._model.setStringList(self._labels)
        self.setCurrentIndex(-1)
        self.blockSignals(False)

    def select(self, partner_id: int | None, label: str | None = None) -> None:
        """Show this partner; ``label``: its name, if the list may not have arrived yet."""
        self.wanted = partner_id
        if partner_id is not None and partner_id not in self._row_of and label is not None:
            # The whole list is read in a worker: meanwhile the list holds this one.
            self.set_partners([*zip(self._ids, self._labels, strict=True), (partner_id, label)])
        index = self._row_of.get(partner_id, -1) if partner_id is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def partner_id(self) -> int | None:
        """The partner the text names: exactly, else the only one containing it."""
        text = self.currentText().strip()
        if not text:
            return None
        folded = text.casefold()
        exact = [i for i, label in enumerate(self._labels) if label.casefold() == folded]
        if exact:
            return self._ids[exact[0]]
        hits = [i for i, label in enumerate(self._labels) if folded in label.casefold()]
        return self._ids[hits[0]] if len(hits) == 1 else None
