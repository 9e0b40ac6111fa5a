"""``partnerdesk approvals list|approve|reject|policy``: named approvers."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from app.commands.common import database
from app.domain.enums import AgreementType
from app.domain.text import for_terminal

if TYPE_CHECKING:
    from app.services.approvals import ApprovalState


def _amount(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("approvals", help="agreements waiting for approval; approve or reject")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="agreements waiting for approval")
    lst.add_argument("--mine", action="store_true", help="only those I may decide")
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(run=run_list)
    for name, needs_comment in (("approve", False), ("reject", True)):
        d = actions.add_parser(name, help=f"{name} an agreement waiting for approval")
        d.add_argument("reference", metavar="REF")
        d.add_argument("--comment", required=needs_comment, default="")
        d.set_defaults(run=run_decide, approve=not needs_comment)
    pol = actions.add_parser("policy", help="(admins) approvals needed from a value up")
    pol.add_argument("type", choices=["all", *(t.value for t in AgreementType)])
    pol.add_argument("--from", dest="min_value", type=_amount, required=True,
                     metavar="AMOUNT", help="in the base currency")  # fmt: skip
    pol.add_argument("--approvals", type=int, required=True)
    pol.add_argument("--admin", action="store_true", help="one approver must be an admin")
    pol.set_defaults(run=run_policy)


def _record(s: ApprovalState) -> dict[str, object]:
    need = s.requirement
    return {
        "reference": s.reference, "title": s.title, "author": s.author,
        "needs": need.approvals if need else 0,
        "admin_required": need.admin_required if need else False,
        "approved_by": [d.who for d in s.approvers],
        "rejected_by": s.rejection.who if s.rejection else None,
    }  # fmt: skip


def run_list(args: argparse.Namespace) -> int:
    from datetime import date

    from app.services.approvals import waiting

    db = database(args)
    try:
        with db.session() as session:
            states = waiting(session, date.today(), mine=args.mine)
    finally:
        db.dispose()
    records = [_record(s) for s in states]
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for r in records:
        have = ", ".join(r["approved_by"]) or "none"  # type: ignore[arg-type]
        print(for_terminal(f"{r['reference']}  {r['title']}  needs {r['needs']}, has {have}"))
    return 0


def run_decide(args: argparse.Namespace) -> int:
    from app.services.agreements import agreement_id_for_reference
    from app.services.approvals import decide
    from app.services.people import current_person

    db = database(args, create=True)
    try:
        with db.session() as session:
            current_person(session)  # on SQLite: the OS login is the file's admin
            agreement_id = agreement_id_for_reference(session, args.reference)
            state = decide(session, agreement_id, approve=args.approve, comment=args.comment)
    finally:
        db.dispose()
    verb = "approved" if args.approve else "rejected"
    print(for_terminal(f"{state.reference} {verb}; approvals on its terms: "
                       f"{', '.join(d.who for d in state.approvers) or 'none'}"))  # fmt: skip
    return 0


def run_policy(args: argparse.Namespace) -> int:
    from app.services.approvals import set_policy
    from app.services.settings import base_currency

    kind = None if args.type == "all" else AgreementType(args.type)
    db = database(args, create=True)
    try:
        with db.session() as session:
            set_policy(session, kind, args.min_value, args.approvals, admin_required=args.admin)
            base = base_currency(session)
    finally:
        db.dispose()
    admin = ", one of them an admin" if args.admin else ""
    count = f"{args.approvals} approval{'s' if args.approvals != 1 else ''}"
    print(f"{args.type} agreements from {base} {args.min_value:,.2f}: {count}{admin}")
    return 0
