"""Open a file in the application the desktop chooses, and know when nothing did.

On Linux ``QDesktopServices.openUrl`` starts xdg-open detached and reports success as soon
as it started, so a file type with no application failed without a word. There xdg-open is
run here instead and its exit status read: 0 opened, anything else did not (3: no method
available, 4: the action failed).
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QProcess, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

log = logging.getLogger(__name__)


def xdg_open() -> str | None:
    """xdg-open on a Linux desktop (X11 or Wayland), else None: Qt's own way is reliable."""
    if not sys.platform.startswith("linux"):
        return None
    if QGuiApplication.platformName() not in ("xcb", "wayland"):
        return None
    return shutil.which("xdg-open")


def open_with_desktop(owner: QObject, path: Path, failed: Callable[[], None]) -> None:
    """Open ``path``; ``failed()`` is called (later, on Linux) when nothing opened it."""
    exe = xdg_open()
    if exe is None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            failed()
        return
    # Owned by the application, not the window: closing the editor must not kill a viewer
    # that xdg-open runs in the foreground on a desktop without a session manager.
    process = QProcess(QCoreApplication.instance())
    process.setProgram(exe)
    process.setArguments([str(path)])
    process.setStandardOutputFile(QProcess.nullDevice())
    process.setStandardErrorFile(QProcess.nullDevice())

    def tell() -> None:
        if shiboken6.isValid(owner):
            failed()

    def finished(code: int, status: QProcess.ExitStatus) -> None:
        process.deleteLater()
        if status != QProcess.ExitStatus.NormalExit or code != 0:
            log.info("xdg-open %s exited with %s", path.name, code)
            tell()

    def error(err: QProcess.ProcessError) -> None:
        if err == QProcess.ProcessError.FailedToStart:
            process.deleteLater()
            tell()

    process.finished.connect(finished)
    process.errorOccurred.connect(error)
    process.start()
