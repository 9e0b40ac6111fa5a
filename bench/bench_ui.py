"""How the desktop window answers on a big database, measured offscreen.

    python bench/bench_ui.py /tmp/big.db
    (build it once: partnerdesk --db /tmp/big.db demo --agreements 100000)

Prints one line per measurement: window opening, scrolling the agreements list to the end,
sorting and filtering it, and the dashboard's figures arriving from its worker.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from app.db import open_database


def _timed(
    label: str,
    action: Callable[[], object],
    app: QApplication,
    until: Callable[[], bool] = lambda: True,
) -> float:
    """Time until ``until()`` holds, and the longest the GUI thread was blocked meanwhile."""
    started = time.perf_counter()
    action()
    stall = time.perf_counter() - started
    app.processEvents()
    stall = max(stall, time.perf_counter() - started)
    while not until():
        tick = time.perf_counter()
        app.processEvents()
        stall = max(stall, time.perf_counter() - tick)
        time.sleep(0.002)
    elapsed = time.perf_counter() - started
    print(f"{label:<40} {elapsed * 1000:7.0f} ms   (GUI blocked at most {stall * 1000:5.0f} ms)")
    return elapsed


def main(target: str) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication([])
    QCoreApplication.setOrganizationName("PartnerDeskBench")
    from ui.models.lazy import LazyIdModel

    LazyIdModel.assume_slow = True  # as ui.application.run() does
    from ui.main_window import MainWindow  # after the QApplication: pages build widgets

    db = open_database(target)
    holder: dict[str, MainWindow] = {}

    def open_window() -> None:
        window = MainWindow(db)
        window.resize(1500, 950)
        window.show()
        holder["w"] = window

    _timed("open the main window", open_window, app)
    window = holder["w"]
    page = window.agreements
    current = page.model.is_current
    _timed("agreements list filled (worker)", lambda: None, app, current)
    print(f"{'agreements listed':<44} {page.model.rowCount():8,}")
    view = page.view
    window.show_page("agreements")
    app.processEvents()
    _timed("scroll the agreements list to the end", view.scrollToBottom, app)
    _timed("scroll back to the top", view.scrollToTop, app)
    header = view.horizontalHeader()
    for key, order in (("value", Qt.SortOrder.DescendingOrder),
                       ("partner", Qt.SortOrder.AscendingOrder),
                       ("decision_date", Qt.SortOrder.AscendingOrder),
                       ("reference", Qt.SortOrder.AscendingOrder)):  # fmt: skip
        column = [c.key for c in page.model.columns].index(key)
        _timed(f"sort by {key} ({order.name})",
               partial(header.setSortIndicator, column, order), app, current)  # fmt: skip
    _timed("scroll to the end after sorting", view.scrollToBottom, app)

    def search(text: str) -> Callable[[], None]:
        def run() -> None:
            page.search_edit.setText(text)
            page.apply_filter()

        return run

    for text in ("B", "BR-2026", "Lumi", "物流", ""):
        _timed(f"filter: search {text!r}", search(text), app, current)
    _timed("filter: type = logistics",
           lambda: page.type_box.setCurrentIndex(page.type_box.findData("logistics")), app,
           current)  # fmt: skip
    _timed("filter: status = active",
           lambda: page.status_box.setCurrentIndex(page.status_box.findData("active")), app,
           current)  # fmt: skip

    def all_again() -> None:
        page.type_box.setCurrentIndex(0)
        page.status_box.setCurrentIndex(0)

    _timed("filter: back to all", all_again, app, current)
    print(f"{'rows listed after the filters':<40} {page.model.rowCount():7,}")

    dashboard = window.dashboard
    arrived: list[bool] = []
    dashboard.loaded.connect(lambda: arrived.append(True))

    def open_dashboard() -> None:
        window.show_page("dashboard")
        dashboard.refresh()

    _timed("dashboard: figures arrive (worker)", open_dashboard, app, lambda: bool(arrived))
    _timed("open the partners page", lambda: window.show_page("partners"), app)
    _timed("open the renewals page", lambda: window.show_page("renewals"), app)
    window.close()
    QThreadPool.globalInstance().waitForDone()
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/big.db")
