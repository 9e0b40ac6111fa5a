"""``check``: is this database whole, and which schema version is it?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.db.migrate import head_revision
from app.domain.models import Agreement, Partner


@dataclass(frozen=True, slots=True)
class CheckReport:
    schema_version: str | None
    expected_version: str
    problems: tuple[str, ...]
    partners: int
    agreements: int

    @property
    def ok(self) -> bool:
        return not self.problems and self.schema_version == self.expected_version


def check_database(session: Session) -> CheckReport:
    problems: list[str] = []
    dialect = session.get_bind().dialect.name
    version = session.scalar(text("SELECT version_num FROM alembic_version"))
    if dialect == "sqlite":
        for (line,) in session.execute(text("PRAGMA integrity_check")):
            if line != "ok":
                problems.append(f"integrity: {line}")
        for row in session.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"broken link in {row[0]} row {row[1]} to {row[2]}")
    # The stored decision date must equal end - notice (it is indexed, so it must not drift).
    stale = 0
    rows = session.execute(
        select(Agreement.end_date, Agreement.notice_days, Agreement.decision_date)
    ).yield_per(5000)
    for end, notice, decision in rows:
        if end - timedelta(days=notice) != decision:
            stale += 1
    if stale:
        problems.append(f"{stale} agreement(s) whose decision date is not end date − notice")
    orphans = session.scalar(
        select(func.count())
        .select_from(Agreement)
        .where(~Agreement.partner_id.in_(select(Partner.id)))
    )
    if orphans:
        problems.append(f"{orphans} agreement(s) without their partner")
    return CheckReport(
        schema_version=version,
        expected_version=head_revision(),
        problems=tuple(problems),
        partners=session.scalar(select(func.count()).select_from(Partner)) or 0,
        agreements=session.scalar(select(func.count()).select_from(Agreement)) or 0,
    )
