"""Every per-desk setting in one place: key, type and default (Picard's config.py idea).

Settings shared by a team (base currency, company name) live in the database instead; see
``app.services.settings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, int, bool, QByteArray)

ORGANISATION = "PartnerDesk"
APPLICATION = "PartnerDesk"


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T

    def get(self, settings: QSettings | None = None) -> T:
        store = settings or QSettings()
        raw = store.value(self.key, self.default)
        default = self.default
        if isinstance(default, bool):
            # QSettings hands booleans back as "true"/"false" from INI files.
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true")
        if isinstance(default, int):
            try:
                return int(str(raw))
            except (TypeError, ValueError):
                return default
        if isinstance(default, QByteArray):
            return raw if isinstance(raw, QByteArray) else QByteArray()
        return "" if raw is None else str(raw)

    def set(self, value: T, settings: QSettings | None = None) -> None:
        (settings or QSettings()).setValue(self.key, value)


# Database
DATABASE_TARGET = Option[str]("database/target", "")  # empty: --db, PARTNERDESK_DB or per-user file
RECENT_DATABASES = Option[str]("database/recent", "")  # newline-separated

# Appearance
LANGUAGE = Option[str]("ui/language", "")  # "", "en" or "zh_CN"; empty follows the system
THEME = Option[str]("ui/theme", "system")  # system / light / dark

# Behaviour
STARTUP_REMINDER = Option[bool]("renewals/startup_reminder", True)
REMINDER_DAYS = Option[int]("renewals/reminder_days", 14)
# Tray notifications while the application runs (Settings ▸ Notifications)
TRAY_NOTIFY = Option[bool]("notify/tray", True)
TRAY_MINUTES = Option[int]("notify/tray_minutes", 15)
OFFER_DEMO = Option[bool]("database/offer_demo", True)
LAST_PAGE = Option[str]("ui/last_page", "dashboard")

# Window state, one key per window or view (never pickled Qt objects: Qt's own state blobs)
MAIN_GEOMETRY = Option[QByteArray]("main_window/geometry", QByteArray())
MAIN_STATE = Option[QByteArray]("main_window/state", QByteArray())


def view_state(name: str) -> Option[QByteArray]:
    """Header layout (order, widths, hidden columns, sort) of one table view."""
    return Option[QByteArray](f"views/{name}/header", QByteArray())


def splitter_state(name: str) -> Option[QByteArray]:
    return Option[QByteArray](f"splitters/{name}", QByteArray())


# Automatic backup when the window closes (empty folder: off)
BACKUP_FOLDER = Option[str]("backup/folder", "")
BACKUP_KEEP = Option[int]("backup/keep", 10)

# The folder a file dialog starts in, one per purpose (empty: the user's Documents folder).
# Reports and exports go to different places for most people; one shared "last folder"
# would send every report into the export folder.
FOLDER_REPORTS = Option[str]("folders/reports", "")
FOLDER_EXPORTS = Option[str]("folders/exports", "")
FOLDER_IMPORTS = Option[str]("folders/imports", "")
FOLDER_BACKUPS = Option[str]("folders/backups", "")
FOLDER_ATTACHMENTS = Option[str]("folders/attachments", "")
