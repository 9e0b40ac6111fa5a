"""``partnerdesk demo``: fill a database with realistic, deterministic demo data."""

from __future__ import annotations

import argparse
import time

from app.commands.common import database
from app.errors import FieldError, ValidationError


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= n <= 1_000_000:
        raise argparse.ArgumentTypeError("choose between 0 and 1,000,000 agreements")
    return n


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="add demo partners and agreements")
    p.add_argument("--agreements", type=_count, default=300, metavar="N")
    p.add_argument("--seed", type=int, default=7, metavar="S")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.services.demo import load_demo
    from app.services.listing import count_agreements

    db = database(args, create=True)
    started = time.perf_counter()
    try:
        with db.session() as session:
            existing = count_agreements(session)
            if existing:
                # A second load would repeat the same seeded agreements under new numbers.
                raise ValidationError([FieldError(
                    "database",
                    f"{db.description} already holds {existing:,} agreements; demo data goes "
                    "into an empty database (choose a new --db file)",
                )])  # fmt: skip
            result = load_demo(session, args.agreements, args.seed)
    finally:
        db.dispose()
    print(
        f"added {result.agreements:,} agreements with {result.partners:,} partners to "
        f"{db.description} in {time.perf_counter() - started:.1f} s"
    )
    return 0
