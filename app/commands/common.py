"""What every sub-command shares: opening the database named by --db, argument types."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from app.errors import DatabaseError

if TYPE_CHECKING:
    from app.db import Database
    from app.errors import FieldError

E = TypeVar("E", bound=StrEnum)


def database(args: argparse.Namespace, *, create: bool = False) -> Database:
    """The database for this command.

    A command that only reads (``create=False``) opens it read-only: it never creates,
    fills or migrates a file. A command that writes (``create=True``) is refused at once,
    in one line, when the file cannot be changed.
    """
    from app.db import open_database

    if not create:
        return open_database(args.db, read_only=True)
    db = open_database(args.db, create=True)
    if db.read_only_reason is not None:
        db.dispose()
        raise DatabaseError(
            f"{db.read_only_reason}: this command would change it, so nothing was done"
        )
    return db


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


def refused_file(name: str, problems: Sequence[FieldError], limit: int) -> int:
    """A refused import on stderr: each problem a line with its row and field, then that
    nothing was written. The exit status of a refusal."""
    for problem in problems[:limit]:
        print(f"{name}: {problem}", file=sys.stderr)
    if len(problems) > limit:
        print(f"... and {len(problems) - limit} more problem(s)", file=sys.stderr)
    print("nothing was imported", file=sys.stderr)
    return 1


def ignored_columns(columns: Sequence[str]) -> None:
    for column in columns:
        print(f"note: column {column!r} is not recognised and was ignored", file=sys.stderr)
