"""A database PartnerDesk may not change opens with editing off and the reason shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, today=date(2026, 11, 26))
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_read_only_database_is_shown_with_editing_off_and_why(
    qtbot: QtBot, ui_db: Database
) -> None:
    reason = f"the database file {ui_db.description} is read-only"
    window = make_window(qtbot, replace(ui_db, read_only_reason=reason))
    assert "60 agreements" in window.counts_label.text()  # everything is shown
    assert f"Editing is off: {reason}." in window.db_label.text()
    writers = [window.new_agreement_action, window.new_partner_action, window.import_action,
               window.restore_action, window.demo_action]  # fmt: skip
    assert [a.isEnabled() for a in writers] == [False] * len(writers)
    assert window.backup_action.isEnabled()  # a copy elsewhere can still be made


def test_a_writable_database_keeps_editing_on(qtbot: QtBot, ui_db: Database) -> None:
    window = make_window(qtbot, ui_db)
    assert "Editing is off" not in window.db_label.text()
    assert window.new_agreement_action.isEnabled() and window.import_action.isEnabled()
