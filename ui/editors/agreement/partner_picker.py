"""The partner field of the agreement editor: finds a partner among any number as you type.

It never holds every partner: at a million agreements there are 50,000, and reading them,
then handing them to a model and a completer, stalled the window 0.4-1 s each time an
editor opened. The list holds a screenful, read in a worker: the first names when the
editor opens, the names containing what was typed a moment after each key.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.db import Database, Session
from app.services.editing import PartnerChoice, partner_choices
from ui.background import Reader

SCREEN = 50  # names a look-up reads: more than the popup shows, so scrolling finds more
TYPING_PAUSE_MS = 150  # ask once the user pauses, not at every key


def find_choice(s: Session, text: str) -> int | None:
    """The partner ``text`` names (a label as the list shows it, a name, or a unique part
    of one); None if none or several. For a save asked before the look-up answered."""
    text = text.strip()
    legal = text.rsplit(" (", 1)[0] if text.endswith(")") else text
    found = partner_choices(s, legal, limit=SCREEN + 1)
    folded = text.casefold()
    for p in found:
        names = (p.label, p.legal_name, p.local_name or "")
        if folded in (name.casefold() for name in names):
            return p.id
    return found[0].id if len(found) == 1 and legal == text else None


class PartnerPicker(QComboBox):
    """An editable list of partners that finds one by any part of either script's name."""

    named = Signal()  # a partner chosen by id alone got its name (see select)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._ids: list[int] = []
        self._labels: list[str] = []
        self._row_of: dict[int, int] = {}
        # What the list holds: every partner whose name contains this text (None: only
        # some), so that a unique match is known to be unique.
        self._complete_for: str | None = None
        self.wanted: int | None = None  # chosen before its name arrived (see select)
        self.reader = Reader(db, self, quick=True)
        self._model = QStringListModel(self)
        self.setModel(self._model)
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.look_up)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Type a name in English or Chinese"))
        line.textEdited.connect(lambda _text: self._pause.start())

    def look_up(self, text: str | None = None) -> None:
        """Read the partners whose name contains ``text`` (default: the text typed; the
        first ones if none)."""
        self._pause.stop()
        text = self.currentText().strip() if text is None else text

        def read(s: Session) -> list[PartnerChoice]:
            return partner_choices(s, text or None, limit=SCREEN + 1)

        self.reader.read(read, lambda found: self._found(text, found))

    def _found(self, text: str, found: list[PartnerChoice]) -> None:
        complete = len(found) <= SCREEN
        shown = [(p.id, p.label) for p in found[:SCREEN]]
        chosen = self.partner_id()
        if chosen is not None and chosen not in {pid for pid, _ in shown}:
            shown.insert(0, (chosen, self._labels[self._row_of[chosen]]))
        self._set(shown, text.casefold() if complete else None)
        line = self.lineEdit()
        if text and line is not None and line.hasFocus() and chosen is None:
            completer = self.completer()
            assert completer is not None
            completer.setCompletionPrefix(self.currentText())
            completer.complete()  # the names found, under the field

    def set_partners(self, partners: list[tuple[int, str]]) -> None:
        """Offer these partners (tests, and callers that know them)."""
        self._set(partners, None)

    def _set(self, partners: list[tuple[int, str]], complete_for: str | None) -> None:
        # One model call for the list, not one addItem() per partner (each Qt call costs
        # time, and PySide6 6.12 on Python 3.11 leaks a None reference per void call).
        line = self.lineEdit()
        text = self.currentText()
        cursor = line.cursorPosition() if line is not None else 0
        self._ids = [pid for pid, _ in partners]
        self._labels = [name for _, name in partners]
        self._row_of = {pid: row for row, pid in enumerate(self._ids)}
        self._complete_for = complete_for
        self.blockSignals(True)
        self._model.setStringList(self._labels)
        index = self._labels.index(text) if text in self._labels else -1
        self.setCurrentIndex(index)
        self.setEditText(text)  # what the user typed stays as typed
        self.blockSignals(False)
        if line is not None:
            line.setCursorPosition(min(cursor, len(text)))

    def select(self, partner_id: int | None, label: str | None = None) -> None:
        """Show this partner; ``label``: its name, else it is read (in a worker)."""
        self.wanted = partner_id
        if partner_id is None:
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        if partner_id not in self._row_of:
            if label is None:
                self.setEditText("")
                self.reader.read(
                    lambda s: partner_choices(s, ids=[partner_id]), self._selected_arrived
                )
                return
            self._set([(partner_id, label), *zip(self._ids, self._labels, strict=True)],
                      None)  # fmt: skip
        self.setCurrentIndex(self._row_of[partner_id])

    def _selected_arrived(self, found: list[PartnerChoice]) -> None:
        if found and found[0].id == self.wanted and not self.currentText():
            self.select(found[0].id, found[0].label)
            self.named.emit()

    def partner_id(self) -> int | None:
        """The partner the text names: exactly, else the only one containing it."""
        text = self.currentText().strip()
        if not text:
            return None
        folded = text.casefold()
        exact = [i for i, label in enumerate(self._labels) if label.casefold() == folded]
        if exact:
            return self._ids[exact[0]]
        if self._complete_for is None or self._complete_for not in folded:
            return None  # the list may not hold every partner containing the text
        hits = [i for i, label in enumerate(self._labels) if folded in label.casefold()]
        return self._ids[hits[0]] if len(hits) == 1 else None

    def pending(self) -> bool:
        """True while a look-up of what was typed is waiting or on its way."""
        return self._pause.isActive() or not self.reader.is_idle()
