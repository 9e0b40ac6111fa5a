"""What every sub-command shares: opening the database named by --db."""

from __future__ import annotations

import argparse

from app.db import Database, open_database


def database(args: argparse.Namespace, *, create: bool = False) -> Database:
    """The database for this command; read-only commands never create an empty one."""
    return open_database(args.db, create=create)
