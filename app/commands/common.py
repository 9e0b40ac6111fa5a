"""What every sub-command shares: opening the database named by --db, argument types."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from app.db import Database

E = TypeVar("E", bound=StrEnum)


def database(args: argparse.Namespace, *, create: bool = False) -> Database:
    """The database for this command; read-only commands never create an empty one."""
    from app.db import open_database

    return open_database(args.db, create=create)


def enum_set(enum: type[E]) -> Callable[[str], frozenset[E]]:
    """An argparse type for ``a,b,c`` of an enum's values; wrong usage names the choices."""

    def parse(text: str) -> frozenset[E]:
        values = [v.strip() for v in text.split(",") if v.strip()]
        try:
            return frozenset(enum(v) for v in values)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise argparse.ArgumentTypeError(f"{text!r}: choose from {allowed}") from None

    return parse


def day_count(maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type for a number of days, 0 up to ``maximum``."""

    def parse(text: str) -> int:
        try:
            days = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
        if days < 0:
            raise argparse.ArgumentTypeError("the number of days must not be negative")
        if maximum is not None and days > maximum:
            raise argparse.ArgumentTypeError(
                f"{days}: the number of days must be between 0 and {maximum}"
            )
        return days

    return parse
