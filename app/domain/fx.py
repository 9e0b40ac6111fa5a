"""When an exchange rate is too old to trust: one rule for the window, the reports and
the command line."""

from __future__ import annotations

from datetime import date

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
