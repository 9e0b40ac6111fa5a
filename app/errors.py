"""Errors that carry a message meant for a person, not a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class PartnerDeskError(Exception):
    """Base of every refusal the user should read as one clear sentence."""


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str
    row: int | None = None  # set by the importer: the spreadsheet row (1 = header)

    def __str__(self) -> str:
        where = f"row {self.row}, " if self.row is not None else ""
        return f"{where}{self.field}: {self.message}"


class ValidationError(PartnerDeskError):
    """One or more fields are wrong; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))

    def for_field(self, field: str) -> list[str]:
        return [e.message for e in self.errors if e.field == field]


class NotFoundError(PartnerDeskError):
    pass


class ConflictError(PartnerDeskError):
    """Someone else saved the record since it was read: never overwrite silently."""


class TransitionError(PartnerDeskError):
    """A status change that the agreement lifecycle does not allow."""


class DatabaseError(PartnerDeskError):
    """The database cannot be used: not ours, too new, unreachable, read-only."""
