"""Every editor and dialog by keyboard alone: it opens with the first field focused, and
Tab walks every field to the OK/Save button and comes back round (no field keeps Tab)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementType
from app.services.agreements import get_agreement
from app.services.kpis import Kpi
from ui.editors.agreement.attachments import AttachmentDialog
from ui.editors.agreement.editor import AgreementEditor
from ui.editors.agreement.kpis import ActualDialog, KpiDialog
from ui.editors.agreement.milestones import MilestoneDialog
from ui.editors.partner_editor import PartnerEditor
from ui.editors.record_dialog import RecordDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
D = TypeVar("D", bound=QDialog)
TAB_LIMIT = 120  # far more stops than any form has: a trap shows as never coming back


@pytest.fixture(autouse=True)
def _never_block_on_a_question(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def opened(qtbot: QtBot, window: D) -> D:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: (w := focused()) is not None and w.window() is window)
    return window


def walk_tabs(start: QWidget) -> list[QWidget]:
    """The widgets Tab visits from ``start`` (real key events to the focused widget)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is start
    visited: list[QWidget] = []
    for _ in range(TAB_LIMIT):
        widget = focused()
        assert widget is not None
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        now = focused()
        assert now is not None
        visited.append(now)
        if now is start and any(w is not start for w in visited):
            break  # round: a date's own sections also take Tab before it lets go
    return visited


def assert_round_trip(start: QWidget, ok: QWidget, fields: list[QWidget]) -> None:
    visited = walk_tabs(start)
    assert visited[-1] is start, f"Tab never came back to the first field: {visited[-5:]}"
    assert ok in visited
    missed = [f.objectName() or type(f).__name__ for f in fields if f not in visited]
    assert missed == []
    backwards_from = focused()
    assert backwards_from is not None
    QTest.keyClick(backwards_from, Qt.Key.Key_Backtab)
    assert focused() is not start


def general_fields(editor: AgreementEditor) -> list[QWidget]:
    return [
        editor.reference_edit, editor.title_edit, editor.partner_combo, editor.owner_edit,
        editor.status_combo, editor.governing_law_edit, editor.territories_edit,
        editor.signed_edit, editor.start_edit, editor.end_edit, editor.auto_renew_box,
        editor.renewal_spin, editor.notice_spin, editor.value_edit, editor.currency_combo,
        editor.description_edit,
    ]  # fmt: skip


@pytest.mark.parametrize("kind", list(AgreementType))
def test_a_new_agreement_of_each_type_is_walked_by_tab_to_save_and_back(
    qtbot: QtBot, ui_db: Database, kind: AgreementType
) -> None:
    editor = opened(qtbot, AgreementEditor(ui_db, None, agreement_type=kind))
    assert editor.signed_edit.value() is None  # the empty date that used to keep Tab
    assert_round_trip(editor.title_edit, editor.save_button, general_fields(editor))

    editor.tabs.setCurrentIndex(1)  # the type's own terms
    assert editor.terms_form is not None
    terms = [row.field for row in editor.terms_form.rows.values()]
    first = terms[0]
    if first.focusPolicy() == Qt.FocusPolicy.NoFocus:  # a group of check boxes
        first = first.findChildren(QWidget)[0]
    stops = [t for t in terms if t.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert_round_trip(first, editor.save_button, stops)


def test_a_saved_agreement_is_walked_by_tab_to_save_and_back(qtbot: QtBot, ui_db: Database) -> None:
    editor = opened(qtbot, AgreementEditor(ui_db, 1))
    assert_round_trip(editor.title_edit, editor.save_button, general_fields(editor))


def test_the_partner_editor_is_walked_by_tab_to_save_and_back(
    qtbot: QtBot, ui_db: Database
) -> None:
    editor = opened(qtbot, PartnerEditor(ui_db, None))
    fields = [editor.legal_name_edit, editor.local_name_edit, editor.country_combo,
              editor.website_edit, editor.status_combo, editor.notes_edit]  # fmt: skip
    assert_round_trip(editor.legal_name_edit, editor.save_button, fields)


def a_kpi(db: Database) -> Kpi:
    with db.session() as s:
        return next(k for i in range(1, 61) for k in get_agreement(s, i).kpis)


DIALOGS: dict[str, Callable[[Database, Path], RecordDialog]] = {
    "milestone": lambda _db, _p: MilestoneDialog(None, "CNY", None),
    "kpi": lambda _db, _p: KpiDialog(None),
    "actual": lambda db, _p: ActualDialog(None, a_kpi(db)),
    "attachment": lambda _db, path: AttachmentDialog(None, path),
}


@pytest.fixture
def document(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "contract.pdf"
    path.write_bytes(b"%PDF-1.4")
    yield path


@pytest.mark.parametrize("name", list(DIALOGS))
def test_each_record_dialog_opens_on_its_first_field_and_tab_reaches_ok(
    qtbot: QtBot, ui_db: Database, document: Path, name: str
) -> None:
    dialog = opened(qtbot, DIALOGS[name](ui_db, document))
    fields = [row.field for row in dialog.board.rows.values()]
    assert focused() is fields[0]
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok is not None
    assert_round_trip(fields[0], ok, fields)


@pytest.mark.parametrize(
    ("make", "first"),
    [
        (lambda db: AgreementEditor(db, None), "title_edit"),
        (lambda db: AgreementEditor(db, 1), "title_edit"),
        (lambda db: PartnerEditor(db, None), "legal_name_edit"),
    ],
)
def test_an_editor_opens_with_the_cursor_in_its_first_field(
    qtbot: QtBot, ui_db: Database, make: Callable[[Database], Any], first: str
) -> None:
    editor = opened(qtbot, make(ui_db))
    field: QLineEdit = getattr(editor, first)
    assert focused() is field
    field.clear()
    QTest.keyClicks(field, "Typed first")
    assert field.text() == "Typed first"


def test_a_space_in_the_new_kpi_dialog_is_typed_not_ok(qtbot: QtBot) -> None:
    dialog = opened(qtbot, KpiDialog(None))
    assert focused() is dialog.metric_edit
    QTest.keyClicks(dialog.metric_edit, "GMV growth")
    assert dialog.isVisible()
    assert dialog.result() == 0
    assert dialog.metric_edit.text() == "GMV growth"


CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press_ctrl_tab(widget: QWidget, *, back: bool = False) -> None:
    """As X11 sends them: Ctrl+Shift+Tab arrives as Backtab with both modifiers."""
    if back:
        QTest.keyClick(widget, Qt.Key.Key_Backtab, CTRL | SHIFT)
    else:
        QTest.keyClick(widget, Qt.Key.Key_Tab, CTRL)


def agreement_stops(editor: Any) -> list[QWidget]:
    return [editor.save_button, editor.cancel_button, editor.delete_button, editor.signed_edit,
            editor.start_edit, editor.description_edit, editor.title_edit, editor.status_combo,
            editor.notice_spin, editor.auto_renew_box]  # fmt: skip


def partner_stops(editor: Any) -> list[QWidget]:
    return [editor.save_button, editor.cancel_button, editor.notes_edit, editor.legal_name_edit,
            editor.country_combo, editor.add_contact_button, editor.contacts_table]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "stops"),
    [
        (lambda db: AgreementEditor(db, 1), agreement_stops),
        (lambda db: PartnerEditor(db, 1), partner_stops),
    ],
    ids=["agreement", "partner"],
)
def test_ctrl_tab_switches_the_editors_pages_wherever_the_focus_is(
    qtbot: QtBot,
    ui_db: Database,
    make: Callable[[Database], Any],
    stops: Callable[[Any], list[QWidget]],
) -> None:
    editor = opened(qtbot, make(ui_db))
    tabs = editor.tabs
    for widget in stops(editor):
        tabs.setCurrentIndex(0)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        assert focused() is widget
        press_ctrl_tab(widget)
        name = widget.objectName() or type(widget).__name__
        assert tabs.currentIndex() == 1, f"Ctrl+Tab on {name}"
        here = focused()
        assert here is not None
        press_ctrl_tab(here, back=True)
        assert tabs.currentIndex() == 0, f"Ctrl+Shift+Tab after {name}"
    # Round the end, as a tab bar does.
    last = tabs.count() - 1
    tabs.setCurrentIndex(last)
    here = focused()
    assert here is not None
    press_ctrl_tab(here)
    assert tabs.currentIndex() == 0


def test_the_secondary_dialogs_are_walked_by_tab_to_ok_and_back(
    qtbot: QtBot, ui_db: Database
) -> None:
    """Settings (each page), export and the import wizard's first page, by keyboard."""
    from app.services.listing import AgreementFilter
    from app.services.partners import PartnerFilter
    from ui.dialogs.export_dialog import ExportDialog, ListState
    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.settings_dialog import SettingsDialog

    def ok_of(dialog: QDialog) -> QWidget | None:
        box = dialog.findChild(QDialogButtonBox)
        return box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None

    settings = opened(qtbot, SettingsDialog(ui_db))
    ok = ok_of(settings)
    for page in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(page)
        bar = settings.tabs.tabBar()
        visited = walk_tabs(bar)
        assert visited[-1] is bar and ok in visited, settings.tabs.tabText(page)
    settings.close()

    state = ListState(AgreementFilter(), PartnerFilter(), frozenset(), frozenset())
    export = opened(qtbot, ExportDialog(state, "agreements"))
    ok = ok_of(export)
    checked = export.what_group.checkedButton()
    assert checked is not None
    visited = walk_tabs(checked)
    assert visited[-1] is checked and ok in visited
    export.close()

    wizard = opened(qtbot, ImportWizard(ui_db))
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    first = focused()
    assert first is not None
    visited = walk_tabs(first)
    assert visited[-1] is first and cancel in visited
    wizard.close()


def test_a_record_page_chosen_by_keyboard_shows_its_entries_and_tab_walks_it_before_save(
    qtbot: QtBot, ui_db: Database
) -> None:
    """The record pages are built when first chosen: their entries show then, and Tab
    walks them from the tab bar to Save as it walked the pages built with the editor."""
    with ui_db.session() as s:
        view = next(v for i in range(1, 61) if (v := get_agreement(s, i)).milestones)
    editor = opened(qtbot, AgreementEditor(ui_db, view.id))
    tabs = editor.tabs
    for _ in range(2):  # General -> Terms -> Milestones
        here = focused()
        assert here is not None
        press_ctrl_tab(here)
    assert tabs.tabText(tabs.currentIndex()) == "Milestones"
    page = tabs.currentWidget()
    assert page is editor.milestones_tab
    assert editor.milestones_tab.table.rowCount() == len(view.milestones)

    bar = tabs.tabBar()
    visited = walk_tabs(bar)
    assert visited[-1] is bar
    table, add = editor.milestones_tab.table, editor.milestones_tab.add_buttons[0]
    assert visited.index(table) < visited.index(add) < visited.index(editor.save_button)
    assert visited[0] is table  # from the tab bar straight into the page
