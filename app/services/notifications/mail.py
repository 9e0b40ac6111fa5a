"""E-mail through SMTP: STARTTLS, TLS or plain, with or without a login.

One message per delivery, HTML with a plain-text alternative, optionally the renewal
outlook PDF. :meth:`Mailer.send` returns only when the server accepted the message for
its recipient; anything else is a :class:`MailError` with one line saying why.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from types import TracebackType

from app.services.notifications.config import Settings
from app.services.notifications.digest import Delivery

TIMEOUT = 30


class MailError(Exception):
    """The server did not take the message (one line: why)."""


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    security: str  # starttls, tls, none
    user: str
    sender: str
    password: str | None = None


def smtp_config(settings: Settings) -> SmtpConfig:
    from app.services.notifications.secrets import smtp_password

    host, user = settings["notify.smtp.host"], settings["notify.smtp.user"]
    sender = settings["notify.smtp.from"] or f"PartnerDesk <partnerdesk@{host or 'localhost'}>"
    return SmtpConfig(host, int(settings["notify.smtp.port"]), settings["notify.smtp.security"],
                      user, sender, smtp_password(host, user) if user else None)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content: bytes
    mime: tuple[str, str] = ("application", "pdf")


def message(
    d: Delivery, sender: str, attachment: Attachment | None = None, attached_days: int | None = None
) -> EmailMessage:
    from app.services.notifications import render

    assert d.reader is not None
    msg = EmailMessage()
    msg["Subject"] = render.subject(d)
    msg["From"] = sender
    msg["To"] = formataddr((d.reader.name_in(d.language), d.reader.email))
    msg["Message-ID"] = make_msgid(domain="partnerdesk")
    msg["Content-Language"] = "zh-CN" if d.language == "zh" else "en"
    days = attached_days if attachment else None
    msg.set_content(render.plain(d, days))
    msg.add_alternative(render.html_body(d, days), subtype="html")
    if attachment is not None:
        msg.add_attachment(attachment.content, maintype=attachment.mime[0],
                           subtype=attachment.mime[1], filename=attachment.filename)  # fmt: skip
    return msg


class Mailer:
    """One connection for a run's mails, opened on the first and again after a drop."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None
        self._broken: MailError | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        """A logged-in connection; a failure to get one is remembered for the whole run, so
        a server that is down costs one timeout, not one per message."""
        if self._broken is not None:
            raise self._broken
        try:
            return self._open()
        except MailError as exc:
            self._broken = exc
            raise

    def _open(self) -> smtplib.SMTP:
        c = self.config
        if not c.host:
            raise MailError("no SMTP server is set (partnerdesk settings set notify.smtp.host)")
        if c.user and c.password is None:
            raise MailError(f"no password for {c.user} at {c.host}: set PARTNERDESK_SMTP_PASSWORD "
                            "or run `partnerdesk settings secret smtp`")  # fmt: skip
        where = f"{c.host}:{c.port}"
        smtp: smtplib.SMTP | None = None
        try:
            if c.security == "tls":
                smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=TIMEOUT,
                                        context=ssl.create_default_context())  # fmt: skip
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=TIMEOUT)
                if c.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
            if c.user and c.password is not None:
                smtp.login(c.user, c.password)
            return smtp
        except smtplib.SMTPAuthenticationError as exc:
            why = f"{where} refused the login of {c.user}: {_said(exc)}"
        except smtplib.SMTPNotSupportedError as exc:
            why = f"{where} does not offer {_said(exc) or 'that'}; check notify.smtp.security"
        except ssl.SSLError as exc:
            why = f"{where}: secure connection failed ({exc.reason or exc})"
        except (smtplib.SMTPException, OSError) as exc:
            why = f"{where} could not be reached ({_said(exc)})"
        if smtp is not None:
            smtp.close()
        raise MailError(why)

    def send(self, msg: EmailMessage) -> None:
        """Return once the server accepted ``msg`` for its recipient; MailError if not."""
        for attempt in (1, 2):
            if self._smtp is None:
                self._smtp = self._connect()
            try:
                refused = self._smtp.send_message(msg)
            except smtplib.SMTPServerDisconnected:
                self._smtp = None
                if attempt == 2:
                    raise MailError(f"{self.config.host} closed the connection") from None
                continue
            except smtplib.SMTPRecipientsRefused as exc:
                why = "; ".join(f"{a}: {_reply(r)}" for a, r in exc.recipients.items())
                raise MailError(f"refused {why}") from None
            except smtplib.SMTPResponseException as exc:
                raise MailError(f"{self.config.host} refused the message: {_said(exc)}") from None
            except (smtplib.SMTPException, OSError) as exc:
                self.close()
                raise MailError(f"{self.config.host}: {_said(exc)}") from None
            if refused:
                why = "; ".join(f"{a}: {_reply(r)}" for a, r in refused.items())
                raise MailError(f"refused {why}")
            return


def _reply(reply: tuple[int, bytes]) -> str:
    code, text = reply
    return f"{code} {text.decode(errors='replace')}".strip()


def _said(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply((exc.smtp_code, exc.smtp_error if isinstance(exc.smtp_error, bytes)
                       else str(exc.smtp_error).encode()))  # fmt: skip
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def sender_address(config: SmtpConfig) -> str:
    return config.sender if "@" in config.sender else formataddr(("PartnerDesk", config.sender))
