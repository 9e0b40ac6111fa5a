"""``partnerdesk people add|list|set-role|rename|deactivate|history``: the people register."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from app.commands.common import database
from app.domain.roles import Role
from app.domain.text import for_terminal
from app.errors import FieldError, ValidationError

if TYPE_CHECKING:
    from app.services.people import PersonView

COLUMNS = ("login", "name", "name_local", "email", "team", "role", "active")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("people", help="the people who use the database and their roles")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    roles = [r.value for r in Role]

    add = actions.add_parser("add", help="register a person")
    add.add_argument("login", help="the database login (on SQLite, the OS login)")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--name-local", help="display name in the local script (e.g. Chinese)")
    add.add_argument("--email", default="")
    add.add_argument("--team", default="")
    add.add_argument("--role", required=True, choices=roles)
    add.add_argument(
        "--create-login",
        action="store_true",
        help="PostgreSQL: also create the database login; its password comes from "
        "$PARTNERDESK_LOGIN_PASSWORD, else $PGPASSWORD, else a prompt",
    )
    add.set_defaults(run=run_add)

    lst = actions.add_parser("list", help="list the register")
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(run=run_list)

    role = actions.add_parser("set-role", help="change a person's role")
    role.add_argument("login")
    role.add_argument("role", choices=roles)
    role.set_defaults(run=run_set_role)

    rename = actions.add_parser(
        "rename",
        help="change a person's name (their agreements follow)",
        description="Change a person's name, and with --name-local their name in the local "
        'script ("" clears it). The change is in the person\'s history; the agreements '
        "they own show the new name in lists and reports.",
    )
    rename.add_argument("login")
    rename.add_argument("name", help="the new display name")
    rename.add_argument("--name-local", help="the new name in the local script (e.g. Chinese)")
    rename.set_defaults(run=run_rename)

    lang = actions.add_parser("set-language", help="the language of a person's reminders")
    lang.add_argument("login")
    lang.add_argument("language", choices=["en", "zh", "default"])
    lang.set_defaults(run=run_set_language)

    off = actions.add_parser("deactivate", help="a person who no longer uses the database")
    off.add_argument("login")
    off.set_defaults(run=run_deactivate)

    past = actions.add_parser("history", help="a person's history: who, when, field, old, new")
    past.add_argument("login")
    past.set_defaults(run=run_history)


def _record(p: PersonView) -> dict[str, object]:
    return {
        "login": p.login, "name": p.name, "name_local": p.name_local, "email": p.email,
        "team": p.team, "role": p.role.value, "active": p.active,
    }  # fmt: skip


def _line(p: PersonView) -> str:
    state = "" if p.active else "  (inactive)"
    team = f"  [{p.team}]" if p.team else ""
    email = f"  <{p.email}>" if p.email else ""
    return for_terminal(f"{p.login}  {p.display_name}{email}{team}  {p.role.value}{state}")


def new_password(login: str) -> str:
    """The new login's password: never on the command line, where ps would show it.

    PGPASSWORD is what libpq itself would use to connect, so it serves only when the
    admin's own password comes from the URL or the keyring (which take precedence);
    PARTNERDESK_LOGIN_PASSWORD avoids the ambiguity.
    """
    import getpass
    import os

    for name in ("PARTNERDESK_LOGIN_PASSWORD", "PGPASSWORD"):
        if os.environ.get(name):
            return os.environ[name]
    if not sys.stdin.isatty():
        raise ValidationError([FieldError(
            "password", "no password for the new login: set PARTNERDESK_LOGIN_PASSWORD "
            "or run the command in a terminal to type it"
        )])  # fmt: skip
    first = getpass.getpass(f"password for {login}: ")
    if not first or first != getpass.getpass(f"password for {login} again: "):
        raise ValidationError(
            [FieldError("password", "the two passwords were empty or differed; nothing done")]
        )
    return first


def run_add(args: argparse.Namespace) -> int:
    from app.services.people import add_person, current_person

    password = new_password(args.login) if args.create_login else None
    db = database(args, create=True)
    try:
        with db.session() as session:
            current_person(session)  # on SQLite: the OS login is the file's admin
            person = add_person(
                session, args.login, args.name, email=args.email, name_local=args.name_local,
                team=args.team, role=args.role, password=password,
            )  # fmt: skip
    finally:
        db.dispose()
    print(f"added {_line(person)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from app.services.people import list_people

    db = database(args)
    try:
        with db.session() as session:
            people = list_people(session)
    finally:
        db.dispose()
    if args.format == "json":
        json.dump([_record(p) for p in people], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for p in people:
            print(_line(p))
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    from app.services.people import current_person, set_role

    db = database(args, create=True)
    try:
        with db.session() as session:
            current_person(session)
            person = set_role(session, args.login, args.role)
    finally:
        db.dispose()
    print(_line(person))
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from app.services.people import KEEP, current_person, get_person, rename

    db = database(args, create=True)
    try:
        with db.session() as session:
            current_person(session)
            before = get_person(session, args.login).display_name
            local = KEEP if args.name_local is None else args.name_local
            after = rename(session, args.login, args.name, local).display_name
    finally:
        db.dispose()
    change = f"{before} → {after}" if after != before else f"{after}, unchanged"
    print(for_terminal(f"renamed {args.login}: {change}"))
    return 0


def run_deactivate(args: argparse.Namespace) -> int:
    from app.services.people import current_person, deactivate

    db = database(args, create=True)
    try:
        with db.session() as session:
            current_person(session)
            person = deactivate(session, args.login)
    finally:
        db.dispose()
    print(_line(person))
    return 0


def run_set_language(args: argparse.Namespace) -> int:
    from app.services.notifications.recipients import set_language

    language = "" if args.language == "default" else args.language
    db = database(args, create=True)
    try:
        with db.session() as session:
            set_language(session, args.login, language)
    finally:
        db.dispose()
    print(f"{args.login}'s reminders: {args.language}")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from app.services.audit import history
    from app.services.people import get_person

    db = database(args)
    try:
        with db.session() as session:
            entries = history(session, "person", get_person(session, args.login).id)
    finally:
        db.dispose()
    for e in entries:
        when = e.at.isoformat(timespec="seconds")
        change = f"{e.old_value if e.old_value is not None else '—'} → {e.new_value or '—'}"
        print(for_terminal(f"{when}  {e.who}  {e.field or e.action.value}: {change}"))
    return 0
