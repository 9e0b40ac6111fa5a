"""The notification settings, declared once: key, default, what a value may be.

They live in the database's ``settings`` table (a team shares them: whoever schedules
``partnerdesk notify`` uses the same ones the Settings dialog shows). Secrets never do:
the SMTP password and the chat robots' signing secrets come from the environment or the
system keyring (:mod:`app.services.notifications.secrets`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.errors import FieldError, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SECURITIES = ("starttls", "tls", "none")
WEBHOOK_KINDS = ("wecom", "dingtalk", "feishu", "json")
WEBHOOK_PREFIX = "notify.webhook."


def _steps(text: str) -> str:
    try:
        days = sorted({int(p) for p in text.replace(" ", "").split(",") if p}, reverse=True)
    except ValueError:
        raise ValueError("write days before the date, e.g. 30,7,1") from None
    if not days or days[-1] < 0 or days[0] > 365:
        raise ValueError("write one to a few days between 0 and 365, e.g. 30,7,1")
    return ",".join(str(d) for d in days)


_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekdays(text: str) -> str:
    days = set()
    for word in (p.strip().lower() for p in text.split(",") if p.strip()):
        found = [d for d, full in zip(WEEKDAYS, _FULL_DAYS, strict=True)
                 if len(word) >= 3 and full.startswith(word)]  # fmt: skip
        if not found:
            raise ValueError(f"{word!r} is not a weekday; write e.g. sat,sun")
        days.add(found[0])
    return ",".join(d for d in WEEKDAYS if d in days)


def _choice(*allowed: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        value = text.strip().lower()
        if value not in allowed:
            raise ValueError(f"choose {', '.join(allowed)}")
        return value

    return check


def _port(text: str) -> str:
    if not text.strip().isdigit() or not 0 < int(text) < 65536:
        raise ValueError("a port is a number from 1 to 65535")
    return str(int(text))


def _number(low: int, high: int) -> Callable[[str], str]:
    def check(text: str) -> str:
        if not text.strip().isdigit() or not low <= int(text) <= high:
            raise ValueError(f"a number from {low} to {high}")
        return str(int(text))

    return check


def _address(text: str) -> str:
    value = text.strip()
    if value and not re.match(r"^[^@\s<>]+@[^@\s<>]+$", value.split("<")[-1].rstrip(">")):
        raise ValueError("an e-mail address, e.g. partnerdesk@example.com")
    return value


def _leads(text: str) -> str:
    pairs = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    for pair in pairs:
        team, eq, login = pair.partition("=")
        if not eq or not team.strip() or not login.strip():
            raise ValueError("write TEAM=LOGIN pairs separated by ';', e.g. Brand=li.wei")
    return "; ".join(f"{t.strip()}={lg.strip()}" for t, _e, lg in (p.partition("=") for p in pairs))


def _text(text: str) -> str:
    return text.strip()


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    default: str
    help: str
    check: Callable[[str], str] = _text


KEYS: tuple[Key, ...] = (
    Key("notify.decision_steps", "30,7,1", "days before a decision date to remind, then overdue",
        _steps),
    Key("notify.document_steps", "60,30,7", "days before a document expires to remind", _steps),
    Key("notify.quiet_days", "", "weekdays on which nothing is sent, e.g. sat,sun", _weekdays),
    Key("notify.language", "en", "language for people whose own is not set (en, zh)",
        _choice("en", "zh")),
    Key("notify.team_leads", "", "who reads each team's digest: TEAM=LOGIN; TEAM=LOGIN", _leads),
    Key("notify.attach_outlook", "no", "attach the renewal outlook PDF to e-mails (yes, no)",
        _choice("yes", "no")),
    Key("notify.outlook_days", "90", "days the attached renewal outlook covers",
        _number(1, 730)),
    Key("notify.smtp.host", "", "SMTP server; empty: no e-mail is sent"),
    Key("notify.smtp.port", "587", "SMTP port (587 STARTTLS, 465 TLS, 25 plain)", _port),
    Key("notify.smtp.security", "starttls", "starttls, tls or none", _choice(*SECURITIES)),
    Key("notify.smtp.user", "", "SMTP login; empty: no login. Password: "
        "PARTNERDESK_SMTP_PASSWORD or `partnerdesk settings secret smtp`"),
    Key("notify.smtp.from", "", "the sender address, e.g. PartnerDesk <pd@example.com>",
        _address),
)  # fmt: skip
BY_NAME = {k.name: k for k in KEYS}


def _webhook(text: str) -> str:
    from app.services.notifications.webhooks import parse_target

    parse_target("x", text)  # raises ValueError with the reason
    return " ".join(text.split())


def key_for(name: str) -> Key:
    """The declaration of ``name``; webhooks are ``notify.webhook.NAME`` (any NAME)."""
    if name in BY_NAME:
        return BY_NAME[name]
    if name.startswith(WEBHOOK_PREFIX) and re.fullmatch(r"[A-Za-z0-9_-]{1,40}",
                                                        name[len(WEBHOOK_PREFIX):]):  # fmt: skip
        return Key(name, "", "KIND URL [team=TEAM|person=LOGIN] [lang=en|zh]", _webhook)
    raise KeyError(name)


def checked(name: str, value: str) -> str:
    """``value`` as stored for ``name``; ValidationError naming the key and why."""
    try:
        key = key_for(name)
    except KeyError:
        raise ValidationError([FieldError(name, "not a notification setting")]) from None
    try:
        return key.check(value) if value.strip() else ""
    except ValueError as exc:
        raise ValidationError([FieldError(name, f"{value!r}: {exc}")]) from None


@dataclass(frozen=True, slots=True)
class Settings:
    """Every notification setting, read once per run."""

    values: dict[str, str]

    def __getitem__(self, name: str) -> str:
        value = self.values.get(name, "")
        return value if value else key_for(name).default

    def steps(self, name: str) -> tuple[int, ...]:
        return tuple(int(d) for d in self[name].split(","))

    @property
    def quiet_days(self) -> frozenset[int]:
        return frozenset(WEEKDAYS.index(d) for d in self["notify.quiet_days"].split(",") if d)

    @property
    def team_leads(self) -> dict[str, str]:
        pairs = (p.partition("=") for p in self["notify.team_leads"].split(";") if p.strip())
        return {team.strip(): login.strip() for team, _eq, login in pairs}

    @property
    def webhooks(self) -> dict[str, str]:
        return {
            k[len(WEBHOOK_PREFIX) :]: v
            for k, v in sorted(self.values.items())
            if k.startswith(WEBHOOK_PREFIX) and v
        }


def load(session: Session) -> Settings:
    from sqlalchemy import select

    from app.domain.models import Setting

    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.like("notify.%")))
    return Settings({str(k): str(v) for k, v in rows.all()})


def save(session: Session, name: str, value: str) -> str:
    """Store one notification setting (empty: back to its default); the stored value."""
    from app.services.settings import set_setting

    value = checked(name, value)
    set_setting(session, name, value)
    return value


def save_all(session: Session, values: dict[str, str], webhooks: dict[str, str]) -> None:
    """Store the declared settings and exactly ``webhooks`` (others are removed).

    Every value is checked before anything is written: one ValidationError lists each
    refused value by its key, and the settings stay as they were.
    """
    from sqlalchemy import delete

    from app.domain.models import Setting
    from app.services.settings import set_setting

    stored: dict[str, str] = {}
    errors: list[FieldError] = []
    named = {**values, **{WEBHOOK_PREFIX + name: text for name, text in webhooks.items()}}
    for name, value in named.items():
        try:
            stored[name] = checked(name, value)
        except ValidationError as exc:
            errors += exc.errors
    if errors:
        raise ValidationError(errors)
    keep = [WEBHOOK_PREFIX + name for name in webhooks]
    session.execute(
        delete(Setting).where(Setting.key.like(WEBHOOK_PREFIX + "%"), Setting.key.not_in(keep))
    )
    for name, value in stored.items():
        set_setting(session, name, value)
