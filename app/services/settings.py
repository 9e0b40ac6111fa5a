"""Settings that belong to the database (shared by a team), not to one desk."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import Setting
from app.domain.money import is_currency
from app.errors import FieldError, ValidationError

DEFAULT_BASE_CURRENCY = "CNY"
BASE_CURRENCY = "base_currency"
COMPANY_NAME = "company_name"
# Our party as contracts name it: printed in the agreement report's parties block.
COMPANY_ADDRESS = "company_address"
COMPANY_REGISTRATION = "company_registration_number"


def get_setting(session: Session, key: str, default: str) -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def base_currency(session: Session) -> str:
    return get_setting(session, BASE_CURRENCY, DEFAULT_BASE_CURRENCY)


def set_base_currency(session: Session, code: str) -> None:
    code = code.strip().upper()
    if not is_currency(code):
        raise ValidationError([FieldError("base_currency", f"{code!r} is not an ISO 4217 code")])
    set_setting(session, BASE_CURRENCY, code)


def company_name(session: Session) -> str:
    """Our company as Settings name it; "" until someone does (never the product's name)."""
    return get_setting(session, COMPANY_NAME, "").strip()
