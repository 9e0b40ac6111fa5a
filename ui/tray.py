"""While the application runs: a tray notification when something becomes due.

Every few minutes (Settings ▸ Notifications) a QTimer asks the same service the digests
use what needs the person working (``desk_reminders``), in a worker: it reads what is due
across the whole database, seconds at a hundred thousand agreements, which the window must
not wait for. Each occasion shows once per session. The first check sums up what is due
already; later ones name what is new.
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
from ui.worker import run_job

if TYPE_CHECKING:
    from app.db import Database
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
        self.checking = False  # a worker is reading what is due
        self.tray = QSystemTrayIcon(window.window_icon(), self)
        self.tray.setToolTip("PartnerDesk")
        self.tray.messageClicked.connect(self._clicked)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_in_background)
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
        QTimer.singleShot(FIRST_CHECK_MS, self.check_in_background)

    def check_in_background(self) -> None:
        """The timer's check: read what is due in a worker, show what is new when back."""
        if not settings.TRAY_NOTIFY.get() or self.checking:
            return
        self.checking = True
        db, today, lang = self.window.db, self._today(), self._language()

        def done(due: list[DeskReminder]) -> None:
            self.checking = False
            self._received(due)

        def failed(exc: BaseException) -> None:
            self.checking = False
            # The next check tries again; a fault of ours is logged as one.
            level = logging.DEBUG if isinstance(exc, PartnerDeskError) else logging.ERROR
            log.log(level, "reminders not checked", exc_info=exc)

        run_job(self.window, "PartnerDesk", lambda _progress: _due(db, today, lang), done,
                failed, show_dialog=False)  # fmt: skip

    def check(self) -> list[DeskReminder]:
        """The same check on this thread (tests). Returns what is new."""
        if not settings.TRAY_NOTIFY.get():
            return []
        try:
            due = _due(self.window.db, self._today(), self._language())
        except PartnerDeskError:
            log.debug("reminders not checked", exc_info=True)  # the next check tries again
            return []
        return self._received(due)

    def _today(self) -> date:
        return self.fixed_today or date.today()

    @staticmethod
    def _language() -> str:
        return "zh" if i18n.current_language().startswith("zh") else "en"

    def _received(self, due: list[DeskReminder]) -> list[DeskReminder]:
        """Show what was not shown this session; returns it."""
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
                self.last_agreement = r.agreement_id or None  # 0: a seller under none
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


def _due(db: Database, today: date, lang: str) -> list[DeskReminder]:
    from app.services.notifications.desk import desk_reminders

    with db.session() as s:
        return desk_reminders(s, today, lang)
