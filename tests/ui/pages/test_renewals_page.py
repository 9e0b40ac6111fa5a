"""Renewals: the pipeline grouped by month, and renewing from it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementStatus
from app.services.agreements import create_agreement
from app.services.dashboard import decisions_due
from app.services.overview import RenewalPipeline
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input
from ui.models.agreements import PAST_COLOUR
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
        missed = [d for d in decisions_due(s, TODAY, 365, include_overdue=True) if d.days_left < 0]
    months = {}
    for i in range(page.tree.topLevelItemCount()):
        head = page.tree.topLevelItem(i)
        assert head is not None
        children = [head.child(j) for j in range(head.childCount())]
        months[head.text(0)] = [c.data(0, ID_ROLE) for c in children if c is not None]
    assert months.pop("Overdue", []) == [d.agreement_id for d in missed]
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


def test_missed_decisions_are_grouped_as_overdue_at_the_top(qtbot: QtBot, ui_db: Database) -> None:
    ids = []
    with ui_db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Late Co", country="FR"), actor="t")
        for days_ago in (2, 30):
            ids.append(
                create_agreement(
                    s,
                    agreement_input(
                        partner.id,
                        title=f"Missed by {days_ago}",
                        status=AgreementStatus.ACTIVE,
                        signed_date=date(2025, 12, 1),
                        # Under the demo's approval policy: it may be created as active.
                        value=Decimal("400000"),
                        end_date=TODAY + timedelta(days=90 - days_ago),
                        notice_days=90,
                    ),
                    actor="t",
                ).id
            )
    page = RenewalsPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    head = page.tree.topLevelItem(0)
    assert head is not None and head.text(0) == "Overdue"
    children = [head.child(j) for j in range(head.childCount())]
    rows = [(c.data(0, ID_ROLE), c.text(1)) for c in children if c is not None]
    # Most overdue first, each saying by how much, in red.
    assert rows.index((ids[1], "overdue by 30 days")) < rows.index((ids[0], "overdue by 2 days"))
    first = children[0]
    assert first is not None
    assert first.foreground(1).color() == QColor(PAST_COLOUR)
    assert "overdue" in page.summary.text()
    # The months follow, with only decisions still to come.
    second = page.tree.topLevelItem(1)
    assert second is not None and second.text(0).startswith("20")
    assert page.select_agreement(ids[0])
    assert page.renew_button.isEnabled()


def test_a_long_pipeline_fills_in_steps_and_a_newer_one_replaces_it(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the application the rows go in a few hundred per turn of the event loop; the
    rows still to come of an older pipeline are dropped when a newer one arrives."""
    from dataclasses import replace

    from ui import background
    from ui.pages import renewals

    page = RenewalsPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    one = page.items[0]
    many = [replace(one, agreement_id=10_000 + i, days_left=30) for i in range(1200)]
    monkeypatch.setattr(background, "in_workers", True)

    def rows() -> list[int]:
        heads = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]
        children = [h.child(j) for h in heads if h for j in range(h.childCount())]
        return [c.data(0, ID_ROLE) for c in children if c is not None]

    page._arrived(RenewalPipeline(tuple(many), len(many), 0))
    assert 0 < len(rows()) <= renewals.ROWS_PER_TURN  # the first rows at once
    qtbot.waitUntil(lambda: len(rows()) == len(many))
    assert rows() == [d.agreement_id for d in many]

    page._arrived(RenewalPipeline(tuple(many), len(many), 0))
    few = [replace(one, agreement_id=20_000 + i, days_left=30) for i in range(3)]
    page._arrived(RenewalPipeline(tuple(few), len(few), 0))
    qtbot.wait(50)  # the older fill's turns come and go
    assert rows() == [d.agreement_id for d in few]


def test_long_pipeline_counts_are_grouped_as_the_reader_writes_numbers(
    qtbot: QtBot, ui_db: Database
) -> None:
    """At a million agreements the summary read "2000 decisions due, 2,000 overdue": the
    counts are written in the reader's locale, thousands grouped, like the other figures;
    and they count every decision, not the 2,000 of each the page shows."""
    from dataclasses import replace

    from PySide6.QtCore import QLocale

    from ui.pages import renewals

    page = RenewalsPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.activate()
    one = page.items[0]
    many = [replace(one, agreement_id=10_000 + i, days_left=30) for i in range(renewals.LIMIT)]
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        page._arrived(RenewalPipeline(tuple(many), 14_485, 20_256))
        qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0)
        assert page.summary.text() == "14,485 decisions due, 20,256 overdue (first 2,000 shown)"
        head = page.tree.topLevelItem(0)
        assert head is not None and head.text(3) == "2,000 agreements"
    finally:
        QLocale.setDefault(before)
