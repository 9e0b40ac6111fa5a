"""The list's ids taken from the driver are the service's ids, in the service's order."""

from __future__ import annotations

from datetime import date

import pytest

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.services.demo import load_demo
from app.services.listing import SORT_COLUMNS, AgreementFilter, agreement_ids
from ui.models.id_fetch import ids_through_driver

FILTERS = [
    AgreementFilter(),
    AgreementFilter(search="物流"),
    AgreementFilter(search="br-"),
    AgreementFilter(types=frozenset({AgreementType.LOGISTICS})),
    AgreementFilter(statuses=frozenset({AgreementStatus.ACTIVE}), expiring_within=365),
    AgreementFilter(search="no such agreement"),
]


def check_every_sort(database: Database) -> None:
    for f in FILTERS:
        for sort in SORT_COLUMNS:
            for descending in (False, True):
                with database.session() as s:
                    expected = agreement_ids(s, f, sort=sort, descending=descending)
                    got = ids_through_driver(
                        s,
                        lambda s, f=f, k=sort, d=descending: agreement_ids(  # type: ignore[misc]
                            s, f, sort=k, descending=d
                        ),
                    )
                assert got.tolist() == expected, (f, sort, descending)


def test_the_same_ids_in_the_same_order_on_sqlite(ui_db: Database) -> None:
    check_every_sort(ui_db)


@pytest.mark.postgres
def test_the_same_ids_in_the_same_order_on_postgresql(pg_db: Database) -> None:
    with pg_db.session() as s:
        load_demo(s, 40, seed=5, today=date(2026, 11, 26))
    check_every_sort(pg_db)


def test_a_query_that_is_not_one_statement_runs_as_it_is(ui_db: Database) -> None:
    def two_reads(s: object) -> list[int]:
        first = agreement_ids(s, sort="reference")  # type: ignore[arg-type]
        return first + agreement_ids(s, sort="value")  # type: ignore[arg-type]

    with ui_db.session() as s:
        got = ids_through_driver(s, two_reads)
        assert got.tolist() == two_reads(s)
        assert len(got) > 0


def test_a_short_search_reads_the_index_terms_for_real(ui_db: Database) -> None:
    # A one- or two-character search first looks its terms up in the text index (``all()``);
    # the recorder answered that look-up with nothing and the search failed.
    for text in ("物流", "BR"):
        f = AgreementFilter(search=text)
        with ui_db.session() as s:
            expected = agreement_ids(s, f, sort="reference", limit=5)
            got = ids_through_driver(
                s,
                lambda s, f=f: agreement_ids(s, f, sort="reference", limit=5),  # type: ignore[misc]
            )
        assert got.tolist() == expected and expected, text
