"""The window's first frame is painted before the pages' first reads start (#15.2).

On two cores the reads' Python work took the GIL from the first paint, which needs it for
every cell and label: the first frame stalled the window 35-77 ms at 1,000 agreements.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database
from ui import background, worker
from ui.main_window import MainWindow
from ui.models.lazy import LazyIdModel

from .conftest import UI_TODAY


@pytest.fixture
def as_the_application(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reads in workers, as ``ui.application.run`` has them."""
    monkeypatch.setattr(background, "in_workers", True)
    monkeypatch.setattr(LazyIdModel, "assume_slow", True)
    yield
    worker.start_held_jobs()  # a failed test leaves nothing held for the next


pytestmark = pytest.mark.usefixtures("as_the_application")


def test_the_lists_are_read_once_the_first_frame_is_painted(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, today=UI_TODAY)
    qtbot.addWidget(window)
    model = window.agreements.model
    qtbot.wait(100)  # turns of the event loop before the window shows: nothing read yet
    assert not model.shows_first_screen() and model.rowCount() == 0
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(model.is_current, timeout=10_000)
    assert model.rowCount() == 60  # the demo's agreements, all listed


def test_a_window_never_painted_still_reads_its_lists(qtbot: QtBot, ui_db: Database) -> None:
    window = MainWindow(ui_db, today=UI_TODAY)  # built, never shown (File ▸ Open's rebuild)
    qtbot.addWidget(window)
    qtbot.waitUntil(window.agreements.model.is_current, timeout=10_000)
    assert window.agreements.model.rowCount() == 60
