"""Start-up: database trouble explained, demo data offered, renewal reminders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.dashboard import decisions_due
from app.services.listing import count_agreements
from ui import settings
from ui.application import offer_demo_if_empty, open_with_recovery, startup_reminder
from ui.main_window import MainWindow

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.mark.usefixtures("qapp")
def test_a_broken_database_is_explained_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not sqlite at all")
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.informativeText())
        return 0  # closed without choosing: nothing opens

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert open_with_recovery(str(broken)) is None
    assert shown and "not a PartnerDesk database" in shown[0]
    assert broken.read_bytes() == b"not sqlite at all"


@pytest.mark.usefixtures("qapp")
def test_the_user_can_pick_another_database_after_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"nope")
    good = tmp_path / "good.db"

    def exec_(box: QMessageBox) -> int:
        other = next(b for b in box.buttons() if b.text().startswith("Use another"))
        other.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)

    def typed(dialog: QInputDialog) -> int:
        dialog.setTextValue(str(good))
        return int(QInputDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QInputDialog, "exec", typed)
    db = open_with_recovery(str(broken))
    assert db is not None and db.description == str(good)
    assert settings.DATABASE_TARGET.get() == str(good)
    db.dispose()


def test_an_empty_database_offers_demo_data(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(db, TODAY)
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *_a: QMessageBox.StandardButton.Yes))  # fmt: skip

    def typed(dialog: QInputDialog) -> int:
        dialog.setIntValue(25)
        return int(QInputDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QInputDialog, "exec", typed)
    assert offer_demo_if_empty(window)
    qtbot.waitUntil(lambda: window.counts_label.text().startswith("25 agreements"), timeout=10000)
    with db.session() as s:
        assert count_agreements(s) == 25
    assert not offer_demo_if_empty(window)  # not empty any more: no offer


def test_the_startup_reminder_lists_decisions_due_within_14_days(
    qtbot: QtBot, ui_db: Database
) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    today = TODAY
    with ui_db.session() as s:
        # The 60-agreement demo has its nearest decisions a few weeks out: look from there.
        first = decisions_due(s, TODAY, 90)[0]
        today = date.fromordinal(first.decision_date.toordinal() - 5)
        due = decisions_due(s, today, 14)
    box = startup_reminder(window, today)
    assert box is not None
    plural = "decision" if len(due) == 1 else "decisions"
    assert box.text().startswith(f"{len(due)} {plural} due within 14 days")
    for d in due[:15]:
        assert d.reference in box.informativeText()
    check = box.checkBox()
    assert check is not None
    check.setChecked(True)
    box.done(0)
    assert settings.STARTUP_REMINDER.get() is False
    assert startup_reminder(window, today) is None  # switched off


def test_no_reminder_when_nothing_is_due(qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db, TODAY)
    qtbot.addWidget(window)
    assert startup_reminder(window) is None


def test_the_startup_reminder_leads_with_missed_decisions(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    with ui_db.session() as s:
        first = decisions_due(s, TODAY, 90)[0]
    # Seen from two days after the nearest decision date, that one has been missed.
    later = date.fromordinal(first.decision_date.toordinal() + 2)
    with ui_db.session() as s:
        missed = [d for d in decisions_due(s, later, 14, include_overdue=True) if d.days_left < 0]
        due = decisions_due(s, later, 14)
    box = startup_reminder(window, later)
    assert box is not None and missed
    n = len(missed)
    # The headline when nothing else is due; else the first line under "N decisions due".
    said = box.informativeText() if due else box.text()
    assert said.startswith(
        f"{n} live agreement is past its decision date."
        if n == 1
        else f"{n} live agreements are past their decision date."
    )
    box.done(0)


def test_a_reminder_of_missed_decisions_only_never_says_none_are_due(
    qtbot: QtBot, ui_db: Database
) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    years_later = date(2040, 1, 1)  # every live agreement's decision date has passed
    with ui_db.session() as s:
        assert decisions_due(s, years_later, 14) == []
        missed = [
            d for d in decisions_due(s, years_later, 14, include_overdue=True) if d.days_left < 0
        ]
    box = startup_reminder(window, years_later)
    assert box is not None and missed
    assert box.text() == f"{len(missed)} live agreements are past their decision date."
    assert "due within" not in box.text() + box.informativeText()
    box.done(0)
