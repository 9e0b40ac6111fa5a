"""What a screen reader reads in every editor and dialog: each input and action has a name,
the actions say their keys, and an error is read with its field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementType
from app.services.agreements import get_agreement
from ui.editors.agreement.attachments import AttachmentDialog
from ui.editors.agreement.editor import AgreementEditor
from ui.editors.agreement.kpis import ActualDialog, KpiDialog
from ui.editors.agreement.milestones import MilestoneDialog
from ui.editors.partner_editor import PartnerEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def _never_block_on_a_question(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)


def spoken(widget: QWidget, part: QAccessible.Text = QAccessible.Text.Name) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    if part is QAccessible.Text.Name and isinstance(widget, QComboBox):
        # On Linux a combo box's own name is its value; readers name it by its label.
        labels = interface.relations(QAccessible.RelationFlag.Label)
        return " ".join(other.text(part) for other, _ in labels) or widget.accessibleName()
    return interface.text(part)


def reachable(window: QWidget) -> list[QWidget]:
    """What Tab or a click can land on, without the inner parts of composite widgets."""
    inner = (QComboBox, QAbstractSpinBox, QTabBar)
    return [
        w for w in window.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
        and not isinstance(w.parent(), inner) and w.window() is window
        and w.objectName() != "qt_scrollarea_viewport"
    ]  # fmt: skip


def a_kpi_dialog(db: Database) -> ActualDialog:
    with db.session() as s:
        kpi = next(k for i in range(1, 61) for k in get_agreement(s, i).kpis)
    return ActualDialog(None, kpi)


def new_agreement(kind: AgreementType) -> Callable[[Database, Path], QDialog]:
    return lambda db, _p: AgreementEditor(db, None, agreement_type=kind)


WINDOWS: dict[str, Callable[[Database, Path], QDialog]] = {
    **{f"new {t.value} agreement": new_agreement(t) for t in AgreementType},
    "saved agreement": lambda db, _p: AgreementEditor(db, 3),
    "new partner": lambda db, _p: PartnerEditor(db, None),
    "saved partner": lambda db, _p: PartnerEditor(db, 1),
    "milestone": lambda _db, _p: MilestoneDialog(None, "CNY", None),
    "kpi": lambda _db, _p: KpiDialog(None),
    "kpi actual": lambda db, _p: a_kpi_dialog(db),
    "attachment": lambda _db, path: AttachmentDialog(None, path),
}


@pytest.mark.parametrize("name", list(WINDOWS))
def test_every_input_and_action_has_a_name(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, name: str
) -> None:
    window = WINDOWS[name](ui_db, tmp_path / "licence.pdf")
    qtbot.addWidget(window)
    window.show()
    widgets = reachable(window)
    assert len(widgets) >= 4
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in widgets if not spoken(w).strip()]
    assert unnamed == []


@pytest.mark.parametrize(
    "make", [lambda db: AgreementEditor(db, 3), lambda db: PartnerEditor(db, 1)]
)
def test_the_editor_buttons_say_what_they_do_and_their_keys(
    qtbot: QtBot, ui_db: Database, make: Callable[[Database], AgreementEditor | PartnerEditor]
) -> None:
    editor = make(ui_db)
    qtbot.addWidget(editor)
    apply_tip = editor.apply_button.toolTip()
    assert "Ctrl+S" in apply_tip
    assert spoken(editor.apply_button, QAccessible.Text.Description) == apply_tip
    assert "Esc" in editor.cancel_button.toolTip()
    buttons = [b for b in editor.findChildren(QAbstractButton) if b.parent() is editor.buttons]
    assert all(b.toolTip() for b in buttons)


@pytest.mark.parametrize("name", ["milestone", "kpi", "kpi actual", "attachment"])
def test_the_dialog_buttons_say_their_keys(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, name: str
) -> None:
    dialog = WINDOWS[name](ui_db, tmp_path / "licence.pdf")
    qtbot.addWidget(dialog)
    tips = [spoken(b, QAccessible.Text.Description) for b in dialog.findChildren(QAbstractButton)
            if isinstance(b.parent(), QDialogButtonBox)]  # fmt: skip
    assert tips == ["Save (Enter)", "Close without saving (Esc)"]


def test_a_field_is_read_with_its_label_and_its_error(qtbot: QtBot, ui_db: Database) -> None:
    editor = AgreementEditor(ui_db, None)
    qtbot.addWidget(editor)
    editor.show()
    assert spoken(editor.title_edit) == "Title"
    assert spoken(editor.currency_combo) == "Currency"
    assert not editor.save()
    assert spoken(editor.title_edit, QAccessible.Text.Description) == "an agreement needs a title"
