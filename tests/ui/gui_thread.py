"""Counting the sessions opened on the GUI thread while the window is used as the application
runs it (every read in a worker): the fixture and helpers of the "GUI-thread read" tests
(tests/ui/test_gui_thread_reads.py, test_gui_thread_dialogs.py)."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database
from ui import background
from ui.main_window import MainWindow
from ui.models.lazy import LazyIdModel
from ui.worker import jobs_running

from .conftest import UI_TODAY


@pytest.fixture
def on_gui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Where each session opened on the GUI thread was opened from, with the application's
    settings: lists, their rows and every page read in workers."""
    opened: list[str] = []
    original = Database.session

    def session(self: Database, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread():
            opened.append("".join(traceback.format_stack(limit=7)[:-1]))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Database, "session", session)
    monkeypatch.setattr(LazyIdModel, "rows_in_background", True)
    monkeypatch.setattr(background, "in_workers", True)
    yield opened


def settle(qtbot: QtBot, window: MainWindow) -> None:
    model = window.agreements.model
    qtbot.waitUntil(lambda: jobs_running() == 0 and model.is_current(), timeout=10_000)
    qtbot.wait(20)  # what arrived is painted (a page of rows may be asked for then)
    qtbot.waitUntil(lambda: jobs_running() == 0, timeout=10_000)


def settled_window(qtbot: QtBot, ui_db: Database) -> MainWindow:
    """The window as the tests use it: built, its first reads in."""
    window = MainWindow(ui_db, today=UI_TODAY)
    qtbot.addWidget(window)
    settle(qtbot, window)
    return window


def first_agreement(window: MainWindow) -> int:
    first = window.agreements.model.id_at(0)
    assert first is not None
    return first
