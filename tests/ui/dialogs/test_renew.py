"""Renewing from the main window: the question names the successor's real start date and
says that a renewal is not an undo step."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementStatus
from app.services.agreements import get_agreement
from app.services.listing import AgreementFilter, agreement_ids
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
Button = QMessageBox.StandardButton


def test_the_renewal_question_names_the_successors_start_and_that_undo_cannot_take_it_back(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "open_agreement", lambda _id: None)
    asked: list[str] = []

    def question(_parent: QWidget | None, _title: str, text: str, *_a: Any) -> Button:
        asked.append(text)
        return Button.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    with ui_db.session() as s:
        active = agreement_ids(s, AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE})))[0]
        old_end = get_agreement(s, active).end_date
    steps_before = window.undo_stack.count()

    window.renew(active)

    with ui_db.session() as s:
        successor = get_agreement(s, get_agreement(s, active).successor_id or 0)
    assert f"starting {successor.start_date.isoformat()}" in asked[0]
    assert f"starting {old_end.isoformat()}" not in asked[0]
    assert "cannot be undone with Undo" in asked[0]
    # Only an agreement that has not ended yet is said to stay in force.
    assert ("stays in force until" in asked[0]) == (old_end >= date.today())
    assert window.undo_stack.count() == steps_before  # as the question said
