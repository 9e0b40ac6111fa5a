"""``partnerdesk backup FILE`` and ``partnerdesk restore FILE [--force]``."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = sub.add_parser(
        "backup", help="copy the database to FILE (safe while the application is running)"
    )
    b.add_argument("file", type=Path, metavar="FILE")
    b.add_argument("--force", action="store_true", help="replace FILE if it exists")
    b.set_defaults(run=run_backup)

    r = sub.add_parser(
        "restore", help="replace the database with the backup in FILE, after checking it"
    )
    r.add_argument("file", type=Path, metavar="FILE")
    r.add_argument(
        "--force",
        action="store_true",
        help="replace a database that is not empty (its contents are copied aside first)",
    )
    r.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from app.db.engine import resolve_url
    from app.services.backup import back_up

    # No open_database(): a backup must not migrate or create anything; it copies bytes.
    info = back_up(resolve_url(args.db), args.file, overwrite=args.force)
    print(f"backed up to {info.describe()}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from app.db.engine import resolve_url
    from app.services.backup import restore

    result = restore(resolve_url(args.db), args.file, force=args.force)
    if result.safety_copy is not None:
        print(f"the previous contents were saved to {result.safety_copy}")
    print(f"restored {result.restored.describe()}")
    return 0
