"""A busy cursor for the short work that runs on the GUI thread (a backup, a restore)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


@contextmanager
def busy_cursor() -> Iterator[None]:
    """The window cannot answer meanwhile: the cursor says so instead of looking frozen."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
