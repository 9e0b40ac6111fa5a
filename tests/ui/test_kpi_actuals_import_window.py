"""File ▸ Import KPI actuals…: the window's way to the same all-or-nothing import."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.agreements import get_agreement
from app.services.listing import list_agreements
from tests.ui.conftest import UI_TODAY
from ui.dialogs import kpi_actuals_import
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_file_menu_imports_actuals_and_tells_refusals_by_row(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(ui_db, UI_TODAY)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu) and window.import_kpi_action in file_menu.actions()
    with ui_db.session() as s:
        row = list_agreements(s, limit=1)[0]
        metric = get_agreement(s, row.id).kpis[0].metric
    said: list[str] = []

    def tell(_parent: QWidget, _title: str, text: str) -> QMessageBox.StandardButton:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", tell)
    monkeypatch.setattr(QMessageBox, "information", tell)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"reference,kpi,period,value\n{row.reference},{metric},2031-Q3,x\n")
    monkeypatch.setattr(kpi_actuals_import, "open_path", lambda *_a: bad)
    window.import_kpi_action.trigger()
    assert said[-1].startswith("Nothing was imported from bad.csv:")
    assert "row 2, value:" in said[-1]
    good = tmp_path / "good.csv"
    good.write_text(f"reference,kpi,period,value\n{row.reference},{metric},2031-Q3,42\n")
    monkeypatch.setattr(kpi_actuals_import, "open_path", lambda *_a: good)
    window.import_kpi_action.trigger()
    assert said[-1] == "1 KPI actuals read: 1 added, 0 changed, 0 already there."
    with ui_db.session() as s:
        latest = get_agreement(s, row.id).kpis[0].latest
    assert latest is not None and (latest.period_end, latest.value) == (
        date(2031, 9, 30), Decimal(42),
    )  # fmt: skip
