"""The Attachments tab of the agreement editor and the dialog of one document."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from app.db import Database, Session
from app.domain.enums import DocumentKind
from app.services.agreements import (
    AgreementView,
    AttachmentView,
)
from app.services.attachments import (
    add_attachment,
    attachment_content,
    duplicate_note,
    remove_attachment,
    safe_filename,
)
from ui import settings
from ui.background import Reader
from ui.editors.agreement.tab_base import RecordsTab, item
from ui.editors.fields import OptionalDateEdit
from ui.editors.labels import enum_label
from ui.editors.messages import translate_message
from ui.editors.record_dialog import RecordDialog
from ui.widgets.files import open_path, save_path
from ui.widgets.system_open import open_with_desktop


class DuplicateDocumentError(Exception):
    """The file is attached already: asked about before it is added again (nothing written)."""

    def __init__(self, note: str) -> None:
        super().__init__(note)
        self.note = note


class AttachmentDialog(RecordDialog):
    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__("", parent)
        # Set by the tab: whether to add a file attached already (asked with its note).
        self.add_again: Callable[[str], bool] = lambda _note: False
        self.again = False  # the user said yes: the next submit adds it all the same
        self.setWindowTitle(self.tr("Add document"))
        self.path = path
        name = QLabel(path.name, self)
        self.kind_combo = QComboBox(self)
        for kind in DocumentKind:
            self.kind_combo.addItem(enum_label(kind), kind.value)
        self.expires_edit = OptionalDateEdit(self)
        self.form.addRow(self.tr("File"), name)
        self.add_field("kind", self.tr("Kind"), self.kind_combo)
        self.add_field("expires_on", self.tr("Expires on"), self.expires_edit)
        self.board.aliases["filename"] = "kind"
        self.board.aliases["content"] = "kind"

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, DuplicateDocumentError):
            super()._refused(exc)
            return
        self.setEnabled(True)
        if self.add_again(exc.note):
            self.again = True
            self._submit()
        else:
            self.accept()  # nothing added, as asked


class AttachmentsTab(RecordsTab):
    activate_writes = False  # a double click opens the document

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            [self.tr("File"), self.tr("Kind"), self.tr("Expires"), self.tr("Size"),
             self.tr("Added"), self.tr("By")],
            parent,
        )  # fmt: skip
        self.button(self.tr("Add…"), self.add)
        self.button(self.tr("Open"), self.activate, needs_row=True, writes=False)
        self.button(self.tr("Save a copy…"), self.save_copy, needs_row=True, writes=False)
        self.button(self.tr("Remove"), self.remove, needs_row=True)
        self.finish_buttons()
        self._temp: Path | None = None
        # The documents' contents, read apart from the tab's refreshes (which they would
        # overtake, and be overtaken by).
        self.content_reader = Reader(db, self, quick=True)

    def fill(self, view: AgreementView) -> None:
        today = date.today()
        for att in view.attachments:
            row = self.table.rowCount()
            self.table.insertRow(row)
            expires = item(att.expires_on.isoformat() if att.expires_on else "")
            if att.expires_on is not None and (att.expires_on - today).days <= 60:
                colour = "#c62828" if att.expires_on < today else "#e65100"
                expires.setForeground(QBrush(QColor(colour)))
            cells = [
                item(att.filename, att),
                item(enum_label(att.kind)),
                expires,
                item(_size(att.size), right=True),
                item(att.uploaded_at.astimezone().strftime("%Y-%m-%d %H:%M")),
                item(att.uploaded_by),
            ]
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)

    def add(self) -> None:
        assert self.view is not None
        agreement_id = self.view.id
        chosen = open_path(self, self.tr("Add document"), settings.FOLDER_ATTACHMENTS)
        if chosen is None:
            return
        path = chosen
        dialog = AttachmentDialog(self, path)

        def submit() -> Callable[[Session], object]:
            try:
                content = path.read_bytes()
            except OSError as exc:
                raise ValueError("kind", str(exc)) from None
            kind = DocumentKind(dialog.kind_combo.currentData())
            expires_on, again = dialog.expires_edit.value(), dialog.again

            def work(s: Session) -> None:
                # In a worker (the dialog off meanwhile): a file attached already is asked
                # about on the GUI thread, then submitted again (see AttachmentDialog).
                if not again and (note := duplicate_note(s, agreement_id, content)):
                    raise DuplicateDocumentError(note)
                add_attachment(s, agreement_id, path.name, content, kind=kind,
                               expires_on=expires_on)  # fmt: skip

            return work

        dialog.submit = submit
        dialog.db = self.db
        dialog.add_again = lambda note: self.confirm(
            self.tr("Add document"),
            self.tr("{note}. Add it again?").format(note=translate_message(note)),
        )
        if dialog.exec() == RecordDialog.DialogCode.Accepted:
            self.refresh()

    def _with_content(self, att: AttachmentView, then: Callable[[bytes], object]) -> None:
        """``then(content)`` once the document is read, in a worker: a scanned contract of
        a few megabytes took the GUI thread with it. A refusal is said."""
        attachment_id = att.id
        self.content_reader.read(
            lambda s: attachment_content(s, attachment_id)[1], then, self._failed
        )

    def activate(self) -> None:
        att = self.selected_data()
        if isinstance(att, AttachmentView):
            self._with_content(att, lambda content: self._open(att, content))

    def _open(self, att: AttachmentView, content: bytes) -> None:
        # A folder per document: two documents may share a file name.
        if self._temp is None:
            # Not a TemporaryDirectory: the viewer opened may still read the file after this
            # editor closes, so the copies stay until the system clears its temp folder.
            self._temp = Path(tempfile.mkdtemp(prefix="partnerdesk-"))
        folder = self._temp / str(att.id)
        # safe_filename: a name stored by an older version may still be "../x" or "CON".
        target = folder / safe_filename(att.filename)
        try:
            folder.mkdir(exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:
            self.error(self.tr("Could not open {name}: {reason}").format(
                name=att.filename, reason=exc.strerror or exc))  # fmt: skip
            return
        open_with_desktop(self, target, lambda: self._offer_copy(att))

    def _offer_copy(self, att: AttachmentView) -> None:
        """Nothing on this computer opens the document: say so, and offer to save it."""
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Cannot open the document"),
            self.tr("No application on this computer opens {name}.").format(name=att.filename),
            QMessageBox.StandardButton.Close, self,
        )  # fmt: skip
        box.setInformativeText(self.tr("Save a copy and open it with a program of your choice."))
        save = box.addButton(self.tr("Save a copy…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(save)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        save.clicked.connect(lambda: self.save_copy(att))
        self.no_handler_box = box
        box.open()

    def save_copy(self, att: object = None) -> None:
        att = att if isinstance(att, AttachmentView) else self.selected_data()
        if not isinstance(att, AttachmentView):
            return
        path, _ = save_path(
            self,
            self.tr("Save a copy"),
            settings.FOLDER_ATTACHMENTS,
            safe_filename(att.filename),
            "",
        )
        if path is None:
            return
        filename = str(path)

        def save(content: bytes) -> None:
            try:
                Path(filename).write_bytes(content)
            except OSError as exc:
                self.error(self.tr("Could not save {name}: {reason}").format(
                    name=filename, reason=exc.strerror or exc))  # fmt: skip

        self._with_content(att, save)

    def remove(self) -> None:
        att = self.selected_data()
        if not isinstance(att, AttachmentView):
            return
        if not self.confirm(self.tr("Remove document"),
                            self.tr("Remove “{name}”?").format(name=att.filename)):  # fmt: skip
            return
        attachment_id = att.id
        self.write(lambda s: remove_attachment(s, attachment_id))


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1_048_576:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1_048_576:.1f} MB"


# --- history ---------------------------------------------------------------------------
