"""Undo and redo of saved changes through one QUndoStack (Ctrl+Z / Ctrl+Shift+Z)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import ui.undo
from app.db import Database
from app.domain.enums import AgreementStatus, DocumentKind, PartnerRole
from app.errors import NotFoundError
from app.services.agreements import (
    AgreementView,
    get_agreement,
    renew_agreement,
    update_agreement,
)
from app.services.attachments import add_attachment, attachment_content
from app.services.audit import history
from app.services.kpis import record_actual
from app.services.milestones import MilestoneInput, add_milestone
from app.services.partners import PartnerInput, get_partner
from ui.changes import Changes
from ui.dialogs import backup as backup_dialog
from ui.dialogs.import_wizard import ImportWizard
from ui.editors.agreement.editor import AgreementEditor
from ui.editors.partner_editor import PartnerEditor
from ui.main_window import MainWindow
from ui.undo import (
    ChangeStatusCommand,
    DeleteAgreementCommand,
    change_status_undoable,
    delete_agreement_undoable,
    undo_events,
)

Button = QMessageBox.StandardButton
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What QMessageBox.warning told the user; questions are answered Yes."""
    shown: list[str] = []

    def warning(_parent: QWidget | None, _title: str, text: str, *_a: Any) -> Button:
        shown.append(text)
        return Button.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: Button.Yes)
    return shown


@pytest.fixture(autouse=True)
def fresh_undo_events(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows of earlier tests may still be connected to the shared notifier by lambdas
    # that outlive them; each test hears only its own undo steps.
    del qtbot
    monkeypatch.setattr(ui.undo, "_events", ui.undo.UndoEvents())


@pytest.fixture
def stack(qtbot: QtBot) -> QUndoStack:
    del qtbot  # the QApplication must exist before any QObject
    return QUndoStack()


def stored(db: Database, agreement_id: int) -> AgreementView:
    with db.session() as s:
        return get_agreement(s, agreement_id)


def first(db: Database, status: AgreementStatus) -> AgreementView:
    with db.session() as s:
        return next(a for a in (get_agreement(s, i) for i in range(1, 61)) if a.status is status)


def retitle(qtbot: QtBot, editor: AgreementEditor, title: str) -> None:
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, title)  # type: ignore[no-untyped-call]
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def test_an_edit_saved_in_the_editor_is_undone_and_redone(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    before = stored(ui_db, 1)
    editor = AgreementEditor(ui_db, 1, undo_stack=stack)
    qtbot.addWidget(editor)
    editor.notice_spin.setValue(before.notice_days + 10)
    retitle(qtbot, editor, "Edited title")
    assert stored(ui_db, 1).title == "Edited title"
    assert stack.count() == 1
    assert stack.undoText() == f"Edit {before.reference}"

    changed: list[Changes] = []
    undo_events().changed.connect(changed.append)
    stack.undo()
    undone = stored(ui_db, 1)
    assert (undone.title, undone.notice_days) == (before.title, before.notice_days)
    assert undone.decision_date == before.decision_date
    assert changed == [Changes(agreements=frozenset({1}))]  # the pages hear of it

    stack.redo()
    redone = stored(ui_db, 1)
    assert (redone.title, redone.notice_days) == ("Edited title", before.notice_days + 10)
    # Each step went through the services: the audit trail shows the way back and forth.
    with ui_db.session() as s:
        titles = [h.new_value for h in history(s, "agreement", 1) if h.field == "title"]
    assert titles[:3] == ["Edited title", before.title, "Edited title"]


def test_undo_applies_over_a_later_version(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    before = stored(ui_db, 2)
    editor = AgreementEditor(ui_db, 2, undo_stack=stack)
    qtbot.addWidget(editor)
    retitle(qtbot, editor, "Mine")
    with ui_db.session() as s:  # the version moves on after the step was recorded
        now = get_agreement(s, 2)
        update_agreement(s, 2, replace(now.to_input(), owner="Someone Else"), now.version)
    stack.undo()
    after = stored(ui_db, 2)
    assert after.title == before.title
    assert after.version > before.version


def test_undoing_an_old_edit_keeps_the_renewal_made_since(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    active = first(ui_db, AgreementStatus.ACTIVE)
    editor = AgreementEditor(ui_db, active.id, undo_stack=stack)
    qtbot.addWidget(editor)
    retitle(qtbot, editor, "Retitled before the renewal")
    with ui_db.session() as s:
        renew_agreement(s, active.id, get_agreement(s, active.id).version)
    stack.undo()
    undone = stored(ui_db, active.id)
    # The edit changed the title only: going back must not undo the renewal with it.
    assert (undone.title, undone.status) == (active.title, AgreementStatus.RENEWED)


def test_undo_never_overwrites_a_field_changed_again_since(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack, warnings_shown: list[str]
) -> None:
    before = stored(ui_db, 3)
    editor = AgreementEditor(ui_db, 3, undo_stack=stack)
    qtbot.addWidget(editor)
    retitle(qtbot, editor, "Mine")
    with ui_db.session() as s:  # another desk retitles it again
        now = get_agreement(s, 3)
        update_agreement(s, 3, replace(now.to_input(), title="Theirs"), now.version)
    stack.undo()
    assert stored(ui_db, 3).title == "Theirs"
    assert len(warnings_shown) == 1
    assert f"{before.reference} has changed since (title is now Theirs)" in warnings_shown[0]
    assert stack.count() == 0


def test_undoing_an_activation_after_a_renewal_is_refused(
    ui_db: Database, stack: QUndoStack, warnings_shown: list[str]
) -> None:
    pending = first(ui_db, AgreementStatus.PENDING_APPROVAL)
    change_status_undoable(ui_db, stack, pending.id, AgreementStatus.ACTIVE,
                           signed_date=pending.signed_date or date(2026, 11, 1))  # fmt: skip
    with ui_db.session() as s:
        renew_agreement(s, pending.id, get_agreement(s, pending.id).version)
    stack.undo()
    assert stored(ui_db, pending.id).status is AgreementStatus.RENEWED
    assert "status is now renewed" in warnings_shown[0]


def test_a_status_change_is_undone_even_where_the_lifecycle_has_no_way_back(
    ui_db: Database, stack: QUndoStack
) -> None:
    pending = first(ui_db, AgreementStatus.PENDING_APPROVAL)
    signed = pending.signed_date or date(2026, 11, 1)
    after = change_status_undoable(
        ui_db, stack, pending.id, AgreementStatus.ACTIVE, signed_date=signed
    )
    assert after.status is AgreementStatus.ACTIVE
    assert isinstance(stack.command(0), ChangeStatusCommand)
    assert stack.undoText() == f"Change {pending.reference} to Active"

    stack.undo()  # active -> pending approval is not a legal move for a person
    undone = stored(ui_db, pending.id)
    assert (undone.status, undone.signed_date) == (pending.status, pending.signed_date)
    stack.redo()
    assert stored(ui_db, pending.id).status is AgreementStatus.ACTIVE


def test_a_status_change_saved_in_the_editor_is_one_undo_step(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    draft = first(ui_db, AgreementStatus.DRAFT)
    editor = AgreementEditor(ui_db, draft.id, undo_stack=stack)
    qtbot.addWidget(editor)
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("negotiation"))
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert stored(ui_db, draft.id).status is AgreementStatus.NEGOTIATION
    assert isinstance(stack.command(0), ChangeStatusCommand)
    stack.undo()
    assert stored(ui_db, draft.id).status is AgreementStatus.DRAFT


def _dress(db: Database, agreement_id: int) -> None:
    """Give the agreement one of everything that must come back after a delete."""
    with db.session() as s:
        add_milestone(s, agreement_id, MilestoneInput("Launch", date(2027, 2, 1), "Li Wei"))
        view = get_agreement(s, agreement_id)
        record_actual(s, view.kpis[0].id, date(2026, 10, 31), Decimal("123.45"), "October")
        add_attachment(s, agreement_id, "contract.pdf", b"%PDF signed",
                       kind=DocumentKind.SIGNED_CONTRACT, expires_on=date(2028, 1, 1))  # fmt: skip


def test_a_deleted_agreement_comes_back_whole_on_undo(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    _dress(ui_db, 9)
    before = stored(ui_db, 9)
    editor = AgreementEditor(ui_db, 9, undo_stack=stack)
    qtbot.addWidget(editor)
    deleted: list[int] = []
    editor.deleted.connect(deleted.append)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]

    assert deleted == [9]
    with pytest.raises(NotFoundError), ui_db.session() as s:
        get_agreement(s, 9)
    assert isinstance(stack.command(0), DeleteAgreementCommand)

    stack.undo()
    back = stored(ui_db, 9)
    assert back.id == 9 and back.reference == before.reference
    assert back.to_input() == before.to_input()  # common fields and the type's terms
    assert [(m.title, m.due_date, m.owner) for m in back.milestones] == [
        (m.title, m.due_date, m.owner) for m in before.milestones
    ]
    assert [(k.metric, k.target, [(a.period_end, a.value, a.note) for a in k.actuals])
            for k in back.kpis] == [
        (k.metric, k.target, [(a.period_end, a.value, a.note) for a in k.actuals])
        for k in before.kpis
    ]  # fmt: skip
    assert [(d.filename, d.kind, d.expires_on, d.sha256) for d in back.attachments] == [
        (d.filename, d.kind, d.expires_on, d.sha256) for d in before.attachments
    ]
    with ui_db.session() as s:
        doc = next(d for d in back.attachments if d.filename == "contract.pdf")
        assert attachment_content(s, doc.id)[1] == b"%PDF signed"

    stack.redo()
    with pytest.raises(NotFoundError), ui_db.session() as s:
        get_agreement(s, 9)


def test_a_new_agreement_is_removed_by_undo_and_restored_by_redo(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    source = stored(ui_db, 10)
    editor = AgreementEditor(ui_db, agreement_type=source.type, partner_id=source.partner_id,
                             undo_stack=stack)  # fmt: skip
    qtbot.addWidget(editor)
    editor.value_edit.setText("1000")
    if editor.terms_form is not None:
        editor.terms_form.set_values(source.terms)
    saved: list[int] = []
    editor.saved.connect(saved.append)
    retitle(qtbot, editor, "Brand new")
    assert len(saved) == 1, editor.board.banner.text()
    reference = stored(ui_db, saved[0]).reference

    stack.undo()
    with pytest.raises(NotFoundError), ui_db.session() as s:
        get_agreement(s, saved[0])
    stack.redo()
    assert stored(ui_db, saved[0]).reference == reference


def test_a_step_that_cannot_be_applied_says_why_and_leaves_the_stack(
    ui_db: Database, stack: QUndoStack, warnings_shown: list[str]
) -> None:
    draft = first(ui_db, AgreementStatus.DRAFT)
    change_status_undoable(ui_db, stack, draft.id, AgreementStatus.NEGOTIATION)
    delete_agreement_undoable(ui_db, None, draft.id)  # deleted on another desk, no undo here
    failures: list[str] = []
    undo_events().failed.connect(failures.append)

    stack.undo()  # must not raise into Qt

    assert len(warnings_shown) == 1
    assert draft.reference in warnings_shown[0] and "could not be applied" in warnings_shown[0]
    assert failures == warnings_shown
    assert stack.count() == 0  # the dead step is gone; the stack still works


def test_a_step_that_fails_in_its_worker_leaves_the_stack_too(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack, warnings_shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from ui import background
    from ui.worker import jobs_running

    draft = first(ui_db, AgreementStatus.DRAFT)
    change_status_undoable(ui_db, stack, draft.id, AgreementStatus.NEGOTIATION)
    delete_agreement_undoable(ui_db, None, draft.id)  # deleted on another desk
    undo_events().stack = stack
    monkeypatch.setattr(background, "in_workers", True)  # as in the application

    stack.undo()  # the stack moves at once; the write fails later, in its worker
    qtbot.waitUntil(lambda: not background.writing() and jobs_running() == 0, timeout=10_000)

    assert len(warnings_shown) == 1 and "could not be applied" in warnings_shown[0]
    assert stack.count() == 0  # not left there to fail again (and again) on redo
    assert not stack.canRedo() and not stack.canUndo()


def test_a_partner_edit_is_undone_and_redone(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    with ui_db.session() as s:
        before = get_partner(s, 1)
    editor = PartnerEditor(ui_db, 1, undo_stack=stack)
    qtbot.addWidget(editor)
    editor.website_edit.clear()
    qtbot.keyClicks(editor.website_edit, "https://new.example")  # type: ignore[no-untyped-call]
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert stack.count() == 1

    stack.undo()
    with ui_db.session() as s:
        assert get_partner(s, 1).website == before.website
    stack.redo()
    with ui_db.session() as s:
        assert get_partner(s, 1).website == "https://new.example"


def test_a_new_partner_is_removed_by_undo_and_back_by_redo(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    editor = PartnerEditor(ui_db, undo_stack=stack)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.legal_name_edit, "Undo Test Trading Ltd")  # type: ignore[no-untyped-call]
    editor.roles_group.boxes[PartnerRole.BRAND_OWNER.value].setChecked(True)
    saved: list[int] = []
    editor.saved.connect(saved.append)
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert len(saved) == 1

    stack.undo()
    with pytest.raises(NotFoundError), ui_db.session() as s:
        get_partner(s, saved[0])
    stack.redo()
    with ui_db.session() as s:
        back = get_partner(s, saved[0])
    assert back.to_input() == PartnerInput(
        legal_name="Undo Test Trading Ltd", country="CN",
        roles=frozenset({PartnerRole.BRAND_OWNER}),
    )  # fmt: skip


def test_an_open_editor_shows_what_undo_wrote(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    before = stored(ui_db, 15)
    editor = AgreementEditor(ui_db, 15, undo_stack=stack)
    qtbot.addWidget(editor)
    editor.show()
    retitle(qtbot, editor, "Will be undone")
    stack.undo()
    assert editor.title_edit.text() == before.title  # reloaded, not stale
    assert not editor.is_dirty()
    retitle(qtbot, editor, "Saved again without a conflict")
    assert stored(ui_db, 15).title == "Saved again without a conflict"


def test_an_editor_mid_edit_keeps_the_edit_and_is_told(
    qtbot: QtBot, ui_db: Database, stack: QUndoStack
) -> None:
    editor = AgreementEditor(ui_db, 16, undo_stack=stack)
    qtbot.addWidget(editor)
    editor.show()
    retitle(qtbot, editor, "First save")
    editor.owner_edit.setText("Typing, not saved")
    stack.undo()
    assert editor.owner_edit.text() == "Typing, not saved"
    assert "Undo/redo changed this agreement" in editor.banner.text()


def test_a_restore_clears_the_undo_history(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(window)
    backup = tmp_path / "before.db"
    assert backup_dialog.back_up(None, ui_db, backup, quiet=True) == backup
    victim = first(ui_db, AgreementStatus.DRAFT)
    delete_agreement_undoable(ui_db, window.undo_stack, victim.id, parent=window)
    assert window.undo_action.isEnabled()
    real_restore = backup_dialog.restore
    monkeypatch.setattr(
        backup_dialog, "restore",
        lambda parent, db: real_restore(parent, db, backup, confirm=lambda *_a: True, quiet=True),
    )  # fmt: skip

    window.restore()

    assert stored(ui_db, victim.id).title == victim.title  # back from the backup
    assert not window.undo_action.isEnabled()  # nothing left to replay onto it
    assert window.undo_stack.count() == 0


def test_an_import_that_wrote_clears_the_undo_history(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(window)
    delete_agreement_undoable(ui_db, window.undo_stack, first(ui_db, AgreementStatus.DRAFT).id)
    window.import_data()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None
    wizard.close()  # closed before importing: the history stays
    assert window.undo_action.isEnabled()

    window.import_data()
    wizard = next(w for w in window.findChildren(ImportWizard) if w.isVisible())
    wizard.imported = True  # as its last page sets it once the rows are written
    wizard.done(ImportWizard.DialogCode.Accepted)
    assert not window.undo_action.isEnabled()


def test_ctrl_z_in_an_open_editor_undoes_typing_only_and_never_a_saved_change(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The decision: in an editor Ctrl+Z is the field's own undo of typing; a saved change is
    # undone with Edit ▸ Undo in the main window, which rewrites the open editor with it.
    asked: list[str] = []

    def question(_parent: QWidget | None, _title: str, text: str, *_a: Any) -> Button:
        asked.append(text)
        return Button.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    window = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(window)
    editor = window.open_agreement(15)
    assert isinstance(editor, AgreementEditor)
    qtbot.waitExposed(editor)
    editor.activateWindow()
    title = editor.title_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title)
    title.selectAll()
    QTest.keyClicks(title, "Saved title")
    QTest.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored(ui_db, 15).title == "Saved title"

    for widget in (title, editor.status_combo, editor.save_button):
        widget.setFocus()
        QTest.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert title.text() == stored(ui_db, 15).title == "Saved title"  # form = database

    QTest.keyClicks(title, " and typing")
    QTest.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == "Saved title"  # the typing went, the save stayed

    window.undo_action.trigger()  # Edit ▸ Undo: the database and the editor together
    assert stored(ui_db, 15).title != "Saved title"
    assert title.text() == stored(ui_db, 15).title
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert asked == []  # nothing unsaved: the form is what is stored
