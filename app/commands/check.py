"""``partnerdesk check``: integrity and schema version."""

from __future__ import annotations

import argparse

from app.commands.common import database
from app.errors import DatabaseError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="check integrity and schema version")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.services.integrity import check_database

    db = database(args)
    try:
        with db.session() as session:
            report = check_database(session)
    finally:
        db.dispose()
    if report.problems:
        raise DatabaseError(f"{db.description}: " + "; ".join(report.problems))
    print(
        f"{db.description}: ok — schema {report.schema_version}, "
        f"{report.partners:,} partners, {report.agreements:,} agreements"
    )
    return 0
