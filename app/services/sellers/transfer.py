"""Sellers and their violations in and out of CSV/XLSX (``import --what sellers|violations``,
``export --what sellers``). See docs/import-format.md.

All or nothing: the rows go through the same services as the window (so the authorisation
chain and the deposit arithmetic are checked alike), each problem is kept with its row and
field, and if there is one the caller's savepoint is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.models import Agreement
from app.domain.seller_models import Seller, SellerBrand, SellerViolation
from app.domain.sellers import (
    DepositStatus,
    SellerStatus,
    Severity,
    ViolationKind,
    ViolationStatus,
)
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.sellers.chain import link_brand
from app.services.sellers.register import (
    SellerInput,
    StoreInput,
    create_seller,
    find_seller,
    seller_view,
    update_seller,
)
from app.services.sellers.supervision import ViolationInput, record_violation
from app.services.tabular import (
    FileFormatError,
    Table,
    parse_amount,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_list,
)
from app.services.tabular.fields import Cells, Counts, Fields

SUFFIXES = {".csv", ".xlsx", ".xlsm"}
MAX_PROBLEMS = 200

SELLER_HEADERS: dict[str, tuple[str, ...]] = {
    "legal_name": ("legal_name", "legal name", "seller", "company", "卖家", "公司名称", "法定名称"),
    "local_name": ("local_name", "local name", "chinese name", "中文名", "中文名称"),
    "country": ("country", "国家"),
    "status": ("status", "状态"),
    "deposit_amount": ("deposit_amount", "deposit", "保证金"),
    "deposit_currency": ("deposit_currency", "currency", "币种", "保证金币种"),
    "deposit_status": ("deposit_status", "保证金状态"),
    "on_time_shipment_pct": ("on_time_shipment_pct", "on-time shipment %", "准时发货率"),
    "dispute_rate_pct": ("dispute_rate_pct", "dispute rate %", "纠纷率"),
    "rating": ("rating", "评分", "店铺评分"),
    "stores": ("stores", "store", "店铺"),
    "brands": ("brands", "授权品牌"),
    "notes": ("notes", "备注"),
}
SELLER_COLUMNS = tuple(SELLER_HEADERS)
# The fields an existing seller keeps when the file has no column for them.
KEPT_WITHOUT_COLUMN = (
    "local_name", "status", "deposit_amount", "deposit_status", "on_time_shipment_pct",
    "dispute_rate_pct", "rating", "notes",
)  # fmt: skip
SELLERS_NEED = "legal_name, country and deposit_currency"

VIOLATION_HEADERS: dict[str, tuple[str, ...]] = {
    "seller": ("seller", "legal_name", "卖家"),
    "country": ("country", "国家"),
    "date": ("date", "occurred_on", "日期", "违规日期"),
    "kind": ("kind", "type", "violation", "违规类型"),
    "severity": ("severity", "严重程度"),
    "penalty": ("penalty", "罚款", "罚金"),
    "penalty_currency": ("penalty_currency", "罚款币种"),
    "deduction": ("deduction", "deposit deduction", "扣除保证金", "保证金扣除"),
    "status": ("status", "状态"),
    "description": ("description", "说明", "描述"),
}
VIOLATIONS_NEED = "seller, date, kind and severity"


def _open(path: Path, what: str) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise FileFormatError(f"{path.name}: import {what} from a .csv or .xlsx file")


def _optional(row: Cells, field: str, parse: Callable[[Any], Any]) -> Any:
    return None if not row.text(field) else row.parsed(field, parse)


# A stores cell that removes every store (a blank one leaves them as they are).
NO_STORES = frozenset({"-", "none", "无"})


def _stores(raw: str) -> tuple[StoreInput, ...]:
    # One store per item: "name | url | shop id" (url and shop id may be left out).
    if raw.strip().casefold() in NO_STORES:
        return ()
    stores = []
    for item in parse_list(raw):
        name, url, shop = ([p.strip() for p in item.split("|")] + ["", ""])[:3]
        stores.append(StoreInput(name, url, shop))
    return tuple(stores)


def _brands(raw: str) -> tuple[tuple[str, str], ...]:
    # "BR-2026-0001: Lumière": the agreement's reference, then the brand sold under it.
    pairs = []
    for item in parse_list(raw):
        reference, sep, brand = item.partition(":")
        if not sep or not brand.strip():
            raise ValueError(f"{item!r}: write the agreement reference, a colon, the brand")
        pairs.append((reference.strip(), brand.strip()))
    return tuple(pairs)


def _row_errors(exc: ValidationError, row: int) -> list[FieldError]:
    return [FieldError(e.field, e.message, row=row) for e in exc.errors]


def _refuse(problems: list[FieldError]) -> None:
    if problems:
        raise ValidationError(sorted(problems, key=lambda e: e.row or 0)[:MAX_PROBLEMS])


def import_sellers(session: Session, path: Path, as_of: date | None = None) -> Counts:
    """New sellers are added, those already there (same legal name and country) changed;
    brand links in the file are added. ``ValidationError`` names every bad row."""
    _open(path, "sellers")
    problems: list[FieldError] = []
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    rows = 0
    with Table(path) as table:
        fields = Fields(
            table.headers, SELLER_HEADERS, ("legal_name", "country", "deposit_currency"),
            path, SELLERS_NEED,
        )  # fmt: skip
        for number, values in table.rows():
            rows += 1
            row = fields.row(values)
            data = _seller_input(row)
            brands = _optional(row, "brands", _brands) or ()
            if row.errors or data is None:
                problems += row.problems(number)
                continue
            try:
                clear = row.text("stores").strip().casefold() in NO_STORES
                outcome = _store_seller(
                    session, data, brands, as_of or date.today(), clear, set(fields.columns)
                )
            except ValidationError as exc:
                problems += _row_errors(exc, number)
                continue
            counts[outcome] += 1
    _refuse(problems)
    return Counts("seller(s)", rows, **counts, ignored_columns=fields.ignored)


def _seller_input(row: Cells) -> SellerInput | None:
    deposit = _optional(row, "deposit_amount", parse_amount)
    amount, written_currency = deposit if deposit else (Decimal("0"), None)
    currency = row.text("deposit_currency").upper()
    if written_currency and currency and written_currency != currency:
        row.errors.append(FieldError("deposit_amount", f"is in {written_currency}, not {currency}"))
    status = _optional(row, "status", lambda r: parse_choice(r, SellerStatus))
    deposit_status = _optional(row, "deposit_status", lambda r: parse_choice(r, DepositStatus))
    on_time = _optional(row, "on_time_shipment_pct", parse_decimal)
    disputes = _optional(row, "dispute_rate_pct", parse_decimal)
    rating = _optional(row, "rating", parse_decimal)
    if row.errors:
        return None
    return SellerInput(
        legal_name=row.text("legal_name"),
        local_name=row.text("local_name") or None,
        country=row.text("country"),
        deposit_currency=currency,
        deposit_amount=amount,
        status=status or SellerStatus.ACTIVE,
        deposit_status=deposit_status or DepositStatus.PAID,
        on_time_shipment_pct=on_time,
        dispute_rate_pct=disputes,
        rating=rating,
        notes=row.text("notes"),
        stores=_stores(row.text("stores")),
    )


def _store_seller(
    session: Session,
    data: SellerInput,
    brands: tuple[tuple[str, str], ...],
    as_of: date,
    clear_stores: bool = False,
    given: set[str] | None = None,
) -> str:
    existing = session.scalars(
        select(Seller)
        .where(Seller.legal_name == data.legal_name, Seller.country == data.country)
        .options(selectinload(Seller.stores))
    ).one_or_none()
    outcome = "added"
    if existing is None:
        seller_id = create_seller(session, data).id
    else:
        seller_id = existing.id
        if data.stores == () and existing.stores and not clear_stores:
            # A file without stores leaves the seller's stores as they are.
            data = replace(
                data, stores=tuple(StoreInput(s.name, s.url, s.shop_id) for s in existing.stores)
            )
        before = replace(seller_view(existing), version=0)
        # A column the file does not have leaves that field as it is: a file of deposits
        # alone must not wipe the scorecard measures, the notes or the local name.
        kept = {f: getattr(before, f) for f in KEPT_WITHOUT_COLUMN if given and f not in given}
        data = replace(data, **kept)
        after = replace(update_seller(session, seller_id, data), version=0)
        outcome = "changed" if after != before else "unchanged"
    have = set(
        session.execute(
            select(Agreement.reference, SellerBrand.brand)
            .join(Agreement, Agreement.id == SellerBrand.agreement_id)
            .where(SellerBrand.seller_id == seller_id)
        ).all()
    )
    for reference, brand in brands:
        agreement_id = session.scalar(select(Agreement.id).where(Agreement.reference == reference))
        if agreement_id is None:
            raise ValidationError([FieldError("brands", f"no agreement {reference!r}")])
        if (reference, brand) in have:
            continue
        try:
            link_brand(session, seller_id, agreement_id, brand, as_of=as_of)
        except ValidationError as exc:
            raise ValidationError([FieldError("brands", e.message) for e in exc.errors]) from None
        if outcome == "unchanged":
            outcome = "changed"
    return outcome


def import_violations(session: Session, path: Path) -> Counts:
    """Violations added to sellers already registered; a row already there (same seller,
    date, kind and description) is left alone. Deductions are checked row by row against
    what is left of the deposit, so two rows cannot together take more than there is."""
    _open(path, "violations")
    problems: list[FieldError] = []
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    rows = 0
    with Table(path) as table:
        fields = Fields(
            table.headers, VIOLATION_HEADERS, ("seller", "date", "kind", "severity"),
            path, VIOLATIONS_NEED,
        )  # fmt: skip
        for number, values in table.rows():
            rows += 1
            row = fields.row(values)
            seller_id = _seller_id(session, row)
            data = _violation_input(row)
            if row.errors or data is None or seller_id is None:
                problems += row.problems(number)
                continue
            if _already_there(session, seller_id, data):
                counts["unchanged"] += 1
                continue
            try:
                record_violation(session, seller_id, data)
            except ValidationError as exc:
                problems += _row_errors(exc, number)
                continue
            counts["added"] += 1
    _refuse(problems)
    return Counts("violation(s)", rows, **counts, ignored_columns=fields.ignored)


def _seller_id(session: Session, row: Cells) -> int | None:
    name, country = row.text("seller"), row.text("country").upper()
    if not name:
        row.errors.append(FieldError("seller", "blank"))
        return None
    if country:
        found = session.scalar(
            select(Seller.id).where(
                (Seller.legal_name == name) | (Seller.local_name == name), Seller.country == country
            )
        )
        if found is None:
            row.errors.append(FieldError("seller", f"no seller {name!r} in {country}"))
        return found
    try:
        return find_seller(session, name).id
    except NotFoundError as exc:
        row.errors.append(FieldError("seller", str(exc)))
        return None


def _violation_input(row: Cells) -> ViolationInput | None:
    occurred = row.parsed("date", parse_date)
    kind = row.parsed("kind", lambda r: parse_choice(r, ViolationKind))
    severity = row.parsed("severity", lambda r: parse_choice(r, Severity))
    status = _optional(row, "status", lambda r: parse_choice(r, ViolationStatus))
    penalty = _optional(row, "penalty", parse_amount)
    deduction = _optional(row, "deduction", parse_amount)
    if row.errors or occurred is None or kind is None or severity is None:
        return None
    penalty_amount, penalty_currency = penalty if penalty else (None, None)
    penalty_currency = row.text("penalty_currency").upper() or penalty_currency
    if penalty_amount is not None and not penalty_currency:
        row.errors.append(FieldError("penalty_currency", "a penalty needs its currency"))
        return None
    return ViolationInput(
        occurred_on=occurred,
        kind=ViolationKind(kind),
        severity=Severity(severity),
        description=row.text("description"),
        penalty=penalty_amount,
        penalty_currency=penalty_currency,
        deduction=deduction[0] if deduction else Decimal("0"),
        status=ViolationStatus(status) if status else ViolationStatus.OPEN,
    )


def _already_there(session: Session, seller_id: int, data: ViolationInput) -> bool:
    found = session.scalar(
        select(SellerViolation.id).where(
            SellerViolation.seller_id == seller_id,
            SellerViolation.occurred_on == data.occurred_on,
            SellerViolation.kind == data.kind,
            SellerViolation.description == data.description.strip(),
        )
    )
    return found is not None


def seller_records(session: Session) -> Iterator[dict[str, Any]]:
    """Every seller in the import's columns, so an export imports back unchanged."""
    sellers = session.scalars(
        select(Seller)
        .order_by(Seller.legal_name, Seller.country)
        .options(selectinload(Seller.stores), selectinload(Seller.brands))
    ).all()
    references = dict(session.execute(select(Agreement.id, Agreement.reference)).all())
    for s in sellers:
        yield {
            "legal_name": s.legal_name,
            "local_name": s.local_name,
            "country": s.country,
            "status": s.status.value,
            "deposit_amount": s.deposit_amount,
            "deposit_currency": s.deposit_currency,
            "deposit_status": s.deposit_status.value,
            "on_time_shipment_pct": s.on_time_shipment_pct,
            "dispute_rate_pct": s.dispute_rate_pct,
            "rating": s.rating,
            "stores": "; ".join(
                " | ".join(p for p in (st.name, st.url, st.shop_id)).rstrip(" |") for st in s.stores
            ),
            "brands": "; ".join(f"{references[b.agreement_id]}: {b.brand}" for b in s.brands),
            "notes": s.notes,
        }
