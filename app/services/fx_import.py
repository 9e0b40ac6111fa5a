"""``fx import``: a central bank's published rates, saved as CSV or XLSX, all or nothing.

Columns (English or Chinese headers, any order): currency, rate, date, and optionally
source and base. Every problem is named by its row and field and nothing is written
unless every row is right; importing the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.fx import MANUAL_SOURCE
from app.errors import FieldError, ValidationError
from app.services.fx import rate_errors, set_rate
from app.services.settings import base_currency
from app.services.tabular import FileFormatError, Table, parse_date, parse_decimal
from app.services.tabular.fields import Counts, Fields

# Each column's names as people write them; compared by ``header_key``.
HEADERS: dict[str, tuple[str, ...]] = {
    "currency": ("currency", "currency code", "code", "币种", "货币", "币种代码", "外币"),
    "rate": ("rate", "exchange rate", "mid rate", "汇率", "中间价", "折算率"),
    "date": ("date", "effective date", "in force from", "日期", "生效日期", "发布日期"),
    "source": ("source", "published by", "来源", "发布机构"),
    "base": ("base", "base currency", "基准货币", "本位币"),
}
REQUIRED = ("currency", "rate", "date")
NEEDS = "currency, rate and date; source and base are optional"
SUFFIXES = {".csv", ".xlsx", ".xlsm"}
MAX_PROBLEMS = 200  # a wrong file is told in its first problems; the rest would be noise


FxImportResult = Counts


@dataclass(frozen=True, slots=True)
class _Rate:
    row: int
    currency: str
    base: str
    rate: Decimal
    effective: date
    source: str


def import_rates(session: Session, path: Path, *, source: str = "", base: str = "") -> Counts:
    """Rates from ``path`` into the caller's transaction. ``source`` and ``base`` fill a
    blank (or missing) column; without them a rate's source is "manual" and its base the
    base currency. Raises ``ValidationError`` naming every bad row and field."""
    if path.suffix.lower() not in SUFFIXES:
        raise FileFormatError(f"{path.name}: import rates from a .csv or .xlsx file")
    default_base = base.strip().upper() or base_currency(session)
    default_source = source.strip() or MANUAL_SOURCE
    with Table(path) as table:
        fields = Fields(table.headers, HEADERS, REQUIRED, path, NEEDS)
        rates, problems = _read(table, fields, default_base, default_source)
    if problems:
        raise ValidationError(problems[:MAX_PROBLEMS])
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    for r in rates:
        counts[set_rate(session, r.currency, r.base, r.rate, r.effective, r.source)] += 1
    session.flush()
    return Counts("rate(s)", len(rates), **counts, ignored_columns=fields.ignored)


def _read(
    table: Table, fields: Fields, default_base: str, default_source: str
) -> tuple[list[_Rate], list[FieldError]]:
    rates: list[_Rate] = []
    problems: list[FieldError] = []
    seen: dict[tuple[str, str, date], _Rate] = {}
    for number, values in table.rows():
        row = fields.row(values)
        currency = row.text("currency").upper()
        base = row.text("base").upper() or default_base
        source = row.text("source") or default_source
        rate = row.parsed("rate", parse_decimal)
        effective = row.parsed("date", parse_date)
        # A rate that did not parse is told once, by ``parsed``.
        row.errors += [
            e
            for e in rate_errors(currency, base, rate, source)
            if rate is not None or e.field != "rate"
        ]
        if not row.errors and rate is not None and effective is not None:
            r = _Rate(number, currency, base, rate, effective, source)
            twin = seen.get((currency, base, effective))
            if twin is None:
                seen[(currency, base, effective)] = r
                rates.append(r)
            elif (twin.rate, twin.source) != (rate, source):
                row.errors.append(
                    FieldError(
                        "rate",
                        f"{currency} on {effective.isoformat()} is already given in row "
                        f"{twin.row} with another rate or source",
                    )
                )
        problems += row.problems(number)
    return rates, problems
