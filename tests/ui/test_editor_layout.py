"""What a person sees in the agreement editor at its usual size: the order Tab takes
through the General page, and texts shown whole (found driving the merged app by hand)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QMessageBox,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementType
from app.services.agreements import get_agreement
from app.services.listing import agreement_ids
from ui.editors.agreement.editor import AgreementEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def shown_editor(qtbot: QtBot, ui_db: Database, kind: AgreementType) -> AgreementEditor:
    editor = AgreementEditor(ui_db, None, agreement_type=kind)
    qtbot.addWidget(editor)
    editor.resize(860, 650)  # its size on a 1366×768 screen
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_tab_goes_down_the_left_column_before_the_right(qtbot: QtBot, ui_db: Database) -> None:
    editor = shown_editor(qtbot, ui_db, AgreementType.BRAND)
    editor.activateWindow()
    editor.status_combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.status_combo)
    order: list[QWidget] = []
    for _ in range(3):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        order.append(now)
    # Status, Governing law and Territories are the last rows of the left column.
    assert order == [editor.governing_law_edit, editor.territories_edit, editor.signed_edit]


def test_the_decision_date_is_shown_whole(qtbot: QtBot, ui_db: Database) -> None:
    editor = shown_editor(qtbot, ui_db, AgreementType.BRAND)
    label = editor.decision_label
    assert "days)" in label.text()
    # All the lines the text needs at the width it has are on screen (it showed "… (in").
    assert label.height() >= label.heightForWidth(label.width())


@pytest.mark.parametrize("kind", list(AgreementType))
def test_every_fixed_choice_is_shown_unclipped(
    qtbot: QtBot, ui_db: Database, kind: AgreementType
) -> None:
    editor = shown_editor(qtbot, ui_db, kind)
    assert editor.terms_form is not None
    editor.tabs.setCurrentIndex(1)
    combos = [editor.type_combo, editor.status_combo]
    combos += [r.field for r in editor.terms_form.rows.values() if isinstance(r.field, QComboBox)]
    clipped = []
    for combo in combos:
        if combo.isEditable():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        for i in range(combo.count()):
            text = combo.itemText(i)
            if combo.fontMetrics().horizontalAdvance(text) > room.width():
                clipped.append(text)
    assert clipped == []  # "Exclusive distributor" showed as "Exclusive di"


def test_money_kpis_show_the_agreements_currency(qtbot: QtBot, ui_db: Database) -> None:
    with ui_db.session() as s:
        views = [get_agreement(s, i) for i in agreement_ids(s)]
    view = next(v for v in views if any(k.unit == "currency" for k in v.kpis))
    editor = AgreementEditor(ui_db, view.id)
    qtbot.addWidget(editor)
    table = editor.kpis_tab.table
    targets = [cell.text() for r in range(table.rowCount()) if (cell := table.item(r, 1))]
    gmv = next(t for t in targets if not t.endswith(("%", "x", "days", "hours")))
    assert gmv.endswith(f" {view.currency}")  # was "3,000,000.00 currency"


@pytest.mark.parametrize("tab", ["milestones_tab", "kpis_tab"])
def test_enter_on_a_row_opens_it_and_leaves_the_editor_open(
    qtbot: QtBot, ui_db: Database, tab: str
) -> None:
    with ui_db.session() as s:
        views = [get_agreement(s, i) for i in agreement_ids(s)]
    view = next(v for v in views if v.kpis and v.milestones)
    editor = AgreementEditor(ui_db, view.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    records = getattr(editor, tab)
    editor.tabs.setCurrentWidget(records)
    records.table.setFocus()
    records.table.selectRow(0)
    seen: list[str] = []

    def answer() -> None:  # the row's dialog (milestone, KPI actual), closed unchanged
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        if dialog is not None:
            dialog.close()

    QTimer.singleShot(0, answer)
    QTest.keyClick(records.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [{"milestones_tab": "MilestoneDialog", "kpis_tab": "ActualDialog"}[tab]]
    assert editor.isVisible()  # Enter used to press Save and close the editor


def test_a_signed_date_can_be_typed_into_the_empty_field(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Closed with a change at the end of the test: the unsaved-changes question is answered.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
    editor = shown_editor(qtbot, ui_db, AgreementType.BRAND)
    signed = editor.signed_edit
    assert signed.value() is None
    signed.setFocus()
    QTest.keyClicks(signed, "20261201")  # digits, as in the other date fields
    assert signed.text() == "2026-12-01"  # was "—0261201", and no date
    assert signed.value() == date(2026, 12, 1)
