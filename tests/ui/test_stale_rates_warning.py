"""The status bar warns, small and apart, when a rate the agreements use is too old."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.fx import set_rate, set_stale_days
from tests.ui.conftest import UI_TODAY
from ui.dialogs.settings_dialog import SettingsDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_old_rates_are_named_in_the_status_bar_and_lead_to_settings(
    qtbot: QtBot, ui_db: Database
) -> None:
    # The demo's newest rates are dated 2026-11-01: 25 days old on UI_TODAY.
    window = MainWindow(ui_db, UI_TODAY)
    qtbot.addWidget(window)
    window.show()
    assert not window.stale_rates.isVisible()
    later = UI_TODAY + timedelta(days=11)  # 36 days after the newest rates
    old = MainWindow(ui_db, later)
    qtbot.addWidget(old)
    old.show()
    label = old.stale_rates
    assert label.isVisible()
    assert label.text().startswith("Old exchange rates: ")
    assert "EUR" in label.text()
    assert "EUR rate is 36 days old (2026-11-01, demo)" in label.toolTip()
    # A fresh EUR rate takes EUR off the list once the window hears of the change.
    with ui_db.session() as s:
        set_rate(s, "EUR", "CNY", Decimal("7.9"), date(2026, 12, 1), "ECB")
    old.update_status()
    assert "EUR" not in label.text()
    # The age is a setting: 40 days and nothing is old.
    with ui_db.session() as s:
        set_stale_days(s, 40)
    old.update_status()
    assert not label.isVisible()
    with ui_db.session() as s:
        set_stale_days(s, 35)
    old.update_status()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    dialog = old.findChild(SettingsDialog)
    assert dialog is not None
    assert dialog.tabs.currentWidget() is dialog.fx_tab
    # A rate saved there takes its currency off the warning, even if the dialog is
    # then cancelled.
    assert "USD" in label.text()
    tab = dialog.fx_tab
    tab.rate_currency.setText("USD")
    tab.rate_value.setText("7.1")
    tab.rate_date.setDate(QDate(2026, 12, 5))
    assert tab.add_rate()
    dialog.reject()
    qtbot.waitUntil(lambda: "USD" not in label.text())
