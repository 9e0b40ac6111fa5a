"""The File and Help menus: import, export, back up, restore, demo data, settings, another
database, the language, About.

Functions of the main window, bound as its methods in ``ui.main_window``.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db import Database
from ui import i18n
from ui.changes import Changes
from ui.dialogs import backup
from ui.dialogs.export_dialog import ExportDialog, Exporter, ExportRequest, ListState, request_for

if TYPE_CHECKING:
    from ui.dialogs.settings_dialog import SettingsDialog
    from ui.main_window import MainWindow

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def import_data(window: MainWindow) -> None:
    from ui.dialogs.import_wizard import ImportWizard  # here: it loads the importer

    wizard = ImportWizard(window.db, parent=window)
    wizard.finished.connect(lambda _r: _imported(window, wizard.imported))
    wizard.open()


def import_kpi_actuals(window: MainWindow) -> None:
    from ui.dialogs.kpi_actuals_import import choose_and_import

    choose_and_import(window, window.db, lambda: window.apply_changes(Changes.all()),
                      busy=(window.import_kpi_action,))  # fmt: skip


def _imported(window: MainWindow, wrote: bool) -> None:
    if wrote:
        # The steps on the stack describe records as they were before the import,
        # which may have rewritten them: undoing one would undo part of the import.
        window.undo_stack.clear()
        window.apply_changes(Changes.all())


def list_state(window: MainWindow) -> ListState:
    return ListState(
        window.agreements.current_filter(),
        window.partners.current_filter(),
        frozenset(window.agreements.selected_ids()),
        frozenset(window.partners.selected_ids()),
    )


def export_data(window: MainWindow) -> None:
    """File ▸ Export…: the dialog starts on the list the user is looking at."""
    what = "partners" if window.current_page() == "partners" else "agreements"
    window.export_dialog = ExportDialog(list_state(window), what, window)
    window.export_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog = window.export_dialog
    dialog.accepted.connect(lambda: _export(window, dialog.request()))
    dialog.open()


def export_list(window: MainWindow, what: str, scope: str, fmt: str) -> None:
    """From a list's context menu: no dialog, straight to where to save it."""
    _export(window, request_for(list_state(window), what, scope, fmt))


def _export(window: MainWindow, request: ExportRequest) -> None:
    exporter = Exporter(window, window.db, window.today, window.show_status)
    window.export_job = exporter.run(request)


def back_up(window: MainWindow) -> None:
    path = backup.back_up(window, window.db)
    if path is not None:
        window.show_status(translate("MainWindow", "Backed up to %1").replace("%1", str(path)))


def restore(window: MainWindow) -> None:
    if backup.restore(window, window.db):
        # Undo steps were made against the database as it was before the restore:
        # replayed now they would write old edits into the restored data.
        window.undo_stack.clear()
        window.apply_changes(Changes.all())


def offer_demo_data(window: MainWindow) -> None:
    from ui.application import load_demo_data

    load_demo_data(window, window.db, on_done=lambda: window.announce(Changes.all()))


def open_settings(window: MainWindow) -> SettingsDialog:
    from ui.access import Deed, refusal
    from ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.db, window, refusal=refusal(window.access, Deed.SETTINGS))
    dialog.language_chosen.connect(window.switch_language)
    dialog.database_chosen.connect(window.set_database)
    # A new base currency or company name shows everywhere.
    dialog.accepted.connect(lambda: window.announce(Changes.all()))
    dialog.accepted.connect(partial(_follow_tray_settings, window))
    # Rates are saved by their own buttons: Cancel keeps them, and the values and the
    # status bar's old-rates warning must follow.
    dialog.rejected.connect(lambda: _rates_kept(window, dialog))
    dialog.open()
    return dialog


def _rates_kept(window: MainWindow, dialog: SettingsDialog) -> None:
    if dialog.fx_tab.wrote:
        window.announce(Changes.all())


def open_fx_rates(window: MainWindow) -> None:
    """Settings on its exchange-rates tab (the status bar's old-rates warning)."""
    open_settings(window).show_fx_rates()


def _follow_tray_settings(window: MainWindow) -> None:
    if window.due_watcher is not None:
        window.due_watcher.restart()


def set_database(window: MainWindow, db: Database) -> None:
    """Work on another database from now on; undo steps of the old one are dropped."""
    old = window.db
    window.undo_stack.clear()
    window.db = db
    window.retranslate()
    if old is not db:
        old.dispose()
    window.statusBar().showMessage(
        translate("MainWindow", "Now using %1").replace("%1", db.description), 8000
    )


def switch_language(window: MainWindow, language: str) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication) and i18n.install(app, language):
        window.language_changed.emit(language)


def about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        translate("MainWindow", "About PartnerDesk"),
        translate("MainWindow", "PartnerDesk — cooperation agreements for partnership managers."),
    )


def export_calendar(window: MainWindow) -> None:
    """File ▸ Export calendar…: the agreements list's current filter as an .ics file,
    written in a worker (a filter of 20,000 agreements makes 40,000 events)."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    from app.domain.types import utcnow
    from app.services.notifications.calendar import events, ics
    from ui.widgets.files import documents_folder
    from ui.worker import Progress, run_job

    title = translate("MainWindow", "Export calendar")
    path, _ = QFileDialog.getSaveFileName(
        window, title, str(documents_folder() / "partnerdesk.ics"),
        translate("MainWindow", "iCalendar (*.ics)"),
    )  # fmt: skip
    if not path:
        return
    lang = "zh" if i18n.current_language().startswith("zh") else "en"
    shown = window.agreements.current_filter()

    def work(progress: Progress) -> int:
        with window.db.session() as s:
            found = events(s, shown, lang=lang)
        Path(path).write_bytes(ics(found, utcnow(), progress))
        return len(found)

    def done(count: int) -> None:
        window.show_status(
            translate("MainWindow", "Calendar saved to %1 (events: %2)")
            .replace("%1", path).replace("%2", str(count))
        )  # fmt: skip

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(window, title, str(exc))

    label = translate("MainWindow", "Writing the calendar…")
    window.calendar_job = run_job(window, title, work, done, failed, label=label)
