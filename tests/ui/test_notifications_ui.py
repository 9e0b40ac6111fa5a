"""The window's part of the reminders: Settings ▸ Notifications, File ▸ Export calendar…,
and the tray notification while the application runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementStatus
from app.services.agreements import get_agreement, update_agreement
from app.services.listing import AgreementFilter, list_agreements
from app.services.notifications import config
from app.services.people import current_person
from tests.fake_keyring import MemoryKeyring, memory_keyring
from ui import settings
from ui.dialogs.settings_dialog import SettingsDialog
from ui.main_window import MainWindow
from ui.tray import DueWatcher

__all__ = ["memory_keyring"]  # a fixture

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def test_notification_settings_are_saved_and_the_password_goes_to_the_keyring(
    qtbot: QtBot, ui_db: Database, memory_keyring: MemoryKeyring
) -> None:
    dialog = SettingsDialog(ui_db)
    qtbot.addWidget(dialog)
    tab = dialog.notifications
    tab.lines["notify.smtp.host"].setText("smtp.example.com")
    tab.lines["notify.smtp.user"].setText("pd")
    tab.password.setText("hunter2")
    tab.port.setValue(465)
    tab.security.setCurrentIndex(tab.security.findData("tls"))
    tab.quiet["sat"].setChecked(True)
    tab.quiet["sun"].setChecked(True)
    tab.webhooks.setPlainText("brand wecom https://qyapi.weixin.qq.com/x?key=K team=Brand\n")
    tab.minutes.setValue(30)
    dialog.save()
    assert not dialog.isVisible() or dialog.result() == dialog.DialogCode.Accepted
    with ui_db.session() as s:
        saved = config.load(s)
    assert saved["notify.smtp.host"] == "smtp.example.com"
    assert saved["notify.smtp.port"] == "465" and saved["notify.smtp.security"] == "tls"
    assert saved["notify.quiet_days"] == "sat,sun"
    assert saved.webhooks == {"brand": "wecom https://qyapi.weixin.qq.com/x?key=K team=Brand"}
    assert "hunter2" not in saved.values.values()
    assert memory_keyring.entries == {("PartnerDesk", "smtp://pd@smtp.example.com"): "hunter2"}
    assert settings.TRAY_MINUTES.get() == 30


def test_a_wrong_webhook_is_shown_and_nothing_saved(qtbot: QtBot, ui_db: Database) -> None:
    dialog = SettingsDialog(ui_db)
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.notifications
    tab.lines["notify.smtp.host"].setText("smtp.example.com")
    tab.webhooks.setPlainText("brand slack https://hooks.example/x team=Brand")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is tab
    assert "notify.webhook.brand: 'slack https://hooks.example/x team=Brand': 'slack' is not " \
        "a webhook kind" in tab.error.text()  # fmt: skip
    with ui_db.session() as s:
        assert config.load(s).values == {}


def test_export_calendar_writes_the_lists_filter(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ui_db.session() as s:
        live = list_agreements(s, AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE})))
    window = _window(qtbot, ui_db)
    window.agreements.search_for(live[0].reference)
    target = tmp_path / "one.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    window.export_calendar()
    qtbot.waitUntil(lambda: "Calendar saved to" in window.statusBar().currentMessage(),
                    timeout=20_000)  # fmt: skip
    cal = Calendar.from_ical(target.read_bytes())
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert {f"decision-{live[0].id}@partnerdesk", f"end-{live[0].id}@partnerdesk"} <= uids
    assert not any(u.startswith(("decision-", "end-")) and f"-{live[0].id}@" not in u
                   for u in uids)  # fmt: skip
    assert "Calendar saved to" in window.statusBar().currentMessage()


# The offscreen platform has no system tray; Qt says so when the icon is made.
@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_the_tray_tells_each_occasion_once_per_session(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ui_db.session() as s:
        me = current_person(s)
        assert me is not None
        row = list_agreements(s, AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE})))[0]
        a = get_agreement(s, row.id)
        # Mine, with its decision 10 days away.
        end = TODAY + timedelta(days=10 + a.notice_days)
        update_agreement(s, a.id, replace(a.to_input(), owner=me.name, end_date=end), a.version)
    window = _window(qtbot, ui_db)
    shown: list[tuple[str, str]] = []
    watcher = DueWatcher(window, TODAY)
    monkeypatch.setattr(watcher.tray, "showMessage", lambda t, b, *_a: shown.append((t, b)))
    first = watcher.check()
    assert a.reference in {r.reference for r in first}
    assert any(a.reference in title or a.reference in body for title, body in shown)
    shown.clear()
    assert watcher.check() == [] and shown == []  # nothing new: nothing shown again
    # The next step (7 days before) is a new occasion.
    later = DueWatcher(window, TODAY + timedelta(days=4))
    later.told = set(watcher.told)
    monkeypatch.setattr(later.tray, "showMessage", lambda t, b, *_a: shown.append((t, b)))
    new = later.check()
    assert [r.reference for r in new if r.agreement_id == a.id] == [a.reference]
    assert "(in 6 days)" in next(r.text for r in new if r.agreement_id == a.id)


@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_the_timers_check_reads_in_a_worker_and_shows_what_is_due(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui_db)
    expected = {r.occasion for r in DueWatcher(window, TODAY).check()}
    assert expected  # the demo has something due for the person working
    watcher = DueWatcher(window, TODAY)
    shown: list[str] = []
    monkeypatch.setattr(watcher.tray, "showMessage", lambda t, *_a: shown.append(t))
    watcher.check_in_background()
    assert watcher.checking  # handed to the worker: the window goes on meanwhile
    qtbot.waitUntil(lambda: not watcher.checking, timeout=20_000)
    assert watcher.told == expected and shown
