"""Settings ▸ Notifications: the team's reminder settings (in the database) and this desk's
tray notifications. Secrets go to the system keyring, never the settings table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.db import Database, Session
from app.errors import FieldError, PartnerDeskError, ValidationError
from app.services.notifications import config
from ui import settings

SECURITY = ("starttls", "tls", "none")
# The declared keys this tab edits with a line edit, in form order.
LINES = ("notify.smtp.host", "notify.smtp.user", "notify.smtp.from", "notify.decision_steps",
         "notify.document_steps", "notify.team_leads")  # fmt: skip
PASSWORD = "notify.smtp.password"  # the field a keyring's refusal is said under


class NotificationsTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        with db.session() as s:
            self.current = config.load(s)
        form = QFormLayout(self)
        self.lines = {key: QLineEdit(self.current.values.get(key, "")) for key in LINES}
        for key, edit in self.lines.items():
            edit.setPlaceholderText(config.key_for(key).default)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(self.current["notify.smtp.port"]))
        self.security = QComboBox()
        for key, label in zip(SECURITY, (self.tr("STARTTLS"), self.tr("TLS (SMTPS)"),
                                         self.tr("None")), strict=True):  # fmt: skip
            self.security.addItem(label, key)
        self.security.setCurrentIndex(SECURITY.index(self.current["notify.smtp.security"]))
        server = QHBoxLayout()
        server.addWidget(self.lines["notify.smtp.host"], 1)
        server.addWidget(QLabel(self.tr("Port:")))
        server.addWidget(self.port)
        server.addWidget(self.security)
        form.addRow(self.tr("SMTP server:"), server)
        form.addRow(self.tr("Login:"), self.lines["notify.smtp.user"])
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Kept in the system keyring; empty: unchanged"))
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Sender:"), self.lines["notify.smtp.from"])
        form.addRow(self.tr("Decisions, days before:"), self.lines["notify.decision_steps"])
        form.addRow(self.tr("Documents, days before:"), self.lines["notify.document_steps"])
        self.quiet = {day: QCheckBox(label) for day, label in zip(config.WEEKDAYS, (
            self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
            self.tr("Sat"), self.tr("Sun")), strict=True)}  # fmt: skip
        quiet = QHBoxLayout()
        for day, box in self.quiet.items():
            box.setChecked(day in self.current["notify.quiet_days"].split(","))
            quiet.addWidget(box)
        form.addRow(self.tr("Send nothing on:"), quiet)
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh")
        self.language.setCurrentIndex(self.language.findData(self.current["notify.language"]))
        form.addRow(self.tr("Default language:"), self.language)
        # An example, not words to translate.
        self.lines["notify.team_leads"].setPlaceholderText("Brand=wang.fang; Logistics=li.na")
        form.addRow(self.tr("Team leads:"), self.lines["notify.team_leads"])
        self.attach = QCheckBox(self.tr("Attach the renewal outlook (PDF) to e-mails"))
        self.attach.setChecked(self.current["notify.attach_outlook"] == "yes")
        form.addRow(self.attach)
        self.webhooks = QPlainTextEdit("\n".join(
            f"{name} {text}" for name, text in self.current.webhooks.items()))  # fmt: skip
        self.webhooks.setTabChangesFocus(True)  # a line per webhook: Tab moves on, as in a form
        self.webhooks.setPlaceholderText(
            self.tr(
                "One per line: NAME KIND URL team=TEAM|person=LOGIN [lang=zh]\n"
                "KIND: wecom, dingtalk, feishu or json"
            )
        )
        self.webhooks.setFixedHeight(64)
        form.addRow(self.tr("Chat webhooks:"), self.webhooks)
        self.tray = QCheckBox(self.tr("Show a desktop notification when something becomes due"))
        self.tray.setChecked(settings.TRAY_NOTIFY.get())
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 240)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(settings.TRAY_MINUTES.get())
        tray = QHBoxLayout()
        tray.addWidget(self.tray, 1)
        tray.addWidget(QLabel(self.tr("Check every:")))
        tray.addWidget(self.minutes)
        form.addRow(tray)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)

    def _webhooks(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for line in self.webhooks.toPlainText().splitlines():
            name, _sep, text = line.strip().partition(" ")
            if name:
                found[name] = text.strip()
        return found

    def writer(self) -> Callable[[Session], None]:
        """The team's settings as the form has them, written by the returned function into
        the caller's transaction (the settings dialog's, in a worker): a refused value
        raises ValidationError naming its key; a password the keyring refuses raises one
        naming ``PASSWORD`` (the settings are then rolled back with it)."""
        values = {key: edit.text() for key, edit in self.lines.items()}
        values |= {
            "notify.smtp.port": str(self.port.value()),
            "notify.smtp.security": str(self.security.currentData()),
            "notify.quiet_days": ",".join(d for d, box in self.quiet.items() if box.isChecked()),
            "notify.language": str(self.language.currentData()),
            "notify.attach_outlook": "yes" if self.attach.isChecked() else "no",
        }
        webhooks, password = self._webhooks(), self.password.text()

        def write(s: Session) -> None:
            config.save_all(s, values, webhooks)
            if not password:
                return
            from app.services.notifications import secrets

            entry = secrets.smtp_entry(values["notify.smtp.host"].strip(),
                                       values["notify.smtp.user"].strip())  # fmt: skip
            try:
                secrets.keep(entry, password)  # (D-Bus: in the worker too)
            except PartnerDeskError as exc:
                raise ValidationError([FieldError(PASSWORD, str(exc))]) from exc

        return write

    @staticmethod
    def refuses(exc: PartnerDeskError) -> bool:
        """True when ``exc`` is about a field of this tab."""
        fields = exc.errors if isinstance(exc, ValidationError) else []
        return any(e.field.startswith("notify.") for e in fields)

    def refused(self, exc: PartnerDeskError) -> None:
        if isinstance(exc, ValidationError):
            self._say("; ".join(
                e.message if e.field == PASSWORD else f"{e.field}: {e.message}"
                for e in exc.errors))  # fmt: skip
        else:
            self._say(str(exc))

    def saved(self) -> None:
        """Written: this desk's own settings follow."""
        self._say("")
        settings.TRAY_NOTIFY.set(self.tray.isChecked())
        settings.TRAY_MINUTES.set(self.minutes.value())

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
