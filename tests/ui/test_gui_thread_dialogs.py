"""The window's small imports and the settings dialog's writes run in workers, and a
language switch reads who is connected in one (issue #15.2): the menu, page or dialog is
busy meanwhile and refuses a second start, and the result or the refusal (row, field, why)
is said as before, with the data as it was after a refusal. Not a timing: sessions opened
on the GUI thread are counted (``tests/ui/gui_thread.py``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services import fx
from app.services.agreements import get_agreement
from app.services.settings import base_currency, company_name
from ui import background
from ui.dialogs import kpi_actuals_import, seller_import
from ui.dialogs.small_import import importing
from ui.main_window import MainWindow
from ui.worker import jobs_running

from .gui_thread import first_agreement, on_gui_thread, settle, settled_window

__all__ = ["on_gui_thread"]  # the fixture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the message boxes said (information and warning), in order."""
    told: list[str] = []

    def tell(_parent: QWidget, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        told.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", tell)
    monkeypatch.setattr(QMessageBox, "information", tell)
    return told


def _written(qtbot: QtBot, window: MainWindow | None = None) -> None:
    qtbot.waitUntil(lambda: not background.writing() and jobs_running() == 0, timeout=10_000)
    if window is not None:
        settle(qtbot, window)


def test_kpi_actuals_are_imported_in_a_worker_once_at_a_time(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str], said: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    window = settled_window(qtbot, ui_db)
    agreement_id = first_agreement(window)
    with ui_db.session() as s:
        view = get_agreement(s, agreement_id)
    metric, before = view.kpis[0].metric, view.kpis[0].latest
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"reference,kpi,period,value\n{view.reference},{metric},2031-Q3,42\n"
        f"XX-1999-0001,{metric},2031-Q3,7\n"
    )
    good = tmp_path / "good.csv"
    good.write_text(f"reference,kpi,period,value\n{view.reference},{metric},2031-Q3,42\n")
    chosen = [bad]
    monkeypatch.setattr(kpi_actuals_import, "open_path", lambda *_a: chosen[0])
    on_gui_thread.clear()

    window.import_kpi_action.trigger()
    assert importing() and not window.import_kpi_action.isEnabled()  # busy meanwhile
    assert not said  # nothing said yet: the worker imports
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said[-1].startswith("Nothing was imported from bad.csv:")
    assert "row 3, reference:" in said[-1]  # which row, which field, why
    assert window.import_kpi_action.isEnabled() and not importing()
    _written(qtbot, window)
    with ui_db.session() as s:
        assert get_agreement(s, agreement_id).kpis[0].latest == before  # row 2 not written

    on_gui_thread.clear()
    chosen[0] = good
    window.import_kpi_action.trigger()
    assert not window.import_kpi_action.isEnabled()
    # A second start while it runs (another way in than the menu, which is off) is refused.
    assert not kpi_actuals_import.import_actuals(window, ui_db, good)
    assert said[-1] == "Another import is still running: wait for it to finish."
    qtbot.waitUntil(lambda: said[-1].startswith("1 KPI actuals read"), timeout=10_000)
    assert said[-1] == "1 KPI actuals read: 1 added, 0 changed, 0 already there."
    _written(qtbot, window)
    assert window.import_kpi_action.isEnabled()
    assert not on_gui_thread, "the import read on the GUI thread:\n" + on_gui_thread[0]
    with ui_db.session() as s:
        latest = get_agreement(s, agreement_id).kpis[0].latest
    assert latest is not None and latest.period_end == date(2031, 9, 30)  # imported once
    assert said.count("1 KPI actuals read: 1 added, 0 changed, 0 already there.") == 1


def test_the_sellers_page_imports_violations_in_a_worker(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str], said: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    window = settled_window(qtbot, ui_db)
    page = window.sellers
    window.show_page("sellers")
    settle(qtbot, window)
    page.view.selectRow(0)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    settle(qtbot, window)
    assert page.detail is not None
    seller, balance = page.detail.seller, page.detail.deposit_balance
    path = tmp_path / "violations.csv"
    head = "seller,country,date,kind,severity,deduction\n"
    path.write_text(
        head + f"{seller.legal_name},{seller.country},2026-11-20,customs,major,1\n"
        f"{seller.legal_name},{seller.country},2026-11-31,customs,major,1\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(seller_import, "open_path", lambda *_a: path)
    [_sellers, violations] = page.import_button.menu().actions()
    on_gui_thread.clear()
    violations.trigger()
    assert not page.import_button.isEnabled()  # busy meanwhile
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said[-1] == (
        "Nothing was imported from violations.csv:\n\nrow 3, date: '2026-11-31' is not a real date"
    )
    assert page.import_button.isEnabled()
    path.write_text(
        head + f"{seller.legal_name},{seller.country},2026-11-20,customs,major,1\n",
        encoding="utf-8",
    )
    violations.trigger()
    qtbot.waitUntil(lambda: said[-1].startswith("Rows read"), timeout=10_000)
    assert said[-1] == "Rows read: 1; added: 1, changed: 0, already there: 0."
    _written(qtbot, window)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.deposit_balance == balance - 1,
                    timeout=10_000)  # fmt: skip
    assert not on_gui_thread, "the import read on the GUI thread:\n" + on_gui_thread[0]


def test_the_settings_dialog_writes_in_workers_and_says_refusals_beside_the_field(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str], tmp_path: Path
) -> None:
    """Opening it still reads its few settings rows here (0.3-3.5 ms at a million
    agreements); saving a rate, importing rates and OK write in workers."""
    window = settled_window(qtbot, ui_db)
    dialog = window.open_settings()
    tab = dialog.fx_tab
    on_gui_thread.clear()

    tab.rate_currency.setText("USD")
    tab.rate_value.setText("7.2001")
    tab.rate_source.setText("PBOC")
    assert tab.add_rate()  # on its way
    assert tab.writing() and not tab.save_button.isEnabled() and not tab.import_button.isEnabled()
    assert not tab.add_rate()  # a second click meanwhile starts nothing
    _written(qtbot)
    assert tab.save_button.isEnabled() and not tab.rate_error.isVisible()
    assert tab.currency_list.currentItem().text() == "USD"
    item = tab.table.item(0, 1)
    assert item is not None and item.text() == "7.2001"  # read again with the write

    bad = tmp_path / "bad.csv"
    bad.write_text("currency,rate,date,source\nEUR,7.8,2099-11-02,ECB\nUSD,x,2099-11-02,PBOC\n")
    tab.import_file(bad)
    _written(qtbot)
    assert (
        "Nothing was imported" in tab.rate_error.text() and "row 3, rate:" in tab.rate_error.text()
    )
    with ui_db.session() as s:
        eur = [r.effective_date for r in fx.list_rates(s, "CNY", "EUR")]
    assert date(2099, 11, 2) not in eur  # the good row was not written either
    on_gui_thread.clear()

    dialog.company_edit.setText("Somebody Else Ltd")
    dialog.base_edit.setText("XX1")
    dialog.save()
    assert dialog.writing() and not dialog.tabs.isEnabled()  # busy meanwhile
    dialog.save()  # OK again meanwhile: nothing more
    _written(qtbot)
    assert dialog.isVisible() and dialog.tabs.isEnabled()
    assert "ISO 4217" in dialog.base_error.text() and dialog.tabs.currentIndex() == 2
    with ui_db.session() as s:
        assert base_currency(s) == "CNY" and company_name(s) != "Somebody Else Ltd"
    on_gui_thread.clear()

    dialog.base_edit.setText("CNY")
    dialog.save()
    _written(qtbot, window)
    assert not dialog.isVisible()
    assert not on_gui_thread, "settings wrote on the GUI thread:\n" + on_gui_thread[0]
    with ui_db.session() as s:
        assert company_name(s) == "Somebody Else Ltd"


def test_switching_the_language_reads_who_is_connected_in_a_worker(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str]
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui import i18n
    from ui.access import who

    window = settled_window(qtbot, ui_db)
    on_gui_thread.clear()
    try:
        window.switch_language("zh_CN")
        qtbot.waitUntil(lambda: window.nav.item(0).text() == "仪表板", timeout=10_000)
        settle(qtbot, window)
        assert window.person_label.text() == who(window.access)  # the role in Chinese
        assert not on_gui_thread, "the switch read on the GUI thread:\n" + on_gui_thread[0]
    finally:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.install(app, "en")  # one application for the session: leave it in English
        qtbot.waitUntil(lambda: window.nav.item(0).text() == "Dashboard", timeout=10_000)
        settle(qtbot, window)


def test_another_database_is_opened_in_a_worker_and_a_wrong_one_refused_beside_the_field(
    qtbot: QtBot, ui_db: Database, on_gui_thread: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Opening it connects, and backs up and migrates an older file: a worker's job. The
    window then works on it, who is connected read there too."""
    import threading

    from app.db import open_database as original
    from ui import settings

    opened_on: list[bool] = []

    def open_database(*args: object, **kwargs: object) -> Database:
        opened_on.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("ui.dialogs.settings_dialog.open_database", open_database)
    window = settled_window(qtbot, ui_db)
    dialog = window.open_settings()
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list\n")
    on_gui_thread.clear()
    dialog.db_edit.setText(str(notes))
    dialog.save()
    assert dialog.writing() and not dialog.tabs.isEnabled()  # busy meanwhile
    assert dialog.db_error.text() == "Opening the database…"
    qtbot.waitUntil(lambda: not dialog.writing(), timeout=10_000)
    assert "not a PartnerDesk database" in dialog.db_error.text()
    assert dialog.isVisible() and window.db is ui_db and notes.read_text() == "shopping list\n"

    target = tmp_path / "team.db"
    dialog.db_edit.setText(str(target))
    dialog.save()
    qtbot.waitUntil(lambda: window.db is not ui_db, timeout=10_000)
    _written(qtbot, window)
    assert window.db.description == str(target) and not dialog.isVisible()
    assert settings.DATABASE_TARGET.get() == str(target)
    assert opened_on == [False, False]  # both opened in a worker
    assert not on_gui_thread, "the new database was read here:\n" + on_gui_thread[0]
    window.db.dispose()
