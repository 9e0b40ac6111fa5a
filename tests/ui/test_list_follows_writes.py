"""The agreements list after a write: the new values in the right place, the order read
again only when the write may have moved a row or taken it out of the filter; the status
bar's counts and the owner filter's names follow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.listing import agreement_ids
from app.services.partners import get_partner, update_partner
from tests.conftest import agreement_input
from ui.changes import AGREEMENT, PARTNER, Changes
from ui.main_window import MainWindow
from ui.models.lazy import LazyIdModel, Roles

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def window(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch,
    answered: Callable[[LazyIdModel[Any]], None],
) -> MainWindow:  # fmt: skip
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    w = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(w)
    w.show()
    w.show_page("agreements")
    answered(w.agreements.model)
    return w


def sort_by(window: MainWindow, key: str, qtbot: QtBot) -> None:
    page = window.agreements
    column = [c.key for c in page.model.columns].index(key)
    page.view.horizontalHeader().setSortIndicator(column, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(page.model.is_current, timeout=5000)


def shown(window: MainWindow, agreement_id: int, field: str) -> object:
    model = window.agreements.model
    row = model.row_of_id(agreement_id)
    record = model.index(row, 0).data(Roles.RECORD) if row >= 0 else None
    return getattr(record, field) if record is not None else None


def expected_order(db: Database, window: MainWindow) -> list[int]:
    model = window.agreements.model
    with db.session() as s:
        return agreement_ids(s, model.filter, sort=model.sort_key, descending=model.descending)


def edit(db: Database, agreement_id: int, **changes: Any) -> None:
    with db.session() as s:
        view = get_agreement(s, agreement_id)
        update_agreement(s, agreement_id, replace(view.to_input(), **changes), view.version)


def settled(window: MainWindow) -> Callable[[], bool]:
    model = window.agreements.model
    return lambda: model.is_current() and model._follower.is_idle()


def test_a_title_edit_under_another_sort_shows_in_its_row_without_reading_the_order(
    qtbot: QtBot, window: MainWindow, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    sort_by(window, "decision_date", qtbot)
    model = window.agreements.model
    target = model.id_at(3)
    assert target is not None
    model.index(3, 0).data()  # on view: its page is in memory
    order = model.ids()
    reloads: list[bool] = []
    original_reload = model.reload

    def reload(**kwargs: Any) -> None:
        reloads.append(True)
        original_reload(**kwargs)

    monkeypatch.setattr(model, "reload", reload)

    edit(ui_db, target, title="Renamed in place")
    window.announce(Changes.of(AGREEMENT, [target]))

    qtbot.waitUntil(lambda: shown(window, target, "title") == "Renamed in place")
    assert model.ids() == order  # the same place
    assert reloads == []  # a title cannot move a row sorted by decision date


def test_an_edit_that_moves_the_row_under_the_sort_reads_the_order_again(
    qtbot: QtBot, window: MainWindow, ui_db: Database
) -> None:
    sort_by(window, "title", qtbot)
    model = window.agreements.model
    last = model.rowCount() - 1
    target = model.id_at(last)
    assert target is not None
    model.index(last, 0).data()

    edit(ui_db, target, title="000 first by title")
    window.announce(Changes.of(AGREEMENT, [target]))

    qtbot.waitUntil(lambda: model.row_of_id(target) == 0 and settled(window)())
    assert shown(window, target, "title") == "000 first by title"
    assert model.ids() == expected_order(ui_db, window)


def test_an_edit_that_takes_the_row_out_of_the_filter_removes_it(
    qtbot: QtBot, window: MainWindow, ui_db: Database
) -> None:
    page = window.agreements
    edit(ui_db, 7, title="Zebrafish venture")
    window.announce(Changes.of(AGREEMENT, [7]))
    qtbot.waitUntil(settled(window))
    page.search_edit.setText("Zebrafish")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.model.ids() == [7] and settled(window)())
    page.model.index(0, 0).data()

    edit(ui_db, 7, title="Plain venture")
    window.announce(Changes.of(AGREEMENT, [7]))

    qtbot.waitUntil(lambda: page.model.ids() == [] and settled(window)())


def test_a_renamed_partner_shows_in_the_rows_of_its_agreements(
    qtbot: QtBot, window: MainWindow, ui_db: Database
) -> None:
    model = window.agreements.model
    agreement = model.id_at(0)
    assert agreement is not None
    partner_id = model.index(0, 0).data(Roles.RECORD).partner_id
    with ui_db.session() as s:
        view = get_partner(s, partner_id)
        update_partner(s, partner_id, replace(view.to_input(), legal_name="Renamed Partner Ltd"),
                       view.version)  # fmt: skip
    window.announce(Changes.of(PARTNER, [partner_id]))

    qtbot.waitUntil(lambda: shown(window, agreement, "partner_name") == "Renamed Partner Ltd")
    assert model.ids() == expected_order(ui_db, window)


def counts_shown(window: MainWindow) -> str:
    return window.counts_label.text()


def test_the_status_bar_counts_a_new_and_a_deleted_agreement(
    qtbot: QtBot, window: MainWindow, ui_db: Database
) -> None:
    qtbot.waitUntil(lambda: counts_shown(window).startswith("60 agreements"))
    with ui_db.session() as s:
        partner_id = get_agreement(s, 7).partner_id
        new_id = create_agreement(s, agreement_input(partner_id, title="Counted")).id
    window.announce(Changes.of(AGREEMENT, [new_id]))
    qtbot.waitUntil(lambda: counts_shown(window).startswith("61 agreements"))
    qtbot.waitUntil(lambda: window.agreements.model.row_of_id(new_id) >= 0)

    window.agreements.view.selectRow(window.agreements.model.row_of_id(new_id))
    window.delete_agreements([new_id])
    qtbot.waitUntil(lambda: counts_shown(window).startswith("60 agreements"))
    qtbot.waitUntil(lambda: window.agreements.model.row_of_id(new_id) < 0)
    assert window.agreements.model.ids() == expected_order(ui_db, window)


def test_the_owner_filter_offers_an_owner_a_save_introduced(
    qtbot: QtBot, window: MainWindow, ui_db: Database
) -> None:
    box = window.agreements.owner_box
    assert box.findText("Nova Owner") < 0
    window.agreements.model.index(0, 0).data()
    target = window.agreements.model.id_at(0)
    assert target is not None

    edit(ui_db, target, owner="Nova Owner")
    window.announce(Changes.of(AGREEMENT, [target]))

    qtbot.waitUntil(lambda: box.findText("Nova Owner") >= 0)
    assert shown(window, target, "owner") == "Nova Owner"


def test_a_deleted_row_leaves_and_the_rows_below_move_up_with_their_own_values(
    qtbot: QtBot, window: MainWindow, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = window.agreements.model
    monkeypatch.setattr(model, "PAGE_SIZE", 10)
    model.refresh_rows()
    for row in range(10):  # the first page in memory, the second not
        model.index(row, 0).data()
    doomed = model.id_at(2)
    assert doomed is not None
    before = model.ids()
    reloads: list[bool] = []
    original_reload = model.reload

    def reload(**kwargs: Any) -> None:
        reloads.append(True)
        original_reload(**kwargs)

    monkeypatch.setattr(model, "reload", reload)

    window.delete_agreements([doomed])

    qtbot.waitUntil(lambda: model.row_of_id(doomed) < 0)
    assert model.ids() == [i for i in before if i != doomed] == expected_order(ui_db, window)
    shown_ids = [model.index(row, 0).data(Roles.RECORD).id for row in range(model.rowCount())]
    assert shown_ids == model.ids()  # each row shows its own agreement, kept or read
    assert window.agreements.count_label.text() == "59 agreements"
    assert reloads == []  # the others' order stands: not read again

    window.undo_action.trigger()  # back in its place
    qtbot.waitUntil(lambda: model.ids() == before and settled(window)())


def test_a_page_asked_before_the_order_was_read_again_is_asked_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = window.agreements.model
    monkeypatch.setattr(model, "rows_in_background", True)  # as in the application
    model.refresh_rows()
    assert model.index(0, 0).data(Roles.RECORD) is None  # being read in a worker …
    model.reload(changed=frozenset())  # … when a write has the order read again

    qtbot.waitUntil(lambda: model.index(0, 0).data(Roles.RECORD) is not None)
    assert model.index(0, 0).data(Roles.RECORD).id == model.id_at(0)
    qtbot.waitUntil(lambda: not model.rows_pending())
