"""Fixtures for the Qt tests: a small demo database, built once per session and copied."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.db import Database, open_database
from app.services.demo import load_demo

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


@pytest.fixture(autouse=True, scope="session")
def english(qapp: Any) -> None:
    """The application's start-up language: English, with its plural forms installed."""
    from ui import i18n

    i18n.install(qapp, "en")
