"""When an exchange rate is too old to trust: one rule for the window, the reports and
the command line."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

# A central bank publishes at least monthly; a rate older than a month and a few days
# means nobody has brought the table up to date.
DEFAULT_STALE_DAYS = 35
MAX_STALE_DAYS = 3660
MANUAL_SOURCE = "manual"
MAX_SOURCE_LENGTH = 40


def rate_age(effective: date, on: date) -> int:
    """Days between the rate's date and the day it is used on."""
    return (on - effective).days


def is_stale(effective: date, on: date, max_days: int) -> bool:
    """Older than ``max_days`` on ``on``: a rate exactly ``max_days`` old is still fresh."""
    return rate_age(effective, on) > max_days


class RateStatus(StrEnum):
    """What a stored rate is to a treasurer on a given day."""

    IN_FORCE = "in force"  # the currency's newest rate dated on or before the day
    STALE = "stale"  # in force, but older than the warning age: add a newer rate
    SUPERSEDED = "superseded"  # history: a newer rate is in force
    SCHEDULED = "scheduled"  # dated after the day: in force from its date


def in_force_dates(rates: Iterable[tuple[str, date]], on: date) -> dict[str, date]:
    """Per currency, the date of its rate in force on ``on`` (currencies with none left out)."""
    found: dict[str, date] = {}
    for currency, effective in rates:
        if effective <= on and effective > found.get(currency, date.min):
            found[currency] = effective
    return found


def rate_status(effective: date, in_force: date | None, on: date, max_days: int) -> RateStatus:
    """The status on ``on`` of a rate dated ``effective``, whose currency's rate in force
    is dated ``in_force`` (None: none yet)."""
    if effective > on:
        return RateStatus.SCHEDULED
    if effective != in_force:
        return RateStatus.SUPERSEDED
    return RateStatus.STALE if is_stale(effective, on, max_days) else RateStatus.IN_FORCE
