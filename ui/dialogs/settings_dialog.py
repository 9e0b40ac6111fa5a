"""Settings: this desk's (language, theme, reminders, database) and the team's (in the DB)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session, open_database
from app.db.credentials import remember_password, target_url
from app.db.engine import without_password
from app.errors import DatabaseError, PartnerDeskError, ValidationError
from app.services import fx
from app.services.settings import (
    COMPANY_ADDRESS,
    COMPANY_NAME,
    COMPANY_REGISTRATION,
    base_currency,
    get_setting,
    set_base_currency,
    set_setting,
)
from ui import background, i18n, settings, theme
from ui.dialogs.fx_rates_tab import FxRatesTab
from ui.dialogs.notification_settings import NotificationsTab
from ui.worker import run_job

COMPANY_LOGO = "company_logo"  # app.services.reporting reads the logo file from this key
ERROR_STYLE = "color: #c0392b;"


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class SettingsDialog(QDialog):
    language_chosen = Signal(str)
    database_chosen = Signal(object)  # an opened app.db.Database

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, refusal: str | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        # Why the connected person may not change the team's settings (None: they may).
        self.refusal = refusal
        self.new_db: Database | None = None  # the database chosen, opened, its password kept
        self._opened: Database | None = None  # the last one opened (kept for OK again)
        self._keyring_refused = False  # told once that no keyring exists; OK again goes on
        self._writing = False  # OK's write runs in a worker
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(620)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._database_tab(), self.tr("Database"))
        self.tabs.addTab(self._company_tab(), self.tr("Company and currency"))
        self.fx_tab = FxRatesTab(db, parent=self)
        self.tabs.addTab(self.fx_tab, self.tr("Exchange rates"))
        self.notifications = NotificationsTab(db)
        self.tabs.addTab(self.notifications, self.tr("Notifications"))
        if refusal is not None:  # the team's rates and reminders are an admin's to change
            from ui.editors.read_only import lock_fields

            self.fx_tab.refuse(refusal)
            lock_fields([self.notifications], refusal)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

    # --- tabs ---------------------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language_box = QComboBox()
        self.language_box.addItem(self.tr("System language"), "")
        for code, name in i18n.LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(
            settings.LANGUAGE.get())))  # fmt: skip
        form.addRow(self.tr("Language:"), self.language_box)
        self.theme_box = QComboBox()
        for key, label in (("system", self.tr("System")), ("light", self.tr("Light")),
                           ("dark", self.tr("Dark"))):  # fmt: skip
            self.theme_box.addItem(label, key)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(settings.THEME.get())))
        form.addRow(self.tr("Theme:"), self.theme_box)
        self.reminder_check = QCheckBox(self.tr("Remind me of decisions due soon at start-up"))
        self.reminder_check.setChecked(settings.STARTUP_REMINDER.get())
        self.reminder_days = QSpinBox()
        self.reminder_days.setRange(1, 90)
        self.reminder_days.setSuffix(self.tr(" days"))
        self.reminder_days.setValue(settings.REMINDER_DAYS.get())
        form.addRow(self.reminder_check)
        form.addRow(self.tr("Remind me of decisions within:"), self.reminder_days)
        self.backup_edit = QLineEdit(settings.BACKUP_FOLDER.get())
        self.backup_edit.setPlaceholderText(self.tr("No automatic backup"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_backup_folder)
        row = QHBoxLayout()
        row.addWidget(self.backup_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Back up on close to:"), row)
        return page

    def show_fx_rates(self) -> None:
        self.tabs.setCurrentWidget(self.fx_tab)

    def _database_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        current = QLabel(self.db.description)
        current.setWordWrap(True)
        form.addRow(self.tr("In use:"), current)
        self.db_edit = QLineEdit(settings.DATABASE_TARGET.get())
        self.db_edit.setPlaceholderText(self.tr("SQLite file, or postgresql://user@host/db"))
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self._choose_database)
        row = QHBoxLayout()
        row.addWidget(self.db_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Database:"), row)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            self.tr("PostgreSQL only; kept in the system keyring, never in a settings file")
        )
        form.addRow(self.tr("Password:"), self.password_edit)
        self.db_error = _error_label()
        form.addRow("", self.db_error)
        note = QLabel(self.tr(
            "Leave empty to use the default personal database. A new file is created and "
            "set up when it does not exist yet. A PostgreSQL password is kept in the "
            "system keyring; without one, PostgreSQL reads it from ~/.pgpass or PGPASSWORD."
        ))  # fmt: skip
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _company_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        with self.db.session() as s:
            # Blank until the user names the company: reports then keep a neutral header
            # (never the product's name as our party).
            name, base = get_setting(s, COMPANY_NAME, ""), base_currency(s)
            address = get_setting(s, COMPANY_ADDRESS, "")
            registration = get_setting(s, COMPANY_REGISTRATION, "")
            logo = get_setting(s, COMPANY_LOGO, "")
        self.company_edit = QLineEdit(name)
        self.company_edit.setPlaceholderText(self.tr("As contracts name it"))
        form.addRow(self.tr("Company name:"), self.company_edit)
        self.address_edit = QLineEdit(address)
        self.address_edit.setPlaceholderText(self.tr("Registered address, for agreement reports"))
        form.addRow(self.tr("Address:"), self.address_edit)
        self.registration_edit = QLineEdit(registration)
        self.registration_edit.setPlaceholderText(self.tr("e.g. unified social credit code"))
        form.addRow(self.tr("Registration number:"), self.registration_edit)
        self.logo_edit = QLineEdit(logo)
        self.logo_edit.setPlaceholderText(self.tr("PNG or JPEG for report headers"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_logo)
        row = QHBoxLayout()
        row.addWidget(self.logo_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Logo:"), row)
        self.base_edit = QLineEdit(base)
        self.base_edit.setMaxLength(3)
        self.base_edit.setMaximumWidth(80)
        form.addRow(self.tr("Base currency:"), self.base_edit)
        self.base_error = _error_label()
        form.addRow("", self.base_error)

        if self.refusal is not None:
            from ui.editors.read_only import lock_fields

            lock_fields([page], self.refusal)
            why = QLabel(self.refusal)
            why.setWordWrap(True)
            form.insertRow(0, why)
        return page

    # --- choosers -----------------------------------------------------------------------

    def _choose_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Choose a database file"), self.db_edit.text(),
            self.tr("PartnerDesk database (*.db *.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )  # fmt: skip
        if path:
            self.db_edit.setText(path)

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a logo"), self.logo_edit.text(),
            self.tr("Images (*.png *.jpg *.jpeg)"),
        )  # fmt: skip
        if path:
            self.logo_edit.setText(path)

    def _choose_backup_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Back up to"), self.backup_edit.text()
        )
        if path:
            self.backup_edit.setText(path)

    # --- saving -------------------------------------------------------------------------

    def save(self) -> None:
        """Check what can be wrong first; nothing is written unless everything is right."""
        if self._writing:
            return  # OK pressed again while the worker writes
        target = self.db_edit.text().strip()
        password = self.password_edit.text()
        if (target != settings.DATABASE_TARGET.get() and target) or (password and "://" in target):
            try:
                url = target_url(target or None, password)
            except DatabaseError as exc:
                self._database_refused(exc)
                return
            if self.new_db is None or self.new_db.url != url:
                self._open_then_save(target or None, password)
                return
        _show_error(self.db_error, "")
        if self.refusal is not None:  # the team's settings are an admin's to change
            self._saved()
            return
        # The team's settings, read from the form here and written in a worker, in one
        # transaction: on the GUI thread OK froze the window 9-28 ms at a million
        # agreements (bench/bench_dialogs.py), and a server under load makes it longer.
        notifications = self.notifications.writer()
        team = (self.base_edit.text(), self.company_edit.text().strip(),
                self.address_edit.text().strip(), self.registration_edit.text().strip(),
                self.logo_edit.text().strip(), self.fx_tab.stale_days())  # fmt: skip

        def write(s: Session) -> None:
            notifications(s)
            base, name, address, registration, logo, stale = team
            set_base_currency(s, base)
            set_setting(s, COMPANY_NAME, name)
            set_setting(s, COMPANY_ADDRESS, address)
            set_setting(s, COMPANY_REGISTRATION, registration)
            set_setting(s, COMPANY_LOGO, logo)
            fx.set_stale_days(s, stale)

        self._set_writing(True)
        background.write(self.db, write, lambda _none: self._written(), self._refused)

    def _open_then_save(self, target: str | None, password: str) -> None:
        """Open the database chosen and keep its password in the keyring, in a worker, then
        go on saving (OK once more). The dialog is off meanwhile and says so.

        On the GUI thread the window froze meanwhile: 67 ms for the process's first
        PostgreSQL connection (9 ms later ones), the keyring's first use as long, and an
        older file is backed up and migrated first (seconds at a million agreements).
        With no keyring on this desk that is said once, beside the field; OK again goes on
        with the password for this session only (the settings file never holds it)."""
        reuse, remember = self._opened, not self._keyring_refused

        def work(_progress: object) -> tuple[Database, DatabaseError | None]:
            url = target_url(target, password)
            db = reuse if reuse is not None and reuse.url == url else open_database(url)
            try:
                if remember:
                    remember_password(db.url)
            except DatabaseError as exc:
                return db, exc
            return db, None

        def opened(answer: tuple[Database, DatabaseError | None]) -> None:
            self._set_writing(False)
            db, no_keyring = answer
            if self._opened is not None and self._opened is not db:
                self._opened.dispose()  # (opened for a target the user changed since)
            self._opened = db
            if no_keyring is not None:
                self._keyring_refused = True
                more = self.tr("Press OK again to use the password for this session only.")
                self._database_refused(DatabaseError(f"{no_keyring}. {more}"))
                return
            self.new_db = db
            self.save()

        def refused(exc: BaseException) -> None:
            self._set_writing(False)
            if not isinstance(exc, DatabaseError):
                raise exc
            self._database_refused(exc)

        if not background.in_workers:  # (tests that assert right after the call)
            try:
                answer = work(None)
            except DatabaseError as exc:
                refused(exc)
                return
            opened(answer)
            return
        self._set_writing(True)
        self.tabs.setCurrentIndex(1)
        self.db_error.setStyleSheet("")  # (a line of progress, not an error)
        _show_error(self.db_error, self.tr("Opening the database…"))
        run_job(self, "", work, opened, refused, show_dialog=False)

    def _database_refused(self, exc: DatabaseError) -> None:
        self.tabs.setCurrentIndex(1)
        self.db_error.setStyleSheet(ERROR_STYLE)
        _show_error(self.db_error, str(exc))

    def writing(self) -> bool:
        """True while OK's work runs in a worker (the dialog is off meanwhile)."""
        return self._writing

    def _set_writing(self, on: bool) -> None:
        self._writing = on
        self.tabs.setEnabled(not on)
        self.buttons.setEnabled(not on)

    def _refused(self, exc: BaseException) -> None:
        """Nothing was written: why, beside the field, on its tab."""
        self._set_writing(False)
        if not isinstance(exc, PartnerDeskError):
            raise exc
        if self.notifications.refuses(exc):
            self.notifications.refused(exc)
            self.tabs.setCurrentWidget(self.notifications)
        elif isinstance(exc, ValidationError):
            self.tabs.setCurrentIndex(2)
            _show_error(self.base_error, "; ".join(exc.for_field("base_currency")) or str(exc))
        else:
            _show_error(self.base_error, str(exc))

    def _written(self) -> None:
        self._set_writing(False)
        self.notifications.saved()
        self._saved()

    def _saved(self) -> None:
        """The team's settings are written (or not the connected person's): this desk's."""
        target = self.db_edit.text().strip()
        _show_error(self.base_error, "")
        settings.STARTUP_REMINDER.set(self.reminder_check.isChecked())
        settings.REMINDER_DAYS.set(self.reminder_days.value())
        settings.BACKUP_FOLDER.set(self.backup_edit.text().strip())
        new_theme = str(self.theme_box.currentData())
        if new_theme != settings.THEME.get():
            settings.THEME.set(new_theme)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                theme.apply(app, new_theme)
        if target != settings.DATABASE_TARGET.get() or self.new_db is not None:
            settings.DATABASE_TARGET.set(without_password(target))
            if self.new_db is not None:
                self.database_chosen.emit(self.new_db)
        language = str(self.language_box.currentData())
        changed_language = language != settings.LANGUAGE.get()
        settings.LANGUAGE.set(language)
        self.accept()
        if changed_language:
            self.language_chosen.emit(language)
