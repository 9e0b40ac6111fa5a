"""Reading an agreements file's rows: each parsed into an ``AgreementInput`` and checked
with the editor's rules (``check_agreement``), with every problem named by row and column.

This is the part of an import that needs no database, so it can run on a second core
(``second_core``): what it gives back is plain data (``AgreementRow`` with ``Values``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import compress
from typing import Any, NamedTuple, cast

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.money import is_currency
from app.domain.terms import TermKind, TermSpec
from app.errors import FieldError
from app.services.import_format import (
    CHOICE_ALIASES,
    FIELD_TO_COLUMN,
    STATUS_ALIASES,
    TERM_SPECS,
    TYPE_ALIASES,
    VALUE_PLACES,
)
from app.services.importing.values import Values
from app.services.tabular import (
    UncalculatedFormula,
    choice_key,
    currency_matches,
    parse_amount,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    parse_list,
    plain_number,
    text_value,
)
from app.services.validation import AgreementInput, check_agreement

BATCH = 2000
Row = tuple[int, list[Any]]  # (spreadsheet row number, cell values)


class RowErrors:
    """Problems of one row, each named by the column header the user sees."""

    # Most rows have no problem: no dict, list or set of their own until one is added.
    # Thousands of rows are alive at once, and every object the cycle collector tracks
    # makes its full passes longer (measured: 1.8 s of an import of 100,000 rows).
    __slots__ = ("failed", "items", "labels", "row")

    def __init__(self, row: int, labels: Mapping[str, str]) -> None:
        self.row = row
        self.labels = labels
        self.items: list[FieldError] = _NONE
        self.failed: set[str] = _NOTHING  # columns reported: their values are stand-ins

    def add(self, column: str, message: str) -> None:
        column = FIELD_TO_COLUMN.get(column, column)
        if not self.items:  # the shared empty ones
            self.items, self.failed = [], set()
        self.failed.add(column)
        self.items.append(FieldError(self.labels.get(column, column), message, self.row))

    def __reduce__(self) -> tuple[Any, ...]:
        # From the worker: a row without a problem as its number alone (pickle's default
        # state is a dict of every slot, per row), and back with the shared empty ones.
        if not self.items:
            return RowErrors, (self.row, self.labels)
        return _row_errors, (self.row, self.labels, self.items, self.failed)


def _row_errors(
    row: int, labels: Mapping[str, str], items: list[FieldError], failed: set[str]
) -> RowErrors:
    errors = RowErrors(row, labels)
    errors.items, errors.failed = items, failed
    return errors


# Shared by every row without a problem, never changed: add() replaces them first (an
# item goes in with its column, so a row whose items are empty has no failed column).
_NONE: list[FieldError] = []
_NOTHING: set[str] = set()


def row_cells(
    values: list[Any], fields: tuple[str | None, ...], *, text_only: bool = False
) -> dict[str, Any]:
    """{column: value} for the cells that hold something: a blank cell is as good as none.

    ``text_only``: every value is a str (a CSV row), which allows a loop in C.
    """
    if text_only:
        # compress() drops the empty cells; a zero is "0" here, never a falsy number.
        found: dict[str | None, Any] = dict(compress(zip(fields, values, strict=False), values))
        found.pop(None, None)  # the file's columns we do not import
        cells = cast(dict[str, Any], found)
        if any(map(str.isspace, cells.values())):
            cells = {f: v for f, v in cells.items() if not v.isspace()}
        return cells
    return {
        f: v
        for f, v in zip(fields, values, strict=False)
        # "" first: most blank cells are empty, and that test is the cheapest.
        if v != "" and f is not None and v is not None and (v.__class__ is not str or v.strip())
    }


def report_uncalculated(cells: dict[str, Any], errors: RowErrors) -> None:
    """Report formula cells without a calculated value, and treat them as blank."""
    for column, value in list(cells.items()):
        if value.__class__ is UncalculatedFormula:
            errors.add(column, value.problem)
            del cells[column]


def parse_cell(
    cells: Mapping[str, Any],
    column: str,
    parse: Callable[[Any], Any],
    errors: RowErrors,
    default: Any = None,
    *,
    required: bool = False,
) -> Any:
    raw = cells.get(column)
    if raw is None:  # row_cells() left out every blank cell
        if required and column not in errors.failed:  # (and report_uncalculated() reported it)
            errors.add(column, "is required")
        return default
    try:
        return parse(raw)
    except ValueError as exc:
        errors.add(column, str(exc))
        return default


class _Party(NamedTuple):
    """The partner a row names, and the row's own reference."""

    reference: str | None
    name: str
    local_name: str | None
    country: str | None


def _exact(value: Decimal, places: int) -> Decimal:
    """``value`` at the scale it is stored with; refuses to round digits away."""
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    exact = value.quantize(quantum)
    if exact != value:
        raise ValueError(f"{value} has more than {places} decimal places")
    return exact


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(10)}


def _term_value(
    spec: TermSpec, raw: Any, currency: str | None, unit: tuple[Decimal, str | None] | None,
    places: Mapping[str, int],
) -> Any:  # fmt: skip
    kind = spec.kind
    if kind in (TermKind.LINES, TermKind.CURRENCIES):
        return parse_list(raw)
    if kind is TermKind.CHOICES:
        return tuple([_choice(spec, item) for item in parse_list(raw)])
    if kind is TermKind.CHOICE:
        return _choice(spec, text_value(raw))
    if kind is TermKind.BOOL:
        return parse_bool(raw)
    if kind is TermKind.DATE:
        return parse_date(raw)
    if kind is TermKind.INT:
        return parse_int(raw)
    if kind is TermKind.MONEY:
        amount, written = _scaled(parse_amount(raw), unit)
        if written and currency and not currency_matches(written, currency):
            raise ValueError(f"is in {written}, but the agreement's currency is {currency}")
        return _exact(amount, places.get(spec.name, VALUE_PLACES))
    if kind in (TermKind.PERCENT, TermKind.DECIMAL):
        return _exact(parse_decimal(raw), places.get(spec.name, 6))
    return text_value(raw)


def _choice(spec: TermSpec, text: str) -> str:
    """A choice as its stored value; ``coerce_terms`` then says if it is not one."""
    assert spec.choices is not None
    if text in spec.choices._value2member_map_:  # as exported: no folding needed
        return text
    key = choice_key(text)
    return CHOICE_ALIASES.get(key, key)


def _scaled(amount: tuple[Decimal, str | None], unit: tuple[Decimal, str | None] | None
            ) -> tuple[Decimal, str | None]:  # fmt: skip
    if unit is None:
        return amount
    return amount[0] * unit[0], amount[1] or unit[1]


def _text(raw: Any) -> str:
    """``text_value`` for the usual ASCII cell, without the call."""
    if raw.__class__ is str and raw.isascii():
        return raw.strip()
    return "" if raw is None else text_value(raw)


_TYPES = {m.value: m for m in AgreementType}
_STATUSES = {m.value: m for m in AgreementStatus}
_CURRENCIES: dict[str, str] = {}  # a cell as written -> its ISO code, once it was valid


def parse_agreement(
    cells: Mapping[str, Any], errors: RowErrors,
    units: Mapping[str, tuple[Decimal, str | None]],
    term_columns: tuple[str, ...],
    places: Mapping[str, int],
) -> tuple[AgreementInput, _Party]:  # fmt: skip
    """The row as an AgreementInput; a value that fails to parse is reported in ``errors``
    and replaced by a stand-in, so that the row's other fields are still checked.

    Each field tries the form an export (or a script) writes first, inline; anything else
    goes the general way through ``parse_cell`` and the ``tabular`` parsers: this runs per row.
    """
    get = cells.get
    raw = get("title")
    title = (parse_cell(cells, "title", text_value, errors, "", required=True)
             if raw is None else _text(raw))  # fmt: skip
    a_type = _TYPES.get(raw) if (raw := get("type")).__class__ is str else None
    if a_type is None:
        a_type = parse_cell(cells, "type", lambda r: parse_choice(r, AgreementType, TYPE_ALIASES),
                            errors, AgreementType.BRAND, required=True)  # fmt: skip
    status = _STATUSES.get(raw) if (raw := get("status")).__class__ is str else None
    if status is None:
        status = parse_cell(cells, "status",
                            lambda r: parse_choice(r, AgreementStatus, STATUS_ALIASES),
                            errors, AgreementStatus.DRAFT, required=True)  # fmt: skip
    raw = get("partner")
    partner = (parse_cell(cells, "partner", text_value, errors, "", required=True)
               if raw is None else _text(raw))  # fmt: skip
    currency = _CURRENCIES.get(raw) if (raw := get("currency")).__class__ is str else None
    if currency is None:
        currency = parse_cell(cells, "currency", _currency, errors, "", required=True)
        if currency and raw.__class__ is str and len(_CURRENCIES) < 1000:
            _CURRENCIES[raw] = currency
    raw = get("value")
    unit = units.get("value")
    amount: tuple[Decimal, str | None] | None
    if raw.__class__ is str and unit is None and plain_number(raw):
        amount = Decimal(raw.replace(",", "")), None
    else:
        amount = parse_cell(cells, "value", lambda r: _scaled(parse_amount(r), unit), errors,
                            required=True)  # fmt: skip
    value = Decimal(0)
    if amount is not None:
        value, written = amount
        if written and currency and not currency_matches(written, currency):
            errors.add("value", f"is in {written}, but the currency column says {currency}")
        try:
            value = _exact(value, VALUE_PLACES)
        except ValueError as exc:
            errors.add("value", str(exc))
    start = parse_cell(cells, "start_date", parse_date, errors, required=True)
    end = parse_cell(cells, "end_date", parse_date, errors, required=True)
    start = start or end or date(2000, 1, 1)
    end = end or start
    signed = (
        None if get("signed_date") is None else parse_cell(cells, "signed_date", parse_date, errors)
    )
    notice = (
        0 if get("notice_days") is None else parse_cell(cells, "notice_days", parse_int, errors, 0)
    )
    auto_renew = False if get("auto_renew") is None else (
        parse_cell(cells, "auto_renew", parse_bool, errors, False))  # fmt: skip
    renewal = None if get("renewal_months") is None else (
        parse_cell(cells, "renewal_months", parse_int, errors))  # fmt: skip
    terms: dict[str, Any] = {}
    for name in term_columns:
        raw = get(name)
        if raw is None:
            continue
        try:
            terms[name] = _term_value(TERM_SPECS[name], raw, currency, units.get(name), places)
        except ValueError as exc:
            errors.add(name, str(exc))
    data = AgreementInput(
        title=title,
        type=a_type,
        partner_id=0,
        status=status,
        currency=currency or "XXX",
        value=value,
        start_date=start,
        end_date=end,
        reference=None,
        owner=_text(get("owner")),
        signed_date=signed,
        auto_renew=auto_renew,
        renewal_term_months=renewal,
        notice_days=notice,
        governing_law=_text(get("governing_law")),
        territories=() if (raw := get("territories")) is None else parse_list(raw),
        description="" if (raw := get("description")) is None else (text_value(raw, strip=False)),
        terms=terms,
    )
    return data, _Party(
        reference=_text(get("reference")) or None,
        name=partner,
        local_name=_text(get("partner_local_name")) or None,
        country=_text(get("partner_country")).upper() or None,
    )


def _currency(raw: Any) -> str:
    code = text_value(raw).upper()
    code = {"RMB": "CNY", "人民币": "CNY", "美元": "USD", "欧元": "EUR"}.get(code, code)
    if not is_currency(code):
        raise ValueError(f"{text_value(raw)!r} is not an ISO 4217 currency code")
    return code


def checkable(data: AgreementInput, errors: RowErrors) -> AgreementInput:
    """``data`` with stand-ins no rule can trip over, so that every field that did parse
    is still checked: no terms without a type, and a date that failed to parse at the far
    end, where no comparison with another date fails."""
    failed = errors.failed
    if not failed & {"type", "start_date", "end_date"}:
        return data
    return replace(
        data,
        terms={} if "type" in failed else data.terms,
        start_date=date.min if "start_date" in failed else data.start_date,
        end_date=date.max if "end_date" in failed else data.end_date,
    )


def batched(rows: Iterator[Row]) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for item in rows:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True, slots=True)
class RowSource:
    """What it takes to parse an agreements file's rows (sent once to a second core)."""

    fields: tuple[str | None, ...]  # per file column: the column it holds, or None
    labels: dict[str, str]  # column -> the header the user sees
    units: dict[str, tuple[Decimal, str | None]]
    term_columns: tuple[str, ...]
    places: dict[str, int]  # decimal places of the numeric terms (import_format.term_places)
    formulas: bool  # rows may hold UncalculatedFormula cells
    text_only: bool  # every cell is a str (CSV)


@dataclass(slots=True)
class AgreementRow:
    """One data row of an agreements file, parsed and checked."""

    row: int
    errors: RowErrors  # what failed to parse; the importer adds what else is wrong
    values: Values
    checks: tuple[tuple[str, str], ...]  # check_agreement's problems, as (field, message)
    reference: str | None
    partner_name: str
    partner_local_name: str | None
    partner_country: str | None  # as the file says, or as the importer guessed it
    partner_id: int = 0  # found or created by the importer

    def __reduce__(self) -> tuple[Any, ...]:
        # Positional, as the worker sends 100,000 of them: a dataclass's own pickling goes
        # through a dict of its fields per row, and its unpickling through a Python loop
        # (measured: 0.43 s to read 100,000 rows back, 0.19 s like this with RowErrors').
        return AgreementRow, (
            self.row, self.errors, self.values, self.checks, self.reference,
            self.partner_name, self.partner_local_name, self.partner_country, self.partner_id,
        )  # fmt: skip


def parse_row(src: RowSource, number: int, values: list[Any]) -> AgreementRow:
    errors = RowErrors(number, src.labels)
    cells = row_cells(values, src.fields, text_only=src.text_only)
    if src.formulas:
        report_uncalculated(cells, errors)
    data, party = parse_agreement(cells, errors, src.units, src.term_columns, src.places)
    # partner_known: the importer finds or creates the partner itself (data.partner_id is
    # 0 here), and reports a partner it cannot.
    typed, problems = check_agreement(checkable(data, errors), partner_known=True)
    return AgreementRow(
        number, errors, Values.of(data, typed, terms=party.reference is not None),
        tuple((p.field, p.message) for p in problems),
        party.reference, party.name, party.local_name, party.country,
    )  # fmt: skip
