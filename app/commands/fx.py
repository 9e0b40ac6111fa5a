"""``partnerdesk fx list|set|import``: the exchange rates every converted figure uses."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.commands.common import database, ignored_columns, refused_file
from app.errors import ValidationError

if TYPE_CHECKING:
    from app.services.fx import RateView

COLUMNS = ("currency", "base", "rate", "date", "source", "age_days", "status")
MAX_LISTED = 20  # problems printed for a refused file; the count of the rest follows


def _currency(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise argparse.ArgumentTypeError(f"{text!r} is not a three-letter currency code")
    return code


def _rate(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number (e.g. 7.1350)") from None
    if not value.is_finite() or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: the rate must be a positive number")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (write 2026-10-12)") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fx", help="exchange rates: list, set one, import a file")
    fx = p.add_subparsers(dest="fx_command", metavar="list|set|import", required=True)
    ls = fx.add_parser(
        "list",
        help="the stored rates, newest first per currency",
        description="Every stored rate with its status today: 'in force' (the rate converted "
        "figures use), 'stale' (in force but older than the warning age, fx_stale_days), "
        "'superseded' (a newer rate is in force) or 'scheduled' (dated after today).",
    )
    ls.add_argument("--currency", type=_currency, help="one currency's history")
    ls.add_argument("--format", choices=["table", "csv", "json"], default="table")
    ls.set_defaults(run=run_list)
    st = fx.add_parser("set", help="the rate of CUR in force from --date")
    st.add_argument("currency", type=_currency, metavar="CUR")
    st.add_argument("rate", type=_rate, metavar="RATE", help="units of base for one CUR")
    st.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD")
    st.add_argument("--source", default="manual", help="who published it: PBOC, ECB, ...")
    st.add_argument("--base", type=_currency, help="default: the base currency")
    st.set_defaults(run=run_set)
    im = fx.add_parser(
        "import",
        help="rates from a CSV/XLSX file (currency, rate, date, source), all or nothing",
        description="All or nothing: if any row has a problem, every problem is listed "
        "with its row and field and nothing is written. Importing a file again changes "
        "nothing.",
    )
    im.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx")
    im.add_argument("--source", default="", help="for rows whose source is blank")
    im.add_argument("--base", type=_currency, help="for rows without a base; default: the base")
    im.set_defaults(run=run_import)


def run_list(args: argparse.Namespace) -> int:
    from app.domain.fx import in_force_dates, rate_age, rate_status
    from app.services.fx import list_rates, stale_days
    from app.services.settings import base_currency

    db = database(args)
    try:
        with db.session() as session:
            base = base_currency(session)
            rates = list_rates(session, base, args.currency)
            limit = stale_days(session)
    finally:
        db.dispose()
    today = date.today()
    # Each rate as the treasurer reads it: in force (or stale: in force but too old),
    # superseded by a newer one, or scheduled for a later day.
    in_force = in_force_dates(((r.currency, r.effective_date) for r in rates), today)
    records = [
        _record(r, rate_age(r.effective_date, today),
                rate_status(r.effective_date, in_force.get(r.currency), today, limit))
        for r in rates
    ]  # fmt: skip
    from app.commands.listing import _write

    table = ("currency", "rate", "date", "source", "age_days", "status")
    _write(records, COLUMNS, table, args.format, sys.stdout)
    return 0


def _record(r: RateView, age: int, status: str) -> dict[str, Any]:
    return {
        "currency": r.currency,
        "base": r.base,
        "rate": format(r.rate.normalize(), "f"),  # exact: a string, never a float
        "date": r.effective_date.isoformat(),
        "source": r.source,
        "age_days": age,
        "status": status,
    }


def run_set(args: argparse.Namespace) -> int:
    from app.services.fx import set_rate
    from app.services.settings import base_currency

    db = database(args, create=True)
    try:
        with db.session() as session:
            base = args.base or base_currency(session)
            done = set_rate(session, args.currency, base, args.rate, args.date, args.source)
    finally:
        db.dispose()
    rate = format(args.rate.normalize(), "f")
    print(f"{done}: 1 {args.currency} = {rate} {base} from {args.date.isoformat()} "
          f"({args.source.strip()})")  # fmt: skip
    return 0


def run_import(args: argparse.Namespace) -> int:
    from app.services.fx_import import import_rates

    db = database(args, create=True)
    try:
        with db.session() as session:
            result = import_rates(session, args.file, source=args.source, base=args.base or "")
    except ValidationError as exc:
        return refused_file(args.file.name, exc.errors, MAX_LISTED)
    finally:
        db.dispose()
    ignored_columns(result.ignored_columns)
    print(result.summary())
    return 0
