"""The partner editor: typing a partner in, contacts, validation beside fields, prompts."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import PartnerRole, PartnerStatus
from app.services.listing import AgreementFilter, count_agreements
from app.services.partners import ContactInput, PartnerView, count_partners, get_partner
from ui.editors.partner_editor import PartnerEditor

Button = QMessageBox.StandardButton
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions are answered Discard (a real box would wait forever offscreen)."""
    asked: list[str] = []

    def question(_parent: QWidget | None, _title: str, text: str, *_a: Any) -> Button:
        asked.append(text)
        return Button.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def open_editor(qtbot: QtBot, db: Database, partner_id: int | None = None) -> PartnerEditor:
    editor = PartnerEditor(db, partner_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def type_keys(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)  # type: ignore[no-untyped-call]


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def commit_text(widget: QWidget, text: str) -> None:
    """Chinese arrives from the input method, not as key presses."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def save(qtbot: QtBot, editor: PartnerEditor) -> list[int]:
    saved: list[int] = []
    editor.saved.connect(saved.append)
    click(qtbot, editor.apply_button)
    return saved


def stored(db: Database, partner_id: int) -> PartnerView:
    with db.session() as s:
        return get_partner(s, partner_id)


def set_cell(editor: PartnerEditor, row: int, column: int, text: str) -> None:
    editor.contacts_table.setItem(row, column, QTableWidgetItem(text))


def test_a_new_partner_is_typed_in_with_roles_and_contacts(qtbot: QtBot, ui_db: Database) -> None:
    editor = open_editor(qtbot, ui_db)
    assert editor.windowTitle() == "New partner"
    type_keys(qtbot, editor.legal_name_edit, "Kiwi Pure Foods Ltd")
    commit_text(editor.local_name_edit, "奇异纯食品有限公司")
    country = editor.country_combo.lineEdit()
    assert country is not None
    country.clear()
    type_keys(qtbot, country, "nz")  # a code typed in lower case is understood
    click(qtbot, editor.roles_group.boxes["brand_owner"])
    click(qtbot, editor.roles_group.boxes["marketing_channel"])
    type_keys(qtbot, editor.website_edit, "https://kiwipure.example")
    click(qtbot, editor.add_contact_button)  # opens the name cell for typing
    cell_editor = editor.contacts_table.viewport().findChild(QLineEdit)
    assert cell_editor is not None
    type_keys(qtbot, cell_editor, "Aroha Ngata")  # still open when Save is pressed
    set_cell(editor, 0, 3, "aroha@kiwipure.example")

    saved = save(qtbot, editor)

    assert len(saved) == 1, editor.banner.text()
    p = stored(ui_db, saved[0])
    assert (p.legal_name, p.local_name, p.country) == (
        "Kiwi Pure Foods Ltd", "奇异纯食品有限公司", "NZ",
    )  # fmt: skip
    assert set(p.roles) == {PartnerRole.BRAND_OWNER, PartnerRole.MARKETING_CHANNEL}
    assert p.website == "https://kiwipure.example"
    assert [(c.name, c.email) for c in p.contacts] == [("Aroha Ngata", "aroha@kiwipure.example")]
    assert not editor.is_dirty()


def test_address_registration_number_and_a_signatory_title_are_kept(
    qtbot: QtBot, ui_db: Database
) -> None:
    editor = open_editor(qtbot, ui_db, 5)
    table = editor.contacts_table
    headers = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Name", "Title", "Role", "E-mail", "Phone"]
    editor.address_edit.setFocus()
    type_keys(qtbot, editor.address_edit, "88 Harbour Road, Wan Chai, Hong Kong")
    type_keys(qtbot, editor.registration_edit, "91310000MA1FL8XQ2K")
    click(qtbot, editor.add_contact_button)
    row = editor.contacts_table.rowCount() - 1
    set_cell(editor, row, 0, "Lin Yue")
    set_cell(editor, row, 1, "General Manager")

    assert save(qtbot, editor) == [5], editor.banner.text()

    p = stored(ui_db, 5)
    assert p.address == "88 Harbour Road, Wan Chai, Hong Kong"
    assert p.registration_number == "91310000MA1FL8XQ2K"
    assert (p.contacts[-1].name, p.contacts[-1].title) == ("Lin Yue", "General Manager")
    again = open_editor(qtbot, ui_db, 5)
    assert again.address_edit.toPlainText() == p.address
    assert again.registration_edit.text() == p.registration_number
    last = again.contacts_table.rowCount() - 1
    assert again.contacts_table.model().index(last, 1).data() == "General Manager"


def test_editing_a_partner_keeps_what_was_not_touched(qtbot: QtBot, ui_db: Database) -> None:
    before = stored(ui_db, 3)
    editor = open_editor(qtbot, ui_db, 3)
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("inactive"))
    editor.notes_edit.setFocus()
    type_keys(qtbot, editor.notes_edit, "Paused while the licence is renewed")

    assert save(qtbot, editor) == [3]

    after = stored(ui_db, 3)
    assert after.status is PartnerStatus.INACTIVE
    assert after.notes.endswith("Paused while the licence is renewed")
    assert (after.legal_name, after.local_name, after.roles) == (
        before.legal_name, before.local_name, before.roles,
    )  # fmt: skip
    assert [ContactInput(c.name, c.role, c.email, c.phone) for c in after.contacts] == [
        ContactInput(c.name, c.role, c.email, c.phone) for c in before.contacts
    ]


def test_an_empty_legal_name_is_refused_beside_it_and_nothing_saved(
    qtbot: QtBot, ui_db: Database
) -> None:
    with ui_db.session() as s:
        count = count_partners(s)
    editor = open_editor(qtbot, ui_db)
    commit_text(editor.local_name_edit, "无名公司")

    assert save(qtbot, editor) == []

    assert editor.board.text_for("legal_name") == "a partner needs its legal name"
    assert editor.board.rows["legal_name"].error_label.isVisible()
    with ui_db.session() as s:
        assert count_partners(s) == count


def test_a_bad_contact_email_is_shown_under_the_contacts(qtbot: QtBot, ui_db: Database) -> None:
    before = stored(ui_db, 4)
    editor = open_editor(qtbot, ui_db, 4)
    click(qtbot, editor.add_contact_button)
    row = editor.contacts_table.rowCount() - 1
    set_cell(editor, row, 0, "Bad Mail")
    set_cell(editor, row, 3, "not-an-address")

    assert save(qtbot, editor) == []

    assert "'not-an-address' is not an e-mail address" in editor.board.text_for("contacts")
    assert stored(ui_db, 4) == before


def test_an_unknown_country_code_is_refused_beside_the_country(
    qtbot: QtBot, ui_db: Database
) -> None:
    editor = open_editor(qtbot, ui_db)
    type_keys(qtbot, editor.legal_name_edit, "Nowhere Ltd")
    country = editor.country_combo.lineEdit()
    assert country is not None
    country.clear()
    type_keys(qtbot, country, "XX")
    assert save(qtbot, editor) == []
    assert "'XX' is not an ISO 3166 country code" in editor.board.text_for("country")


def test_removing_a_contact_and_cancelling_asks_before_losing_it(
    qtbot: QtBot, ui_db: Database, questions: list[str]
) -> None:
    before = stored(ui_db, 2)
    assert before.contacts, "demo partners have contacts"
    editor = open_editor(qtbot, ui_db, 2)
    editor.contacts_table.selectRow(0)
    click(qtbot, editor.remove_contact_button)
    assert editor.is_dirty()

    click(qtbot, editor.cancel_button)  # answered Discard

    assert len(questions) == 1 and "not saved" in questions[0]
    assert not editor.isVisible()
    assert stored(ui_db, 2) == before


def test_the_partner_shows_all_its_agreements(qtbot: QtBot, ui_db: Database) -> None:
    editor = open_editor(qtbot, ui_db, 1)
    with ui_db.session() as s:
        expected = count_agreements(s, AgreementFilter(partner_id=1))
    assert editor.tabs.tabText(1) == f"Agreements ({expected})"
    editor.tabs.setCurrentIndex(1)  # the rows go in when the page is looked at
    assert editor.agreements_table.rowCount() == expected


def test_a_language_switch_tells_the_open_partner_editor(qtbot: QtBot, ui_db: Database) -> None:
    from PySide6.QtCore import QEvent

    editor = open_editor(qtbot, ui_db, 5)
    QApplication.sendEvent(editor, QEvent(QEvent.Type.LanguageChange))
    assert "opened again" in editor.banner.text()


def test_the_legal_name_error_goes_once_a_name_is_typed(qtbot: QtBot, ui_db: Database) -> None:
    editor = open_editor(qtbot, ui_db)
    assert save(qtbot, editor) == []
    assert editor.board.text_for("legal_name")

    type_keys(qtbot, editor.legal_name_edit, "Blue Harbour Trading")

    qtbot.waitUntil(lambda: editor.board.text_for("legal_name") == "")
    assert not editor.board.rows["legal_name"].error_label.isVisible()


def test_remove_contact_is_offered_only_when_there_is_one_to_remove(
    qtbot: QtBot, db: Database
) -> None:
    editor = open_editor(qtbot, db)
    assert editor.contacts_table.rowCount() == 0
    assert not editor.remove_contact_button.isEnabled()
    editor.add_contact()
    assert editor.remove_contact_button.isEnabled()
    editor.remove_contact()
    assert editor.contacts_table.rowCount() == 0
    assert not editor.remove_contact_button.isEnabled()


@pytest.mark.parametrize(
    ("answer", "shown"), [(Button.Yes, "Other Desk Ltd"), (Button.No, "Mine Ltd")]
)
def test_a_partner_changed_by_another_desk_is_reloaded_or_kept_as_the_user_answers(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch, answer: Button, shown: str
) -> None:
    from dataclasses import replace

    from app.services.partners import PartnerInput, create_partner, update_partner

    with db.session() as s:
        mine = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
    editor = open_editor(qtbot, db, mine.id)
    with db.session() as s:  # another desk saves first
        update_partner(s, mine.id, replace(mine.to_input(), legal_name="Other Desk Ltd"), 1)
    asked: list[str] = []

    def question(_parent: QWidget | None, _title: str, text: str, *_a: Any) -> Button:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    editor.legal_name_edit.setText("Mine Ltd")
    assert not editor.save()
    assert asked and asked[0].endswith("Reload the partner as it is now? Your unsaved edits "
                                       "in this window will be lost.")  # fmt: skip
    assert editor.legal_name_edit.text() == shown
