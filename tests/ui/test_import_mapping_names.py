"""The import wizard's column mapping speaks the window's language, not the file format's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from app.db import Database
from tests.ui.test_import_wizard import open_wizard
from ui import i18n

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
HEADER = "title,type,partner,partner_country,status,currency,value,start_date,end_date,rebate"
ROW = "Kao store,brand,Kao,JP,active,JPY,100,2026-01-01,2026-12-31,3"


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert i18n.install(qapp, request.param)
    yield request.param
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    i18n.install(qapp, "en")


def test_mapping_offers_the_names_people_see(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, language: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(f"{HEADER}\n{ROW}\n", encoding="utf-8")
    page = open_wizard(qtbot, ui_db, path).preview_page
    combo = page.mapping.cellWidget(9, 1)  # "rebate": not recognised, mapped by hand
    assert isinstance(combo, QComboBox)
    offered = [combo.itemText(i) for i in range(combo.count())]
    if language == "en":
        assert "Commission rate %" in offered and "Notice period (days)" in offered
    else:
        assert "佣金比例 %" in offered and "通知期（天）" in offered
    assert not [t for t in offered if "_" in t]  # no identifiers such as commission_rate_pct
    i = combo.findData("commission_rate_pct")
    assert combo.itemData(i, Qt.ItemDataRole.ToolTipRole) == "commission_rate_pct"
    page.set_column("rebate", "commission_rate_pct")
    required = "Title" if language == "en" else "标题"
    assert required in page.status.text() and "start_date" not in page.status.text()
    separator = "commas" if language == "en" else "逗号"
    assert f"separated by {separator}" in page.status.text() or f"分隔符为 {separator}" in (
        page.status.text()
    )
