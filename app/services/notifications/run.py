"""One ``partnerdesk notify`` run: plan, then deliver one message at a time.

Reading what is due is one transaction; each accepted delivery is logged in its own
transaction right after the server took it, so a run that fails half-way has logged
exactly what went out, and the next run sends the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.services.notifications.digest import EMAIL, WEBHOOK, Delivery, Plan
from app.services.notifications.kinds import Kind

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.notifications.mail import Attachment

OpenSession = Callable[[], AbstractContextManager["Session"]]


@dataclass(frozen=True, slots=True)
class Failure:
    delivery: Delivery
    reason: str

    def line(self) -> str:
        return f"{describe(self.delivery)} not sent: {self.reason}; it is tried again next run"


@dataclass(frozen=True, slots=True)
class RunReport:
    plan: Plan
    sent: tuple[Delivery, ...]
    failed: tuple[Failure, ...]


def describe(d: Delivery) -> str:
    """Who a delivery goes to, and how, as the run's output names it."""
    if d.channel == EMAIL and d.reader is not None:
        return f"e-mail to {d.reader.login} <{d.reader.email}>"
    where = d.channel.removeprefix(WEBHOOK)
    if d.reader is not None:
        return f"webhook {where} for {d.reader.login}"
    return f"webhook {where} for team {d.team}"


def prepare(
    session: Session, today: date, only: Collection[Kind] = ()
) -> tuple[Plan, dict[str, str], dict[str, Attachment]]:
    """The plan, the settings it was made with, and the outlook PDFs it attaches."""
    from app.services.notifications.config import load
    from app.services.notifications.digest import plan

    settings = load(session)
    p = plan(session, today, settings, only)
    attachments: dict[str, Attachment] = {}
    if settings["notify.attach_outlook"] == "yes":
        for lang in sorted({d.language for d in p.deliveries if d.channel == EMAIL}):
            attachments[lang] = _outlook(session, today, lang, int(settings["notify.outlook_days"]))
    return p, settings.values, attachments


def _outlook(session: Session, today: date, lang: str, days: int) -> Attachment:
    from app.reports import render
    from app.services.notifications.mail import Attachment
    from app.services.reporting import renewal_report

    data = renewal_report(session, days, lang, today)
    return Attachment(f"renewal-outlook-{today.isoformat()}-{lang}.pdf", render(data))


def notify(
    open_session: OpenSession,
    today: date,
    only: Collection[Kind] = (),
    *,
    dry_run: bool = False,
    say: Callable[[str], None] = print,
) -> RunReport:
    from app.services.notifications import log
    from app.services.notifications.config import Settings
    from app.services.notifications.mail import Mailer, MailError, message, smtp_config
    from app.services.notifications.render import plain, subject
    from app.services.notifications.secrets import webhook_secret
    from app.services.notifications.webhooks import WebhookError, parse_target, send

    with open_session() as session:
        p, values, attachments = prepare(session, today, only)
    settings = Settings(values)
    if dry_run:
        for d in p.deliveries:
            say(f"=== {describe(d)} ({d.language}): {subject(d)}")
            say(plain(d, int(settings["notify.outlook_days"]) if d.language in attachments
                      else None))  # fmt: skip
        return RunReport(p, (), ())
    sent: list[Delivery] = []
    failed: list[Failure] = []
    config = smtp_config(settings)
    days = int(settings["notify.outlook_days"])
    with Mailer(config) as mailer:
        for d in p.deliveries:
            try:
                if d.channel == EMAIL:
                    attachment = attachments.get(d.language)
                    mailer.send(message(d, config.sender, attachment, days))
                else:
                    name = d.channel.removeprefix(WEBHOOK)
                    send(parse_target(name, settings.webhooks[name]), d, webhook_secret(name))
            except (MailError, WebhookError) as exc:
                failed.append(Failure(d, str(exc)))
                continue
            with open_session() as session:
                log.record(session, d.channel, d.marks)
            sent.append(d)
    return RunReport(p, tuple(sent), tuple(failed))
