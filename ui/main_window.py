"""The main window: navigation, global search, menus, status bar and the one undo stack."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.abilities import Access
from app.services.exporting import ExportResult
from ui import background, main_menus, settings
from ui.access import Deed, read_access, read_access_then, refusal, switch, who
from ui.app_icon import application_icon
from ui.background import Reader
from ui.changes import Changes
from ui.dialogs import backup
from ui.dialogs.export_dialog import ExportDialog
from ui.pages.agreements import AgreementsPage
from ui.pages.base import Page
from ui.pages.dashboard import DashboardPage
from ui.pages.partners import PartnersPage
from ui.pages.renewals import RenewalsPage
from ui.pages.sellers import SellersPage
from ui.undo import DatabaseCommand, undo_events
from ui.widgets.stale_rates import StaleRatesLabel
from ui.window import file_actions, records
from ui.window.status_figures import StatusFigures, status_figures
from ui.worker import Job, hold_jobs, start_held_jobs

if TYPE_CHECKING:
    from ui.tray import DueWatcher

log = logging.getLogger(__name__)

# Room a window manager takes around a window: borders, and a title bar of up to ~40 px.
FRAME = QSize(16, 48)
# Sellers last: Ctrl+1…5 keep the pages they had before sellers were added.
PAGES = ("dashboard", "agreements", "partners", "renewals", "reports", "sellers")


class _LazyPage(Page):
    """A page built the first time it is shown, so start-up does not pay for it."""

    shows = frozenset()  # reports are rendered on request, from the data as it is then

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._factory()
            self._layout.addWidget(self._page)
        return self._page

    def activate(self) -> None:
        self.page()

    def save_state(self) -> None:
        if isinstance(self._page, Page):
            self._page.save_state()


def default_size(window: QWidget) -> QSize:
    """1400×860 where the screen has room; else the screen, less a window manager's frame.

    (A 1366×768 laptop would otherwise get a window taller than its screen, with the
    status bar and the bottom of every page out of sight.)
    """
    screen = window.screen()
    if screen is None:
        return QSize(1400, 860)
    room = screen.availableGeometry()
    return QSize(min(1400, room.width() - FRAME.width()), min(860, room.height() - FRAME.height()))


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    # Built by ui.main_menus (again after a language switch).
    new_agreement_action: QAction
    new_partner_action: QAction
    import_action: QAction
    import_kpi_action: QAction
    export_action: QAction
    calendar_action: QAction
    due_watcher: DueWatcher | None = None  # the tray notifications (ui/tray.py), once shown
    backup_action: QAction
    restore_action: QAction
    demo_action: QAction
    settings_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    refresh_action: QAction
    page_actions: list[QAction]
    about_action: QAction
    search_edit: QLineEdit

    def __init__(
        self,
        db: Database,
        today: date | None = None,
        parent: QWidget | None = None,
        *,
        access: Access | None = None,
    ):
        """``access``: who is connected, already read (``ui.application`` reads it in a
        worker before building the window); None: read here."""
        super().__init__(parent)
        # The pages' first reads start once the first frame is painted (ui.worker.hold_jobs);
        # a window never painted starts them a quarter second on.
        self._first_paint = background.in_workers
        if self._first_paint:
            hold_jobs()
            QTimer.singleShot(250, start_held_jobs)
        self.db = db
        self.today = today or date.today()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        undo_events().stack = self.undo_stack
        self.open_editors: list[QWidget] = []
        self.export_dialog: ExportDialog | None = None
        self.export_job: Job[ExportResult] | None = None
        self.calendar_job: Job[int] | None = None
        # A bound method, not a lambda: Qt drops the connection with this window.
        undo_events().changed.connect(self.announce)
        self._pending = Changes()
        # Changes announced together (a macro of deletions) are applied once.
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._apply_pending)
        # A timer the window owns (not QTimer.singleShot): a window closed and deleted
        # before it fires is never rebuilt.
        self._retranslate_timer = QTimer(self, singleShot=True, interval=0)
        self._retranslate_timer.timeout.connect(self.retranslate)
        self.status_reader = Reader(db, self)  # the status bar's figures
        self.editor_reader = Reader(db, self, quick=True)  # the agreement an editor opens on
        self.setMinimumSize(QSize(960, 600))
        self._build(access)
        self.restore_window()

    # --- building (again after a language switch) ---------------------------------------

    def _build(self, access: Access | None = None) -> None:
        self.setWindowTitle(self.tr("PartnerDesk"))
        # Read again with every build: another database, or a role changed meanwhile.
        self.access = access if access is not None else read_access(self.db)
        self.dashboard = DashboardPage(self.db, self.today, self)
        self.agreements = AgreementsPage(self.db, self.today, self)
        self.partners = PartnersPage(self.db, self.today, self)
        self.renewals = RenewalsPage(self.db, self.today, self)
        # Built when first shown: its module pulls in the PDF machinery (half a second).
        self.reports = _LazyPage(self._make_reports_page, self)
        if background.in_workers:  # (tests: the page loads when shown, as it always could)
            # Its modules load in a worker once the window stands, so that the first
            # showing only builds widgets instead of freezing 1-3 s importing ReportLab.
            QTimer.singleShot(
                1000, lambda: background.import_in_background("ui.pages.reports_page")
            )
        self.sellers = SellersPage(self.db, self.today, self)
        self.sellers.changed.connect(lambda: self.announce(Changes.all()))
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Pages"))
        self.nav.setAccessibleDescription(
            self.tr("Dashboard, agreements, partners, renewals, reports, sellers")
        )
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        style = self.style()
        icons = {
            "dashboard": QStyle.StandardPixmap.SP_ComputerIcon,
            "agreements": QStyle.StandardPixmap.SP_FileDialogDetailedView,
            "partners": QStyle.StandardPixmap.SP_DirHomeIcon,
            "renewals": QStyle.StandardPixmap.SP_BrowserReload,
            "reports": QStyle.StandardPixmap.SP_FileIcon,
            "sellers": QStyle.StandardPixmap.SP_DriveNetIcon,
        }
        for key, page in self._pages().items():
            self.stack.addWidget(page)
            item = QListWidgetItem(style.standardIcon(icons[key]), self.page_title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        nav_width = max(150, self.nav.sizeHintForColumn(0) + 28)
        self.nav.setMinimumWidth(120)
        self.nav.setMaximumWidth(max(260, nav_width))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.currentRowChanged.connect(lambda _r: self._page_shown())

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([nav_width, 1400])
        self.setCentralWidget(self.splitter)

        for page in (self.dashboard, self.agreements, self.partners, self.renewals):
            page.open_requested.connect(self.open_agreement)
        self.agreements.new_requested.connect(self.new_agreement)
        self.agreements.renew_requested.connect(self.renew)
        self.renewals.renew_requested.connect(self.renew)
        self.agreements.report_requested.connect(self.report_for_agreement)
        self.agreements.delete_requested.connect(self.delete_agreements)
        self.partners.edit_requested.connect(self.edit_partner)
        self.partners.new_agreement_requested.connect(
            lambda pid: self.new_agreement(partner_id=pid)
        )
        self.partners.report_requested.connect(self.report_for_partner)
        self.agreements.export_requested.connect(partial(self.export_list, "agreements"))
        self.partners.export_requested.connect(partial(self.export_list, "partners"))
        self.dashboard.show_decisions.connect(self._show_decisions)

        for page in self._pages().values():
            page.set_access(self.access)
        main_menus.build_actions(self)
        main_menus.build_menus(self)
        self.search_edit = main_menus.build_toolbar(self)
        self._build_status_bar()
        self.nav.setCurrentRow(max(0, PAGES.index(settings.LAST_PAGE.get()))
                               if settings.LAST_PAGE.get() in PAGES else 0)  # fmt: skip

    def _make_reports_page(self) -> QWidget:
        from ui.pages.reports_page import ReportsPage  # here: it loads the PDF machinery

        page = ReportsPage(self.db)
        page.saved.connect(self.show_status)
        return page

    def _pages(self) -> dict[str, Page]:
        return {
            "dashboard": self.dashboard,
            "agreements": self.agreements,
            "partners": self.partners,
            "renewals": self.renewals,
            "reports": self.reports,
            "sellers": self.sellers,
        }

    def page_keys(self) -> tuple[str, ...]:
        return PAGES

    def page_title(self, key: str) -> str:
        return {
            "dashboard": self.tr("Dashboard"),
            "agreements": self.tr("Agreements"),
            "partners": self.tr("Partners"),
            "renewals": self.tr("Renewals"),
            "reports": self.tr("Reports"),
            "sellers": self.tr("Sellers"),
        }[key]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        for old in bar.findChildren(QLabel):
            bar.removeWidget(old)
            old.deleteLater()
        self.db_label = QLabel()
        self.counts_label = QLabel()
        self.stale_rates = StaleRatesLabel()
        self.stale_rates.clicked.connect(self.open_fx_rates)
        self.person_label = QLabel(who(self.access))
        self.person_label.setObjectName("connectedPerson")
        login = self.access.login or self.tr("this computer's login")
        self.person_label.setToolTip(self.tr("Connected as %1").replace("%1", login))
        self.person_label.setAccessibleName(self.tr("Connected person and role"))
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.stale_rates)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.person_label)
        self.update_status()

    def update_status(self) -> None:
        self.db_label.setText(self.tr("Database: %1").replace("%1", self.db.description))
        self.db_label.setToolTip(self.db.description)
        self._show_read_only()
        today = self.today
        self.status_reader.db = self.editor_reader.db = self.db  # another database since?
        # Counting a million agreements takes a quarter of a second: in a worker.
        self.status_reader.read(lambda s: status_figures(s, today), self._show_figures)

    def _show_figures(self, figures: StatusFigures) -> None:
        self.counts_label.setText(
            self.tr("%1 agreements · %2 partners")
            .replace("%1", f"{figures.agreements:,}")
            .replace("%2", f"{figures.partners:,}")
        )
        self.stale_rates.stale = figures.stale_rates
        self.stale_rates.show_rates(figures.stale_rates, self.today)

    def _show_read_only(self) -> None:
        # A database PartnerDesk may not change (a read-only file or mount) is shown whole;
        # what would write is switched off and the status bar says why, instead of every
        # save failing. So is what the connected person's role does not allow.
        reason = self.db.read_only_reason
        writers = {
            self.new_agreement_action: Deed.CHANGE_AGREEMENTS,
            self.new_partner_action: Deed.CHANGE_PARTNERS,
            self.import_action: Deed.IMPORT,
            self.import_kpi_action: Deed.IMPORT,
            self.restore_action: Deed.RESTORE,
            self.demo_action: Deed.IMPORT,
            self.undo_action: Deed.CHANGE_AGREEMENTS,
            self.redo_action: Deed.CHANGE_AGREEMENTS,
        }
        for action, deed in writers.items():
            why = refusal(self.access, deed)
            if why is not None:
                switch(action, why)
            elif action not in (self.undo_action, self.redo_action):  # the stack decides
                action.setEnabled(reason is None)
        if reason is not None:
            off = self.tr("Editing is off: %1.").replace("%1", reason)
            self.db_label.setText(f"{self.db_label.text()} — {off}")
            self.db_label.setToolTip(off)

    def show_status(self, message: str) -> None:
        """A finished save or export, said where the user looks for it."""
        self.statusBar().showMessage(message, 10_000)

    def retranslate(self) -> None:
        """Rebuild every page and menu in the language just installed (or on the database
        just opened), once who is connected has been read again in a worker: another
        database, or a role changed meanwhile."""
        read_access_then(self.db, self, self._rebuild)

    def _rebuild(self, access: Access) -> None:
        current = self.current_page()
        self.save_views()
        # The steps first: the rebuilt Undo and Redo actions read their texts.
        for i in range(self.undo_stack.count()):
            step = self.undo_stack.command(i)
            if isinstance(step, DatabaseCommand):
                step.retranslate()
        # The pages are built in a turn of the event loop of their own (the old ones are
        # deleted in a later one, deleteLater's): done in the turn that saved the views'
        # settings, a language switch stalled the window 75-117 ms (the build alone is
        # 37-44 ms).
        if background.in_workers:
            QTimer.singleShot(0, self, lambda: self._build_again(access, current))
        else:  # (tests, without workers: at once, as everything else there)
            self._build_again(access, current)

    def _build_again(self, access: Access, current: str) -> None:
        old_pages = list(self._pages().values())
        old_nav = self.centralWidget()
        self._build(access)
        for page in old_pages:
            page.deleteLater()
        if old_nav is not None:
            old_nav.deleteLater()
        self.show_page(current)

    def event(self, event: QEvent) -> bool:
        if self._first_paint and event.type() == QEvent.Type.Paint:
            self._first_paint = False
            QTimer.singleShot(0, start_held_jobs)  # after this paint, children's included
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "stack"):
            # Pages are rebuilt (not patched string by string): nothing can stay behind
            # in the old language. Deferred: Qt is still delivering the event.
            self._retranslate_timer.start()
        super().changeEvent(event)

    # --- navigation ---------------------------------------------------------------------

    def current_page(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "dashboard"

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(PAGES.index(key))
        return self._pages()[key]

    def _page_shown(self) -> None:
        # The page in view is kept when the window closes (save_views), not at each switch:
        # a QSettings write syncs the file to disk, 10 ms here and over 100 ms while other
        # programs write, on the GUI thread at every click of the navigation.
        self._pages()[self.current_page()].shown()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def run_search(self) -> None:
        text = self.search_edit.text().strip()
        self.show_page("agreements")
        self.agreements.search_for(text)

    def _show_decisions(self, days: int) -> None:
        self.show_page("agreements")
        self.agreements.show_decisions_within(days)

    def announce(self, changes: Changes) -> None:
        """Something was written: the pages showing it refresh, once, after this event."""
        self._pending = self._pending | changes
        self._refresh_timer.start()

    def _apply_pending(self) -> None:
        changes, self._pending = self._pending, Changes()
        self.apply_changes(changes)

    def apply_changes(self, changes: Changes) -> None:
        if not changes:
            return
        current = self.current_page()
        for key, page in self._pages().items():
            page.apply(changes, visible=key == current)
        self.update_status()

    def refresh_all(self) -> None:
        self.apply_changes(Changes.all())

    # --- actions on records (ui/window/records.py) and the File menu (file_actions.py) ---
    # Functions of the window, bound here as its methods: the menus, the pages and the
    # tests call them as ``window.open_agreement(id)``, ``window.restore()``.

    open_agreement = records.open_agreement
    new_agreement = records.new_agreement
    edit_partner = records.edit_partner
    new_partner = records.new_partner
    renew = records.renew
    report_for_agreement = records.report_for_agreement
    report_for_partner = records.report_for_partner

    def delete_agreements(self, ids: list[int]) -> None:
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete agreements"),
            self.tr("Delete %Ln agreement(s)? You can undo this with %1.", "", len(ids)).replace(
                "%1", self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        records.delete_in_workers(
            self, ids, lambda n: self.tr("Delete %Ln agreement(s)", "", n),
            lambda: self.tr("Some agreements were not deleted"),
        )  # fmt: skip

    import_data = file_actions.import_data
    list_state = file_actions.list_state
    export_data = file_actions.export_data
    export_list = file_actions.export_list
    export_calendar = file_actions.export_calendar
    back_up = file_actions.back_up
    restore = file_actions.restore
    offer_demo_data = file_actions.offer_demo_data
    open_settings = file_actions.open_settings
    open_fx_rates = file_actions.open_fx_rates
    import_kpi_actuals = file_actions.import_kpi_actuals
    set_database = file_actions.set_database
    switch_language = file_actions.switch_language
    about = file_actions.about

    # --- window state -------------------------------------------------------------------

    def restore_window(self) -> None:
        geometry = settings.MAIN_GEOMETRY.get()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(default_size(self))
        state = settings.MAIN_STATE.get()
        if not state.isEmpty():
            self.restoreState(state)
        splitter = settings.splitter_state("main").get()
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def save_views(self) -> None:
        settings.LAST_PAGE.set(self.current_page())
        for page in self._pages().values():
            page.save_state()
        settings.splitter_state("main").set(QByteArray(self.splitter.saveState()))

    def closeEvent(self, event: QCloseEvent) -> None:
        for editor in list(self.open_editors):
            if not editor.close():
                event.ignore()  # an editor kept its unsaved edits: the window stays
                return
        settings.MAIN_GEOMETRY.set(QByteArray(self.saveGeometry()))
        settings.MAIN_STATE.set(QByteArray(self.saveState()))
        self.save_views()
        folder = settings.BACKUP_FOLDER.get()
        if folder:
            try:
                backup.auto_backup_on_close(self.db, folder, settings.BACKUP_KEEP.get())
            except Exception:  # a failed backup must not keep the user from quitting
                log.exception("automatic backup failed")
        super().closeEvent(event)

    def window_icon(self) -> QIcon:
        return application_icon()
