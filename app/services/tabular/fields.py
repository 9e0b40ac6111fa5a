"""A small file's columns found by the names people give them, and its cells read one
row at a time with every problem kept by field (the FX and KPI-actuals imports)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from app.errors import FieldError
from app.services.tabular.formulas import UncalculatedFormula
from app.services.tabular.reading import FileFormatError
from app.services.tabular.values import header_key, is_blank, text_value

T = TypeVar("T")


class Fields:
    """Which column holds which field; a header named twice or unknown is ignored (and
    listed in ``ignored``); a required field without a column refuses the file."""

    def __init__(
        self,
        headers: Sequence[str],
        names: Mapping[str, Sequence[str]],
        required: Sequence[str],
        path: Path,
        needs: str,
    ) -> None:
        by_key = {header_key(n): field for field, ns in names.items() for n in ns}
        self.columns: dict[str, int] = {}
        ignored = []
        for i, header in enumerate(headers):
            field = by_key.get(header_key(header))
            if field is None or field in self.columns:
                if header:
                    ignored.append(header)
                continue
            self.columns[field] = i
        self.ignored = tuple(ignored)
        missing = [f for f in required if f not in self.columns]
        if missing:
            raise FileFormatError(
                f"{path.name}: no {', '.join(missing)} column (the header row needs {needs})"
            )

    def row(self, values: Sequence[Any]) -> Cells:
        return Cells(self.columns, values)


class Cells:
    """One row's cells by field; what cannot be read is kept in ``errors``."""

    def __init__(self, columns: Mapping[str, int], values: Sequence[Any]) -> None:
        self.columns, self.values = columns, values
        self.errors: list[FieldError] = []

    def raw(self, field: str) -> Any:
        i = self.columns.get(field)
        return None if i is None or i >= len(self.values) else self.values[i]

    def text(self, field: str) -> str:
        return text_value(self.raw(field))

    def parsed(self, field: str, parse: Callable[[Any], T]) -> T | None:
        """The cell through ``parse``; None (and the reason kept) when blank or wrong."""
        raw = self.raw(field)
        if is_blank(raw):
            self.errors.append(FieldError(field, "blank"))
            return None
        if isinstance(raw, UncalculatedFormula):
            self.errors.append(FieldError(field, f"a formula without a saved value ({raw})"))
            return None
        try:
            return parse(raw)
        except (ValueError, ArithmeticError) as exc:
            self.errors.append(FieldError(field, str(exc)))
            return None

    def problems(self, row: int) -> list[FieldError]:
        return [FieldError(e.field, e.message, row=row) for e in self.errors]


@dataclass(frozen=True, slots=True)
class Counts:
    """What a small import did: ``what`` names its rows ("rate(s)", "KPI actual(s)")."""

    what: str
    rows: int
    added: int
    changed: int
    unchanged: int
    ignored_columns: tuple[str, ...] = ()

    def summary(self) -> str:
        return (
            f"{self.rows:,} {self.what} read: {self.added:,} added, {self.changed:,} changed, "
            f"{self.unchanged:,} already there"
        )
