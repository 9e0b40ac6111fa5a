"""Engine, sessions and schema migrations.

The names below are loaded on first use, not with the package: ``partnerdesk list`` on
SQLite reads through ``app.db.sqlite_files`` and ``app.db.revisions`` and must not pay for
SQLAlchemy (0.4 s of imports) by touching the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Session is the type of what Database.session() yields: ui/ names it from here, since
    # only app/ imports SQLAlchemy.
    from sqlalchemy.orm import Session

    from app.db.engine import Database, default_database_path, open_database

__all__ = ["Database", "Session", "default_database_path", "open_database"]


def __getattr__(name: str) -> Any:
    if name == "Session":
        from sqlalchemy.orm import Session

        return Session
    if name in ("Database", "default_database_path", "open_database"):
        from app.db import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'app.db' has no attribute {name!r}")
