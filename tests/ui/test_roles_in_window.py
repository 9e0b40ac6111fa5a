"""The window shows who is connected, in which role, and switches off what the role may
not do, each with the reason; the server's own refusal arrives as one sentence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox, QStyle
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.db import Database
from app.services.agreements import create_agreement
from app.services.partners import PartnerInput, create_partner
from app.services.people import connected_login
from tests.conftest import agreement_input
from tests.ui.team_logins import Team, team_fixture  # noqa: F401  (the fixture)
from ui import i18n
from ui.dialogs.settings_dialog import SettingsDialog
from ui.editors.agreement.editor import AgreementEditor
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
VIEWER_NO = "Your role, viewer, cannot change agreements"


def make_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, today=date(2026, 11, 26))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def seeded(pg_db: Database) -> Iterator[int]:
    """One partner with one agreement, written by the database's owner; its id."""
    with pg_db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        made = create_agreement(s, agreement_input(p.id, title="Checkout")).id
    yield made  # after the commit: an open transaction would hold locks others wait for


def test_on_sqlite_the_one_person_is_admin_and_may_do_everything(
    qtbot: QtBot, ui_db: Database
) -> None:
    window = make_window(qtbot, ui_db)
    with ui_db.session() as s:
        login = connected_login(s)
    assert window.person_label.text() == f"{login} · admin"
    writers = [window.new_agreement_action, window.new_partner_action, window.import_action,
               window.restore_action, window.demo_action,
               window.agreements.delete_action]  # fmt: skip
    assert all(a.isEnabled() for a in writers)


@pytest.mark.postgres
def test_a_viewer_sees_their_role_and_every_write_off_with_the_reason(
    qtbot: QtBot, team: Team, seeded: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = team("viewer", "Vera Viewer")
    window = make_window(qtbot, viewer)
    assert window.person_label.text() == "Vera Viewer · viewer"
    expected = {
        window.new_agreement_action: VIEWER_NO,
        window.new_partner_action: "Your role, viewer, cannot change partners",
        window.import_action: "Your role, viewer, cannot import agreements or partners",
        window.restore_action: "Your role, viewer, cannot replace the database",
        window.demo_action: "Your role, viewer, cannot import agreements or partners",
        window.undo_action: VIEWER_NO,
        window.agreements.delete_action: "Your role, viewer, cannot delete agreements",
    }
    assert {a: (a.isEnabled(), a.toolTip()) for a in expected} == {
        a: (False, why) for a, why in expected.items()
    }
    assert window.export_action.isEnabled() and window.backup_action.isEnabled()
    # Qt skips switched-off menu items when pointed at: the File menu lets them be, so
    # their tooltip (the reason) shows there too.
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu) and file_menu.toolTipsVisible()
    assert file_menu.style().styleHint(QStyle.StyleHint.SH_Menu_AllowActiveAndDisabled) == 1

    # The partners page's buttons are off with the reason, even once a partner is shown.
    partners = window.partners
    partners.overview.show_partner(1)
    assert (partners.new_button.isEnabled(), partners.new_button.toolTip()) == (
        False, "Your role, viewer, cannot change partners")  # fmt: skip
    new_here = partners.overview.new_button
    assert (new_here.isEnabled(), new_here.toolTip()) == (False, VIEWER_NO)
    seller_buttons = (window.sellers.new_button, *window.sellers.seller_buttons)
    assert {(b.isEnabled(), b.toolTip()) for b in seller_buttons} == {
        (False, "Your role, viewer, cannot change partners")}  # fmt: skip
    # Reached some other way, the window still says why and does nothing.
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    assert window.new_agreement(partner_id=1) is None
    assert told == [VIEWER_NO]

    editor = window.open_agreement(seeded)
    assert editor is not None
    assert editor.title_edit.isReadOnly() and editor.title_edit.toolTip() == VIEWER_NO
    assert not editor.status_combo.isEnabled()
    assert (editor.save_button.isEnabled(), editor.save_button.toolTip()) == (False, VIEWER_NO)
    assert not editor.apply_button.isEnabled()
    assert not editor.delete_button.isEnabled()
    add_milestone = editor.milestones_tab.add_buttons[0]
    assert (add_milestone.isEnabled(), add_milestone.toolTip()) == (False, VIEWER_NO)
    assert editor.windowTitle().endswith("(read only)")
    assert not editor.is_dirty() and not editor.save()  # Ctrl+S writes nothing

    with viewer.session() as session:
        partner_id = session.scalar(text("SELECT partner_id FROM agreements"))
    partner = window.edit_partner(partner_id)
    assert partner is not None and partner.legal_name_edit.isReadOnly()
    assert (partner.save_button.isEnabled(), partner.save_button.toolTip()) == (
        False, "Your role, viewer, cannot change partners",
    )  # fmt: skip
    assert not partner.add_contact_button.isEnabled()

    settings = SettingsDialog(viewer, window, refusal=editor.delete_refusal)
    qtbot.addWidget(settings)
    assert settings.company_edit.isReadOnly() and not settings.fx_tab.add_rate()
    assert not settings.fx_tab.save_button.isEnabled()
    assert settings.language_box.isEnabled()  # this desk's own settings stay the viewer's


@pytest.mark.postgres
def test_the_servers_refusal_arrives_as_its_one_sentence(
    qtbot: QtBot, team: Team, seeded: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = team("viewer", "Vera Viewer")
    editor = AgreementEditor(viewer, seeded)
    qtbot.addWidget(editor)
    # As if the window had let the viewer through (an older client, a role just taken
    # away): the server refuses and the person reads the one sentence, no traceback.
    editor.refusal = None
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    editor.title_edit.setText("Checkout 2027")
    assert not editor.save()
    assert shown == [("Not saved", "your role, viewer, cannot change agreements")]
    editor.title_edit.setText("Checkout")  # closes without asking to save


@pytest.mark.postgres
def test_an_editor_may_change_but_not_delete(qtbot: QtBot, team: Team, seeded: int) -> None:
    editor_db = team("editor", "Li Wei", "李伟")
    window = make_window(qtbot, editor_db)
    assert window.person_label.text() == "Li Wei · editor"
    assert window.new_agreement_action.isEnabled() and window.import_action.isEnabled()
    delete = window.agreements.delete_action
    assert (delete.isEnabled(), delete.toolTip()) == (
        False,
        "Your role, editor, cannot delete agreements",
    )
    editor = window.open_agreement(seeded)
    assert editor is not None
    assert not editor.title_edit.isReadOnly() and editor.save_button.isEnabled()
    assert not editor.delete_button.isEnabled()
    editor.title_edit.setText("Checkout 2027")
    assert editor.save()


@pytest.mark.postgres
def test_in_chinese_the_status_bar_names_the_person_and_role_in_chinese(
    qtbot: QtBot, team: Team, qapp: Any
) -> None:
    window = make_window(qtbot, team("editor", "Li Wei", "李伟"))
    try:
        i18n.install(qapp, "zh_CN")
        qtbot.waitUntil(lambda: window.person_label.text() == "李伟 · 编辑者")
    finally:
        i18n.install(qapp, "en")
        # The window rebuilds in English now, while the login still exists.
        qtbot.waitUntil(lambda: window.person_label.text() == "Li Wei · editor")


@pytest.mark.postgres
def test_the_login_that_owns_the_tables_may_do_everything(qtbot: QtBot, pg_db: Database) -> None:
    # The database's owner sets it up before anyone has a role: nothing is switched off.
    window = make_window(qtbot, pg_db)
    # (A server where that login was also made a PartnerDesk admin says so instead.)
    assert window.person_label.text() in {f"{pg_db.url.username} · {r}" for r in ("owner", "admin")}
    assert window.new_agreement_action.isEnabled() and window.agreements.delete_action.isEnabled()
