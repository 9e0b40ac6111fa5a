"""``partnerdesk report agreement REF | portfolio | renewals --within DAYS | partner NAME``.

The PDF is written to a temporary file beside ``--out`` and moved into place only once
complete, so a failed or interrupted report never leaves half a PDF behind.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import database, day_count, enum_set
from app.domain.enums import AgreementStatus, AgreementType
from app.errors import FieldError, ValidationError

if TYPE_CHECKING:
    from app.reports import ReportData

# reporting.MAX_RENEWAL_DAYS and APPENDIX_CHOICES, repeated so that --help need not load
# the reports (tests/cli/test_commands.py keeps them equal).
MAX_RENEWAL_DAYS = 3660
APPENDIX_CHOICES = ("none", "top", "full")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="write a PDF report")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)

    def common(k: argparse.ArgumentParser) -> None:
        k.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
        k.add_argument("--lang", choices=["en", "zh"], default="en", help="report language")
        k.add_argument(
            "--as-of",
            type=_date,
            metavar="YYYY-MM-DD",
            help="date the figures and decisions are counted from (default: today)",
        )
        k.set_defaults(run=run)

    a = kinds.add_parser("agreement", help="one agreement's contract report")
    a.add_argument("reference")
    common(a)
    pf = kinds.add_parser("portfolio", help="the portfolio summary")
    pf.add_argument("--type", type=enum_set(AgreementType), help="brand,logistics,...")
    pf.add_argument("--status", type=enum_set(AgreementStatus), help="active,negotiation,...")
    pf.add_argument("--owner", help="internal owner")
    pf.add_argument(
        "--appendix",
        choices=APPENDIX_CHOICES,
        default="none",
        help="none (default): the summary only; top: the largest agreements in force; "
        "full: every agreement, by scope",
    )
    # Kept for scripts written before --appendix: the same as --appendix none.
    pf.add_argument("--no-appendix", action="store_true", help=argparse.SUPPRESS)
    pf.add_argument(
        "--xlsx",
        metavar="FILE.xlsx",
        help="also write the full list of the report's agreements as a spreadsheet",
    )
    common(pf)
    r = kinds.add_parser("renewals", help="decisions due within DAYS")
    r.add_argument("--within", type=day_count(MAX_RENEWAL_DAYS), required=True, metavar="DAYS")
    common(r)
    pa = kinds.add_parser("partner", help="one partner's dossier")
    pa.add_argument("name", help="legal or local name (a unique part of it will do)")
    common(pa)


def _data(args: argparse.Namespace) -> ReportData:
    from app.services import reporting

    db = database(args)
    try:
        with db.session() as s:
            if args.kind == "agreement":
                return reporting.agreement_report(s, args.reference, args.lang, args.as_of)
            if args.kind == "portfolio":
                return reporting.portfolio_report(
                    s,
                    args.lang,
                    args.as_of,
                    types=args.type or (),
                    statuses=args.status or (),
                    owner=args.owner,
                    appendix="none" if args.no_appendix else args.appendix,
                )
            if args.kind == "renewals":
                return reporting.renewal_report(s, args.within, args.lang, args.as_of)
            return reporting.partner_report(s, args.name, args.lang, args.as_of)
    finally:
        db.dispose()


def _write_xlsx(args: argparse.Namespace) -> None:
    """The portfolio's full agreement list, with the report's filters, as a spreadsheet."""
    from app.services.exporting import export_file
    from app.services.listing import AgreementFilter

    db = database(args)
    try:
        with db.session() as s:
            f = AgreementFilter(
                types=frozenset(args.type or ()),
                statuses=frozenset(args.status or ()),
                owner=args.owner.strip() if args.owner and args.owner.strip() else None,
            )
            result = export_file(s, args.xlsx, "agreements", agreement_filter=f)
    finally:
        db.dispose()
    print(f"wrote {result.path} ({result.rows:,} agreements)", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    import tempfile  # random, shutil, bz2, lzma: 10-15 ms that other commands need not pay

    from app.reports import render

    out = Path(args.out)
    if out.is_dir():
        raise ValidationError([FieldError("--out", f"{out} is a folder; name a .pdf file")])
    if not out.parent.exists():
        raise ValidationError([FieldError("--out", f"folder {out.parent} does not exist")])
    pdf = render(_data(args))
    if getattr(args, "xlsx", None):
        _write_xlsx(args)
    fd, tmp = tempfile.mkstemp(prefix=".partnerdesk-", suffix=".pdf", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
        Path(tmp).replace(out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"wrote {out} ({len(pdf):,} bytes)", file=sys.stderr)
    return 0
