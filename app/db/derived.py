"""What the database derives from agreements, rebuilt once after a bulk load instead of a
row at a time (``bulk.BULK_LOAD_HOOKS``).

Migrations 0014, 0015, 0021 and 0022 keep a full-text index (SQLite), running totals with
each KPI's newest actual, the dashboard's red KPIs, live milestones, minimum purchases and
approval queue (both engines) by triggers. Right for every write, but a million-row
demo load paid for them row by row (+63% and +65%). While ``bulk_load`` fills empty
tables, each hook here takes its triggers off the loaded tables and, on leaving, rebuilds
its structure from the loaded rows in one statement each and puts the triggers back, in
the load's transaction (an error rolls all of it back). What the rebuild gives equals
what the triggers would have kept: tests/services/test_demo_derived.py compares.

The triggers are read from the database and put back as it held them (SQLite: their
``CREATE`` text; PostgreSQL: disabled and enabled again), so a later migration's version
of them is what returns. PostgreSQL lets only a table's owner disable its triggers:
another login's load keeps them firing, which is slower but as right.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

# Trigger names by prefix: migration 0014's search triggers, 0015's totals and newest
# actual, 0021's red KPIs and milestones of live agreements, 0022's minimum purchases,
# approval requests.
SEARCH_TRIGGERS = ("agreement_search_",)
# (PostgreSQL's milestone trigger is "live_milestone" itself: with "live_milestone_" it
# kept firing, a look-up per milestone, during a load that recomputes them all after.)
FIGURE_TRIGGERS = (
    "tally_", "newest_actual_", "live_red_", "live_milestone", "purchase_tally_",
    "approval_request_",
)  # fmt: skip

_TALLY_KEY = "status, type, currency, operating_model, end_month"
_PARTNER_KEY = "status, partner_id, currency"
# The totals as a recount gives them (what migration 0015 starts from): an agreement under
# its brand terms' operating model, '' without; its end month 'YYYY-MM'.
_RECOUNT = f"""
INSERT INTO agreement_tallies ({_TALLY_KEY}, agreements, value)
SELECT a.status, a.type, a.currency, coalesce(b.operating_model, ''), {{month}},
       count(*), sum(a.value)
FROM agreements a LEFT JOIN brand_terms b ON b.id = a.id GROUP BY 1, 2, 3, 4, 5
"""
_RECOUNT_PARTNERS = f"""
INSERT INTO partner_tallies ({_PARTNER_KEY}, agreements, value)
SELECT status, partner_id, currency, count(*), sum(value) FROM agreements GROUP BY 1, 2, 3
"""
_MONTH = {"sqlite": "substr(a.end_date, 1, 7)", "postgresql": "to_char(a.end_date, 'YYYY-MM')"}
# Each KPI's newest actual; a KPI without actuals keeps what it was given (NULL), as the
# triggers leave it. This update and the two after it write only the rows whose kept value
# differs: the demo draws them as the triggers keep them, and rewriting every row of a
# table just loaded (a new version of each, its indexes built) was most of the rebuild:
# PostgreSQL at a million (2 shared cores, load 6) 24.7 s here, 9.5 s for the red KPIs and
# 83.8 s for the milestones, whose `agreement_id IN (subquery)` ran as a subplan rescanned
# per row. A join each now.
# (SQLite's bare column beside max() takes the values of the row holding the maximum:
# documented behaviour of a single min()/max() aggregate.)
_NEWEST = {
    "sqlite": """
UPDATE kpi_definitions SET latest_period_end = n.period_end, latest_value = n.value
FROM (SELECT kpi_id, max(period_end) AS period_end, value FROM kpi_actuals GROUP BY kpi_id) n
WHERE kpi_definitions.id = n.kpi_id AND (kpi_definitions.latest_period_end IS NOT n.period_end
      OR kpi_definitions.latest_value IS NOT n.value)
""",
    "postgresql": """
UPDATE kpi_definitions k SET latest_period_end = n.period_end, latest_value = n.value
FROM (SELECT DISTINCT ON (kpi_id) kpi_id, period_end, value FROM kpi_actuals
      ORDER BY kpi_id, period_end DESC) n
WHERE k.id = n.kpi_id AND (k.latest_period_end IS DISTINCT FROM n.period_end
      OR k.latest_value IS DISTINCT FROM n.value)
""",
}
_LIVE = "('active', 'pending_approval')"
# Each red KPI of a live agreement's newest date (what migration 0021's triggers keep).
_LIVE_RED_END = (
    f"CASE WHEN k.latest_attainment = 'red' AND a.status IN {_LIVE} THEN k.latest_period_end END"
)
_LIVE_RED = {
    "sqlite": f"""
UPDATE kpi_definitions SET live_red_end = n.live_red_end
FROM (SELECT k.id, {_LIVE_RED_END} AS live_red_end
      FROM kpi_definitions k JOIN agreements a ON a.id = k.agreement_id
      WHERE k.latest_attainment = 'red' OR k.live_red_end IS NOT NULL) n
WHERE kpi_definitions.id = n.id AND kpi_definitions.live_red_end IS NOT n.live_red_end
""",
    "postgresql": f"""
UPDATE kpi_definitions k SET live_red_end = {_LIVE_RED_END}
FROM agreements a
WHERE a.id = k.agreement_id AND (k.latest_attainment = 'red' OR k.live_red_end IS NOT NULL)
      AND k.live_red_end IS DISTINCT FROM {_LIVE_RED_END}
""",
}
# (A milestone's agreement always exists: its foreign key.)
_LIVE_MILESTONES = {
    "sqlite": f"""
UPDATE milestones SET agreement_live = n.live
FROM (SELECT id, status IN {_LIVE} AS live FROM agreements) n
WHERE n.id = milestones.agreement_id AND milestones.agreement_live IS NOT n.live
""",
    "postgresql": f"""
UPDATE milestones m SET agreement_live = a.status IN {_LIVE}
FROM agreements a
WHERE a.id = m.agreement_id AND m.agreement_live IS DISTINCT FROM (a.status IN {_LIVE})
""",
}
# Migration 0022's: minimum purchases of brand agreements, each agreement waiting for
# approval with its request time, its author and whether anybody decided on it.
_PURCHASES = """
INSERT INTO purchase_tallies (status, operating_model, currency, end_month, agreements, value)
SELECT a.status, b.operating_model, a.currency, {month}, count(*), sum(b.annual_minimum_purchase)
FROM brand_terms b CROSS JOIN agreements a -- brand terms first (SQLite keeps the order)
WHERE a.id = b.id AND a.type = 'brand' AND b.annual_minimum_purchase IS NOT NULL
GROUP BY 1, 2, 3, 4
"""
_NOT_AUTHORING = (
    "('approval', 'attachments', 'decision_date', 'description', 'kpis', 'milestones', "
    "'owner', 'reference', 'signed_date', 'status', 'title')"
)
_REQUESTS = f"""
INSERT INTO approval_requests (agreement_id, type, currency, value, reference, requested_at,
                               requested_by, decided)
SELECT a.id, a.type, a.currency, a.value, a.reference,
       coalesce((SELECT max(l.at) FROM audit_log l WHERE l.entity = 'agreement'
                 AND l.entity_id = a.id AND l.field = 'status'
                 AND l.new_value = 'pending_approval'), a.created_at),
       coalesce((SELECT l.actor FROM audit_log l WHERE l.entity = 'agreement'
                 AND l.entity_id = a.id AND (l.action = 'create' OR (l.field <> ''
                 AND l.field NOT IN {_NOT_AUTHORING})) ORDER BY l.at DESC, l.id DESC LIMIT 1), ''),
       EXISTS (SELECT 1 FROM approvals p WHERE p.agreement_id = a.id)
FROM agreements a WHERE a.status = 'pending_approval'
"""


def _triggers(connection: Connection, tables: frozenset[str], prefixes: tuple[str, ...]
              ) -> list[tuple[str, str, str]]:  # fmt: skip
    """(name, table, how to put it back) of the triggers named ``prefixes`` on ``tables``
    that this login may take off."""
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).all()
    elif connection.dialect.name == "postgresql":
        rows = connection.execute(
            text(
                "SELECT t.tgname, c.relname, '' FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND NOT t.tgisinternal "
                "AND t.tgenabled <> 'D' AND pg_has_role(c.relowner, 'USAGE') ORDER BY 1"
            )
        ).all()
    else:
        return []
    return [(name, table, sql) for name, table, sql in rows
            if table in tables and name.startswith(prefixes)]  # fmt: skip


@contextmanager
def _triggers_off(
    session: Session, tables: frozenset[str], prefixes: tuple[str, ...]
) -> Iterator[bool]:
    """The triggers named ``prefixes`` on ``tables`` off while inside; yields whether any
    were taken off (then the caller rebuilds what they keep)."""
    connection = session.connection()
    found = _triggers(connection, tables, prefixes)
    postgres = connection.dialect.name == "postgresql"
    for name, table, _sql in found:
        if postgres:
            connection.exec_driver_sql(f'ALTER TABLE "{table}" DISABLE TRIGGER "{name}"')
        else:
            connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield bool(found)
    session.flush()
    for name, table, sql in found:
        if postgres:
            connection.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE TRIGGER "{name}"')
        else:
            connection.exec_driver_sql(sql)


@contextmanager
def search_index(session: Session, tables: frozenset[str]) -> Iterator[None]:
    """SQLite's FTS5 index of agreements filled once from its view after the load.

    (PostgreSQL's trigram GIN indexes are plain secondary indexes: ``bulk_load`` builds
    them again itself.) All of the index's triggers on the loaded tables go, not only the
    insert's: an update's 'delete' of a row the index never took would corrupt it.
    """
    if "agreements" not in tables or session.connection().dialect.name != "sqlite":
        yield
        return
    with _triggers_off(session, tables, SEARCH_TRIGGERS) as off:
        yield
        if off:
            session.connection().exec_driver_sql(
                "INSERT INTO agreement_search(agreement_search) VALUES ('rebuild')"
            )


@contextmanager
def figures(session: Session, tables: frozenset[str]) -> Iterator[None]:
    """The running totals recounted, each KPI's newest actual found and the red KPIs and
    milestones of live agreements marked, once after the load."""
    connection = session.connection()
    dialect = connection.dialect.name
    loaded = {"agreements", "brand_terms", "kpi_actuals", "kpi_definitions", "milestones",
              "approvals"}  # fmt: skip
    if dialect not in _MONTH or not tables & loaded:
        yield
        return
    # The agreements' history lines are written beside them (not bulk loaded, but as
    # many): the approval requests they keep are rebuilt below with the rest.
    watched = tables | {"audit_log"} if "agreements" in tables else tables
    with _triggers_off(session, watched, FIGURE_TRIGGERS) as off:
        yield
        if off:
            connection.exec_driver_sql("DELETE FROM agreement_tallies")
            connection.exec_driver_sql("DELETE FROM partner_tallies")
            connection.exec_driver_sql(_RECOUNT.format(month=_MONTH[dialect]))
            connection.exec_driver_sql(_RECOUNT_PARTNERS)
            connection.exec_driver_sql(_NEWEST[dialect])
            connection.exec_driver_sql(_LIVE_RED[dialect])
            connection.exec_driver_sql(_LIVE_MILESTONES[dialect])
            connection.exec_driver_sql("DELETE FROM purchase_tallies")
            connection.exec_driver_sql(_PURCHASES.format(month=_MONTH[dialect]))
            connection.exec_driver_sql("DELETE FROM approval_requests")
            connection.exec_driver_sql(_REQUESTS)
