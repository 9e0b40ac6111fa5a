"""Two desks writing the same agreement, on SQLite and on PostgreSQL.

The second writer hears "changed by someone else" with the record and versions, as on
PostgreSQL; when each desk retries its edit on the record as it now is, no edit is lost.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import inspect

from app.db import Database, open_database
from app.errors import ConflictError, DatabaseError
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input

EDITS_PER_DESK = 20


@pytest.fixture
def desks(any_db: Database) -> Iterator[tuple[Database, Database]]:
    """Two desks with their own connections to one database."""
    first = any_db
    if not first.is_sqlite:
        # The edits below would wake autovacuum in the test database, whose worker the
        # fixture's DROP DATABASE ... WITH (FORCE) may not terminate as a non-superuser.
        with first.engine.begin() as conn:
            for table in inspect(conn).get_table_names():
                conn.exec_driver_sql(f'ALTER TABLE "{table}" SET (autovacuum_enabled = false)')
    second = open_database(first.url)
    yield first, second
    second.dispose()


def _agreement(db: Database) -> int:
    with db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        return create_agreement(s, agreement_input(p.id, value=Decimal("0.00"))).id


def test_the_second_writer_hears_what_changed(desks: tuple[Database, Database]) -> None:
    a, b = desks
    agreement_id = _agreement(a)
    with pytest.raises(ConflictError) as refused, b.session() as mine:
        opened = get_agreement(mine, agreement_id)  # desk B has the agreement open
        with a.session() as theirs:  # desk A saves first
            update_agreement(theirs, agreement_id, replace(opened.to_input(), title="Desk A"),
                             opened.version)  # fmt: skip
        update_agreement(mine, agreement_id, replace(opened.to_input(), title="Desk B"),
                         opened.version)  # fmt: skip
    assert str(refused.value) == (
        f"{opened.reference} was changed by someone else since you opened it "
        f"(version {opened.version}, now {opened.version + 1}); reload it and apply your "
        "edit again"
    )
    with a.session() as s:
        assert get_agreement(s, agreement_id).title == "Desk A"


def test_concurrent_edits_retried_on_conflict_lose_nothing(
    desks: tuple[Database, Database],
) -> None:
    agreement_id = _agreement(desks[0])
    conflicts: list[str] = []
    failures: list[BaseException] = []

    def desk(db: Database) -> None:
        done = 0
        while done < EDITS_PER_DESK:
            try:
                with db.session() as s:
                    view = get_agreement(s, agreement_id)
                    edit = replace(view.to_input(), value=view.value + 1)
                    update_agreement(s, agreement_id, edit, view.version)
                done += 1
            except ConflictError as exc:
                conflicts.append(str(exc))  # reload and apply the edit again
            except DatabaseError as exc:
                # SQLite: both desks reached for the lock at once and neither had changed
                # the agreement yet; the edit is simply tried again.
                if "another desk was saving at the same moment" not in str(exc):
                    failures.append(exc)
                    return

    threads = [threading.Thread(target=desk, args=(db,)) for db in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with desks[0].session() as s:
        assert get_agreement(s, agreement_id).value == Decimal(2 * EDITS_PER_DESK)
    assert all("was changed by someone else" in c for c in conflicts)
