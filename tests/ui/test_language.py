"""English ⇄ 简体中文 while the window is open: every page rebuilt in the new language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.db import Database
from ui import i18n
from ui.main_window import MainWindow

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    yield
    i18n.install(qapp, "en")  # one application for the session: leave it in English


def nav_texts(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


@pytest.mark.usefixtures("english")
def test_switching_to_chinese_and_back_without_restart(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_page("agreements")
    assert nav_texts(window)[0] == "Dashboard"

    with qtbot.waitSignal(window.language_changed):
        window.switch_language("zh_CN")
    qtbot.waitUntil(lambda: nav_texts(window)[0] == "仪表板")
    assert nav_texts(window) == ["仪表板", "协议", "合作伙伴", "续约", "报告", "卖家"]
    assert [a.text() for a in window.menuBar().actions()] == [
        "文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)",
    ]  # fmt: skip
    assert window.current_page() == "agreements"  # the user stays where they were
    model = window.agreements.model
    qtbot.waitUntil(model.is_current, timeout=5000)  # its query runs in a worker
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert headers == ["编号", "标题", "类型", "合作伙伴"]
    status_col = [c.key for c in model.columns].index("status")
    statuses = {model.index(r, status_col).data() for r in range(model.rowCount())}
    assert statuses <= {"草稿", "谈判中", "待审批", "生效", "已到期", "已终止", "已续约"}
    assert window.counts_label.text().startswith("60 份协议")
    assert window.agreements.count_label.text() == "60 份协议"

    window.switch_language("en")
    qtbot.waitUntil(lambda: nav_texts(window)[0] == "Dashboard")
    assert window.counts_label.text().startswith("60 agreements")


def test_every_string_of_the_ui_has_a_chinese_translation() -> None:
    import xml.etree.ElementTree as ET

    tree = ET.parse(i18n.I18N_DIR / "partnerdesk_zh_CN.ts")
    untranslated = [
        m.findtext("source")
        for m in tree.iter("message")
        if (t := m.find("translation")) is None
        or t.get("type") == "unfinished"
        or not ((t.text or "").strip() or t.findtext("numerusform"))
    ]
    assert untranslated == []
    assert (i18n.I18N_DIR / "partnerdesk_zh_CN.qm").stat().st_size > 1000


@pytest.mark.usefixtures("english")
def test_a_million_agreements_are_counted_with_the_languages_digit_grouping(
    qtbot: QtBot, ui_db: Database, qapp: QApplication
) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    page = window.agreements
    i18n.install(qapp, "en")
    assert page.tr("%Ln agreement(s)", "", 1_000_000) == "1,000,000 agreements"
    i18n.install(qapp, "zh_CN")
    assert page.tr("%Ln agreement(s)", "", 1_000_000) == "1,000,000 份协议"
