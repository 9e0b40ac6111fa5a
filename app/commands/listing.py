"""``partnerdesk list agreements|partners|sellers``: the lists, as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from app.commands.common import database, day_count, enum_set
from app.domain.enums import AgreementStatus, AgreementType, PartnerRole
from app.domain.text import for_terminal
from app.errors import DatabaseError

if TYPE_CHECKING:
    from decimal import Decimal

    from app.services.listing_rows import AgreementFilter, AgreementRow, PartnerFilter, PartnerRow
    from app.services.sellers.rows import SellerRow

AGREEMENT_COLUMNS = (
    "reference", "title", "type", "partner", "partner_local_name", "owner", "status",
    "currency", "value", "signed_date", "start_date", "end_date", "notice_days",
    "decision_date", "auto_renew", "operating_model",
)  # fmt: skip
TABLE_COLUMNS = (
    "reference", "type", "status", "partner", "currency", "value", "decision_date", "title",
)  # fmt: skip
PARTNER_COLUMNS = (
    "legal_name", "local_name", "country", "status", "roles", "agreements",
)  # fmt: skip

SELLER_COLUMNS = (
    "legal_name", "local_name", "country", "status", "stores", "brands", "deposit_currency",
    "deposit_amount", "deposit_balance", "deposit_status", "violations_12m", "scorecard",
)  # fmt: skip
SELLER_TABLE_COLUMNS = (
    "legal_name", "country", "status", "deposit_currency", "deposit_balance",
    "deposit_status", "violations_12m", "scorecard",
)  # fmt: skip


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help="list agreements, partners or sellers")
    p.add_argument("what", choices=["agreements", "partners", "sellers"])
    p.add_argument("--type", type=enum_set(AgreementType), help="brand,logistics,...")
    p.add_argument("--status", type=enum_set(AgreementStatus), help="active,negotiation,...")
    p.add_argument("--partner", help="partner name (either script), part of it")
    p.add_argument("--owner", help="internal owner: name or login")
    p.add_argument(
        "--expiring-within",
        type=day_count(),
        metavar="DAYS",
        help="decision date from today to today + DAYS",
    )
    p.add_argument("--search", metavar="TEXT", help="reference, title or partner name")
    p.add_argument("--role", type=PartnerRole, choices=list(PartnerRole), help="(partners)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if _through_driver(args):
        return 0
    db = database(args)
    try:
        with db.session() as session:
            if args.what == "agreements":
                from app.services.listing import iter_agreements

                rows = iter_agreements(session, _agreement_filter(args))
                records = (_agreement_record(r) for r in rows)
                _write(records, AGREEMENT_COLUMNS, TABLE_COLUMNS, args.format, sys.stdout)
            elif args.what == "sellers":
                from app.services.sellers.register import list_sellers

                sellers = list_sellers(session)
                _write(
                    (_seller_record(r) for r in sellers),
                    SELLER_COLUMNS,
                    SELLER_TABLE_COLUMNS,
                    args.format,
                    sys.stdout,
                )
            else:
                # partner_listing, not partners: the record's rules and audit are not needed
                from app.services.partner_listing import list_partners

                partners = list_partners(session, _partner_filter(args))
                _write(
                    (_partner_record(p) for p in partners),
                    PARTNER_COLUMNS,
                    PARTNER_COLUMNS,
                    args.format,
                    sys.stdout,
                )
    finally:
        db.dispose()
    return 0


def _through_driver(args: argparse.Namespace) -> bool:
    """List agreements, partners or sellers through sqlite3 or psycopg alone; False:
    nothing was printed, use the ORM.

    A current database is read through its driver: SQLAlchemy's import would cost more
    than the whole answer. Decided before anything is printed.
    """
    from app.services import listing_driver

    conn = listing_driver.open_for_listing(args.db)
    if conn is None:
        return False
    from app.db.faults import explain, is_database_error

    try:
        try:
            if args.what == "agreements":
                rows = listing_driver.iter_agreements(conn, _agreement_filter(args))
                records = (_agreement_record(r) for r in rows)
                columns: tuple[Sequence[str], Sequence[str]] = (AGREEMENT_COLUMNS, TABLE_COLUMNS)
            elif args.what == "sellers":
                from app.services.seller_listing_driver import list_sellers

                sellers = list_sellers(conn)
                records = (_seller_record(r) for r in sellers)
                columns = (SELLER_COLUMNS, SELLER_TABLE_COLUMNS)
            else:
                from app.services.partner_listing_driver import list_partners

                partners = list_partners(conn, _partner_filter(args))
                records = (_partner_record(p) for p in partners)
                columns = (PARTNER_COLUMNS, PARTNER_COLUMNS)
        except Exception as exc:
            if listing_driver.is_server(conn) and is_database_error(exc):
                # A read the server refused (a login without a role): the ORM path's
                # session words it for the login's role.
                return False
            raise
        _write(records, *columns, args.format, sys.stdout)
    except Exception as exc:
        if not is_database_error(exc):
            raise
        # The sentence the ORM path's session gives, naming the database.
        raise DatabaseError(explain(listing_driver.where(args.db), exc)) from exc
    finally:
        conn.close()
    return True


def _agreement_filter(args: argparse.Namespace) -> AgreementFilter:
    from app.services.listing_rows import AgreementFilter

    return AgreementFilter(
        types=args.type or frozenset(),
        statuses=args.status or frozenset(),
        owner=args.owner,
        partner=args.partner,
        search=args.search,
        expiring_within=args.expiring_within,
    )


def _partner_filter(args: argparse.Namespace) -> PartnerFilter:
    from app.services.listing_rows import PartnerFilter

    return PartnerFilter(search=args.search or args.partner, role=args.role)


def _agreement_record(r: AgreementRow) -> dict[str, Any]:
    return {
        "reference": r.reference,
        "title": r.title,
        "type": r.type.value,
        "partner": r.partner_name,
        "partner_local_name": r.partner_local_name,
        "owner": r.owner,
        "status": r.status.value,
        "currency": r.currency,
        "value": format(r.value, "f"),  # exact: a string, never a float
        "signed_date": r.signed_date.isoformat() if r.signed_date else None,
        "start_date": r.start_date.isoformat(),
        "end_date": r.end_date.isoformat(),
        "notice_days": r.notice_days,
        "decision_date": r.decision_date.isoformat(),
        "auto_renew": r.auto_renew,
        "operating_model": r.operating_model.value if r.operating_model else None,
    }


def _partner_record(p: PartnerRow) -> dict[str, Any]:
    return {
        "legal_name": p.legal_name,
        "local_name": p.local_name,
        "country": p.country,
        "status": p.status.value,
        "roles": ",".join(r.value for r in p.roles),
        "agreements": p.agreement_count,
    }


def _seller_record(r: SellerRow) -> dict[str, Any]:
    from app.domain.money import minor_units, quantize

    def money(amount: Decimal) -> str:
        # As many places as the currency has: JPY 1250000, not 1250000.00.
        return format(quantize(amount, minor_units(r.deposit_currency)), "f")

    return {
        "legal_name": r.legal_name,
        "local_name": r.local_name,
        "country": r.country,
        "status": r.status.value,
        "stores": r.stores,
        "brands": ", ".join(r.brands),
        "deposit_currency": r.deposit_currency,
        "deposit_amount": money(r.deposit_amount),
        "deposit_balance": money(r.deposit_balance),
        "deposit_status": r.deposit_status.value,
        "violations_12m": r.violations_12m,
        "scorecard": r.scorecard.value,
    }


def _write(
    records: Iterable[dict[str, Any]],
    columns: Sequence[str],
    table_columns: Sequence[str],
    fmt: str,
    out: TextIO,
) -> None:
    if fmt == "json":
        # Streamed element by element: 100,000 agreements never sit in one string.
        out.write("[")
        for i, record in enumerate(records):
            out.write(",\n" if i else "\n")
            out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n]\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
    else:
        _table(list(records), table_columns, out)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal, combining and format characters none.
    return sum(
        0
        if unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def _cell(value: Any, limit: int = 40) -> str:
    # Stored text is data, not commands for the terminal: an ANSI escape in a title is
    # shown as \x1b[31m, never obeyed (CSV and JSON keep it exactly).
    text = "" if value is None else for_terminal(str(value).replace("\n", " "))
    if _width(text) > limit:
        while _width(text) > limit - 1:
            text = text[:-1]
        text += "…"
    return text


def _table(records: list[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    cells = [[_cell(r.get(c)) for c in columns] for r in records]
    widths = [max([_width(c), *(_width(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    right = {"value", "agreements", "deposit_balance", "violations_12m"}

    def line(values: Sequence[str]) -> str:
        parts = []
        for col, value, width in zip(columns, values, widths, strict=True):
            pad = " " * (width - _width(value))
            parts.append(pad + value if col in right else value + pad)
        return "  ".join(parts).rstrip()

    out.write(line(list(columns)) + "\n")
    out.write(line(["-" * w for w in widths]) + "\n")
    for row in cells:
        out.write(line(row) + "\n")
    out.write(f"({len(records)} rows)\n")
