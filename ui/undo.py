"""Undo and redo of saved changes, through the main window's one QUndoStack.

Every command is pushed after its change was saved (``applied=True``), so its first
``redo()`` — the one ``QUndoStack.push`` makes — does nothing. Later undo/redo steps each run
in their own transaction against the record as it is *now*: they re-read the current version
rather than trusting the one seen when the command was made.

A step that cannot be applied (the agreement was deleted on another desk, the reference is
taken again) tells the user why and drops out of the stack; it never raises into Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from app.db import Database, Session
from app.domain.enums import AgreementStatus
from app.errors import PartnerDeskError
from app.services.agreements import AgreementInput, AgreementView, change_status, get_agreement
from app.services.editing import (
    AgreementSnapshot,
    delete_partner_for_undo,
    delete_with_snapshot,
    restore_agreement,
    restore_partner,
    revert_partner,
    step_agreement,
)
from app.services.partners import PartnerInput
from ui import background
from ui.changes import AGREEMENT, PARTNER, Changes, Entity
from ui.editors.labels import enum_label

log = logging.getLogger(__name__)


# Each text is a literal in its own translate() call, so that pyside6-lupdate collects it.
translate = QCoreApplication.translate


class UndoEvents(QObject):
    """Tells the pages and open editors that an undo or redo changed a record."""

    changed = Signal(object)  # Changes
    failed = Signal(str)  # the message shown to the user

    def __init__(self) -> None:
        super().__init__()
        self.stack: QUndoStack | None = None  # the main window's (a failed step leaves it)


_events: UndoEvents | None = None


def undo_events() -> UndoEvents:
    global _events  # created on first use: a QObject needs the QApplication to exist
    if _events is None:
        _events = UndoEvents()
    return _events


def show_undo_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, translate("Undo", "Cannot undo or redo"), message)


class DatabaseCommand(QUndoCommand):
    """A saved change that can be written back and forth in one transaction each."""

    entity: Entity = AGREEMENT

    def __init__(
        self,
        db: Database,
        describe: Callable[[], str],
        *,
        applied: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        # ``describe`` says the step in the language installed when it is called: the
        # window calls retranslate() on every step after a language switch.
        super().__init__(describe())
        self._describe = describe
        self.db = db
        self.parent_widget = parent
        self._skip_redo = applied
        self.record_id = 0

    def retranslate(self) -> None:
        self.setText(self._describe())

    def redo(self) -> None:
        if self._skip_redo or self.isObsolete():  # saved before it was pushed; failed
            self._skip_redo = False
            return
        self._run(self.apply_redo, undoing=False)

    def undo(self) -> None:
        self._run(self.apply_undo, undoing=True)

    def apply_redo(self, session: Session) -> None:
        raise NotImplementedError

    def apply_undo(self, session: Session) -> None:
        raise NotImplementedError

    def _run(self, step: Callable[[Session], None], *, undoing: bool) -> None:
        # In a worker (ui.background.write: one write after another, in order): undoing a
        # save at a million agreements must not freeze the window.
        synchronous = not background.in_workers

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PartnerDeskError):
                self._fail(str(exc))
            else:  # a bug must still not crash the window from inside Qt
                log.error("undo step failed", exc_info=exc)
                self._fail(repr(exc))
            if not synchronous:
                self._leave_stack(undoing)

        def done(_answer: None) -> None:
            undo_events().changed.emit(Changes.of(self.entity, [self.record_id]))

        background.write(self.db, step, done, failed)

    def _leave_stack(self, undoing: bool) -> None:
        """Take the failed step off the stack, as QUndoStack does with a step made obsolete
        inside undo()/redo(): from a worker the failure comes after the stack moved past it.

        The stack deletes an obsolete step it reaches without running it: a redo over a
        failed undo (or an undo over a failed redo) puts the stack back where it was.
        """
        stack = undo_events().stack
        if stack is None:
            return
        index = stack.index()
        if undoing and index < stack.count() and stack.command(index) is self:
            stack.redo()
        elif not undoing and index > 0 and stack.command(index - 1) is self:
            stack.undo()
        # Else the stack moved on meanwhile: the step stays obsolete, and the stack deletes
        # it when it next reaches it, without running it.

    def _fail(self, reason: str) -> None:
        # Obsolete in undo()/redo() (tests: writes synchronous): QUndoStack deletes the
        # step. From a worker, _leave_stack takes it off.
        self.setObsolete(True)
        message = translate("Undo", "“{action}” could not be applied: {reason}").format(
            action=self.text(), reason=reason
        )
        undo_events().failed.emit(message)
        show_undo_error(self.parent_widget, message)


# --- agreements ------------------------------------------------------------------------


class EditAgreementCommand(DatabaseCommand):
    """Field edits of a saved agreement (status included, when saved with the fields)."""

    def __init__(
        self,
        db: Database,
        agreement_id: int,
        before: AgreementInput,
        after: AgreementInput,
        *,
        applied: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        ref = after.reference or before.reference or ""
        super().__init__(
            db,
            lambda: translate("Undo", "Edit {ref}").format(ref=ref),
            applied=applied,
            parent=parent,
        )
        self.record_id = agreement_id
        self.before = before
        self.after = after

    def apply_undo(self, session: Session) -> None:
        step_agreement(session, self.record_id, self.after, self.before)

    def apply_redo(self, session: Session) -> None:
        step_agreement(session, self.record_id, self.before, self.after)


class ChangeStatusCommand(DatabaseCommand):
    def __init__(
        self,
        db: Database,
        agreement_id: int,
        reference: str,
        old: tuple[AgreementStatus, date | None],
        new: tuple[AgreementStatus, date | None],
        *,
        applied: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            db,
            lambda: translate("Undo", "Change {ref} to {status}").format(
                ref=reference, status=enum_label(new[0])
            ),
            applied=applied,
            parent=parent,
        )
        self.record_id = agreement_id
        self.old = old
        self.new = new

    def _step(
        self,
        session: Session,
        frm: tuple[AgreementStatus, date | None],
        to: tuple[AgreementStatus, date | None],
    ) -> None:
        now = get_agreement(session, self.record_id).to_input()
        step_agreement(
            session,
            self.record_id,
            replace(now, status=frm[0], signed_date=frm[1]),
            replace(now, status=to[0], signed_date=to[1]),
        )

    def apply_undo(self, session: Session) -> None:
        self._step(session, self.new, self.old)

    def apply_redo(self, session: Session) -> None:
        self._step(session, self.old, self.new)


class DeleteAgreementCommand(DatabaseCommand):
    """Undo brings the agreement back whole, from the snapshot taken when it was deleted."""

    def __init__(
        self,
        db: Database,
        snapshot: AgreementSnapshot,
        *,
        applied: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        ref = snapshot.data.reference or ""
        super().__init__(
            db,
            lambda: translate("Undo", "Delete {ref}").format(ref=ref),
            applied=applied,
            parent=parent,
        )
        self.snapshot = snapshot
        self.record_id = snapshot.id

    def apply_undo(self, session: Session) -> None:
        self.record_id = restore_agreement(session, self.snapshot).id

    def apply_redo(self, session: Session) -> None:
        self.snapshot = delete_with_snapshot(session, self.record_id)


class CreateAgreementCommand(DatabaseCommand):
    """Undo of a new agreement deletes it; redo brings back what it had by then."""

    def __init__(
        self, db: Database, view: AgreementView, *, applied: bool = True,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        ref = view.reference
        super().__init__(
            db,
            lambda: translate("Undo", "Create {ref}").format(ref=ref),
            applied=applied,
            parent=parent,
        )
        self.record_id = view.id
        self.snapshot: AgreementSnapshot | None = None

    def apply_undo(self, session: Session) -> None:
        self.snapshot = delete_with_snapshot(session, self.record_id)

    def apply_redo(self, session: Session) -> None:
        assert self.snapshot is not None
        self.record_id = restore_agreement(session, self.snapshot).id


# --- partners --------------------------------------------------------------------------


class EditPartnerCommand(DatabaseCommand):
    entity = PARTNER

    def __init__(
        self,
        db: Database,
        partner_id: int,
        before: PartnerInput,
        after: PartnerInput,
        *,
        applied: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        name = after.legal_name
        super().__init__(
            db,
            lambda: translate("Undo", "Edit partner {name}").format(name=name),
            applied=applied,
            parent=parent,
        )
        self.record_id = partner_id
        self.before = before
        self.after = after

    def apply_undo(self, session: Session) -> None:
        revert_partner(session, self.record_id, self.before)

    def apply_redo(self, session: Session) -> None:
        revert_partner(session, self.record_id, self.after)


class CreatePartnerCommand(DatabaseCommand):
    entity = PARTNER

    def __init__(
        self, db: Database, partner_id: int, data: PartnerInput, *, applied: bool = True,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        name = data.legal_name
        super().__init__(
            db,
            lambda: translate("Undo", "Create partner {name}").format(name=name),
            applied=applied,
            parent=parent,
        )
        self.record_id = partner_id
        self.data = data

    def apply_undo(self, session: Session) -> None:
        delete_partner_for_undo(session, self.record_id)

    def apply_redo(self, session: Session) -> None:
        self.record_id = restore_partner(session, self.record_id, self.data).id


# --- one call for the pages: do it, then make it undoable ------------------------------


def change_status_undoable(
    db: Database,
    stack: QUndoStack | None,
    agreement_id: int,
    new_status: AgreementStatus,
    *,
    signed_date: date | None = None,
    parent: QWidget | None = None,
) -> AgreementView:
    """Change the status now (raising the service's refusal) and push the undo step."""
    with db.session() as s:
        before = get_agreement(s, agreement_id)
        after = change_status(s, agreement_id, new_status, before.version, signed_date=signed_date)
    if stack is not None:
        stack.push(
            ChangeStatusCommand(
                db, agreement_id, after.reference,
                (before.status, before.signed_date), (after.status, after.signed_date),
                parent=parent,
            )
        )  # fmt: skip
    return after


def delete_agreement_undoable(
    db: Database,
    stack: QUndoStack | None,
    agreement_id: int,
    expected_version: int | None = None,
    *,
    parent: QWidget | None = None,
    done: Callable[[AgreementSnapshot], object] | None = None,
    failed: Callable[[BaseException], object] | None = None,
) -> AgreementSnapshot | None:
    """Delete and push the step that brings it back.

    Without ``done``: now, raising the service's refusal. With it: in a worker
    (``ui.background.write``), then ``done(snapshot)`` or ``failed(refusal)``.
    """
    if done is None:
        with db.session() as s:
            snap = delete_with_snapshot(s, agreement_id, expected_version)
        if stack is not None:
            stack.push(DeleteAgreementCommand(db, snap, parent=parent))
        return snap

    def deleted(snap: AgreementSnapshot) -> None:
        if stack is not None:
            stack.push(DeleteAgreementCommand(db, snap, parent=parent))
        done(snap)

    def refused(exc: BaseException) -> None:
        if failed is None:
            raise exc
        failed(exc)

    background.write(
        db, lambda s: delete_with_snapshot(s, agreement_id, expected_version), deleted, refused
    )
    return None
