"""Starting the desktop application: Qt, the database, language, theme, first-run offers."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QInputDialog, QMessageBox, QWidget

from app.db import Database, Session, open_database
from app.db.engine import ENV_VAR, without_password
from app.errors import DatabaseError
from app.services.abilities import FULL, Access
from app.services.dashboard import DecisionDue, decisions_due
from app.services.demo import DemoResult, load_demo
from app.services.listing import agreement_ids, count_agreements
from app.services.overview import count_decisions_due, count_missed_decisions
from ui import background, i18n, settings, theme
from ui.access import read_access
from ui.app_icon import DESKTOP_FILE_NAME, application_icon
from ui.bundled_fonts import add_missing_fonts
from ui.main_window import MainWindow
from ui.models.lazy import LazyIdModel
from ui.widgets.titles import number_dialog, text_dialog
from ui.worker import run_job

log = logging.getLogger(__name__)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("PartnerDesk")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(application_icon())  # every window without an icon of its own
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    add_missing_fonts(app)
    i18n.install(app, settings.LANGUAGE.get())
    theme.apply(app, settings.THEME.get())
    return app


def open_with_recovery(target: str | None, parent: QWidget | None = None) -> Database | None:
    """Open the database; on failure say why and offer another one instead of crashing."""
    chosen = target if target is not None else (settings.DATABASE_TARGET.get() or None)
    while True:
        try:
            return open_database(chosen)
        except DatabaseError as exc:
            box = QMessageBox(parent)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(translate("Application", "Cannot open the database"))
            box.setText(translate("Application", "PartnerDesk cannot open the database."))
            box.setInformativeText(str(exc))
            other = box.addButton(
                translate("Application", "Use another database…"),
                QMessageBox.ButtonRole.ActionRole,
            )
            default = box.addButton(
                translate("Application", "Use my personal database"),
                QMessageBox.ButtonRole.AcceptRole,
            )
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            clicked = box.clickedButton()
            if clicked is default:
                chosen = None
                settings.DATABASE_TARGET.set("")
                if target is None:
                    # A broken PARTNERDESK_DB would fail again: the personal file instead.
                    os.environ.pop(ENV_VAR, None)
            elif clicked is other:
                asked = text_dialog(
                    parent,
                    translate("Application", "Database"),
                    translate("Application", "SQLite file path or PostgreSQL URL:"),
                    str(chosen or ""),
                )
                ok = asked.exec() == QInputDialog.DialogCode.Accepted
                text = asked.textValue()
                if not ok or not text.strip():
                    return None
                chosen = text.strip()
                settings.DATABASE_TARGET.set(without_password(chosen))
            else:
                return None


def demo_count_dialog(parent: QWidget | None) -> QInputDialog:
    return number_dialog(
        parent,
        translate("Application", "Demo data"),
        translate("Application", "How many demo agreements?"),
        300, 10, 200_000, 100,
    )  # fmt: skip


def load_demo_data(
    parent: QWidget | None,
    db: Database,
    count: int | None = None,
    on_done: Callable[[], None] | None = None,
) -> None:
    """Ask how many, then load the demo in a worker with a cancellable progress dialog."""
    if count is None:
        asked = demo_count_dialog(parent)
        if asked.exec() != QInputDialog.DialogCode.Accepted:
            return
        count = asked.intValue()

    def work(progress: Callable[[int, int], bool]) -> DemoResult:
        with db.session() as s:  # one transaction: a cancel leaves nothing behind
            return load_demo(s, count, progress=progress)

    def done(result: DemoResult) -> None:
        if on_done is not None:
            on_done()
        if parent is not None and hasattr(parent, "statusBar"):
            message = translate("Application", "Added %1 demo agreements and %2 partners.")
            parent.statusBar().showMessage(
                message.replace("%1", f"{result.agreements:,}").replace(
                    "%2", f"{result.partners:,}"
                ),
                8000,
            )

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(
            parent,
            translate("Application", "Demo data"),
            translate("Application", "The demo data was not loaded: %1").replace("%1", str(exc)),
        )

    def cancelled() -> None:
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(
                translate("Application", "Cancelled: no demo data was added."), 8000
            )

    run_job(
        parent,
        translate("Application", "Loading demo data"),
        work,
        done,
        failed,
        cancelled,
        label=translate("Application", "Creating demo partners and agreements…"),
    )


def offer_demo_if_empty(window: MainWindow, empty: bool | None = None) -> bool:
    """``empty``: already known (read in a worker at start-up); None: ask the database."""
    if empty is None:
        with window.db.session() as s:
            empty = count_agreements(s) == 0
    if not empty:
        return False
    answer = QMessageBox.question(
        window,
        translate("Application", "Welcome to PartnerDesk"),
        translate(
            "Application", "This database has no agreements yet. Load demo data to look around?"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        load_demo_data(window, window.db, on_done=window.refresh_all)
        return True
    return False


class ReminderWords(QObject):
    """The start-up reminder's counted sentences: said in a class, because pyside6-lupdate
    files plural forms only for ``self.tr(text, "", n)``."""

    def due(self, total: int, days: int) -> str:
        return self.tr("%Ln decision(s) due within %1 days:", "", total).replace("%1", str(days))

    def missed(self, count: int) -> str:
        return self.tr("%Ln live agreement(s) are past their decision date.", "", count)


@dataclass(frozen=True)
class ReminderFacts:
    due: list[DecisionDue]  # the first 15
    total: int
    missed: int


def reminder_facts(s: Session, today: date, days: int) -> ReminderFacts:
    return ReminderFacts(
        decisions_due(s, today, days, limit=15),
        count_decisions_due(s, today, days),
        count_missed_decisions(s, today),
    )


def startup_reminder(
    window: MainWindow, today: date | None = None, facts: ReminderFacts | None = None
) -> QMessageBox | None:
    """Decisions due within the reminder window; the box can switch itself off.

    ``facts``: already read (in a worker at start-up: seconds at a million agreements).
    """
    if not settings.STARTUP_REMINDER.get():
        return None
    today = today or window.today
    days = settings.REMINDER_DAYS.get()
    if facts is None:
        with window.db.session() as s:
            facts = reminder_facts(s, today, days)
    due, total, missed = facts.due, facts.total, facts.missed
    if not due and not missed:
        return None
    lines = [
        f"{d.decision_date.isoformat()}  {d.reference}  {d.title} — {d.partner_name}"
        for d in due[:15]
    ]
    if total > len(due):
        lines.append(
            translate("Application", "… and %1 more").replace("%1", f"{total - len(due):,}")
        )
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(translate("Application", "Renewal decisions due"))
    words = ReminderWords()
    if not total:
        # Only missed decisions: the headline says so, never "0 decisions due".
        box.setText(words.missed(missed))
    else:
        box.setText(words.due(total, days))
        if missed:
            # Missed notice dates are the most urgent news of the day: said first.
            lines.insert(0, words.missed(missed) + "\n")
    box.setInformativeText("\n".join(lines))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    check = QCheckBox(translate("Application", "Don't remind me at start-up"))
    box.setCheckBox(check)
    show = box.addButton(
        translate("Application", "Show renewals"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Close)

    def finished(_result: int) -> None:
        if check.isChecked():
            settings.STARTUP_REMINDER.set(False)
        if box.clickedButton() is show:
            window.show_page("renewals")

    box.finished.connect(finished)
    box.open()
    return box


def greet_in_background(window: MainWindow) -> None:
    """Offer demo data to an empty database, else remind of decisions due: what it takes
    is read in a worker, and the window is painted and answers meanwhile."""
    today, days = window.today, settings.REMINDER_DAYS.get()
    remind = settings.STARTUP_REMINDER.get()

    def read(s: Session) -> tuple[bool, ReminderFacts | None]:
        empty = not agreement_ids(s, limit=1)
        return empty, (reminder_facts(s, today, days) if remind and not empty else None)

    def greet(found: tuple[bool, ReminderFacts | None]) -> None:
        empty, facts = found
        if window.open_editors or QApplication.activeModalWidget() is not None:
            # The user is at work already (at a million agreements the facts take seconds
            # to read): no box over their editor or dialog, a line in the status bar.
            if facts is not None and (facts.total or facts.missed):
                words = ReminderWords()
                said = words.due(facts.total, days) if facts.total else words.missed(facts.missed)
                window.show_status(said.rstrip(":"))
            return
        if not offer_demo_if_empty(window, empty) and facts is not None:
            startup_reminder(window, today, facts)

    background.Reader(window.db, window).read(read, greet)  # the window owns the reader


def open_window(db: Database, opened: Callable[[MainWindow], None]) -> None:
    """Build the main window once who is connected has been read, in a worker.

    The first ORM query of a process configures SQLAlchemy's mappers (about 60 ms, and
    on PostgreSQL the role's look-ups besides): on the GUI thread the window's build
    paid it, a freeze before the first paint. The window is built when the answer
    arrives, with the actions the role allows from its first frame.
    """

    def build(access: Access) -> None:
        window = MainWindow(db, access=access)
        window.setWindowIcon(window.window_icon())
        window.show()
        opened(window)

    def unreadable(exc: BaseException) -> None:
        log.warning("who is connected could not be read: %s", exc)
        build(FULL)  # as read_access does: the server refuses what the role may not do

    run_job(None, "", lambda _progress: read_access(db), build, unreadable, show_dialog=False)


def run(db_target: str | None) -> int:
    app = make_application()
    # The window never waits for SQL on the GUI thread: lists, their rows, every page.
    LazyIdModel.assume_slow = LazyIdModel.rows_in_background = True
    background.in_workers = True
    background.share_the_gil()
    db = open_with_recovery(db_target)
    if db is None:
        return 1
    windows: list[MainWindow] = []

    def opened(window: MainWindow) -> None:
        windows.append(window)
        greet_in_background(window)
        from ui.tray import DueWatcher

        window.due_watcher = DueWatcher(window)

    open_window(db, opened)
    code = app.exec()
    # The window may have moved to another database (File ▸ Open) meanwhile.
    (windows[0].db if windows else db).dispose()
    return int(code)
