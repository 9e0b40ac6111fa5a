"""``partnerdesk notify``: send each person the digest of what needs them, once.

Made for a scheduler (cron, a systemd timer, Windows Task Scheduler: docs/notifications.md).
Exit status 0 when every message went out (or there was nothing to send), 1 when one or
more could not be delivered: those are tried again on the next run.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.commands.common import database


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _kinds(text: str) -> frozenset[str]:
    # The kinds' names are spelled out here so that `--help` loads no service.
    allowed = ("decisions", "documents", "milestones", "kpis", "approvals")
    values = {v.strip() for v in text.split(",") if v.strip()}
    if not values or values - set(allowed):
        bad = ", ".join(sorted(values - set(allowed))) or text
        raise argparse.ArgumentTypeError(f"{bad!r}: choose from {', '.join(allowed)}")
    return frozenset(values)


def _lines(text: str) -> str:
    """A message for a terminal: each line made safe, the line breaks kept."""
    from app.domain.text import for_terminal

    return "\n".join(for_terminal(line) for line in text.split("\n"))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "notify",
        help="e-mail and chat digests of what is due (for a scheduler)",
        description="Send each owner the digest of what needs them: decisions within their "
        "window or overdue, documents expiring, milestones overdue, KPIs in red, approvals "
        "waiting. Each item is sent once per escalation step, so running it every hour is "
        "safe.",
    )
    p.add_argument("--dry-run", action="store_true", help="print what would be sent; send nothing")
    p.add_argument("--as-of", type=_date, metavar="DATE", help="the day to remind as of")
    p.add_argument("--only", type=_kinds, metavar="KINDS",
                   help="decisions,documents,milestones,kpis,approvals")  # fmt: skip
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from collections import Counter

    from app.domain.text import for_terminal
    from app.services.notifications.kinds import Kind
    from app.services.notifications.run import describe, notify

    today = args.as_of or date.today()
    only = frozenset(Kind(k) for k in args.only) if args.only else frozenset()
    # A dry run writes nothing, so it may read a database this login cannot change.
    db = database(args, create=not args.dry_run)
    try:
        report = notify(db.session, today, only, dry_run=args.dry_run,
                        say=lambda text: print(_lines(text)))  # fmt: skip
    finally:
        db.dispose()
    p = report.plan
    if p.quiet:
        print(f"{today.isoformat()} is a quiet day (notify.quiet_days): nothing sent")
        return 0
    if not p.email_on:
        print("e-mail is off: no SMTP server is set (notify.smtp.host)")
    unassigned = Counter(item.owner for item in p.unassigned)
    for owner, count in sorted(unassigned.items()):
        print(for_terminal(f"no one to tell about {count} item(s) owned by {owner!r}: not one "
                           "person in the register (partnerdesk people add)"))  # fmt: skip
    for person in p.unreachable:
        how = "no e-mail address" if p.email_on else "e-mail is off"
        print(for_terminal(f"{person.login} has items due and nothing reaches them ({how}, "
                           "no webhook)"))  # fmt: skip
    if args.dry_run:
        print(f"dry run: {len(p.deliveries)} message(s) would be sent, none was")
        return 0
    for d in report.sent:
        print(for_terminal(f"sent {describe(d)}: {d.count} item(s)"))
    for failure in report.failed:
        print(for_terminal(f"partnerdesk: warning: {failure.line()}"), file=sys.stderr)
    print(f"{len(report.sent)} message(s) sent, {len(report.failed)} failed")
    return 1 if report.failed else 0
