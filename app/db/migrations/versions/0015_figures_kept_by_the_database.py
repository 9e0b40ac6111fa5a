"""figures kept by the database: running totals of agreements (by status, type, currency,
operating model and end month; by status, partner and currency) and each KPI's newest
actual, kept by triggers so that the dashboard never scans a million rows

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-03 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.domain.types

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TALLY_KEY = "status, type, currency, operating_model, end_month"
PARTNER_KEY = "status, partner_id, currency"

# --- SQLite: row triggers. --------------------------------------------------------------
# An agreement counts under the operating model its brand_terms row holds *now* ('' while
# it has none). Every trigger moves one agreement from its key before the change to its
# key after it, so the totals always equal a recount, in whatever order an agreement and
# its terms are written or deleted (the delete is counted BEFORE the row goes, while a
# cascade has not yet taken its terms).
S_MODEL = "coalesce((SELECT operating_model FROM brand_terms WHERE id = {r}.id), '')"
S_MONTH = "substr({r}.end_date, 1, 7)"


def _s_add(r: str, sign: str) -> list[str]:
    model, month = S_MODEL.format(r=r), S_MONTH.format(r=r)
    return [
        f"INSERT INTO agreement_tallies ({TALLY_KEY}, agreements, value) "
        f"VALUES ({r}.status, {r}.type, {r}.currency, {model}, {month}, {sign}1, {sign}{r}.value) "
        f"ON CONFLICT ({TALLY_KEY}) DO UPDATE SET agreements = agreements + excluded.agreements,"
        " value = value + excluded.value",
        f"INSERT INTO partner_tallies ({PARTNER_KEY}, agreements, value) "
        f"VALUES ({r}.status, {r}.partner_id, {r}.currency, {sign}1, {sign}{r}.value) "
        f"ON CONFLICT ({PARTNER_KEY}) DO UPDATE SET agreements = agreements + excluded.agreements,"
        " value = value + excluded.value",
    ]


def _s_move_model(agreement_id: str, old_model: str, new_model: str) -> list[str]:
    """The agreement ``agreement_id`` (if it still exists) moves between models."""
    statements = []
    for model, sign in ((old_model, "-"), (new_model, "")):
        statements.append(
            f"INSERT INTO agreement_tallies ({TALLY_KEY}, agreements, value) "
            f"SELECT a.status, a.type, a.currency, {model}, substr(a.end_date, 1, 7), {sign}1,"
            f" {sign}a.value FROM agreements a WHERE a.id = {agreement_id} "
            f"ON CONFLICT ({TALLY_KEY}) DO UPDATE SET agreements = agreements + "
            "excluded.agreements, value = value + excluded.value"
        )
    return statements


def _s_trigger(name: str, when: str, statements: list[str]) -> str:
    body = ";\n    ".join(statements)
    return f"CREATE TRIGGER {name} {when} FOR EACH ROW BEGIN\n    {body};\nEND"


# The newest actual of a KPI: set on insert when it is the newest, looked up again when
# an actual is changed or removed (one step down the (kpi_id, period_end) unique index).
S_NEWEST = (
    "UPDATE kpi_definitions SET (latest_period_end, latest_value) = "
    "(SELECT period_end, value FROM kpi_actuals WHERE kpi_id = {k} "
    "ORDER BY period_end DESC LIMIT 1) WHERE id = {k}"
)
SQLITE_TRIGGERS = [
    _s_trigger("tally_agreement_insert", "AFTER INSERT ON agreements", _s_add("NEW", "")),
    _s_trigger(
        "tally_agreement_update",
        "AFTER UPDATE OF status, type, currency, end_date, value, partner_id ON agreements",
        _s_add("OLD", "-") + _s_add("NEW", ""),
    ),
    _s_trigger("tally_agreement_delete", "BEFORE DELETE ON agreements", _s_add("OLD", "-")),
    _s_trigger(
        "tally_brand_insert", "AFTER INSERT ON brand_terms",
        _s_move_model("NEW.id", "''", "NEW.operating_model"),
    ),
    _s_trigger(
        "tally_brand_update", "AFTER UPDATE OF operating_model ON brand_terms",
        _s_move_model("NEW.id", "OLD.operating_model", "NEW.operating_model"),
    ),
    _s_trigger(
        "tally_brand_delete", "AFTER DELETE ON brand_terms",
        _s_move_model("OLD.id", "OLD.operating_model", "''"),
    ),
    _s_trigger(
        "newest_actual_insert", "AFTER INSERT ON kpi_actuals",
        ["UPDATE kpi_definitions SET latest_period_end = NEW.period_end, latest_value = NEW.value"
         " WHERE id = NEW.kpi_id AND (latest_period_end IS NULL"
         " OR latest_period_end <= NEW.period_end)"],
    ),
    _s_trigger(
        "newest_actual_update", "AFTER UPDATE OF kpi_id, period_end, value ON kpi_actuals",
        [S_NEWEST.format(k="OLD.kpi_id"), S_NEWEST.format(k="NEW.kpi_id")],
    ),
    _s_trigger("newest_actual_delete", "AFTER DELETE ON kpi_actuals",
               [S_NEWEST.format(k="OLD.kpi_id")]),
]  # fmt: skip
SQLITE_TRIGGER_NAMES = [t.split()[2] for t in SQLITE_TRIGGERS]

# --- PostgreSQL: statement triggers over transition tables, so that an import or the demo
# load of a million rows updates each total once per statement, not once per row. The
# functions run as their owner (SECURITY DEFINER): a restricted editor's write keeps the
# totals right without being able to write them itself.
P_MODEL = "coalesce((SELECT b.operating_model FROM brand_terms b WHERE b.id = r.id), '')"
P_UPSERT = """
    INSERT INTO agreement_tallies ({key}, agreements, value)
    SELECT r.status, r.type, r.currency, {model}, to_char(r.end_date, 'YYYY-MM'),
           {sign}count(*), {sign}sum(r.value)
    FROM {rows} r GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT ({key}) DO UPDATE SET agreements = agreement_tallies.agreements
        + excluded.agreements, value = agreement_tallies.value + excluded.value;
    INSERT INTO partner_tallies ({pkey}, agreements, value)
    SELECT r.status, r.partner_id, r.currency, {sign}count(*), {sign}sum(r.value)
    FROM {rows} r GROUP BY 1, 2, 3
    ON CONFLICT ({pkey}) DO UPDATE SET agreements = partner_tallies.agreements
        + excluded.agreements, value = partner_tallies.value + excluded.value;
"""
P_MOVE = """
    INSERT INTO agreement_tallies ({key}, agreements, value)
    SELECT a.status, a.type, a.currency, {model}, to_char(a.end_date, 'YYYY-MM'),
           {sign}count(*), {sign}sum(a.value)
    FROM {rows} r JOIN agreements a ON a.id = r.id GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT ({key}) DO UPDATE SET agreements = agreement_tallies.agreements
        + excluded.agreements, value = agreement_tallies.value + excluded.value;
"""


def _p_add(rows: str, sign: str) -> str:
    return P_UPSERT.format(key=TALLY_KEY, pkey=PARTNER_KEY, model=P_MODEL, sign=sign, rows=rows)


def _p_move(rows: str, model: str, sign: str) -> str:
    return P_MOVE.format(key=TALLY_KEY, model=model, sign=sign, rows=rows)


def _p_function(name: str, body: str, returns: str = "NULL") -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"SET search_path = public AS $$\nBEGIN\n{body}\n    RETURN {returns};\nEND\n$$"
    )


P_NEWEST = """
    UPDATE kpi_definitions k SET latest_period_end = n.period_end, latest_value = n.value
    FROM (SELECT DISTINCT ON (x.kpi_id) x.kpi_id, a.period_end, a.value
          FROM (SELECT kpi_id FROM {rows}) x
          LEFT JOIN LATERAL (SELECT period_end, value FROM kpi_actuals
                             WHERE kpi_id = x.kpi_id ORDER BY period_end DESC LIMIT 1) a ON true
         ) n
    WHERE k.id = n.kpi_id;
"""
P_NEWEST_INSERT = """
    UPDATE kpi_definitions k SET latest_period_end = n.period_end, latest_value = n.value
    FROM (SELECT DISTINCT ON (kpi_id) kpi_id, period_end, value FROM new_rows
          ORDER BY kpi_id, period_end DESC) n
    WHERE k.id = n.kpi_id
      AND (k.latest_period_end IS NULL OR k.latest_period_end <= n.period_end);
"""
OLD_ROW = (
    "(SELECT OLD.id AS id, OLD.status AS status, OLD.type AS type, OLD.currency AS currency,"
    " OLD.end_date AS end_date, OLD.value AS value, OLD.partner_id AS partner_id)"
)
# Most updates change none of the keys (a title, a version): the old and new rows net out
# per key and only keys whose totals change are written, so editing agreements does not
# lock the totals' rows.
P_CHANGES = """
    (SELECT r.id, r.status, r.type, r.currency, r.end_date, r.partner_id, -1 AS n,
            -r.value AS value FROM old_rows r
     UNION ALL
     SELECT r.id, r.status, r.type, r.currency, r.end_date, r.partner_id, 1, r.value
     FROM new_rows r)
"""
P_UPDATE = f"""
    INSERT INTO agreement_tallies ({TALLY_KEY}, agreements, value)
    SELECT r.status, r.type, r.currency, {P_MODEL}, to_char(r.end_date, 'YYYY-MM'),
           sum(r.n), sum(r.value)
    FROM {P_CHANGES} r GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.n) <> 0 OR sum(r.value) <> 0
    ON CONFLICT ({TALLY_KEY}) DO UPDATE SET agreements = agreement_tallies.agreements
        + excluded.agreements, value = agreement_tallies.value + excluded.value;
    INSERT INTO partner_tallies ({PARTNER_KEY}, agreements, value)
    SELECT r.status, r.partner_id, r.currency, sum(r.n), sum(r.value)
    FROM {P_CHANGES} r GROUP BY 1, 2, 3 HAVING sum(r.n) <> 0 OR sum(r.value) <> 0
    ON CONFLICT ({PARTNER_KEY}) DO UPDATE SET agreements = partner_tallies.agreements
        + excluded.agreements, value = partner_tallies.value + excluded.value;
"""
# (function, trigger event, transition tables, body, level)
PG_TRIGGERS = [
    ("tally_agreement_insert", "AFTER INSERT ON agreements", "NEW TABLE AS new_rows",
     _p_add("new_rows", ""), "STATEMENT"),
    ("tally_agreement_update", "AFTER UPDATE ON agreements",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows", P_UPDATE, "STATEMENT"),
    # BEFORE, per row: a cascade from a deleted partner must not take the terms first.
    ("tally_agreement_delete", "BEFORE DELETE ON agreements", "",
     _p_add(OLD_ROW, "-"), "ROW"),
    ("tally_brand_insert", "AFTER INSERT ON brand_terms", "NEW TABLE AS new_rows",
     _p_move("new_rows", "''", "-") + _p_move("new_rows", "r.operating_model", ""), "STATEMENT"),
    ("tally_brand_update", "AFTER UPDATE ON brand_terms",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     _p_move("old_rows", "r.operating_model", "-") + _p_move("new_rows", "r.operating_model", ""),
     "STATEMENT"),
    ("tally_brand_delete", "AFTER DELETE ON brand_terms", "OLD TABLE AS old_rows",
     _p_move("old_rows", "r.operating_model", "-") + _p_move("old_rows", "''", ""), "STATEMENT"),
    ("newest_actual_insert", "AFTER INSERT ON kpi_actuals", "NEW TABLE AS new_rows",
     P_NEWEST_INSERT, "STATEMENT"),
    ("newest_actual_update", "AFTER UPDATE ON kpi_actuals",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     P_NEWEST.format(rows="old_rows") + P_NEWEST.format(rows="new_rows"), "STATEMENT"),
    ("newest_actual_delete", "AFTER DELETE ON kpi_actuals", "OLD TABLE AS old_rows",
     P_NEWEST.format(rows="old_rows"), "STATEMENT"),
]  # fmt: skip

# The totals as a recount gives them: the starting point, and what the tests compare with.
RECOUNT = f"""
INSERT INTO agreement_tallies ({TALLY_KEY}, agreements, value)
SELECT a.status, a.type, a.currency, coalesce(b.operating_model, ''), {{month}},
       count(*), sum(a.value)
FROM agreements a LEFT JOIN brand_terms b ON b.id = a.id GROUP BY 1, 2, 3, 4, 5
"""
RECOUNT_PARTNERS = f"""
INSERT INTO partner_tallies ({PARTNER_KEY}, agreements, value)
SELECT status, partner_id, currency, count(*), sum(value) FROM agreements GROUP BY 1, 2, 3
"""
NEWEST_NOW = """
UPDATE kpi_definitions SET (latest_period_end, latest_value) =
    (SELECT period_end, value FROM kpi_actuals WHERE kpi_id = kpi_definitions.id
     ORDER BY period_end DESC LIMIT 1)
WHERE id IN (SELECT kpi_id FROM kpi_actuals)
"""
GRANTS = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'partnerdesk_admin') THEN
        GRANT SELECT ON agreement_tallies, partner_tallies TO partnerdesk_viewer;
        GRANT ALL ON agreement_tallies, partner_tallies TO partnerdesk_admin WITH GRANT OPTION;
    END IF;
END
$$
"""


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    status = sa.Enum(
        "draft", "negotiation", "pending_approval", "active", "renewed", "expired",
        "terminated", name="agreementstatus", native_enum=False, length=32,
    )  # fmt: skip
    kind = sa.Enum(
        "brand", "logistics", "marketing", "payment", "platform",
        name="agreementtype", native_enum=False, length=32,
    )  # fmt: skip
    total = app.domain.types.ScaledDecimal(24, 2)
    op.create_table(
        "agreement_tallies",
        sa.Column("status", status, nullable=False),
        sa.Column("type", kind, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("operating_model", sa.String(length=32), nullable=False),
        sa.Column("end_month", sa.String(length=7), nullable=False),
        sa.Column("agreements", sa.Integer(), nullable=False),
        sa.Column("value", total, nullable=False),
        sa.PrimaryKeyConstraint(
            "status", "type", "currency", "operating_model", "end_month",
            name=op.f("pk_agreement_tallies"),
        ),
    )  # fmt: skip
    op.create_table(
        "partner_tallies",
        sa.Column("status", status, nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("agreements", sa.Integer(), nullable=False),
        sa.Column("value", total, nullable=False),
        sa.PrimaryKeyConstraint(
            "status", "partner_id", "currency", name=op.f("pk_partner_tallies")
        ),
    )
    with op.batch_alter_table("kpi_definitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latest_period_end", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("latest_value", app.domain.types.ScaledDecimal(18, 6), nullable=True)
        )
        batch_op.drop_index("ix_kpi_definitions_latest_attainment")
        batch_op.create_index(
            "ix_kpi_definitions_latest", ["latest_attainment", "latest_period_end"], unique=False
        )
    month = "to_char(a.end_date, 'YYYY-MM')" if postgres else "substr(a.end_date, 1, 7)"
    op.execute(RECOUNT.format(month=month))
    op.execute(RECOUNT_PARTNERS)
    op.execute(NEWEST_NOW)
    if postgres:
        for name, event, tables, body, level in PG_TRIGGERS:
            op.execute(_p_function(name, body, "OLD" if level == "ROW" else "NULL"))
            referencing = f"REFERENCING {tables} " if tables else ""
            table = event.split()[-1]
            op.execute(
                f"CREATE TRIGGER {name} {' '.join(event.split()[:3])} {table} "
                f"{referencing}FOR EACH {level} EXECUTE FUNCTION {name}()"
            )
        op.execute(GRANTS)
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        for name, event, *_ in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {event.split()[-1]}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("kpi_definitions", schema=None) as batch_op:
        batch_op.drop_index("ix_kpi_definitions_latest")
        batch_op.create_index(
            "ix_kpi_definitions_latest_attainment", ["latest_attainment"], unique=False
        )
        batch_op.drop_column("latest_value")
        batch_op.drop_column("latest_period_end")
    op.drop_table("partner_tallies")
    op.drop_table("agreement_tallies")
