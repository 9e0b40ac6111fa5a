"""File dialogs that start where the user last saved or opened that kind of file.

Never the process's working folder (wherever the application happened to be started):
the last folder used for the same purpose, else the user's Documents folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.settings import Option

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # A dialog given a folder that does not exist opens in the working folder instead.
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(purpose: Option[str]) -> Path:
    last = purpose.get()
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(purpose: Option[str], path: Path) -> None:
    purpose.set(str(path.parent if not path.is_dir() else path))


def safe_name(text: str, limit: int = 60) -> str:
    """A piece of a file name that every file system accepts; Chinese stays Chinese."""
    cleaned = _UNSAFE.sub("-", text).strip(" .-")
    cleaned = re.sub(r"[\s-]+", "-", cleaned)
    return cleaned[:limit].rstrip(" .-") or "unnamed"


def save_path(
    parent: QWidget | None, title: str, purpose: Option[str], name: str, filters: str
) -> tuple[Path | None, str]:
    """Ask where to save ``name``; (None, "") when the user cancels. Remembers the folder."""
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, title, str(start_folder(purpose) / name), filters
    )
    if not chosen:
        return None, ""
    path = Path(chosen)
    remember(purpose, path)
    return path, chosen_filter


def open_path(
    parent: QWidget | None, title: str, purpose: Option[str], filters: str = ""
) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, title, str(start_folder(purpose)), filters
    )
    if not chosen:
        return None
    path = Path(chosen)
    remember(purpose, path)
    return path
