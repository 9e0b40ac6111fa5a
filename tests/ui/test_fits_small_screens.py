"""Everything fits a 1366×768 laptop screen, less a window manager's frame and a panel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.db import Database
from ui import i18n
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.settings_dialog import SettingsDialog
from ui.main_window import FRAME, PAGES, MainWindow
from ui.pages.dashboard import DashboardPage

TODAY = date(2026, 11, 26)
# 1366×768 less the frame and a 40 px panel (a taskbar, GNOME's top bar).
SCREEN = QSize(1366, 768)
ROOM = QSize(SCREEN.width() - FRAME.width(), SCREEN.height() - FRAME.height() - 40)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert i18n.install(qapp, request.param)
    yield request.param
    # The windows of the test are closed: deleted now, they cannot rebuild for English.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    i18n.install(qapp, "en")


def _needs(widget: QWidget) -> QSize:
    """The least size the widget accepts: its minimum size, else its minimum size hint."""
    return widget.minimumSize().expandedTo(widget.minimumSizeHint())


def _fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


@pytest.mark.usefixtures("language")
def test_main_window_and_every_page_fit_1366_by_768(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    window.show()
    pages = {}
    for key in PAGES:
        page = window.show_page(key)
        built = getattr(page, "page", None)
        pages[key] = built() if callable(built) else page
    window.dashboard.load_now()
    chrome = QSize(
        window.nav.minimumWidth() + 8,
        window.menuBar().sizeHint().height() + window.statusBar().sizeHint().height() + 48,
    )
    for key, page in pages.items():
        assert _fits(_needs(page), ROOM - chrome), (key, _needs(page))
    assert _fits(_needs(window), ROOM), _needs(window)


@pytest.mark.usefixtures("language")
def test_dialogs_fit_1366_by_768(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    from ui.application import demo_count_dialog
    from ui.editors.agreement.editor import AgreementEditor
    from ui.editors.agreement.kpis import KpiDialog
    from ui.editors.agreement.milestones import MilestoneDialog
    from ui.editors.partner_editor import PartnerEditor

    for dialog in (
        SettingsDialog(ui_db, window),
        ImportWizard(ui_db, parent=window),
        ExportDialog(window.list_state(), "agreements", window),
        AgreementEditor(ui_db, 1, parent=window),
        PartnerEditor(ui_db, 1, parent=window),
        MilestoneDialog(window, "CNY", None),
        KpiDialog(window),
        demo_count_dialog(window),
    ):
        dialog.show()
        assert _fits(_needs(dialog), ROOM), (type(dialog).__name__, _needs(dialog))
        assert _fits(dialog.size(), ROOM), (type(dialog).__name__, dialog.size())


def test_a_new_window_is_no_larger_than_the_screen(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    screen = window.screen()
    assert screen is not None
    room = screen.availableGeometry().size()
    expected = QSize(
        max(window.minimumWidth(), min(1400, room.width() - FRAME.width())),
        max(window.minimumHeight(), min(860, room.height() - FRAME.height())),
    )
    assert window.size() == expected


def test_dashboard_scrolls_rather_than_squeezing_its_charts(qtbot: QtBot, ui_db: Database) -> None:
    page = DashboardPage(ui_db, TODAY)
    qtbot.addWidget(page)
    page.resize(1180, 560)  # the page's share of a maximised window at 1366×768
    page.show()
    page.load_now()
    qtbot.waitUntil(lambda: page.charts_box.columns == 4)
    for view in page.charts_box.views:
        assert view.width() >= 260 and view.height() >= 200
    # Five rows of the attention list at least.
    rows = page.decisions_view.verticalHeader().defaultSectionSize()
    assert page.decisions_view.viewport().height() >= 5 * rows
    page.resize(900, 500)  # too narrow for four across: two by two, and the page scrolls
    qtbot.waitUntil(lambda: page.charts_box.columns == 2)
    assert page.scroll_area.verticalScrollBar().maximum() > 0
    for view in page.charts_box.views:
        assert view.height() >= 200


@pytest.fixture
def display_name(qapp: QApplication) -> Iterator[None]:
    """As the application names itself: title bars read "Title — PartnerDesk"."""
    before = qapp.applicationDisplayName()
    qapp.setApplicationDisplayName("PartnerDesk")
    yield
    qapp.setApplicationDisplayName(before)


@pytest.mark.usefixtures("language", "display_name")
def test_every_dialog_shows_its_whole_title(qtbot: QtBot, ui_db: Database) -> None:
    """The title bar reads "Title — PartnerDesk" in full: "Demo … erDesk" was cut."""
    from ui.application import demo_count_dialog
    from ui.editors.agreement.kpis import KpiDialog
    from ui.editors.agreement.milestones import MilestoneDialog
    from ui.widgets.titles import text_dialog, title_width

    window = MainWindow(ui_db, TODAY)
    qtbot.addWidget(window)
    dialogs: list[QWidget] = [
        demo_count_dialog(window),
        text_dialog(window, "Database", "SQLite file path or PostgreSQL URL:", ""),
        SettingsDialog(ui_db, window),
        ImportWizard(ui_db, parent=window),
        ExportDialog(window.list_state(), "agreements", window),
        MilestoneDialog(window, "CNY", None),
        KpiDialog(window),
    ]
    for dialog in dialogs:
        dialog.show()
        needed = title_width(dialog.windowTitle())
        assert dialog.width() >= needed, (dialog.windowTitle(), dialog.width(), needed)
        assert _fits(_needs(dialog), ROOM)
        dialog.close()
