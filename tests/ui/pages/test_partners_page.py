"""Partners: the list filters in SQL, and the 360° view shows all of a partner's agreements."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementType, PartnerRole
from app.services.listing import AgreementFilter, count_agreements
from app.services.partners import PartnerFilter, count_partners, partner_rows
from ui.models.lazy import Roles
from ui.pages.partners import PartnersPage

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_page(qtbot: QtBot, db: Database) -> PartnersPage:
    page = PartnersPage(db, TODAY)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: PartnersPage) -> None:
    """The list's query runs in a worker, as in the application: wait for its answer."""
    qtbot.waitUntil(page.model.is_current, timeout=5000)


def test_selecting_a_partner_shows_its_whole_portfolio(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    count_column = [c.key for c in page.model.columns].index("agreement_count")
    page.view.horizontalHeader().setSortIndicator(count_column, Qt.SortOrder.DescendingOrder)
    settle(qtbot, page)
    page.view.selectRow(0)
    partner_id = page.model.index(0, 0).data(Roles.ID)
    overview = page.overview
    qtbot.waitUntil(overview.agreements_model.is_current, timeout=5000)
    assert overview.partner is not None and overview.partner.id == partner_id
    with ui_db.session() as s:
        total = count_agreements(s, AgreementFilter(partner_id=partner_id))
        per_type = {t: count_agreements(s, AgreementFilter(partner_id=partner_id,
                                                           types=frozenset({t})))
                    for t in AgreementType}  # fmt: skip
    assert overview.agreements_model.rowCount() == total > 0
    text = overview.summary.text()
    assert text.startswith(f"{total} agreement{'' if total == 1 else 's'}")
    for t, n in per_type.items():
        assert f"{t.value.capitalize()}: {n}" in text
    assert overview.partner.legal_name in overview.name_label.text()
    assert overview.contacts_model.rowCount() == len(overview.partner.contacts)


def test_filtering_partners_by_role_and_name(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.role_box.setCurrentIndex(page.role_box.findData(PartnerRole.LOGISTICS_PROVIDER.value))
    settle(qtbot, page)
    with ui_db.session() as s:
        expected = count_partners(s, PartnerFilter(role=PartnerRole.LOGISTICS_PROVIDER))
    assert page.model.rowCount() == expected > 0
    local = page.model.index(0, 1).data()
    page.role_box.setCurrentIndex(0)
    page.search_edit.setText(local)  # either script; QTest cannot type CJK keys
    page.apply_filter()
    settle(qtbot, page)
    assert page.model.rowCount() >= 1
    assert all(local in (page.model.index(r, 1).data() or "")
               for r in range(page.model.rowCount()))  # fmt: skip


def test_the_overview_buttons_ask_for_the_selected_partner(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.view.selectRow(1)
    partner_id = page.model.index(1, 0).data(Roles.ID)
    with qtbot.waitSignal(page.new_agreement_requested) as signal:
        page.overview.new_button.click()
    assert signal.args == [partner_id]
    with qtbot.waitSignal(page.edit_requested) as signal:
        page.overview.edit_button.click()
    assert signal.args == [partner_id]


def test_a_refresh_from_a_worker_keeps_the_partner_in_view(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.view.selectRow(4)
    chosen = page.model.index(4, 0).data(Roles.ID)
    page.model.assume_slow = True  # as in the application: the id query runs in a worker
    with qtbot.waitSignal(page.model.modelReset, timeout=5000):
        page.refresh()
    assert page.overview.partner is not None and page.overview.partner.id == chosen
    assert page.view.selectionModel().selectedRows()[0].data(Roles.ID) == chosen


def test_right_click_offers_edit_new_agreement_and_dossier(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    partner_id = int(page.model.index(2, 0).data(Roles.ID))
    actions = page.context_actions(partner_id)
    assert [a.text() for a in actions] == ["Edit partner…", "New agreement…", "Partner dossier…"]
    for action, signal in zip(
        actions,
        (page.edit_requested, page.new_agreement_requested, page.report_requested),
        strict=True,
    ):
        with qtbot.waitSignal(signal) as caught:
            action.trigger()
        assert caught.args == [partner_id]


def test_a_list_read_while_hidden_shows_its_rows_when_first_shown(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in the application (rows read in workers): the first rows come with the list,
    so a page switched to later shows names at once, not "…" while they are read."""
    from ui.models.lazy import LazyIdModel
    from ui.worker import jobs_running

    monkeypatch.setattr(LazyIdModel, "rows_in_background", True)
    page = PartnersPage(ui_db, TODAY)  # built, never shown: a page under the dashboard
    qtbot.addWidget(page)
    page.resize(1400, 800)
    settle(qtbot, page)
    qtbot.waitUntil(lambda: jobs_running() == 0, timeout=5000)
    page.show()
    names = [page.model.index(r, 0).data() for r in range(min(20, page.model.rowCount()))]
    assert names and "…" not in names
    with ui_db.session() as s:
        assert names[0] == partner_rows(s, [page.model.index(0, 0).data(Roles.ID)])[0].legal_name
