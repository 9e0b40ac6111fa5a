"""red KPIs of live agreements kept: kpi_definitions.live_red_end (the newest actual's
period end while it is red and the agreement is live, else NULL) kept by triggers, and a
partial index the dashboard's red list walks newest first and stops after its limit;
milestones.agreement_live kept the same way, so the overdue list and tile read one index range

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

# The dashboard's "open" statuses (app.services.scope.DECISION_STATUSES): a KPI counts as
# red on the dashboard only while its agreement is in one of them.
LIVE = "('active', 'pending_approval')"
# What live_red_end should hold for KPI row {k} whose agreement has status {status}.
VALUE = (
    "CASE WHEN {k}.latest_attainment = 'red' AND {status} IN " + LIVE
    + " THEN {k}.latest_period_end END"
)  # fmt: skip
STATUS_OF = "(SELECT status FROM agreements WHERE id = {k}.agreement_id)"

# --- SQLite: row triggers. A KPI's own change (its attainment set by the service, its
# newest actual by 0015's triggers, a move to another agreement) recomputes its row; an
# agreement's status change recomputes its KPIs. The UPDATE OF lists leave live_red_end
# out, so a trigger's own write never fires one again.
S_KPI = (
    "UPDATE kpi_definitions SET live_red_end = "
    + VALUE.format(k="NEW", status=STATUS_OF.format(k="NEW"))
    + " WHERE id = NEW.id"
)
SQLITE_TRIGGERS = {
    "live_red_kpi_insert": f"AFTER INSERT ON kpi_definitions FOR EACH ROW BEGIN {S_KPI}; END",
    "live_red_kpi_update": (
        "AFTER UPDATE OF latest_attainment, latest_period_end, agreement_id ON kpi_definitions"
        f" FOR EACH ROW BEGIN {S_KPI}; END"
    ),
    "live_red_agreement_status": (
        "AFTER UPDATE OF status ON agreements FOR EACH ROW WHEN OLD.status IS NOT NEW.status"
        " BEGIN UPDATE kpi_definitions SET live_red_end = "
        + VALUE.format(k="kpi_definitions", status="NEW.status")
        + " WHERE agreement_id = NEW.id; END"
    ),
}

# --- PostgreSQL: the KPI's row is set BEFORE it is written; an agreement's status change
# rewrites its KPIs (that UPDATE leaves the BEFORE trigger's columns alone).
PG_FUNCTIONS = {
    "live_red_kpi": (
        "NEW.live_red_end := " + VALUE.format(k="NEW", status=STATUS_OF.format(k="NEW")) + ";",
        "NEW",
        "BEFORE INSERT OR UPDATE OF latest_attainment, latest_period_end, agreement_id"
        " ON kpi_definitions FOR EACH ROW",
    ),
    "live_red_agreement_status": (
        "UPDATE kpi_definitions SET live_red_end = "
        + VALUE.format(k="kpi_definitions", status="NEW.status")
        + " WHERE agreement_id = NEW.id;",
        "NULL",
        "AFTER UPDATE OF status ON agreements FOR EACH ROW"
        " WHEN (OLD.status IS DISTINCT FROM NEW.status)",
    ),
}

# --- Milestones: whether the agreement is live, kept on each milestone.
S_MILESTONE = (
    "UPDATE milestones SET agreement_live = coalesce((SELECT status IN " + LIVE
    + " FROM agreements WHERE id = NEW.agreement_id), false) WHERE id = NEW.id"
)  # fmt: skip
SQLITE_TRIGGERS |= {
    "live_milestone_insert": f"AFTER INSERT ON milestones FOR EACH ROW BEGIN {S_MILESTONE}; END",
    "live_milestone_update": (
        f"AFTER UPDATE OF agreement_id ON milestones FOR EACH ROW BEGIN {S_MILESTONE}; END"
    ),
    "live_milestone_agreement_status": (
        "AFTER UPDATE OF status ON agreements FOR EACH ROW WHEN OLD.status IS NOT NEW.status"
        f" BEGIN UPDATE milestones SET agreement_live = NEW.status IN {LIVE}"
        " WHERE agreement_id = NEW.id; END"
    ),
}
PG_FUNCTIONS |= {
    "live_milestone": (
        "NEW.agreement_live := coalesce((SELECT status IN " + LIVE
        + " FROM agreements WHERE id = NEW.agreement_id), false);",
        "NEW",
        "BEFORE INSERT OR UPDATE OF agreement_id ON milestones FOR EACH ROW",
    ),
    "live_milestone_agreement_status": (
        f"UPDATE milestones SET agreement_live = NEW.status IN {LIVE}"
        " WHERE agreement_id = NEW.id;",
        "NULL",
        "AFTER UPDATE OF status ON agreements FOR EACH ROW"
        " WHEN (OLD.status IS DISTINCT FROM NEW.status)",
    ),
}  # fmt: skip
MILESTONES_NOW = (
    "UPDATE milestones SET agreement_live = true"
    f" WHERE agreement_id IN (SELECT id FROM agreements WHERE status IN {LIVE})"
)

# Every KPI's value as the triggers would keep it: the start, and the bulk load's rebuild
# (app.db.derived repeats it).
RECOMPUTE = (
    "UPDATE kpi_definitions SET live_red_end = "
    + VALUE.format(k="kpi_definitions", status=STATUS_OF.format(k="kpi_definitions"))
    + " WHERE latest_attainment = 'red' OR live_red_end IS NOT NULL"
)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("kpi_definitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("live_red_end", sa.Date(), nullable=True))
    op.execute(RECOMPUTE)
    # Walked backwards it is the list's order (newest date, newest agreement, newest KPI
    # first), so the walk stops at its limit; only red KPIs of live agreements are in it,
    # so the count reads just those.
    op.create_index(
        "ix_kpi_definitions_live_red",
        "kpi_definitions",
        ["live_red_end", "agreement_id", "id"],
        postgresql_where=sa.text("live_red_end IS NOT NULL"),
        sqlite_where=sa.text("live_red_end IS NOT NULL"),
    )
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("agreement_live", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(MILESTONES_NOW)
    # Live agreements' open milestones in due order, in the index itself: the overdue
    # list stops at its limit, the tile counts a range, neither reads a row. It serves
    # every query the (status, due_date) index did that names the status.
    op.create_index(
        "ix_milestones_overdue", "milestones", ["status", "agreement_live", "due_date", "id"]
    )
    op.drop_index("ix_milestones_status_due_date", table_name="milestones")
    if postgres:
        for name, (body, returns, event) in PG_FUNCTIONS.items():
            op.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
                f"SET search_path = public AS $$\nBEGIN\n    {body}\n    RETURN {returns};\n"
                "END\n$$"
            )
            when, _, rest = event.partition(" ON ")
            op.execute(f"CREATE TRIGGER {name} {when} ON {rest} EXECUTE FUNCTION {name}()")
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        for name, (_body, _returns, event) in PG_FUNCTIONS.items():
            table = event.partition(" ON ")[2].split()[0]
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.create_index("ix_milestones_status_due_date", "milestones", ["status", "due_date"])
    op.drop_index("ix_milestones_overdue", table_name="milestones")
    op.drop_index("ix_kpi_definitions_live_red", table_name="kpi_definitions")
    # A plain DROP COLUMN (SQLite 3.35+): a batch copy of the table would trip over 0015's
    # triggers, which name kpi_definitions while it is renamed.
    op.execute("ALTER TABLE milestones DROP COLUMN agreement_live")
    op.execute("ALTER TABLE kpi_definitions DROP COLUMN live_red_end")
