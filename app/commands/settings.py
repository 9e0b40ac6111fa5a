"""``partnerdesk settings list|get|set|secret``: the database's shared settings.

Notification settings are declared in :mod:`app.services.notifications.config` (each
with its default and check); the company's and the base currency are the reports'.
Secrets are never settings: ``secret`` keeps them in the system keyring.
"""

from __future__ import annotations

import argparse
import sys

from app.commands.common import database

# Settings that are not the notifier's, with what a value may be (see ``_general``).
GENERAL = {
    "base_currency": ("CNY", "the currency portfolio totals are converted to (ISO 4217)"),
    "company_name": ("", "our company, as reports head their pages"),
    "company_address": ("", "our address, in the agreement report's parties block"),
    "company_registration_number": ("", "our registration number, in the same block"),
    "company_logo": ("", "a PNG or JPEG file printed on reports"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("settings", help="the settings everyone using the database shares")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="every setting, its value and what it is for")
    lst.set_defaults(run=run_list)
    get = actions.add_parser("get", help="one setting's value")
    get.add_argument("key")
    get.set_defaults(run=run_get)
    put = actions.add_parser("set", help="change a setting (an empty value: its default)")
    put.add_argument("key")
    put.add_argument("value")
    put.set_defaults(run=run_set)
    secret = actions.add_parser(
        "secret",
        help="keep the SMTP password or a webhook's signing secret in the system keyring",
        description="Reads the secret from a prompt (or from standard input when it is not a "
        "terminal); an empty secret forgets it. A scheduled job may use the environment "
        "instead: PARTNERDESK_SMTP_PASSWORD, PARTNERDESK_WEBHOOK_SECRET_<NAME>.",
    )
    secret.add_argument("what", metavar="smtp|webhook.NAME")
    secret.set_defaults(run=run_secret)


def _values(args: argparse.Namespace) -> dict[str, str]:
    from sqlalchemy import select

    from app.domain.models import Setting

    db = database(args)
    try:
        with db.session() as session:
            return {str(k): str(v) for k, v in session.execute(select(Setting.key, Setting.value))}
    finally:
        db.dispose()


def _known(key: str) -> tuple[str, str]:
    """(default, help) of ``key``; KeyError when there is no such setting."""
    from app.services.notifications.config import key_for

    if key in GENERAL:
        return GENERAL[key]
    k = key_for(key)
    return k.default, k.help


def run_list(args: argparse.Namespace) -> int:
    from app.domain.text import for_terminal
    from app.services.notifications.config import KEYS, WEBHOOK_PREFIX

    values = _values(args)
    keys = [*GENERAL, *(k.name for k in KEYS)]
    keys += sorted(k for k in values if k.startswith(WEBHOOK_PREFIX))
    for key in keys:
        default, about = _known(key)
        value = values.get(key) or ""
        shown = value if value else f"{default} (default)" if default else "(not set)"
        print(for_terminal(f"{key} = {shown}    # {about}"))
    return 0


def run_get(args: argparse.Namespace) -> int:
    try:
        default, _about = _known(args.key)
    except KeyError:
        return _unknown(args.key)
    print(_values(args).get(args.key) or default)
    return 0


def _unknown(key: str) -> int:
    print(f"partnerdesk: error: {key!r} is not a setting (see partnerdesk settings list)",
          file=sys.stderr)  # fmt: skip
    return 1


def run_set(args: argparse.Namespace) -> int:
    from app.services import settings
    from app.services.notifications import config

    try:
        _known(args.key)
    except KeyError:
        return _unknown(args.key)
    db = database(args, create=True)
    try:
        with db.session() as session:
            if args.key == "base_currency":
                settings.set_base_currency(session, args.value)
                stored = settings.base_currency(session)
            elif args.key in GENERAL:
                stored = args.value.strip()
                settings.set_setting(session, args.key, stored)
            else:
                stored = config.save(session, args.key, args.value)
    finally:
        db.dispose()
    print(f"{args.key} = {stored}" if stored else f"{args.key}: back to its default")
    return 0


def run_secret(args: argparse.Namespace) -> int:
    import getpass

    from app.services.notifications import secrets
    from app.services.notifications.config import Settings, load

    if args.what == "smtp":
        db = database(args)
        try:
            with db.session() as session:
                s: Settings = load(session)
        finally:
            db.dispose()
        host, user = s["notify.smtp.host"], s["notify.smtp.user"]
        if not host or not user:
            print("partnerdesk: error: set notify.smtp.host and notify.smtp.user first",
                  file=sys.stderr)  # fmt: skip
            return 1
        entry = secrets.smtp_entry(host, user)
    elif args.what.startswith("webhook.") and len(args.what) > len("webhook."):
        entry = secrets.webhook_entry(args.what.removeprefix("webhook."))
    else:
        print(f"partnerdesk: usage error: {args.what!r}: write smtp or webhook.NAME",
              file=sys.stderr)  # fmt: skip
        return 2
    if sys.stdin.isatty():
        value = getpass.getpass(f"secret for {entry} (empty: forget it): ")
    else:
        value = sys.stdin.readline().rstrip("\n")
    secrets.keep(entry, value)
    print(f"{entry}: kept in the system keyring" if value else f"{entry}: forgotten")
    return 0
