"""The dashboard lists what waits for the connected approver's decision, and only that."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.domain.roles import Role
from app.services.abilities import connected_access
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.approvals import set_policy
from app.services.fx import set_rate
from app.services.partners import PartnerInput, create_partner
from app.services.people import add_person
from tests.conftest import agreement_input
from tests.ui.team_logins import Team, team_fixture  # noqa: F401  (the fixture)
from ui.models.lazy import Roles
from ui.pages.dashboard import DashboardPage

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_page(qtbot: QtBot, db: Database) -> DashboardPage:
    page = DashboardPage(db, TODAY)
    qtbot.addWidget(page)
    with db.session() as s:
        page.set_access(connected_access(s))
    page.resize(1300, 700)
    page.show()
    return page


def seed(db: Database) -> dict[str, int]:
    """Brand agreements from CNY 5M need two approvals; three of four agreements wait for me."""
    with db.session() as s:
        add_person(s, "li", "Li Wei", name_local="李伟", role=Role.APPROVER)
        set_policy(s, AgreementType.BRAND, Decimal("5000000"), 2)
        set_rate(s, "USD", "CNY", Decimal("7.1"), date(2026, 1, 1))
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        pending = AgreementStatus.PENDING_APPROVAL

        def make(title: str, value: str, currency: str, status: AgreementStatus) -> int:
            data = agreement_input(p.id, title=title, value=Decimal(value), currency=currency,
                                   status=status, signed_date=TODAY)  # fmt: skip
            return create_agreement(s, data, actor="li").id

        ids = {
            "usd": make("Checkout USD", "1000000", "USD", pending),  # CNY 7.1M
            "cny": make("Wallet CNY", "6000000", "CNY", pending),
            "small": make("Below every policy", "1000", "CNY", pending),
            "later": make("Asked later", "9000000", "CNY", AgreementStatus.NEGOTIATION),
        }
        # Moved to pending later: "since" is that moment, not its creation.
        view = get_agreement(s, ids["later"])
        update_agreement(s, view.id, replace(view.to_input(), status=pending), view.version,
                         actor="li")  # fmt: skip
    return ids


def test_an_approver_sees_what_waits_for_them_and_opens_it(qtbot: QtBot, db: Database) -> None:
    ids = seed(db)
    page = make_page(qtbot, db)
    page.load_now()
    assert page.tabs.isTabVisible(page.waiting_tab)
    assert page.tabs.currentIndex() == page.waiting_tab  # the one thing only they unblock
    assert page.tabs.tabText(page.waiting_tab) == "Waiting for my approval (3)"
    model = page.waiting_model
    rows = {
        model.index(r, 0).data(Roles.ID): [model.index(r, c).data() for c in range(6)]
        for r in range(model.rowCount())
    }
    assert set(rows) == {ids["usd"], ids["cny"], ids["later"]}
    assert rows[ids["usd"]][1:5] == ["Checkout USD", "Harbor Pay Inc.", "7,100,000.00 CNY",
                                     "Li Wei (李伟)"]  # fmt: skip
    assert rows[ids["cny"]][3] == "6,000,000.00 CNY"
    assert all(len(row[5]) == 10 for row in rows.values())  # YYYY-MM-DD
    # Read whole: the list arrives after the other lists were sized, and is sized itself.
    metrics = page.waiting_view.fontMetrics()
    for c in range(5):
        texts = [str(model.index(r, c).data()) for r in range(model.rowCount())]
        assert page.waiting_view.columnWidth(c) >= max(map(metrics.horizontalAdvance, texts))
    with qtbot.waitSignal(page.open_requested) as opened:
        page.waiting_view.doubleClicked.emit(model.index(0, 1))
    assert opened.args == [model.index(0, 0).data(Roles.ID)]


def test_nothing_waits_for_the_person_who_wrote_the_terms(qtbot: QtBot, db: Database) -> None:
    seed(db)
    with db.session() as s:
        # As if this desk's person had written every version.
        s.execute(text("UPDATE audit_log SET actor = :me"), {"me": connected_access(s).login})
    page = make_page(qtbot, db)
    page.load_now()
    assert page.waiting_model.rowCount() == 0
    assert page.tabs.tabText(page.waiting_tab) == "Waiting for my approval (0)"


@pytest.mark.postgres
def test_a_viewer_has_no_approvals_list(qtbot: QtBot, pg_db: Database, team: Team) -> None:
    seed(pg_db)
    page = make_page(qtbot, team("viewer", "Vera Viewer"))
    page.load_now()
    assert not page.tabs.isTabVisible(page.waiting_tab)
    assert page.waiting_model.rowCount() == 0


def test_the_list_is_read_in_a_worker_apart_from_the_figures(qtbot: QtBot, db: Database) -> None:
    seed(db)
    page = make_page(qtbot, db)
    page.refresh()  # as the application does
    qtbot.waitUntil(lambda: page.waiting_model.rowCount() == 3, timeout=10_000)
    assert page.tabs.tabText(page.waiting_tab) == "Waiting for my approval (3)"
