"""While the application runs: a tray notification when something becomes due.

Every few minutes (Settings ▸ Notifications) a QTimer asks the same service the digests
use what needs the person working (``desk_reminders``), and shows each occasion once per
session. The first check sums up what is due already; later ones name what is new.
Clicking the message opens the agreement (or the dashboard, for a summary).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from app.errors import PartnerDeskError
from ui import i18n, settings

if TYPE_CHECKING:
    from app.services.notifications.desk import DeskReminder
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 5_000
# More new occasions than this at once are summed up in one message.
ONE_BY_ONE = 3


class DueWatcher(QObject):
    def __init__(self, window: MainWindow, today: date | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.fixed_today = today
        self.told: set[str] = set()
        self.last_agreement: int | None = None
        self.tray = QSystemTrayIcon(window.window_icon(), self)
        self.tray.setToolTip("PartnerDesk")
        self.tray.messageClicked.connect(self._clicked)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.restart()

    def restart(self) -> None:
        """Follow the desk's settings (on, how often); the first check comes soon."""
        self.timer.stop()
        if not settings.TRAY_NOTIFY.get():
            self.tray.hide()
            return
        self.tray.show()
        self.timer.setInterval(settings.TRAY_MINUTES.get() * 60_000)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self.check)

    def check(self) -> list[DeskReminder]:
        """Ask what is due; show what was not shown this session. Returns what is new."""
        from app.services.notifications.desk import desk_reminders

        if not settings.TRAY_NOTIFY.get():
            return []
        lang = "zh" if i18n.current_language().startswith("zh") else "en"
        today = self.fixed_today or date.today()
        try:
            with self.window.db.session() as s:
                due = desk_reminders(s, today, lang)
        except PartnerDeskError:
            log.debug("reminders not checked", exc_info=True)  # the next check tries again
            return []
        new = [r for r in due if r.occasion not in self.told]
        self.told |= {r.occasion for r in new}
        if new:
            self._show(new, first=len(self.told) == len(new))
        return new

    def _show(self, new: list[DeskReminder], *, first: bool) -> None:
        icon = QSystemTrayIcon.MessageIcon.Warning if any(r.overdue for r in new) else (
            QSystemTrayIcon.MessageIcon.Information)  # fmt: skip
        if not QSystemTrayIcon.isSystemTrayAvailable():
            # A desktop without a tray (some Linux window managers): the status bar says it.
            first_one = new[0]
            more = self.tr("%n more need you.", "", len(new) - 1) if len(new) > 1 else ""
            self.window.show_status(f"{first_one.heading}: {first_one.text} {more}".strip())
        if len(new) <= ONE_BY_ONE and not (first and len(new) > 1):
            for r in new:
                self.last_agreement = r.agreement_id
                self.tray.showMessage(r.heading, r.text, icon, 15_000)
            return
        self.last_agreement = None
        overdue = sum(1 for r in new if r.overdue)
        title = self.tr("%n item(s) need you", "", len(new))
        body = "\n".join(f"{r.heading}: {r.text}" for r in new[:ONE_BY_ONE])
        if overdue:
            body = self.tr("%n overdue.", "", overdue) + "\n" + body
        self.tray.showMessage(title, body, icon, 15_000)

    def _clicked(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        if self.last_agreement is not None:
            self.window.open_agreement(self.last_agreement)
        else:
            self.window.show_page("dashboard")
