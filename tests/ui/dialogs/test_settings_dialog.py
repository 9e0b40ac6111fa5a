"""Settings: errors beside their field with nothing saved; good values saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.db import Database, open_database
from app.services import fx
from app.services.settings import (
    COMPANY_ADDRESS,
    COMPANY_REGISTRATION,
    base_currency,
    company_name,
    get_setting,
)
from tests.fake_keyring import MemoryKeyring, memory_keyring, no_keyring
from ui import settings, theme
from ui.dialogs.settings_dialog import SettingsDialog

__all__ = ["memory_keyring", "no_keyring"]  # fixtures

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_dialog(qtbot: QtBot, db: Database) -> SettingsDialog:
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_bad_base_currency_is_shown_beside_it_and_nothing_saved(
    qtbot: QtBot, ui_db: Database
) -> None:
    dialog = make_dialog(qtbot, ui_db)
    dialog.company_edit.setText("Somebody Else Ltd")
    dialog.base_edit.clear()
    qtbot.keyClicks(dialog.base_edit, "XX1")  # type: ignore[no-untyped-call]
    dialog.reminder_check.setChecked(False)
    dialog.save()
    assert dialog.isVisible()
    assert dialog.base_error.isVisible()
    assert "ISO 4217" in dialog.base_error.text()
    assert dialog.tabs.currentIndex() == 2
    with ui_db.session() as s:
        assert base_currency(s) == "CNY"
        assert company_name(s) != "Somebody Else Ltd"
    assert settings.STARTUP_REMINDER.get() is True


def test_good_settings_are_saved(qtbot: QtBot, ui_db: Database, qapp: QApplication) -> None:
    dialog = make_dialog(qtbot, ui_db)
    style = qapp.style().name()
    dialog.company_edit.setText("Tmall Global Partnerships")
    dialog.reminder_check.setChecked(False)
    dialog.reminder_days.setValue(21)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.save()
    assert not dialog.isVisible()
    with ui_db.session() as s:
        assert company_name(s) == "Tmall Global Partnerships"
    assert settings.STARTUP_REMINDER.get() is False
    assert settings.REMINDER_DAYS.get() == 21
    assert settings.THEME.get() == "dark"
    assert qapp.style().name() == "fusion"
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128
    theme.apply(qapp, "system")  # one application for the whole session: put it back
    assert qapp.style().name() == style


def test_a_new_fx_rate_is_checked_and_stored_with_its_source(qtbot: QtBot, ui_db: Database) -> None:
    dialog = make_dialog(qtbot, ui_db)
    tab = dialog.fx_tab
    tab.rate_currency.setText("USD")
    tab.rate_value.setText("-3")
    assert not tab.add_rate()
    assert "positive" in tab.rate_error.text()
    tab.rate_value.setText("seven")
    assert not tab.add_rate()
    assert "number" in tab.rate_error.text()
    tab.rate_value.setText("7.2001")
    tab.rate_source.setText(" ")
    assert not tab.add_rate()
    assert "who published" in tab.rate_error.text()
    tab.rate_source.setText("PBOC")
    tab.rate_date.setDate(QDate(2099, 1, 2))
    assert tab.add_rate()
    assert not tab.rate_error.isVisible()
    # The history shows the currency just saved, the newest first, with its source.
    assert tab.currency_list.currentItem().text() == "USD"
    first = [item.text() for j in range(3) if (item := tab.table.item(0, j)) is not None]
    assert first == ["2099-01-02", "7.2001", "PBOC"]
    assert len(tab.chart.series()) == 1
    assert tab.chart.series()[0].count() == tab.table.rowCount()  # type: ignore[attr-defined]
    with ui_db.session() as s:
        rate = fx.rate_in_force(s, "USD", "CNY", date(2100, 1, 1))
    assert (rate.rate, rate.source) == (Decimal("7.2001"), "PBOC")
    # Choosing a row fills the form: saving it again corrects that day's rate.
    tab.table.selectRow(0)
    assert (tab.rate_value.text(), tab.rate_source.text()) == ("7.2001", "PBOC")
    tab.rate_value.setText("7.3")
    assert tab.add_rate()
    with ui_db.session() as s:
        assert fx.rate_in_force(s, "USD", "CNY", date(2100, 1, 1)).rate == Decimal("7.3")
        assert len(fx.list_rates(s, "CNY", "USD")) == tab.table.rowCount()


def test_rates_are_imported_all_or_nothing_from_the_tab(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, ui_db)
    tab = dialog.fx_tab
    bad = tmp_path / "bad.csv"
    bad.write_text("currency,rate,date,source\nEUR,7.8,2099-11-02,ECB\nUSD,x,2099-11-02,PBOC\n")
    assert not tab.import_file(bad)
    assert "Nothing was imported" in tab.rate_error.text()
    assert "row 3, rate:" in tab.rate_error.text()
    with ui_db.session() as s:
        assert fx.rate_in_force(s, "EUR", "CNY", date(2100, 1, 1)).effective_date != date(
            2099, 11, 2
        )
    good = tmp_path / "good.csv"
    good.write_text("currency,rate,date,source\nEUR,7.8,2099-11-02,ECB\n")
    assert tab.import_file(good)
    assert tab.note.text() == "1 rates read: 1 added, 0 changed, 0 already there."
    assert tab.import_file(good)
    assert tab.note.text() == "1 rates read: 0 added, 0 changed, 1 already there."


def test_the_stale_age_is_saved_with_the_dialog(qtbot: QtBot, ui_db: Database) -> None:
    dialog = make_dialog(qtbot, ui_db)
    assert dialog.fx_tab.stale_spin.value() == 35
    dialog.fx_tab.stale_spin.setValue(60)
    dialog.save()
    with ui_db.session() as s:
        assert fx.stale_days(s) == 60


def test_a_database_that_is_not_ours_is_refused_beside_the_field(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list\n")
    dialog = make_dialog(qtbot, ui_db)
    chosen: list[object] = []
    dialog.database_chosen.connect(chosen.append)
    dialog.db_edit.setText(str(notes))
    dialog.save()
    assert dialog.isVisible()
    assert "not a PartnerDesk database" in dialog.db_error.text()
    assert notes.read_text() == "shopping list\n"
    assert settings.DATABASE_TARGET.get() == ""
    assert chosen == []


def test_another_database_is_opened_and_handed_over(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, ui_db)
    chosen: list[Database] = []
    dialog.database_chosen.connect(chosen.append)
    target = tmp_path / "team.db"
    dialog.db_edit.setText(str(target))
    dialog.save()
    assert len(chosen) == 1 and chosen[0].description == str(target)
    assert settings.DATABASE_TARGET.get() == str(target)
    chosen[0].dispose()


@pytest.mark.postgres
@pytest.mark.usefixtures("no_keyring")
def test_a_team_database_url_is_remembered_without_its_password(
    qtbot: QtBot, ui_db: Database, pg_db: Database
) -> None:
    url = pg_db.url.render_as_string(hide_password=False)
    assert pg_db.url.password  # the test server's URL carries one
    dialog = make_dialog(qtbot, ui_db)
    chosen: list[Database] = []
    dialog.database_chosen.connect(chosen.append)
    dialog.db_edit.setText(url)
    dialog.save()
    # No keyring on this desk: said once beside the field, then OK goes on without one.
    assert dialog.isVisible() and chosen == []
    assert "no system keyring" in dialog.db_error.text()
    dialog.save()
    assert len(chosen) == 1  # this session connects with the password typed
    stored = settings.DATABASE_TARGET.get()
    assert f":{pg_db.url.password}@" not in stored
    assert stored.startswith(f"{pg_db.url.drivername}://{pg_db.url.username}@")
    assert stored.endswith(f"/{pg_db.url.database}")
    chosen[0].dispose()


@pytest.mark.postgres
def test_a_team_password_is_kept_in_the_keyring_never_in_the_settings_file(
    qtbot: QtBot, ui_db: Database, pg_db: Database, memory_keyring: MemoryKeyring
) -> None:
    password = pg_db.url.password
    assert password
    bare = pg_db.url.set(password=None).render_as_string(hide_password=False)
    dialog = make_dialog(qtbot, ui_db)
    chosen: list[Database] = []
    dialog.database_chosen.connect(chosen.append)
    dialog.db_edit.setText(bare)
    qtbot.keyClicks(dialog.password_edit, password)  # type: ignore[no-untyped-call]
    dialog.save()
    assert not dialog.isVisible() and len(chosen) == 1
    chosen[0].dispose()
    assert list(memory_keyring.entries.values()) == [password]
    settings_file = Path(QSettings().fileName())
    assert settings_file.exists() and f":{password}@" not in settings_file.read_text()
    # The next start reads the target from the settings and the password from the keyring.
    again = open_database(settings.DATABASE_TARGET.get())
    assert again.url.password == password
    again.dispose()


def test_our_company_as_contracts_name_it_is_saved_and_a_blank_name_stays_blank(
    qtbot: QtBot, ui_db: Database
) -> None:
    dialog = make_dialog(qtbot, ui_db)
    assert dialog.company_edit.text() == ""  # not the product's name as ours
    dialog.address_edit.setText("969 West Wen Yi Road, Hangzhou")
    dialog.registration_edit.setText("91330100MA27XXXXXX")
    dialog.save()
    assert not dialog.isVisible()
    with ui_db.session() as s:
        assert company_name(s) == ""
        assert get_setting(s, COMPANY_ADDRESS, "") == "969 West Wen Yi Road, Hangzhou"
        assert get_setting(s, COMPANY_REGISTRATION, "") == "91330100MA27XXXXXX"


def test_the_rate_history_says_which_rate_is_in_force_stale_superseded_or_scheduled(
    qtbot: QtBot, ui_db: Database
) -> None:
    from ui.dialogs.fx_rates_tab import FxRatesTab

    today = date(2026, 11, 26)
    with ui_db.session() as s:
        for currency, on in (("ISK", date(2026, 8, 1)), ("ISK", date(2026, 9, 1)),
                             ("MNT", date(2026, 10, 1)), ("MNT", date(2026, 11, 20)),
                             ("MNT", date(2026, 12, 20))):  # fmt: skip
            fx.set_rate(s, currency, "CNY", Decimal("0.05"), on)
    tab = FxRatesTab(ui_db, today=today)
    qtbot.addWidget(tab)

    def text(i: int, j: int) -> str:
        item = tab.table.item(i, j)
        return "" if item is None else item.text()

    def statuses(code: str) -> list[tuple[str, str]]:
        tab.currency_list.setCurrentRow(
            [tab.currency_list.item(i).text() for i in range(tab.currency_list.count())].index(code)
        )
        return [(text(i, 0), text(i, 3)) for i in range(tab.table.rowCount())]

    assert statuses("ISK") == [("2026-09-01", "Stale"), ("2026-08-01", "Superseded")]
    assert statuses("MNT") == [("2026-12-20", "Scheduled"), ("2026-11-20", "In force"),
                               ("2026-10-01", "Superseded")]  # fmt: skip
    tab.stale_spin.setValue(100)  # a longer warning age: ISK's is fine again
    assert statuses("ISK")[0] == ("2026-09-01", "In force")
