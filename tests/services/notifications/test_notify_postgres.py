"""On a team's PostgreSQL database, an editor's login runs ``notify`` and writes the log."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, text

from app.db import Database, open_database
from app.domain.roles import Role
from app.services.notifications.log import sent_count
from app.services.notifications.run import notify
from app.services.people import add_person
from tests.conftest import TODAY
from tests.services.notifications.conftest import LI, build_desk, settle
from tests.services.notifications.servers import Mailbox, start_smtp

pytestmark = pytest.mark.postgres


@pytest.fixture
def notifier(pg_db: Database) -> Iterator[URL]:
    """A login registered as an editor: what a scheduled job would connect as."""
    login = f"pd_{uuid.uuid4().hex[:10]}_notify"
    admin = create_engine(pg_db.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD 'secret-{login}'"))
    with pg_db.session() as s:
        add_person(s, login, "Scheduled notifier", role=Role.EDITOR)
    try:
        yield pg_db.url.set(username=login, password=f"secret-{login}")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP ROLE {login}"))
        admin.dispose()


def test_an_editor_runs_notify_on_postgres(pg_db: Database, notifier: URL) -> None:
    build_desk(pg_db, Path("unused"))
    box = Mailbox()
    controller = start_smtp(box)
    job = open_database(notifier)
    try:
        settle(pg_db, **{"notify.smtp.host": "127.0.0.1", "notify.smtp.port": str(controller.port),
                         "notify.smtp.security": "none"})  # fmt: skip
        report = notify(job.session, TODAY, say=lambda _t: None)
        assert report.failed == ()
        assert len(report.sent) == 3 and len(box.to(LI)) == 1
        again = notify(job.session, TODAY, say=lambda _t: None)
        assert again.sent == () and len(box.messages) == 3
        with job.session() as s:
            assert sent_count(s) == sum(len(d.marks) for d in report.sent)
    finally:
        job.dispose()
        controller.stop()
