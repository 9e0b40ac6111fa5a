"""The agreements list page: filters typed into its widgets, SQL sorting, columns, menus."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.services.listing import AgreementFilter, agreement_ids, count_agreements
from ui.models.lazy import Roles
from ui.pages.agreements import AgreementsPage

TODAY = date(2026, 11, 26)
# The offscreen platform cannot raise windows or pass size hints; that is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_page(qtbot: QtBot, db: Database) -> AgreementsPage:
    page = AgreementsPage(db, TODAY)
    qtbot.addWidget(page)
    page.resize(1400, 700)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: AgreementsPage) -> None:
    """The list's query runs in a worker, as in the application: wait for its answer."""
    qtbot.waitUntil(page.model.is_current, timeout=5000)


def column(page: AgreementsPage, key: str) -> int:
    return [c.key for c in page.model.columns].index(key)


def shown(page: AgreementsPage, key: str) -> list[str]:
    col = column(page, key)
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def test_the_page_lists_every_agreement_and_counts_them(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    assert page.model.rowCount() == 60
    assert page.count_label.text() == "60 agreements"


def test_choosing_a_type_and_a_status_filters_the_list(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.type_box.setCurrentIndex(page.type_box.findData("logistics"))
    page.status_box.setCurrentIndex(page.status_box.findData("active"))
    settle(qtbot, page)
    with ui_db.session() as s:
        expected = count_agreements(
            s,
            AgreementFilter(
                types=frozenset({AgreementType.LOGISTICS}),
                statuses=frozenset({AgreementStatus.ACTIVE}),
            ),
        )
    assert page.model.rowCount() == expected > 0
    assert set(shown(page, "type")) == {"Logistics"}
    assert set(shown(page, "status")) == {"Active"}


def test_typing_in_the_search_box_filters_after_a_pause(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    reference = shown(page, "reference")[7]
    qtbot.keyClicks(page.search_edit, reference)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert shown(page, "reference") == [reference]
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 60, timeout=2000)


def test_a_partner_name_in_chinese_finds_its_agreements(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    record = page.model.index(0, 0).data(Roles.RECORD)
    assert record.partner_local_name
    page.partner_edit.setText(record.partner_local_name)  # QTest cannot type CJK keys
    page.apply_filter()
    settle(qtbot, page)
    assert page.model.rowCount() >= 1
    partners = {page.model.index(r, 0).data(Roles.RECORD).partner_id
                for r in range(page.model.rowCount())}  # fmt: skip
    assert partners == {record.partner_id}


def test_clicking_a_header_sorts_in_the_database(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    header = page.view.horizontalHeader()
    value = column(page, "value")
    header.setSortIndicator(value, Qt.SortOrder.DescendingOrder)
    settle(qtbot, page)
    with ui_db.session() as s:
        assert page.model.ids() == agreement_ids(s, sort="value", descending=True)
    header.setSortIndicator(column(page, "partner"), Qt.SortOrder.AscendingOrder)
    settle(qtbot, page)
    with ui_db.session() as s:
        assert page.model.ids() == agreement_ids(s, sort="partner")


def test_the_decision_date_range_keeps_only_dates_inside_it(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.show_decisions_within(60)
    settle(qtbot, page)
    col = column(page, "decision_date")
    dates = [page.model.index(r, col).data() for r in range(page.model.rowCount())]
    assert dates
    assert all("2026-11-26" <= d <= "2027-01-25" for d in dates)


def test_the_column_chooser_hides_and_shows_columns(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    owner = column(page, "owner")
    page._fill_column_menu()
    action = next(a for a in page.columns_button.menu().actions() if a.text() == "Owner")
    assert action.isChecked()
    action.trigger()
    assert page.view.isColumnHidden(owner)
    page.set_column_visible(owner, True)
    assert not page.view.isColumnHidden(owner)


def test_the_column_layout_survives_a_restart(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.set_column_visible(column(page, "owner"), False)
    page.view.setColumnWidth(column(page, "title"), 333)
    page.save_state()
    again = make_page(qtbot, ui_db)
    assert again.view.isColumnHidden(column(again, "owner"))
    assert again.view.columnWidth(column(again, "title")) == 333


def test_delete_key_asks_for_the_selected_agreements(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    page.view.selectRow(2)
    expected = [page.model.ids()[2]]
    delete = next(a for a in page.view.actions() if a.shortcut() == QKeySequence.StandardKey.Delete)
    with qtbot.waitSignal(page.delete_requested) as signal:
        delete.trigger()  # offscreen windows never get the focus a key shortcut needs
    assert signal.args == [expected]


def test_past_and_near_decision_dates_are_coloured(qtbot: QtBot, ui_db: Database) -> None:
    page = make_page(qtbot, ui_db)
    col = column(page, "decision_date")
    seen = set()
    for r in range(page.model.rowCount()):
        state = page.model.index(r, col).data(Roles.STATE)
        colour = page.model.index(r, col).data(Qt.ItemDataRole.ForegroundRole)
        seen.add(state)
        assert (colour is not None) == (state in ("past", "near"))
    assert "near" in seen or "past" in seen


def test_searching_is_not_said_once_the_matches_are_on_view(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.models.lazy import LazyIdModel

    page = make_page(qtbot, ui_db)
    monkeypatch.setattr(LazyIdModel, "FIRST_SCREEN", 5)
    # The whole order of a big list comes seconds after its first screen: here, never.
    monkeypatch.setattr(type(page.model), "_ask_all", lambda _self, _generation: None)
    page.search_edit.setText("BR")
    page.apply_filter()
    assert page.count_label.text() == "Searching…"
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=5000)
    assert page.count_label.text() == "Counting…"
