"""Two desks saving the same record: which records the losing desk read, and what changed.

PostgreSQL tells the second writer through the ORM's version check (``StaleDataError``);
SQLite refuses that writer's first statement outright (``SQLITE_BUSY_SNAPSHOT``: its
transaction read before the other desk committed). Either way the person should hear
the same thing: which record someone else changed, from which version to which. So each
session remembers the version of every versioned record it is about to write, and after
a refusal those versions are compared with what is stored now.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, event, inspect, select
from sqlalchemy.orm import Mapper, Session

from app.db.faults import first_line

_KEY = "partnerdesk.read_versions"


@dataclass(frozen=True, slots=True)
class Changed:
    label: str  # what the person calls the record: a reference or a name
    read_version: int
    now_version: int | None  # None: someone else deleted it


def track(session: Session) -> None:
    """Remember, at each flush, the versions this session read of what it writes."""
    event.listen(session, "before_flush", _remember_versions)


def _remember_versions(session: Session, _context: Any, _instances: Any) -> None:
    read: dict[tuple[type, tuple[Any, ...]], tuple[int, str]] = session.info.setdefault(_KEY, {})
    for obj in [*session.dirty, *session.deleted]:
        state = inspect(obj)
        mapper = state.mapper
        column = mapper.version_id_col
        if column is None or state.identity is None:
            continue
        key = mapper.get_property_by_column(column).key
        version = state.committed_state.get(key, state.dict.get(key))
        if isinstance(version, int):
            read.setdefault((mapper.base_mapper.class_, state.identity), (version, _label(state)))


def _label(state: Any) -> str:
    for attribute in ("reference", "legal_name", "name"):
        value = state.dict.get(attribute)
        if isinstance(value, str) and value:
            return value
    return f"{state.mapper.class_.__name__.lower()} {state.identity[0]}"


def changed_records(engine: Engine, session: Session) -> list[Changed]:
    """The records this session wrote whose stored version is no longer the one it read."""
    read: dict[tuple[type, tuple[Any, ...]], tuple[int, str]] = session.info.get(_KEY, {})
    changed: list[Changed] = []
    if not read:
        return changed
    with engine.connect() as conn:
        for (cls, identity), (version, label) in read.items():
            mapper: Mapper[Any] = inspect(cls)
            column = mapper.version_id_col
            if column is None:
                continue
            where = and_(*(c == v for c, v in zip(mapper.primary_key, identity, strict=True)))
            now = conn.scalar(select(column).where(where))
            if now != version:
                changed.append(Changed(label, version, now))
    return changed


def describe(changed: list[Changed]) -> str:
    first = changed[0]
    if first.now_version is None:
        what = f"{first.label} was deleted by someone else since you opened it"
    else:
        what = (
            f"{first.label} was changed by someone else since you opened it "
            f"(version {first.read_version}, now {first.now_version})"
        )
    more = f" (and {len(changed) - 1} more record(s))" if len(changed) > 1 else ""
    return f"{what}{more}; reload it and apply your edit again"


def lost_write_race(exc: BaseException, session: Session) -> bool:
    """SQLite refused this session's first write because another desk was writing."""
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", None)
    return name in {"SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT"} and bool(session.info.get(_KEY))


def wait_for_writers(engine: Engine) -> None:
    """Wait (up to the busy timeout) until no other desk holds SQLite's write lock."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("BEGIN IMMEDIATE")  # type: ignore[union-attr]
        raw.driver_connection.execute("ROLLBACK")  # type: ignore[union-attr]
    except sqlite3.Error:
        pass  # still locked after the busy timeout: the versions are compared as they are
    finally:
        raw.close()


def is_read_only_refusal(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
        return True
    text = first_line(exc).lower()
    return "read-only" in text or "readonly" in text
