"""Every list's context menu opens from the keyboard (Shift+F10, the Menu key), for the
row the keyboard is on, over that row: a keyboard user has no other way to its actions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.agreements import AgreementView, get_agreement
from app.services.attachments import add_attachment
from ui.editors.agreement.editor import AgreementEditor
from ui.editors.agreement.tab_base import RecordsTab
from ui.editors.partner_editor import PartnerEditor
from ui.models.lazy import Roles
from ui.pages.agreements import AgreementsPage
from ui.pages.partners import PartnersPage
from ui.pages.renewals import RenewalsPage

TODAY = date(2026, 11, 26)
KEYS = {
    "Shift+F10": (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    "Menu": (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
}
pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.parametrize("key", list(KEYS)),
]


@pytest.fixture(autouse=True)
def _never_block_on_a_question(monkeypatch: pytest.MonkeyPatch) -> None:
    # The partner editor asks before dropping the contact removed here.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)


class Popup:
    """What the menu showed: its entries, and where it opened."""

    texts: list[str]
    rect: QRect

    def __init__(self) -> None:
        self.texts = []
        self.rect = QRect()


def menu_from_key(qtbot: QtBot, view: QAbstractItemView, key: str, choose: str = "") -> Popup:
    """Press ``key`` in ``view``; read the menu that opens, pick ``choose`` in it if given."""
    seen = Popup()

    def read() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return
        seen.texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        seen.rect = menu.geometry()
        chosen = next((a for a in menu.actions() if a.text() == choose), None)
        menu.close()
        if chosen is not None:
            chosen.trigger()

    # A screen reader says how to reach it.
    assert "Shift+F10" in view.accessibleDescription()
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(view.hasFocus)
    QTimer.singleShot(0, read)  # runs in the menu's own event loop
    QTest.keyClick(view, *KEYS[key])
    qtbot.wait(20)
    assert seen.texts, f"{key} opened no menu in {view.objectName() or type(view).__name__}"
    return seen


def shown(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()


def make_current(view: QAbstractItemView, index: QModelIndex) -> QRect:
    """The keyboard's row; returns where it is on the screen."""
    view.setCurrentIndex(index)
    rect = view.visualRect(index)
    return QRect(view.viewport().mapToGlobal(rect.topLeft()), rect.size())


def opens_over(popup: Popup, row: QRect) -> None:
    # The menu's corner is on the row (the screen permitting): the mouse pointer, wherever
    # it is, plays no part.
    assert row.top() <= popup.rect.top() <= row.bottom() + 1


def test_agreements_list(qtbot: QtBot, ui_db: Database, key: str) -> None:
    page = AgreementsPage(ui_db, TODAY)
    shown(qtbot, page)
    qtbot.waitUntil(page.model.is_current, timeout=5000)
    row = make_current(page.view, page.model.index(3, 1))
    wanted = page.model.index(3, 0).data(Roles.ID)
    with qtbot.waitSignal(page.open_requested) as opened:
        popup = menu_from_key(qtbot, page.view, key, choose="Open")
    assert opened.args == [wanted]
    assert popup.texts[:3] == ["Open", "Renew…", "Export report…"]
    opens_over(popup, row)


def test_partners_list_and_a_partners_agreements(qtbot: QtBot, ui_db: Database, key: str) -> None:
    page = PartnersPage(ui_db, TODAY)
    shown(qtbot, page)
    qtbot.waitUntil(page.model.is_current, timeout=5000)
    row = make_current(page.view, page.model.index(2, 0))
    wanted = page.model.index(2, 0).data(Roles.ID)
    with qtbot.waitSignal(page.edit_requested) as edit:
        popup = menu_from_key(qtbot, page.view, key, choose="Edit partner…")
    assert edit.args == [wanted]
    assert popup.texts == ["Edit partner…", "New agreement…", "Partner dossier…", "Export"]
    opens_over(popup, row)

    overview = page.overview.agreements_view
    model = page.overview.agreements_model
    qtbot.waitUntil(lambda: model.is_current() and model.rowCount() > 0, timeout=5000)
    row = make_current(overview, model.index(0, 0))
    with qtbot.waitSignal(page.open_requested) as opened:
        popup = menu_from_key(qtbot, overview, key, choose="Open")
    assert opened.args == [model.index(0, 0).data(Roles.ID)]
    opens_over(popup, row)


def test_renewals_pipeline(qtbot: QtBot, ui_db: Database, key: str) -> None:
    page = RenewalsPage(ui_db, TODAY)
    shown(qtbot, page)
    page.activate()
    due = next(d for d in page.items if d.status.value == "active")
    assert page.select_agreement(due.agreement_id)
    item = page.tree.currentItem()
    assert item is not None
    row = make_current(page.tree, page.tree.indexFromItem(item))
    with qtbot.waitSignal(page.renew_requested) as renew:
        popup = menu_from_key(qtbot, page.tree, key, choose="Renew…")
    assert renew.args == [due.agreement_id]
    assert popup.texts == ["Open", "Renew…"]
    opens_over(popup, row)


def _well_filled(db: Database) -> AgreementView:
    with db.session() as s:
        for agreement_id in range(1, 61):
            view = get_agreement(s, agreement_id)
            if len(view.milestones) >= 2 and len(view.kpis) >= 2:
                add_attachment(s, agreement_id, "contract.pdf", b"%PDF-1.4 signed")
                add_attachment(s, agreement_id, "licence.pdf", b"%PDF-1.4 licence")
                return get_agreement(s, agreement_id)
    raise AssertionError("no demo agreement with milestones and KPIs")


@pytest.mark.parametrize(
    ("tab", "entries"),
    [
        ("milestones_tab", ["Add…", "Edit…", "Remove", "Copy row"]),
        ("kpis_tab", ["Add KPI…", "Add actual…", "Remove KPI", "Copy row"]),
        ("attachments_tab", ["Add…", "Open", "Save a copy…", "Remove", "Copy row"]),
        ("history_tab", ["Copy row"]),
    ],
)
def test_the_agreement_editors_lists(
    qtbot: QtBot, ui_db: Database, key: str, tab: str, entries: list[str]
) -> None:
    agreement = _well_filled(ui_db)
    editor = AgreementEditor(ui_db, agreement.id)
    shown(qtbot, editor)
    records: RecordsTab = getattr(editor, tab)
    editor.tabs.setCurrentWidget(records)
    table = records.table
    assert table.rowCount() >= 2
    row = make_current(table, table.model().index(1, 0))
    popup = menu_from_key(qtbot, table, key, choose="Copy row")
    assert popup.texts == entries
    cells = [table.item(1, c) for c in range(table.columnCount())]
    assert QApplication.clipboard().text() == "\t".join(c.text() if c else "" for c in cells)
    opens_over(popup, row)


def test_the_partner_editors_lists(qtbot: QtBot, ui_db: Database, key: str) -> None:
    editor = PartnerEditor(ui_db, 1)
    shown(qtbot, editor)
    contacts = editor.contacts_table
    before = contacts.rowCount()
    assert before > 0
    row = make_current(contacts, contacts.model().index(0, 0))
    popup = menu_from_key(qtbot, contacts, key, choose="Remove contact")
    assert popup.texts == ["Add contact", "Remove contact"]
    assert contacts.rowCount() == before - 1
    opens_over(popup, row)

    editor.tabs.setCurrentIndex(1)
    agreements = editor.agreements_table
    assert agreements.rowCount() > 0
    row = make_current(agreements, agreements.model().index(0, 0))
    popup = menu_from_key(qtbot, agreements, key)
    assert popup.texts == ["Open"]
    opens_over(popup, row)
