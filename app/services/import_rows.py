"""Reading an agreements file's rows: each parsed into an ``AgreementInput`` and checked
with the editor's rules (``check_agreement``), with every problem named by row and column.

This is the part of an import that needs no database, so a large file is read in a worker
process (``WorkerBatches``) while the importer writes the rows before it: the two halves
each take about as long, and a second core halves the import. Small files are read in the
importing process (``parse_batches``); both give the same rows.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import marshal
import os
import pickle
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import compress, islice
from pathlib import Path
from typing import IO, Any, NamedTuple, cast

from app.domain.enums import AgreementStatus, AgreementType
from app.domain.money import is_currency
from app.domain.terms import TERMS, TermKind, TermSpec
from app.errors import FieldError, PartnerDeskError
from app.services.import_format import (
    CHOICE_ALIASES,
    FIELD_TO_COLUMN,
    STATUS_ALIASES,
    TERM_SPECS,
    TYPE_ALIASES,
    VALUE_PLACES,
)
from app.services.tabular import (
    FileFormatError,
    Table,
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

log = logging.getLogger(__name__)

BATCH = 2000
Row = tuple[int, list[Any]]  # (spreadsheet row number, cell values)


class RowErrors:
    """Problems of one row, each named by the column header the user sees."""

    def __init__(self, row: int, labels: Mapping[str, str]) -> None:
        self.row = row
        self.labels = labels
        self.items: list[FieldError] = []
        self.failed: set[str] = set()  # columns already reported: their values are stand-ins

    def add(self, column: str, message: str) -> None:
        column = FIELD_TO_COLUMN.get(column, column)
        self.failed.add(column)
        self.items.append(FieldError(self.labels.get(column, column), message, self.row))


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


# --- rows parsed and checked ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowSource:
    """What it takes to read and parse an agreements file's rows; sent to a worker."""

    path: Path
    encoding: str | None  # CSV: as detected (or given), so that the worker need not guess
    sheet: str | None
    fields: tuple[str | None, ...]  # per file column: the column it holds, or None
    labels: dict[str, str]  # column -> the header the user sees
    units: dict[str, tuple[Decimal, str | None]]
    term_columns: tuple[str, ...]
    places: dict[str, int]  # decimal places of the numeric terms (import_format.term_places)
    formulas: bool  # rows may hold UncalculatedFormula cells
    text_only: bool  # every cell is a str (CSV)
    skip: int = 0  # data rows to leave to the importer (it parses them while we start)
    stamp: tuple[int, int] | None = None  # the file's size and mtime when the importer read it


# Terms in transport form, Decimals and dates as text, a choice as its value: as read,
# (name, value) pairs; once typed, the type's terms in the order of TERMS.
Packed = tuple[tuple[str, Any], ...]

_PACK: dict[TermKind, Callable[[Any], Any]] = {
    TermKind.DATE: date.isoformat,
    TermKind.MONEY: str,
    TermKind.PERCENT: str,
    TermKind.DECIMAL: str,
    TermKind.CHOICE: str,  # as read, a choice is its text; once typed, a StrEnum member
}
_UNPACK: dict[TermKind, Callable[[Any], Any]] = {
    TermKind.DATE: date.fromisoformat,
    TermKind.MONEY: Decimal,
    TermKind.PERCENT: Decimal,
    TermKind.DECIMAL: Decimal,
}
_KINDS = {name: spec.kind for name, spec in TERM_SPECS.items()}
_PACKERS = {name: _PACK.get(kind) for name, kind in _KINDS.items()}


def _pack_terms(terms: Mapping[str, Any]) -> Packed:
    return tuple([
        (name, value if value is None or (pack := _PACKERS[name]) is None else pack(value))
        for name, value in terms.items()
    ])  # fmt: skip


_TERM_NAMES = {t.value: tuple(spec.name for spec in TERMS[t]) for t in AgreementType}


def _pack_typed(a_type: AgreementType, typed: Mapping[str, Any]) -> tuple[Any, ...]:
    """Values only (the names are the type's): a quarter of a row's bytes, and of pickling."""
    packed = []
    for name in _TERM_NAMES[a_type.value]:
        value = typed.get(name)
        if value is not None and (pack := _PACKERS[name]) is not None:
            value = pack(value)
        packed.append(value)
    return tuple(packed)


def _unpack_terms(packed: Packed, *, typed: bool) -> dict[str, Any]:
    terms = {}
    for name, value in packed:
        if value is not None:
            kind = _KINDS[name]
            if kind is TermKind.CHOICE and typed:
                choices = TERM_SPECS[name].choices
                assert choices is not None
                value = choices(value)
            elif (unpack := _UNPACK.get(kind)) is not None:
                value = unpack(value)
        terms[name] = value
    return terms


class Values(NamedTuple):
    """An agreement's values from one row, in plain str, int, bool and tuples.

    Rows cross from the worker process like this: dataclasses, enums, dates and Decimals
    cost more to pickle (50 µs a row) than parsing them did, a tuple of plain values 3 µs.
    ``of`` and ``to_input`` are exact inverses; the importer writes new agreements
    straight from these values.
    """

    title: str
    type: str  # an AgreementType's value
    status: str  # an AgreementStatus's value
    currency: str
    value: str  # the Decimal, as text
    start_date: str  # ISO dates
    end_date: str
    signed_date: str | None
    owner: str
    auto_renew: bool
    renewal_term_months: int | None
    notice_days: int
    governing_law: str
    territories: tuple[str, ...]
    description: str
    # The terms as the file gives them, for to_input(): only for a row with a reference,
    # the one kind of row that can update a saved agreement (to_input's only use in an
    # import); the others go in with their typed terms.
    terms: Packed
    typed: tuple[Any, ...]  # as check_agreement typed them, in the order of TERMS[type]

    @classmethod
    def of(cls, data: AgreementInput, typed: Mapping[str, Any], *, terms: bool = True) -> Values:
        return cls(
            data.title, data.type.value, data.status.value, data.currency, str(data.value),
            data.start_date.isoformat(), data.end_date.isoformat(),
            None if data.signed_date is None else data.signed_date.isoformat(),
            data.owner, data.auto_renew, data.renewal_term_months, data.notice_days,
            data.governing_law, data.territories, data.description,
            _pack_terms(data.terms) if terms else (), _pack_typed(data.type, typed),
        )  # fmt: skip

    def to_input(self, partner_id: int = 0) -> AgreementInput:
        return AgreementInput(
            title=self.title,
            type=AgreementType(self.type),
            partner_id=partner_id,
            status=AgreementStatus(self.status),
            currency=self.currency,
            value=Decimal(self.value),
            start_date=date.fromisoformat(self.start_date),
            end_date=date.fromisoformat(self.end_date),
            reference=None,
            owner=self.owner,
            signed_date=None if self.signed_date is None else date.fromisoformat(self.signed_date),
            auto_renew=self.auto_renew,
            renewal_term_months=self.renewal_term_months,
            notice_days=self.notice_days,
            governing_law=self.governing_law,
            territories=self.territories,
            description=self.description,
            terms=_unpack_terms(self.terms, typed=False),
        )

    def typed_terms(self) -> dict[str, Any]:
        names = _TERM_NAMES[self.type]
        return _unpack_terms(tuple(zip(names, self.typed, strict=True)), typed=True)


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


class _Pauses:
    """Who wants the cycle collector paused: imports can run in several threads at once."""

    lock = threading.Lock()
    count = 0
    was_enabled = True  # before the first of them paused it


@contextmanager
def without_cycle_collector() -> Iterator[None]:
    """Python's cycle collector paused: an import allocates millions of small objects,
    none of them in a cycle, and the collections they set off walk every live object
    again and again. Measured: 76 -> 54 µs to parse a row; 13 -> 3 µs to receive one.
    Work that does make cycles (the ORM's) runs inside ``collecting_cycles()``."""
    with _Pauses.lock:
        if _Pauses.count == 0:
            _Pauses.was_enabled = gc.isenabled()
            gc.disable()
        _Pauses.count += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.count -= 1
            if _Pauses.count == 0 and _Pauses.was_enabled:
                gc.enable()


@contextmanager
def collecting_cycles() -> Iterator[None]:
    """The cycle collector running inside ``without_cycle_collector()``: an update through
    the ORM leaves about 2,400 objects in cycles, 250 KB a row until collected."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()


def parse_batches(src: RowSource, rows: Iterator[Row]) -> Generator[list[AgreementRow]]:
    """``rows`` of ``src``, parsed and checked in this process, a batch at a time."""
    for batch in batched(rows):
        yield [parse_row(src, number, values) for number, values in batch]


def file_stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _read(src: RowSource) -> Iterator[list[AgreementRow]]:
    """The rows after ``src.skip``, from the file as the importer opened it."""
    if src.stamp is not None and file_stamp(src.path) != src.stamp:
        # Saved again since the importer read its header and first rows: the rest would
        # come from another file, maybe with other columns.
        raise FileFormatError(f"{src.path.name} changed while it was being imported; nothing "
                              "was imported: import it again")  # fmt: skip
    with Table(src.path, encoding=src.encoding, sheet=src.sheet) as table:
        yield from parse_batches(src, islice(table.rows(), src.skip, None))


# --- the same in a worker process ---------------------------------------------------------


def _pack(r: AgreementRow) -> tuple[Any, ...]:
    return (
        r.row, tuple((e.field, e.message) for e in r.errors.items), tuple(r.errors.failed),
        tuple(r.values), r.checks,
        r.reference, r.partner_name, r.partner_local_name, r.partner_country,
    )  # fmt: skip


def _unpack(t: tuple[Any, ...], labels: dict[str, str]) -> AgreementRow:
    number, items, failed, values, checks, reference, name, local_name, country = t
    errors = RowErrors(number, labels)
    if items:
        errors.items = [FieldError(f, m, number) for f, m in items]
        errors.failed = set(failed)
    return AgreementRow(
        number, errors, Values._make(values), checks, reference, name, local_name, country
    )


def _send(out: IO[bytes], message: Any, *, plain: bool = False) -> None:
    """One framed message; ``plain``: builtins only (a batch), sent with marshal, which
    writes and reads them in 70 % of pickle's time."""
    payload = b"M" + marshal.dumps(message) if plain else b"P" + pickle.dumps(message, 5)
    _write(out, len(payload).to_bytes(8, "little") + payload)


def _write(out: IO[bytes], data: bytes) -> None:
    view = memoryview(data)
    # An unbuffered stream (PYTHONUNBUFFERED) writes what it can: a signal arriving while
    # the pipe is full (Ctrl-Z, then fg) cuts a write short, and the rest must follow.
    while view:
        written = out.write(view)
        view = view[written if written is not None else 0 :]
    out.flush()


MAX_FRAME = 1 << 30  # a batch is about 1 MB: a larger size means the stream is garbled


def _frame(source: IO[bytes]) -> bytes | None:
    """The next framed message as sent, or None at the end of the stream (or garbage)."""
    head = source.read(8)
    if len(head) < 8:
        return None
    size = int.from_bytes(head, "little")
    if size > MAX_FRAME:
        return None
    payload = source.read(size)
    return payload if len(payload) == size else None


def _decode(frame: bytes) -> Any:
    body = memoryview(frame)[1:]
    return marshal.loads(body) if frame[:1] == b"M" else pickle.loads(body)


AHEAD = 4  # batches the worker may run ahead of the importer, besides what the pipe holds

# The reader code's digest, taken when this module is loaded: the code that runs, not what
# the files say later (an upgrade replaces them under a running application).
_READERS = ("app.services.import_rows", "app.services.tabular", "app.services.validation",
            "app.services.import_format", "app.domain.enums", "app.domain.terms",
            "app.domain.money", "app.errors")  # fmt: skip


def _code_version() -> bytes:
    digest = hashlib.sha256(f"{sys.hexversion} {marshal.version}".encode())
    for name in _READERS:  # all imported above, in both processes
        path = getattr(sys.modules[name], "__file__", None)
        if path is None:
            continue  # loaded from somewhere without a file (a frozen build): name only
        digest.update(Path(path).read_bytes())
    return HELLO + digest.hexdigest().encode()


HELLO = b"PartnerDesk import worker "
CODE_VERSION = _code_version()  # HELLO and a hex digest: the worker's first line


def _pump(source: IO[bytes], frames: queue.Queue[bytes | None]) -> None:
    """The worker's first line, then its frames, from its stdout into ``frames``; then None
    when it has gone."""
    try:
        frames.put(source.read(len(CODE_VERSION) + 1))
        while (frame := _frame(source)) is not None:
            frames.put(frame)
    except Exception:  # closed under us (the import stopped early), or worse: say it ended
        log.debug("reading the import worker's output failed", exc_info=True)
    frames.put(None)  # never dropped: close() empties the queue until this thread is gone


def serve() -> None:
    """The worker process: says which code it runs, reads a RowSource from stdin, writes
    every batch to stdout, then None, or the exception that stopped it (raised again by
    the importer)."""
    # Ctrl-C reaches the whole process group; the importer stops this process itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The rows go down a private copy of stdout; whatever else writes to file descriptor
    # 1 (a print(), a C library, a warning) goes to stderr instead of into the stream.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _write(out, CODE_VERSION + b"\n")
    end: BaseException | None = None
    try:
        frame = _frame(sys.stdin.buffer)
        if frame is None:
            raise EOFError("the importer sent no RowSource")
        src = _decode(frame)
        with without_cycle_collector():
            for batch in _read(src):
                _send(out, [_pack(p) for p in batch], plain=True)
    except BaseException as exc:
        end = exc
    try:
        try:
            pickle.loads(pickle.dumps(end))
        except Exception:  # an exception that does not survive the trip
            end = PartnerDeskError(f"{type(end).__name__}: {end}")
        _send(out, end)
    except OSError:
        pass  # the importer stopped listening (cancelled): nobody to tell


def _worker_command() -> list[str] | None:
    """How to start a worker; None where this interpreter cannot run one (a frozen build,
    where sys.executable is the application itself)."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return None
    root = str(Path(__file__).resolve().parents[2])  # where the app package is
    # -P: not the working directory first on sys.path, where an "app" or a "csv.py" of
    # somebody else's would be imported instead of ours. The package's folder goes last:
    # an installed PartnerDesk is found where it is installed, a checkout where it is.
    code = ("import sys; sys.path.append(sys.argv[1]); "
            "from app.services.import_rows import serve; serve()")  # fmt: skip
    return [sys.executable, "-P", "-c", code, root]


class WorkerBatches:
    """``parse_batches`` of the file's rows, computed in a worker process while the caller
    writes them; the process starts at once, so that the caller can do something else
    while it does (0.15 s).

    A thread takes the batches off the pipe as they come, so that the worker can run up to
    AHEAD batches ahead whatever the caller is doing: memory stays flat, and neither side
    waits for the other whenever one batch takes longer than the last. ``close()`` (the
    import failed or was cancelled) stops the worker. Where no worker can run, or one runs
    other code than this process, the rows are read here instead.
    """

    def __init__(self, src: RowSource) -> None:
        self.src = src
        # The worker's stderr: the last line says why, should it die. Closed by close().
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        self.worker: subprocess.Popen[bytes] | None = None
        self.frames: queue.Queue[bytes | None] = queue.Queue(maxsize=AHEAD)
        self.pump: threading.Thread | None = None
        command = _worker_command()
        try:
            if command is None:
                raise OSError("this build cannot start a Python process")
            self.worker = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors,
                # Windows: no console window flashing up for the worker of a GUI import.
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )  # fmt: skip
            assert self.worker.stdin is not None and self.worker.stdout is not None
            self.pump = threading.Thread(
                target=_pump, args=(self.worker.stdout, self.frames), daemon=True,
                name="partnerdesk-import-pump",
            )  # fmt: skip
            self.pump.start()
            _send(self.worker.stdin, src)
            self.worker.stdin.close()
        except OSError as exc:  # no process to be had (limits, a sandbox): read here
            log.warning("cannot start a reader process (%s); reading in this one", exc)
            self.close()
        except BaseException:
            self.close()
            raise

    def __iter__(self) -> Iterator[list[AgreementRow]]:
        if self.worker is None:
            yield from _read(self.src)
            return
        if self.frames.get() != CODE_VERSION + b"\n":
            # PartnerDesk was upgraded while this process ran (the worker runs the new
            # code, whose rows this one may not read), or something wrote into the
            # worker's output before it could start: read the rows here instead.
            log.warning("the import worker could not be used; reading in this process")
            self.close()
            yield from _read(self.src)
            return
        while (frame := self.frames.get()) is not None:
            try:
                message = _decode(frame)
            except Exception:  # garbled: as good as the worker's end
                log.debug("an unreadable message from the import worker", exc_info=True)
                break
            if message is None:
                return
            if isinstance(message, BaseException):
                raise message
            yield [_unpack(t, self.src.labels) for t in message]
        raise PartnerDeskError(self._died())

    def close(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            # Kill first: closing a pipe waits for the pump's read of it to return, which a
            # stopped worker never lets happen.
            if worker.poll() is None:
                worker.kill()
            worker.wait()
            for pipe in (worker.stdin, worker.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
        pump, self.pump = self.pump, None
        while pump is not None and pump.is_alive():
            with contextlib.suppress(queue.Empty):  # let its last put() through
                while True:
                    self.frames.get_nowait()
            pump.join(0.05)
        self.errors.close()

    def _died(self) -> str:
        """What to say when the worker ended without a word: its exit code and last line."""
        assert self.worker is not None
        try:
            code = self.worker.wait(5)
        except subprocess.TimeoutExpired:
            code = None
        self.errors.seek(0, os.SEEK_END)
        self.errors.seek(max(0, self.errors.tell() - 4096))
        lines = self.errors.read().decode(errors="replace").strip().splitlines()
        why = f": {lines[-1]}" if lines else ""
        return (f"reading {self.src.path.name} stopped unexpectedly (reader exit code "
                f"{code}{why}); nothing was imported")  # fmt: skip
