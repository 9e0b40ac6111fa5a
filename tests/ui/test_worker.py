"""Background jobs report on the GUI thread, and never to a page that has gone."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.worker import Progress, run_job


def test_the_result_reaches_the_gui_thread(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    results: list[tuple[int, bool]] = []

    def work(progress: Progress) -> int:
        progress(1, 2)
        return 42

    run_job(page, "Job", work,
            lambda r: results.append((r, threading.current_thread() is threading.main_thread())),
            show_dialog=False)  # fmt: skip
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [(42, True)]


def test_a_closed_page_is_not_called_back(qtbot: QtBot) -> None:
    page = QWidget()
    release = threading.Event()
    called: list[object] = []

    def work(_progress: Progress) -> int:
        release.wait(5)
        return 1

    run_job(page, "Job", work, called.append, called.append, show_dialog=True)
    page.deleteLater()
    qtbot.wait(50)  # the page is destroyed while the job still runs
    release.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(100)
    assert called == []
