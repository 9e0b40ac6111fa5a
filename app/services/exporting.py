"""Export agreements or partners to CSV or XLSX, in exactly the import format.

CSV is UTF-8 with a BOM (Excel then shows Chinese names instead of mojibake). XLSX cells are
typed: dates are dates, amounts are numbers with the currency in the column beside them.
Text that a spreadsheet would evaluate as a formula is written so that it never is.
Rows are streamed from the database; 100,000 agreements never sit in memory at once.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from app.db.faults import explain_os_error
from app.domain.enums import AgreementType
from app.domain.models import AGREEMENT_CLASSES, Agreement, Partner
from app.domain.money import minor_units
from app.domain.terms import TERMS, TermKind
from app.domain.text import ooxml_escape
from app.errors import PartnerDeskError
from app.services.import_format import AGREEMENT_COLUMNS, PARTNER_COLUMNS, TERM_SPECS
from app.services.listing import AgreementFilter
from app.services.listing_filters import filtered
from app.services.partners import PartnerFilter, partner_query
from app.services.tabular import guard_formula

Progress = Callable[[int, int], bool]
WHAT = ("agreements", "partners", "sellers")
BATCH = 2000

_MONEY_COLUMNS = {"value"} | {n for n, s in TERM_SPECS.items() if s.kind is TermKind.MONEY}
_DATE_COLUMNS = {"signed_date", "start_date", "end_date"} | {
    n for n, s in TERM_SPECS.items() if s.kind is TermKind.DATE
}
_WIDTHS = {"reference": 15, "title": 42, "partner": 34, "partner_local_name": 24,
           "description": 48, "owner": 14, "currency": 9, "value": 18, "territories": 28,
           "governing_law": 18, "legal_name": 36, "local_name": 24, "notes": 40,
           "contacts": 48, "roles": 30, "website": 28, "address": 40,
           "registration_number": 22}  # fmt: skip
# Excel keeps 15 significant digits of a number; beyond that an amount goes in as text.
_EXACT_DIGITS = 15


@dataclass(frozen=True, slots=True)
class ExportResult:
    what: str
    path: Path
    rows: int


# --- records: typed values in the import columns -------------------------------------------


def agreement_records(
    session: Session, f: AgreementFilter | None = None
) -> Iterator[dict[str, Any]]:
    """Every matching agreement as {column: typed value}, by reference, streamed."""
    tables = {t: cls.__table__ for t, cls in AGREEMENT_CLASSES.items()}
    term_columns = []
    for a_type, cls in AGREEMENT_CLASSES.items():
        table = tables[a_type]
        term_columns += [table.c[n].label(f"t_{n}") for n in _type_terms(cls)]
    stmt: Select[Any] = (
        select(
            Agreement.__table__,
            Partner.legal_name.label("p_name"),
            Partner.local_name.label("p_local"),
            Partner.country.label("p_country"),
            *term_columns,
        )
        .select_from(Agreement.__table__)
        .join(Partner.__table__, Partner.id == Agreement.partner_id)
    )
    for table in tables.values():
        stmt = stmt.outerjoin(table, table.c.id == Agreement.id)
    stmt = filtered(stmt, f or AgreementFilter()).order_by(Agreement.reference, Agreement.id)
    for row in session.execute(stmt.execution_options(yield_per=BATCH)).mappings():
        terms = {name: row[f"t_{name}"] for name in TERM_SPECS}
        record = {
            "reference": row["reference"], "title": row["title"], "type": row["type"],
            "status": row["status"], "partner": row["p_name"],
            "partner_local_name": row["p_local"], "partner_country": row["p_country"],
            "owner": row["owner"], "currency": row["currency"], "value": row["value"],
            "signed_date": row["signed_date"], "start_date": row["start_date"],
            "end_date": row["end_date"], "notice_days": row["notice_days"],
            "auto_renew": row["auto_renew"], "renewal_months": row["renewal_term_months"],
            "governing_law": row["governing_law"], "territories": row["territories"],
            "description": row["description"],
        }  # fmt: skip
        own = _type_terms(AGREEMENT_CLASSES[row["type"]])
        for name in TERM_SPECS:
            record[name] = terms[name] if name in own else None
        yield record


def _type_terms(cls: type[Agreement]) -> list[str]:
    identity = cls.__mapper__.polymorphic_identity
    return [spec.name for spec in TERMS[AgreementType(str(identity))]]


def partner_records(session: Session, f: PartnerFilter | None = None) -> Iterator[dict[str, Any]]:
    ids = [pid for pid, _n in session.execute(partner_query(f or PartnerFilter()))]
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        partners = {
            p.id: p
            for p in session.scalars(
                select(Partner)
                .where(Partner.id.in_(chunk))
                .options(selectinload(Partner.roles), selectinload(Partner.contacts))
            )
        }
        for pid in chunk:
            p = partners[pid]
            yield {
                "legal_name": p.legal_name, "local_name": p.local_name, "country": p.country,
                "roles": tuple(sorted(link.role.value for link in p.roles)),
                "status": p.status, "website": p.website, "notes": p.notes,
                "contacts": tuple(
                    " | ".join((c.name, c.role, c.email, c.phone, c.title)).rstrip(" |")
                    for c in p.contacts
                ),
                "address": p.address, "registration_number": p.registration_number,
            }  # fmt: skip
        session.expunge_all()


# --- cells ------------------------------------------------------------------------------


def text_cell(column: str, value: Any) -> str:
    """A value as CSV text, exactly as the importer reads it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _decimal_text(column, value)
    if isinstance(value, tuple | list):
        return guard_formula("; ".join(str(v.value if isinstance(v, Enum) else v) for v in value))
    if isinstance(value, int):
        return str(value)
    return guard_formula(str(value))


def _decimal_text(column: str, value: Decimal) -> str:
    if column in _MONEY_COLUMNS:
        return format(value, "f")
    # Percentages and rates are stored to 4-6 places; 12.5 reads better than 12.5000.
    return format(value.normalize(), "f")


# --- writers ----------------------------------------------------------------------------


def export_file(
    session: Session,
    path: Path | str,
    what: str = "agreements",
    *,
    agreement_filter: AgreementFilter | None = None,
    partner_filter: PartnerFilter | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write ``what`` to ``path`` (.csv or .xlsx); the file appears only when complete."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise PartnerDeskError(f"{path.name}: export to a .csv or .xlsx file")
    if what not in WHAT:
        raise PartnerDeskError(f"cannot export {what!r}; choose {', '.join(WHAT)}")
    if path.is_dir():
        raise PartnerDeskError(f"{path} is a folder; name a .csv or .xlsx file")
    if not path.parent.is_dir():
        raise PartnerDeskError(f"folder {path.parent} does not exist")
    if what == "sellers":
        from app.services.sellers.transfer import SELLER_COLUMNS, seller_records

        columns = SELLER_COLUMNS
        records = seller_records(session)
        total = 0
    elif what == "agreements":
        columns = AGREEMENT_COLUMNS
        records = agreement_records(session, agreement_filter)
        from app.services.listing import count_agreements

        total = count_agreements(session, agreement_filter)
    else:
        columns = PARTNER_COLUMNS
        records = partner_records(session, partner_filter)
        from app.services.partners import count_partners

        total = count_partners(session, partner_filter)
    # Written beside the target and renamed: a cancelled or failed export never leaves a
    # half file where the user expects a whole one.
    partial = path.with_name(f".{path.name}.partial")
    try:
        writer = _write_csv if suffix == ".csv" else _write_xlsx
        rows = writer(partial, columns, records, total, progress)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, InterruptedError):  # a cancel (_tick), already in the user's words
            raise
        # The same sentence as every other command's write failure (a full disk names
        # the file the user asked for, not the hidden one written first).
        raise PartnerDeskError(f"{explain_os_error(exc, path)} (nothing was exported)") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return ExportResult(what, path, rows)


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and (done == 1 or done % 500 == 0) and not progress(done, total):
        raise InterruptedError("export cancelled; no file was written")


def _write_csv(
    path: Path,
    columns: tuple[str, ...],
    records: Iterator[dict[str, Any]],
    total: int,
    progress: Progress | None,
) -> int:
    rows = 0
    # CRLF: RFC 4180 and what Excel writes; utf-8-sig: the BOM that makes Excel read UTF-8.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([text_cell(c, record[c]) for c in columns])
            rows += 1
            _tick(progress, rows, total)
    return rows


def _write_xlsx(
    path: Path,
    columns: tuple[str, ...],
    records: Iterator[dict[str, Any]],
    total: int,
    progress: Progress | None,
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = "Agreements" if "title" in columns else "Partners"
    ws = book.create_sheet("Sellers" if "deposit_amount" in columns else sheet)
    ws.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        width = _WIDTHS.get(column, 12 if column in _DATE_COLUMNS else max(len(column) + 2, 10))
        ws.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE4EE")
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column)
        cell.font = bold
        cell.fill = fill
        header.append(cell)
    ws.append(header)
    rows = 0
    try:
        for record in records:
            currency = record.get("currency")
            ws.append([_xlsx_cell(ws, WriteOnlyCell, c, record[c], currency) for c in columns])
            rows += 1
            _tick(progress, rows, total)
    except BaseException:
        # Finish openpyxl's row writer and delete its temporary file: a cancelled export
        # must leave nothing behind.
        ws.close()
        ws._writer.cleanup()
        raise
    _save(book, path)
    return rows


def _save(book: Any, path: Path) -> None:
    """``book.save(path)``, but a failure (a full disk) leaves no zip file object behind
    whose finaliser would try to write again and print a traceback ("Exception ignored
    in: ZipFile.__del__")."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(book, archive).save()  # writes every part and closes the archive
    except BaseException:
        fp, archive.fp = archive.fp, None  # ZipFile.close() and __del__ now do nothing
        if fp is not None:
            with suppress(OSError):
                fp.close()  # its buffered bytes cannot reach a full disk either
        raise


def _xlsx_cell(
    ws: Any, cell_type: Any, column: str, value: Any, currency: str | None = None
) -> Any:
    if value is None:
        return None
    if isinstance(value, date):
        cell = cell_type(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        text = _decimal_text(column, value)
        if len(text.replace(".", "").lstrip("0")) > _EXACT_DIGITS:
            return _text(ws, cell_type, text)
        cell = cell_type(ws, value=Decimal(text))
        if column in _MONEY_COLUMNS:
            # Yen and won have no minor unit: 12,000,000 rather than 12,000,000.00.
            places = minor_units(currency) if currency else 2
            cell.number_format = "#,##0" + ("." + "0" * places if places else "")
        else:
            cell.number_format = "0.######"
        return cell
    # Every other value is text. A string cell is never evaluated, whatever it begins
    # with, so it keeps its text as it is (CSV needs the apostrophe, XLSX does not);
    # quotePrefix is Excel's own mark that keeps it text even when someone edits the cell.
    text = _plain(value)
    cell = _text(ws, cell_type, text)
    if guard_formula(text) != text:
        cell.quotePrefix = True
    return cell


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return "; ".join(str(v.value if isinstance(v, Enum) else v) for v in value)
    return str(value)


def _text(ws: Any, cell_type: Any, text: str) -> Any:
    # Whatever is stored goes out: characters XML cannot hold (a vertical tab, U+FFFE from
    # a database older than the text policy) as _xHHHH_, which the import reads back.
    cell = cell_type(ws, value=ooxml_escape(text))
    cell.data_type = "s"  # openpyxl would otherwise take a leading "=" as a formula
    return cell
