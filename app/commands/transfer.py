"""``partnerdesk import`` and ``partnerdesk export``: spreadsheets in and out."""

from __future__ import annotations

import argparse
import codecs
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import database, ignored_columns, refused_file

if TYPE_CHECKING:
    from app.db import Database

MAX_LISTED = 200  # enough to fix a file by; the count says how many more there are


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="import agreements (and their partners) or partners from CSV or XLSX",
        description="All or nothing: if any row has a problem, every problem is listed "
        "and nothing is written. See docs/import-format.md.",
    )
    p.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
    p.add_argument(
        "--encoding",
        type=_encoding,
        help="CSV text encoding (default: detected; e.g. gbk, utf-8)",
    )
    p.add_argument("--sheet", help="XLSX sheet name (default: the first sheet)")
    p.add_argument(
        "--what",
        choices=["agreements", "partners", "kpi-actuals", "sellers", "violations"],
        help="default: from headers; kpi-actuals: reference, kpi, period, value; "
        "sellers: legal_name, country, deposit_currency, ...; violations: seller, date, "
        "kind, severity, ...",
    )
    p.set_defaults(run=run_import)

    e = sub.add_parser("export", help="export agreements, partners or sellers to CSV or XLSX")
    e.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx")
    e.add_argument("--what", choices=["agreements", "partners", "sellers"], default="agreements")
    e.set_defaults(run=run_export)


def _encoding(name: str) -> str:
    """A codec Python knows: a typo is wrong usage (exit 2), not a problem in the file."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding {name!r} (e.g. gbk, utf-8, big5)"
        ) from None
    return name


def run_import(args: argparse.Namespace) -> int:
    if args.what in ("kpi-actuals", "sellers", "violations"):
        return run_small_import(args)
    from app.services.importing import ImportOptions, import_file

    options = ImportOptions(
        encoding=args.encoding, sheet=args.sheet, kind=args.what, dry_run=args.dry_run
    )
    new_file = _new_sqlite_file(args)
    db = _import_database(args)
    try:
        with db.session() as session:
            report = import_file(session, args.file, options)
    except BaseException:
        db.dispose()
        _remove_database_file(new_file)
        raise
    db.dispose()
    if report.problems and not report.written:
        _remove_database_file(new_file)
    for column in report.ignored_columns:
        print(f"note: column {column!r} is not recognised and was ignored", file=sys.stderr)
    for note in report.notes[:MAX_LISTED]:
        print(f"note: {note}", file=sys.stderr)
    if len(report.notes) > MAX_LISTED:
        print(f"... and {len(report.notes) - MAX_LISTED} more note(s)", file=sys.stderr)
    for problem in report.problems[:MAX_LISTED]:
        # A problem of the file as a whole names no field.
        text = problem if problem.field else problem.message
        print(f"{args.file.name}: {text}", file=sys.stderr)
    if len(report.problems) > MAX_LISTED:
        print(f"... and {len(report.problems) - MAX_LISTED} more problem(s)", file=sys.stderr)
    print(report.summary())
    return 1 if report.problems else 0


def run_small_import(args: argparse.Namespace) -> int:
    """KPI actuals for agreements already there, sellers, or their violations: all or
    nothing, each problem a line."""
    from app.errors import ValidationError

    if args.what == "kpi-actuals":
        from app.services.kpi_actuals_import import import_kpi_actuals as import_rows
    elif args.what == "sellers":
        from app.services.sellers.transfer import import_sellers as import_rows
    else:
        from app.services.sellers.transfer import import_violations as import_rows

    db = _import_database(args)
    try:
        with db.session() as session:
            # A dry run checks and counts inside a savepoint it then rolls back.
            savepoint = session.begin_nested()
            try:
                result = import_rows(session, args.file)
            except BaseException:
                savepoint.rollback()
                raise
            if args.dry_run:
                savepoint.rollback()
            else:
                savepoint.commit()
    except ValidationError as exc:
        return refused_file(args.file.name, exc.errors, MAX_LISTED)
    finally:
        db.dispose()
    ignored_columns(result.ignored_columns)
    print(("dry run, nothing written: " if args.dry_run else "") + result.summary())
    return 0


def _new_sqlite_file(args: argparse.Namespace) -> Path | None:
    """The SQLite file this import would create, if there is none yet."""
    from app.db.engine import resolve_url

    url = resolve_url(args.db)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    path = Path(url.database)
    return None if path.exists() else path


def _remove_database_file(path: Path | None) -> None:
    """A refused import leaves no database behind that it created (an empty schema would
    look like a successful first import)."""
    if path is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _import_database(args: argparse.Namespace) -> Database:
    """The database to import into; for a dry run against a file that does not exist yet,
    an empty one in memory: the file would be created by the import, but not by a check."""
    from sqlalchemy.engine import URL

    from app.db import open_database
    from app.db.engine import resolve_url

    url = resolve_url(args.db)
    if (
        args.dry_run
        and url.get_backend_name() == "sqlite"
        and url.database not in (None, "", ":memory:")
        and (not Path(url.database).exists() or Path(url.database).stat().st_size == 0)
    ):
        return open_database(URL.create("sqlite+pysqlite", database=":memory:"))
    if args.dry_run:
        # A dry run writes and rolls back: it needs a writable connection, but must not
        # create or migrate anything.
        return open_database(args.db, create=False, migrate=False)
    return database(args, create=True)


def run_export(args: argparse.Namespace) -> int:
    from app.services.exporting import export_file

    db = database(args)
    try:
        with db.session() as session:
            result = export_file(session, args.file, args.what)
    finally:
        db.dispose()
    print(f"exported {result.rows:,} {result.what} to {result.path}")
    return 0
