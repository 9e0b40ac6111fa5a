"""Fixtures for the Qt tests: a small demo database, built once per session and copied."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database, open_database
from app.services.demo import load_demo

if TYPE_CHECKING:
    from ui.models.lazy import LazyIdModel

UI_TODAY = date(2026, 11, 26)


@pytest.fixture(scope="session")
def ui_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui-template") / "demo.db"
    database = open_database(path)
    with database.session() as s:
        load_demo(s, 60, seed=3, today=UI_TODAY)
    database.dispose()
    return path


@pytest.fixture
def ui_db(ui_template_db: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database with 60 demo agreements, private to the test."""
    path = tmp_path / "ui-demo.db"
    shutil.copyfile(ui_template_db, path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Window layouts and preferences written by a test never reach the real user profile."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QCoreApplication.setOrganizationName("PartnerDeskTests")
    QCoreApplication.setApplicationName("PartnerDeskTests")
    yield


@pytest.fixture(autouse=True)
def lists_load_in_the_background() -> Iterator[None]:
    """As in the application (``ui.application.run``): every list's id query runs in a
    worker and its answer arrives later, so the tests go the way users' lists go. A test
    waits for a list with the ``answered`` fixture."""
    from ui.models.lazy import LazyIdModel

    LazyIdModel.assume_slow = True
    yield
    LazyIdModel.assume_slow = False
    # A query still running for this test must not queue ahead of the next test's (two
    # worker threads on two cores): each test starts with the pool empty.
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10_000)
    from ui.worker import quick_pool

    quick_pool().waitForDone(10_000)


@pytest.fixture
def answered(qtbot: QtBot) -> Callable[[LazyIdModel[Any]], None]:
    """``answered(model)`` waits until the list shows the answer to its latest query."""

    def wait(model: LazyIdModel[Any]) -> None:
        qtbot.waitUntil(model.is_current, timeout=5000)

    return wait


@pytest.fixture(autouse=True, scope="session")
def english(qapp: Any) -> None:
    """The application's start-up language: English, with its plural forms installed."""
    from ui import i18n

    i18n.install(qapp, "en")
