"""Renewals: the pipeline grouped by month, and renewing from it."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.dashboard import decisions_due
from ui.pages.renewals import ID_ROLE, RenewalsPage

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_pipeline_groups_decisions_by_month(qtbot: QtBot, ui_db: Database) -> None:
    page = RenewalsPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    page.horizon_box.setCurrentIndex(page.horizon_box.findData(365))
    with ui_db.session() as s:
        expected = decisions_due(s, TODAY, 365)
    months = {}
    for i in range(page.tree.topLevelItemCount()):
        head = page.tree.topLevelItem(i)
        assert head is not None
        children = [head.child(j) for j in range(head.childCount())]
        months[head.text(0)] = [c.data(0, ID_ROLE) for c in children if c is not None]
    assert sum(len(v) for v in months.values()) == len(expected) > 0
    for d in expected:
        assert d.agreement_id in months[f"{d.decision_date.year}-{d.decision_date.month:02d}"]
    assert list(months) == sorted(months)


def test_renew_is_offered_for_an_active_agreement(qtbot: QtBot, ui_db: Database) -> None:
    page = RenewalsPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    due = next(d for d in page.items if d.status.value == "active")
    assert page.select_agreement(due.agreement_id)
    assert page.renew_button.isEnabled()
    with qtbot.waitSignal(page.renew_requested) as signal:
        page.renew_button.click()
    assert signal.args == [due.agreement_id]
