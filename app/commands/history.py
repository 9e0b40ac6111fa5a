"""``partnerdesk history REF``: who changed what in one agreement, newest first."""

from __future__ import annotations

import argparse
import json
import sys

from app.commands.common import database
from app.domain.text import for_terminal


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="an agreement's history: who, when, field, old, new")
    p.add_argument("reference", metavar="REF")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from app.services.agreements import agreement_id_for_reference
    from app.services.audit import agreement_history

    db = database(args)
    try:
        with db.session() as session:
            entries = agreement_history(
                session, agreement_id_for_reference(session, args.reference)
            )
    finally:
        db.dispose()
    records = [
        {
            "who": e.who,
            "login": e.actor,
            "when": e.at.isoformat(timespec="seconds"),
            "action": e.action.value,
            "field": e.field,
            "old": e.old_value,
            "new": e.new_value,
        }
        for e in entries
    ]
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for r in records:
        change = f"{r['old'] if r['old'] is not None else '—'} → {r['new'] or '—'}"
        what = r["field"] or r["action"]
        print(for_terminal(f"{r['when']}  {r['who']}  {what}: {change}"))
    return 0
