"""``partnerdesk team own-only on|off|show``: the team's rule on who changes what."""

from __future__ import annotations

import argparse

from app.commands.common import database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("team", help="the team's rules (row-level security on PostgreSQL)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    own = actions.add_parser(
        "own-only",
        help="(admins) editors change only agreements they or their team own: on, off, show",
    )
    own.add_argument("state", choices=["on", "off", "show"])
    own.set_defaults(run=run_own_only)


def run_own_only(args: argparse.Namespace) -> int:
    from app.services.team_rules import editors_change_own_only, set_editors_change_own_only

    db = database(args, create=args.state != "show")
    try:
        with db.session() as session:
            if args.state != "show":
                set_editors_change_own_only(session, args.state == "on")
            on = editors_change_own_only(session)
    finally:
        db.dispose()
    if on:
        print("editors change only agreements they or their team own")
    else:
        print("editors change any agreement")
    return 0
