"""The agreement editor's Approvals tab: what the policy requires, every decision, and
Approve / Reject for an approver who did not write the terms."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import PartnerDeskError
from app.services.agreements import AgreementView
from app.services.approval_desk import AgreementApprovals, Blocker, agreement_approvals
from app.services.approvals import decide
from ui import background
from ui.access import switch
from ui.background import Reader
from ui.editors.agreement.tab_base import RecordsTab, item


class CommentDialog(QDialog):
    """The comment that goes with a decision; a rejection must say why."""

    def __init__(self, approve: bool, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.approve = approve
        self.setWindowTitle(
            (self.tr("Approve %1") if approve else self.tr("Reject %1")).replace("%1", reference)
        )
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setTabChangesFocus(True)  # Tab goes on to the buttons
        self.comment_edit.setAccessibleName(self.tr("Comment"))
        label = QLabel(
            self.tr("Comment (optional):") if approve else self.tr("Why is it rejected?"), self
        )
        label.setBuddy(self.comment_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Approve") if approve else self.tr("Reject"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.comment_edit, 1)
        layout.addWidget(self.buttons)
        self.comment_edit.textChanged.connect(self._update)
        self._update()
        self.resize(440, 220)

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()

    def _update(self) -> None:
        needed = not self.approve and not self.comment()
        switch(self.ok_button, self.tr("A rejection needs a comment") if needed else None)


class ApprovalsTab(RecordsTab):
    decided = Signal(str)  # what was decided, to say where people look ("Approved BR-…")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            db,
            [self.tr("Who"), self.tr("Decision"), self.tr("When"), self.tr("Comment"),
             self.tr("Counts")],
            parent,
        )  # fmt: skip
        self.note.setText(self.tr("A new agreement has no approvals yet."))
        self.approvals: AgreementApprovals | None = None
        self.reader = Reader(db, self, quick=True)  # the decisions, read in a worker
        self.role_refusal: str | None = None  # "Your role, editor, cannot approve …"
        self.requirement_label = QLabel(self)
        self.requirement_label.setWordWrap(True)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.requirement_label)
        self.approve_button = self.button(self.tr("Approve…"), lambda: self.decide(True),
                                          writes=False)  # fmt: skip
        self.reject_button = self.button(self.tr("Reject…"), lambda: self.decide(False),
                                         writes=False)  # fmt: skip
        self.finish_buttons()

    def fill(self, view: AgreementView) -> None:
        agreement_id = view.id
        self.reader.read(
            lambda s: agreement_approvals(s, agreement_id, date.today()),
            self._arrived, self._unread,
        )  # fmt: skip

    def _unread(self, exc: BaseException) -> None:
        if not isinstance(exc, PartnerDeskError):
            raise exc
        self.approvals = None
        self.requirement_label.setText(str(exc))
        self._update_buttons()

    def _arrived(self, approvals: AgreementApprovals) -> None:
        self.approvals = approvals
        state = self.approvals.state
        self.table.setRowCount(len(state.decisions))
        for row, d in enumerate(state.decisions):
            cells = [
                item(d.who, d),
                item(self.tr("Approved") if d.approved else self.tr("Rejected")),
                item(d.at.astimezone().strftime("%Y-%m-%d %H:%M")),
                item(d.comment),
                item(self.tr("Yes") if d.current else self.tr("No — the terms changed since")),
            ]
            cells[0].setToolTip(d.login)
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
        self.requirement_label.setText(self._requirement_text(self.approvals))
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def set_agreement(self, view: AgreementView | None) -> None:
        if view is None:
            self.approvals = None
            self.requirement_label.clear()
        super().set_agreement(view)

    def _requirement_text(self, a: AgreementApprovals) -> str:
        need = a.state.requirement
        if need is None:
            lines = [self.tr("No approval is required at this value.")]
        else:
            text = self.tr("Requires %n approval(s) by different people", "", need.approvals)
            if need.admin_required:
                text += (
                    self.tr(", one of them by an admin")
                    if need.approvals > 1
                    else self.tr(", by an admin")
                )
            have = len(a.state.approvers)
            lines = [text + self.tr("; approved by %1 so far.").replace("%1", str(have))]
        if a.state.rejection is not None:
            lines.append(
                self.tr("Rejected by %1: change its terms to ask again.").replace(
                    "%1", a.state.rejection.who
                )
            )
        if a.author_name:
            lines.append(self.tr("Current terms written by %1.").replace("%1", a.author_name))
        return "\n".join(lines)

    def _why_not(self) -> str | None:
        if self.approvals is None:
            return self.tr("Save the agreement first.")
        return {
            None: None,
            Blocker.NOT_WAITING: self.tr("Only an agreement pending approval is approved"),
            Blocker.ROLE: self.role_refusal
            or self.tr("Your role cannot approve or reject agreements"),
            Blocker.AUTHOR: self.tr("You wrote its current terms: someone else must approve"),
            Blocker.DECIDED: self.tr("You have already decided on these terms"),
        }[self.approvals.blocker]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if not hasattr(self, "reject_button"):
            return  # still being built
        why = self._why_not()
        switch(self.approve_button, why, tip=self.tr("Approve these terms, with a comment"))
        switch(self.reject_button, why, tip=self.tr("Reject these terms, saying why"))

    def decide(self, approve: bool) -> None:
        if self.view is None or self._why_not() is not None:
            return
        dialog = CommentDialog(approve, self.view.reference, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.record(approve, dialog.comment())

    def record(self, approve: bool, comment: str) -> bool:
        """Record the decision (one transaction, in a worker); the editor and the window
        then refresh. True once recorded (at once where writes are synchronous: tests)."""
        assert self.view is not None
        agreement_id, reference = self.view.id, self.view.reference
        recorded: list[bool] = []

        def done(_answer: object) -> None:
            recorded.append(True)
            self.refresh()  # emits changed: the editor reloads its history, the window its pages
            said = self.tr("Approved %1") if approve else self.tr("Rejected %1")
            self.decided.emit(said.replace("%1", reference))

        background.write(
            self.db, lambda s: decide(s, agreement_id, approve=approve, comment=comment),
            done, self._failed,
        )  # fmt: skip
        return bool(recorded)
