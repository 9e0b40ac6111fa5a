"""``partnerdesk calendar FILE.ics [--owner LOGIN]``: decision dates for a calendar."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "calendar",
        help="write decision dates, end dates and milestones as an iCalendar file",
        description="Write the live agreements' decision dates, end dates and open milestones "
        "as all-day events with alarms (RFC 5545). UIDs are stable: importing the file again "
        "updates the events instead of adding copies.",
    )
    p.add_argument("file", metavar="FILE.ics", type=Path)
    p.add_argument("--owner", metavar="LOGIN", help="only agreements this person owns")
    p.add_argument("--lang", choices=["en", "zh"], default="en")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.domain.types import utcnow
    from app.services.notifications.calendar import events, ics
    from app.services.notifications.recipients import owned_by

    db = database(args)
    try:
        with db.session() as session:
            owned = owned_by(session, args.owner) if args.owner else None
            found = events(session, owned=owned, lang=args.lang)
    finally:
        db.dispose()
    args.file.write_bytes(ics(found, utcnow()))
    print(f"{len(found)} event(s) written to {args.file}")
    return 0
